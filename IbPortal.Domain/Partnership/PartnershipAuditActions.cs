namespace IbPortal.Domain.Partnership;

/// <summary>The audit action codes of this module, and their Dutch descriptions for the inzage export and audit search.</summary>
public static class PartnershipAuditActions
{
    public const string List = "referral.list";
    public const string Read = "referral.read";
    public const string Propose = "referral.propose";
    public const string Create = "referral.create";
    public const string Update = "referral.update";
    public const string Submit = "referral.submit";
    public const string Decide = "referral.decide";
    public const string Withdraw = "referral.withdraw";

    /// <summary>The referral summary read (printable page) or downloaded (Word document).</summary>
    public const string Export = "referral.export";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [List] = "Verwijzingen naar het samenwerkingsverband bekeken",
        [Read] = "Verwijzing naar het samenwerkingsverband bekeken",
        [Propose] = "Gegevens uit het dossier klaargezet voor een nieuwe verwijzing",
        [Create] = "Verwijzing naar het samenwerkingsverband opgesteld (concept)",
        [Update] = "Concept van een verwijzing gewijzigd",
        [Submit] = "Verwijzing ingediend bij het samenwerkingsverband",
        [Decide] = "Besluit van het samenwerkingsverband vastgelegd",
        [Withdraw] = "Verwijzing ingetrokken",
        [Export] = "Samenvatting van een verwijzing bekeken of gedownload",
    };
}
