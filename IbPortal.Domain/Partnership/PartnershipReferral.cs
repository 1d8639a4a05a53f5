using IbPortal.Domain.Care;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;

namespace IbPortal.Domain.Partnership;

/// <summary>What the school asks of the samenwerkingsverband.</summary>
public enum ReferralKind
{
    /// <summary>Consultation with a Passend Onderwijs consultant.</summary>
    Consultation = 1,

    /// <summary>Request for an arrangement (extra support funded by the samenwerkingsverband).</summary>
    ArrangementRequest = 2,

    /// <summary>Request for a toelaatbaarheidsverklaring (TLV) for special education.</summary>
    AdmissionStatementRequest = 3,
}

public enum ReferralStatus
{
    Draft = 1,
    Submitted = 2,
    Decided = 3,
    Withdrawn = 4,
}

public enum ReferralOutcome
{
    Granted = 1,
    Rejected = 2,
    AdviceGiven = 3,
}

/// <summary>
/// A referral to the samenwerkingsverband (Partnership). Drafted inside the school; submitting shares the pupil's
/// data with the samenwerkingsverband, which needs the parents' consent for that purpose.
/// </summary>
public class PartnershipReferral : IPupilCareRecord
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public ReferralKind Kind { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Draft;

    /// <summary>The summary's parts: the support question, what was tried and its effect, educational needs, the
    /// parents' view.</summary>
    public required string SupportQuestion { get; set; }
    public string? TriedAndEffect { get; set; }
    public string? EducationalNeeds { get; set; }
    public string? ParentsView { get; set; }

    /// <summary>The Passend Onderwijs consultant or contact at the samenwerkingsverband.</summary>
    public string? ConsultantName { get; set; }

    public DateOnly? SubmittedOn { get; set; }

    /// <summary>The sharing consent under which it was submitted.</summary>
    public int? ConsentId { get; set; }

    public DateOnly? DecidedOn { get; set; }
    public ReferralOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }

    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
