namespace IbPortal.Domain.Parents;

/// <summary>The Dutch words for the parents' and consent vocabulary.</summary>
public static class ParentLabels
{
    public static string Label(this ConsentStatus status) => status switch
    {
        ConsentStatus.NotRequested => "Niet gevraagd",
        ConsentStatus.Requested => "Gevraagd",
        ConsentStatus.Given => "Gegeven",
        ConsentStatus.Refused => "Geweigerd",
        ConsentStatus.Withdrawn => "Ingetrokken",
        ConsentStatus.Expired => "Verlopen",
        _ => status.ToString(),
    };

    public static string Label(this ConsentMethod method) => method switch
    {
        ConsentMethod.SignedForm => "Ondertekend formulier",
        ConsentMethod.InConversation => "In een gesprek",
        ConsentMethod.Email => "Per e-mail",
        _ => method.ToString(),
    };

    public static string Label(this ExternalExpertReportKind kind) => kind switch
    {
        ExternalExpertReportKind.Observation => "Observatie",
        ExternalExpertReportKind.Assessment => "Onderzoek",
        _ => kind.ToString(),
    };
}
