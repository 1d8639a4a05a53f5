using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Parents;

/// <summary>
/// Whether the parents' consent allows a step. Every service that takes a consent-bound step asks here, inside the
/// same context as the step, so the check and the step see the same data.
/// </summary>
public static class ConsentRules
{
    /// <summary>
    /// The consent for <paramref name="purpose"/> that is valid for the pupil at the school on <paramref name="date"/>
    /// (given, not expired, not withdrawn), or null. When several are valid, the one given last.
    /// </summary>
    public static async Task<Consent?> ValidConsentAsync(PortalDbContext db, int pupilId, int schoolId, string purpose, DateOnly date,
        CancellationToken ct)
    {
        var given = await db.Consents.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == schoolId && c.Purpose == purpose && c.State == ConsentState.Given)
            .ToListAsync(ct);
        return given.Where(c => c.IsValidOn(date)).OrderByDescending(c => c.DecidedOn).ThenByDescending(c => c.Id).FirstOrDefault();
    }

    /// <summary>What a step says when the consent it relied on changed while it was being saved.</summary>
    public const string ChangedMeanwhile =
        "De toestemming van de ouders is net gewijzigd (bijvoorbeeld ingetrokken). Bekijk het tabblad Toestemming en probeer het opnieuw; er is niets vastgelegd.";

    /// <summary>
    /// Marks <paramref name="consent"/> (as returned by <see cref="RequireAsync"/>) as relied on by a step saved with
    /// the same SaveChanges: its version rises, so a withdrawal or decision saved in the meantime makes the step's save
    /// fail as a concurrency conflict, instead of both being saved.
    /// </summary>
    public static void RelyOn(PortalDbContext db, Consent consent)
    {
        db.Consents.Attach(consent);
        consent.Version++;
    }

    /// <summary>
    /// The valid consent, or a <see cref="ConsentRequiredException"/> that says what is missing, in Dutch, and carries
    /// the latest state so the screen can offer the right next step.
    /// </summary>
    public static async Task<Consent> RequireAsync(PortalDbContext db, int pupilId, int schoolId, ConsentPurpose purpose, DateOnly date,
        CancellationToken ct)
    {
        if (await ValidConsentAsync(db, pupilId, schoolId, purpose.Code, date, ct) is { } valid)
            return valid;

        var latest = await db.Consents.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == schoolId && c.Purpose == purpose.Code)
            .OrderByDescending(c => c.RequestedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        throw new ConsentRequiredException(pupilId, schoolId, purpose, latest, date);
    }

    /// <summary>
    /// What a purpose's consent amounts to on <paramref name="date"/>, from its latest record (null: never requested).
    /// A given consent past its expiry date is <see cref="ConsentStatus.Expired"/>.
    /// </summary>
    public static ConsentStatus StatusOn(Consent? latest, DateOnly date) => latest switch
    {
        null => ConsentStatus.NotRequested,
        { State: ConsentState.Given } when latest.ExpiresOn < date => ConsentStatus.Expired,
        { State: ConsentState.Given } => ConsentStatus.Given,
        { State: ConsentState.Requested } => ConsentStatus.Requested,
        { State: ConsentState.Refused } => ConsentStatus.Refused,
        { State: ConsentState.Withdrawn } => ConsentStatus.Withdrawn,
        _ => ConsentStatus.NotRequested,
    };

    /// <summary>
    /// Consents awaiting the parents' answer ("toestemming gevraagd"). A request is refused while one is open, so a
    /// record in state Requested is always the latest of its pupil, school and purpose.
    /// </summary>
    public static IQueryable<Consent> Awaited(IQueryable<Consent> consents) =>
        consents.Where(c => c.State == ConsentState.Requested);
}

/// <summary>
/// A step that needs the parents' consent was refused because no valid consent exists for its purpose. The message
/// says what is missing; <see cref="LatestState"/> lets the screen offer to request it.
/// </summary>
public sealed class ConsentRequiredException : Access.DomainException
{
    public ConsentRequiredException(int pupilId, int schoolId, ConsentPurpose purpose, Consent? latest, DateOnly date)
        : base(MessageFor(purpose, latest, date))
    {
        PupilId = pupilId;
        SchoolId = schoolId;
        Purpose = purpose.Code;
        LatestConsentId = latest?.Id;
        LatestState = latest is null ? ConsentState.NotRequested : latest.State;
        IsExpired = latest is { State: ConsentState.Given } && !latest.IsValidOn(date);
    }

    public ConsentRequiredException() : base("Hiervoor is toestemming van de ouders nodig.") => Purpose = "";
    public ConsentRequiredException(string message) : base(message) => Purpose = "";
    public ConsentRequiredException(string message, Exception inner) : base(message, inner) => Purpose = "";

    public int PupilId { get; }
    public int SchoolId { get; }
    public string Purpose { get; }
    public int? LatestConsentId { get; }
    public ConsentState LatestState { get; }
    public bool IsExpired { get; }

    private static string MessageFor(ConsentPurpose purpose, Consent? latest, DateOnly date)
    {
        var need = $"Om {purpose.Blocks ?? "deze stap te zetten"} is toestemming van de ouders nodig voor ‘{purpose.Name}’.";
        var state = latest switch
        {
            null => "Die toestemming is nog niet gevraagd.",
            { State: ConsentState.Requested } => "Die toestemming is gevraagd, maar de ouders hebben nog niet geantwoord.",
            { State: ConsentState.Refused } => "De ouders hebben die toestemming geweigerd.",
            { State: ConsentState.Withdrawn } => "De ouders hebben die toestemming ingetrokken.",
            { State: ConsentState.Given } when latest.DecidedOn > date => "Die toestemming geldt pas vanaf een latere datum.",
            { State: ConsentState.Given } => "Die toestemming is verlopen.",
            _ => "Er is geen geldige toestemming.",
        };
        var next = latest is { State: ConsentState.Requested }
            ? "Leg het antwoord van de ouders vast op het tabblad Toestemming; er is nog niets vastgelegd."
            : "Vraag de ouders eerst om toestemming; er is nog niets vastgelegd.";
        return $"{need} {state} {next}";
    }
}
