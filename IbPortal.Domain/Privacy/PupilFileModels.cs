using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;

namespace IbPortal.Domain.Privacy;

/// <summary>Who the pupil is, as stored (after retention the name may be replaced, see <see cref="AnonymizedAt"/>).</summary>
public sealed record PupilIdentity(
    int Id,
    string FirstName,
    string? Infix,
    string LastName,
    string FullName,
    DateOnly DateOfBirth,
    DateTime? AnonymizedAt);

/// <summary>One enrolment: the pupil's place in a group of a school in a school year.</summary>
public sealed record PupilEnrolment(
    int Id,
    int GroupId,
    string GroupName,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    string SchoolYear,
    DateOnly EnrolledOn,
    DateOnly? LeftOn,
    bool IsCurrent);

/// <summary>One change in a concern's history.</summary>
public sealed record PupilConcernHistoryEntry(
    int Id,
    DateTime At,
    int ActorId,
    string ActorName,
    ConcernChange Change,
    ConcernStatus? FromStatus,
    ConcernStatus? ToStatus,
    string? Text,
    ConcernOutcome? Outcome);

/// <summary>A concern with every stored field and its full history (oldest change first).</summary>
public sealed record PupilConcern(
    int Id,
    int GroupId,
    string GroupName,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int AuthorId,
    string AuthorName,
    DevelopmentArea Area,
    SubAreas SubAreas,
    string Observation,
    string? Since,
    string? AlreadyTried,
    Urgency Urgency,
    ConcernStatus Status,
    string? NextStep,
    ConcernOutcome? Outcome,
    DateTime RaisedAt,
    DateTime? AcknowledgedAt,
    string? AcknowledgedByName,
    DateTime? ClosedAt,
    DateTime UpdatedAt,
    IReadOnlyList<PupilConcernHistoryEntry> History)
{
    public bool IsOpen => Status != ConcernStatus.Closed;
}

/// <summary>
/// The pupil file (leerlingdossier) as the current user may see it: identity, enrolments (newest first), the
/// concerns visible to the user (newest first), and every care record in date order (<see cref="Timeline"/>, newest
/// first). <see cref="CurrentSupportLevel"/> is the level at the current school (null when not enrolled there or not
/// visible); <see cref="CanManageCare"/> whether the user is the IB'er of the current school.
/// </summary>
public sealed record PupilFile(
    PupilIdentity Pupil,
    IReadOnlyList<PupilEnrolment> Enrolments,
    IReadOnlyList<PupilConcern> Concerns,
    string AccessRole,
    bool CanExportInzage,
    IReadOnlyList<Care.TimelineEntry> Timeline,
    int? CurrentSupportLevel,
    bool CanManageCare)
{
    /// <summary>The enrolment of today, if the pupil is enrolled.</summary>
    public PupilEnrolment? CurrentEnrolment => Enrolments.FirstOrDefault(e => e.IsCurrent);

    /// <summary>The current enrolment, else the latest one.</summary>
    public PupilEnrolment? LatestEnrolment => CurrentEnrolment ?? (Enrolments.Count > 0 ? Enrolments[0] : null);
}

/// <summary>Who produced an inzage export, and under which role at which school.</summary>
public sealed record InzageRequester(int StaffMemberId, string Name, string Role, int SchoolId, string SchoolName);

/// <summary>One entry of the audit trail about the pupil: who did what with the pupil's data, when, and under which role.</summary>
public sealed record InzageAccessEntry(
    long Id,
    DateTime At,
    int? StaffMemberId,
    string? StaffName,
    string Action,
    string Description,
    AuditRecordKind RecordKind,
    int? RecordId,
    string? Role,
    int? SchoolId,
    string? SchoolName,
    AuditOutcome Outcome);

/// <summary>
/// Everything stored about one pupil, for answering a parent's request for access (inzage, AVG art. 15): identity,
/// enrolments, concerns with their full history, every care record (discussions, plans, evaluations, parent
/// conversations, consents, reports, referrals), the guardians, and the audit of who viewed or changed the pupil's data.
/// Lists are newest first; a concern's history is oldest first.
/// </summary>
public sealed record InzageExport(
    DateTime GeneratedAt,
    InzageRequester GeneratedBy,
    PupilIdentity Pupil,
    IReadOnlyList<PupilEnrolment> Enrolments,
    IReadOnlyList<PupilConcern> Concerns,
    IReadOnlyList<InzageAccessEntry> AccessLog,
    IReadOnlyList<Care.TimelineEntry> CareRecords,
    IReadOnlyList<InzageGuardian> Guardians);

/// <summary>A parent or guardian as recorded by a school.</summary>
public sealed record InzageGuardian(int Id, int SchoolId, string Name, string? Relationship, string? Phone, string? Email,
    bool HasParentalAuthority, DateTime? ArchivedAt);
