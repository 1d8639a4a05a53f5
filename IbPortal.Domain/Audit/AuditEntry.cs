namespace IbPortal.Domain.Audit;

/// <summary>What kind of record an audited action touched.</summary>
public enum AuditRecordKind
{
    Concern = 1,
    PupilFile = 2,
    AuditTrail = 3,
    Inzage = 4,
    RoleAssignment = 5,
    Retention = 6,
    Discussion = 7,
    ActionItem = 8,
    SupportLevel = 9,
    SupportPlan = 10,
    DevelopmentPlan = 11,
    Guardian = 12,
    ParentConversation = 13,
    Consent = 14,
    ExternalExpertReport = 15,
    Referral = 16,

    /// <summary>The IB'er's care agenda on "Mijn overzicht" (only refusals are recorded: it is a working view).</summary>
    CareAgenda = 17,

    ClassroomVisit = 18,
    CoachingGoal = 19,

    /// <summary>A teacher's support request (hulpvraag).</summary>
    SupportRequest = 20,

    /// <summary>A note about a pupil made during a classroom visit (pupil care).</summary>
    VisitPupilNote = 21,

    /// <summary>The board's kijkwijzer (no pupil data; its changes are audited as administration).</summary>
    ObservationCriteria = 22,

    /// <summary>Who was visited when at a school (no content).</summary>
    VisitCoverage = 23,

    /// <summary>The agenda of visits and discussions (a working view: only refusals are recorded).</summary>
    VisitAgenda = 24,

    /// <summary>A group's boat signal (counts of a group, no pupil data; its handling is audited).</summary>
    BoatSignal = 25,

    /// <summary>A school's quality goal with its actions, checks and adjustments (the PDCA cycle).</summary>
    QualityGoal = 26,
}

public enum AuditOutcome
{
    Allowed = 1,
    Refused = 2,
}

/// <summary>
/// One access to pupil-care data or one change: who, when, which record, which action, under which role and school.
/// Never the content itself. Append-only: nothing in the app updates or deletes an entry (the database refuses too).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The staff member, or null when nobody was signed in.</summary>
    public int? StaffMemberId { get; set; }

    /// <summary>The role under which access was granted (or attempted), e.g. "CareCoordinator".</summary>
    public string? Role { get; set; }

    public int? SchoolId { get; set; }

    /// <summary>A stable action code, e.g. "concern.read", "concern.acknowledge", "inzage.export".</summary>
    public required string Action { get; set; }

    public AuditRecordKind RecordKind { get; set; }
    public int? RecordId { get; set; }

    /// <summary>The pupil the record belongs to, so that the trail can be searched per pupil.</summary>
    public int? PupilId { get; set; }

    public AuditOutcome Outcome { get; set; }
}
