using System.Globalization;

namespace IbPortal.Domain.Partnership;

/// <summary>
/// What the referral summary shows, in which order and under which words: one source for the printable page and the
/// Word document, so that both carry the same content.
/// </summary>
public static class ReferralSummaryLayout
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public const string NotFilledIn = "Niet ingevuld.";

    /// <summary>One of the four summary parts: a key (for tests and styling), its heading, and its text.</summary>
    public sealed record Part(string Key, string Heading, string? Text)
    {
        public string TextOrPlaceholder => string.IsNullOrWhiteSpace(Text) ? NotFilledIn : Text;
    }

    /// <summary>The summary parts, in order.</summary>
    public static IReadOnlyList<Part> Parts(ReferralSummary s) =>
    [
        new("support-question", "Hulpvraag", s.SupportQuestion),
        new("tried-and-effect", "Wat is al geprobeerd en met welk effect", s.TriedAndEffect),
        new("educational-needs", "Onderwijsbehoeften", s.EducationalNeeds),
        new("parents-view", "Visie van de ouders", s.ParentsView),
    ];

    /// <summary>The pupil block's rows: label and value.</summary>
    public static IReadOnlyList<(string Label, string Value)> PupilRows(ReferralSummary s) =>
    [
        ("Naam", s.PupilName),
        ("Geboortedatum", Day(s.DateOfBirth)),
        ("School", s.SchoolName),
        ("Groep", s.GroupName ?? "–"),
        ("Ondersteuningsniveau", PartnershipLabels.SupportLevelLabel(s.SupportLevel)),
    ];

    /// <summary>The request's details: label and value.</summary>
    public static IReadOnlyList<(string Label, string Value)> RequestRows(ReferralSummary s) =>
    [
        ("Soort aanvraag", s.Kind.Label()),
        ("Consulent / contactpersoon", string.IsNullOrWhiteSpace(s.ConsultantName) ? "–" : s.ConsultantName),
        (s.DateLabel, Day(s.Date)),
        ("Opgesteld door", s.DraftedBy),
    ];

    /// <summary>The small print at the end: what this is and is not.</summary>
    public static string FooterText(ReferralSummary s) =>
        $"Vertrouwelijk. Deze samenvatting is niet het volledige leerlingdossier. Gemaakt met IbPortal op {Day(DateOnly.FromDateTime(s.GeneratedAt))}.";

    /// <summary>"24 november 2026".</summary>
    public static string Day(DateOnly date) => Care.DutchDates.InDocument(date);
}
