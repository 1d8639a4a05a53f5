using IbPortal.Domain.Care;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;

namespace IbPortal.Domain.Parents;

/// <summary>
/// The state of a consent. <see cref="NotRequested"/> is never stored: it is what a purpose shows without any request.
/// </summary>
public enum ConsentState
{
    NotRequested = 0,
    Requested = 1,
    Given = 2,
    Refused = 3,
    Withdrawn = 4,
}

/// <summary>How the parents gave or refused consent.</summary>
public enum ConsentMethod
{
    SignedForm = 1,
    InConversation = 2,
    Email = 3,
}

/// <summary>
/// One request for the parents' consent for one purpose (toestemming), and what became of it. A new request after a
/// refusal, withdrawal or expiry is a new record, so the file keeps the whole story.
/// </summary>
public class Consent : IPupilCareRecord
{
    public const int NoteMaxLength = 1000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    /// <summary>A purpose code (<see cref="ConsentPurposes"/>).</summary>
    public required string Purpose { get; set; }

    public ConsentState State { get; set; } = ConsentState.Requested;

    public DateTime RequestedAt { get; set; }
    public int RequestedById { get; set; }

    /// <summary>The guardian who gave or refused (a guardian with parental authority).</summary>
    public int? GuardianId { get; set; }
    public Guardian? Guardian { get; set; }

    public DateOnly? DecidedOn { get; set; }
    public ConsentMethod? Method { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? Note { get; set; }

    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Given, and neither expired nor withdrawn, on <paramref name="date"/>.</summary>
    public bool IsValidOn(DateOnly date) =>
        State == ConsentState.Given && DecidedOn <= date && (ExpiresOn is null || ExpiresOn >= date);
}

/// <summary>An external expert's observation or assessment of a pupil; recorded only under a valid consent.</summary>
public enum ExternalExpertReportKind
{
    Observation = 1,
    Assessment = 2,
}

/// <summary>What an external expert (externe deskundige) observed or assessed, under the parents' consent.</summary>
public class ExternalExpertReport : IPupilCareRecord
{
    public const int FindingsMaxLength = 8000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public ExternalExpertReportKind Kind { get; set; }
    public required string ExpertName { get; set; }

    /// <summary>Profession and organisation, e.g. "orthopedagoog, Onderwijsadviesbureau".</summary>
    public string? ExpertRole { get; set; }

    public DateOnly TookPlaceOn { get; set; }
    public required string Findings { get; set; }

    /// <summary>The consent under which it was recorded.</summary>
    public int ConsentId { get; set; }
    public Consent? Consent { get; set; }

    public int RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
}
