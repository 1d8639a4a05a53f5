using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Parents;

/// <summary>A purpose parents can consent to; <see cref="Blocks"/> says which step waits for it (null: none).</summary>
public sealed record ConsentPurpose(string Code, string Name, string? Blocks);

/// <summary>
/// The purposes of consent: two built in, because the domain refuses steps without them, plus those configured
/// under <c>Care:ConsentPurposes</c> (code → Dutch name), which are recorded but block nothing.
/// </summary>
public sealed class ConsentPurposes(IOptions<CareOptions> options)
{
    /// <summary>An external expert observes or assesses the pupil (and support level 4 or higher).</summary>
    public const string ExternalExpert = "external-expert";

    /// <summary>The file is shared with the samenwerkingsverband (a referral is submitted).</summary>
    public const string PartnershipSharing = "partnership-sharing";

    public static readonly ConsentPurpose ExternalExpertPurpose = new(ExternalExpert, "Observatie of onderzoek door een externe deskundige",
        "een observatie of onderzoek door een externe deskundige vast te leggen, of naar ondersteuningsniveau 4 of hoger te gaan");

    public static readonly ConsentPurpose PartnershipSharingPurpose = new(PartnershipSharing, "Delen van het dossier met het samenwerkingsverband",
        "een aanvraag of consultatie bij het samenwerkingsverband in te dienen");

    public IReadOnlyList<ConsentPurpose> All { get; } =
    [
        ExternalExpertPurpose,
        PartnershipSharingPurpose,
        .. options.Value.ConsentPurposes
            .Where(p => p.Key is not (ExternalExpert or PartnershipSharing) && !string.IsNullOrWhiteSpace(p.Value))
            .OrderBy(p => p.Value, StringComparer.CurrentCulture)
            .Select(p => new ConsentPurpose(p.Key, p.Value, null)),
    ];

    public ConsentPurpose? Find(string code) => All.FirstOrDefault(p => p.Code == code);

    /// <summary>The Dutch name, or the code itself for a purpose no longer configured.</summary>
    public string NameOf(string code) => Find(code)?.Name ?? code;
}

/// <summary>Options of the pupil-care module (<c>Care</c> section).</summary>
public sealed class CareOptions
{
    public const string Section = "Care";

    /// <summary>Extra consent purposes, code → Dutch name (e.g. "foto-video": "Foto's en video voor coaching").</summary>
    public Dictionary<string, string> ConsentPurposes { get; set; } = [];

    /// <summary>How many days ahead a review or evaluation date counts as "due" on the dashboard.</summary>
    public int DueWithinDays { get; set; } = 14;
}
