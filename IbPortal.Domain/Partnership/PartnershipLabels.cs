namespace IbPortal.Domain.Partnership;

/// <summary>The Dutch words for the samenwerkingsverband vocabulary.</summary>
public static class PartnershipLabels
{
    public static string Label(this ReferralKind kind) => kind switch
    {
        ReferralKind.Consultation => "Consultatie van een Passend Onderwijs-consulent",
        ReferralKind.ArrangementRequest => "Aanvraag arrangement",
        ReferralKind.AdmissionStatementRequest => "Aanvraag toelaatbaarheidsverklaring (TLV)",
        _ => kind.ToString(),
    };

    /// <summary>A short word for chips and compact rows.</summary>
    public static string ShortLabel(this ReferralKind kind) => kind switch
    {
        ReferralKind.Consultation => "Consultatie",
        ReferralKind.ArrangementRequest => "Arrangement",
        ReferralKind.AdmissionStatementRequest => "TLV",
        _ => kind.ToString(),
    };

    public static string Label(this ReferralStatus status) => status switch
    {
        ReferralStatus.Draft => "Concept",
        ReferralStatus.Submitted => "Ingediend",
        ReferralStatus.Decided => "Besluit genomen",
        ReferralStatus.Withdrawn => "Ingetrokken",
        _ => status.ToString(),
    };

    public static string Label(this ReferralOutcome outcome) => outcome switch
    {
        ReferralOutcome.Granted => "Toegekend",
        ReferralOutcome.Rejected => "Afgewezen",
        ReferralOutcome.AdviceGiven => "Advies gegeven",
        _ => outcome.ToString(),
    };

    /// <summary>"3 · speciale ondersteuning met de intern begeleider": the level with what it means.</summary>
    public static string SupportLevelLabel(int level) => $"{level} · {Support.SupportLabels.LevelName(level).ToLower(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))}";
}
