using IbPortal.Domain.Support;

namespace IbPortal.Domain.Parents;

// ---- Guardians ---------------------------------------------------------------------------------------------------

/// <summary>What the IB'er fills in for a guardian. Name and parental authority (yes/no) are required.</summary>
public sealed class GuardianInput
{
    public const int NameMaxLength = 200;
    public const int RelationshipMaxLength = 50;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 254;

    public string? Name { get; set; }
    public string? Relationship { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool? HasParentalAuthority { get; set; }
}

public sealed record GuardianItem(
    int Id,
    string Name,
    string? Relationship,
    string? Phone,
    string? Email,
    bool HasParentalAuthority,
    DateTime? ArchivedAt,
    int Version)
{
    public bool IsArchived => ArchivedAt is not null;
}

/// <summary>The guardians of a pupil at one school: current ones first (by name), archived ones last.</summary>
public sealed record GuardianList(int PupilId, int SchoolId, bool CanManage, bool CanAdd, IReadOnlyList<GuardianItem> Guardians);

// ---- Parent conversations ----------------------------------------------------------------------------------------

/// <summary>Planning a parent conversation: the date, both sides' expectations asked beforehand, the agenda.</summary>
public sealed class ConversationPlanInput
{
    public DateOnly? HeldOn { get; set; }
    public string? ParentExpectations { get; set; }
    public string? SchoolExpectations { get; set; }
    public string? Agenda { get; set; }
}

/// <summary>
/// The report of a parent conversation: what was discussed (required), the goals agreed (in words and as links to the
/// goals of the pupil's active plan) and the next date (after the conversation).
/// </summary>
public sealed class ConversationReportInput
{
    public DateOnly? HeldOn { get; set; }
    public string? Discussed { get; set; }
    public string? AgreedGoals { get; set; }
    public IReadOnlyCollection<int> GoalIds { get; set; } = [];
    public DateOnly? NextOn { get; set; }
}

public sealed record LinkedGoal(int GoalId, GoalKind Kind, string Description);

public sealed record ParentConversationItem(
    int Id,
    DateOnly HeldOn,
    string? ParentExpectations,
    string? SchoolExpectations,
    string? Agenda,
    string? Discussed,
    string? AgreedGoals,
    IReadOnlyList<LinkedGoal> LinkedGoals,
    DateOnly? NextOn,
    string RecordedByName,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>The report is recorded (what was discussed); before that the conversation is only planned.</summary>
    public bool IsRecorded => Discussed is not null;
}

/// <summary>A goal of the pupil's active HGW plan that a conversation can link to.</summary>
public sealed record PlanGoalOption(int GoalId, GoalKind Kind, string Description, DateOnly? ReviewOn);

/// <summary>A pupil's parent conversations at one school, newest first, and the active plan's goals to link.</summary>
public sealed record ParentConversationList(
    int PupilId,
    int SchoolId,
    bool CanManage,
    bool CanAdd,
    IReadOnlyList<ParentConversationItem> Conversations,
    IReadOnlyList<PlanGoalOption> PlanGoals);

// ---- Consent -----------------------------------------------------------------------------------------------------

/// <summary>
/// What a purpose's consent amounts to today: the latest record's state, with a given consent past its expiry date
/// shown as <see cref="Expired"/>; <see cref="NotRequested"/> without any record.
/// </summary>
public enum ConsentStatus
{
    NotRequested = 0,
    Requested = 1,
    Given = 2,
    Refused = 3,
    Withdrawn = 4,
    Expired = 5,
}

/// <summary>The parents' answer to a request.</summary>
public enum ConsentDecision
{
    Given = 1,
    Refused = 2,
}

/// <summary>Recording the parents' answer: which guardian (with parental authority), when, how, and an optional expiry.</summary>
public sealed class ConsentDecisionInput
{
    public ConsentDecision? Decision { get; set; }
    public int? GuardianId { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public ConsentMethod? Method { get; set; }

    /// <summary>Only for a given consent; after <see cref="DecidedOn"/>.</summary>
    public DateOnly? ExpiresOn { get; set; }
}

public sealed record ConsentItem(
    int Id,
    string Purpose,
    ConsentStatus Status,
    DateTime RequestedAt,
    string RequestedByName,
    string? Note,
    int? GuardianId,
    string? GuardianName,
    string? GuardianRelationship,
    DateOnly? DecidedOn,
    ConsentMethod? Method,
    DateOnly? ExpiresOn,
    DateOnly? WithdrawnOn,
    int Version);

/// <summary>One purpose: its current status, the latest record, earlier records (newest first) and what may be done now.</summary>
public sealed record PurposeConsent(
    ConsentPurpose Purpose,
    ConsentStatus Status,
    ConsentItem? Latest,
    IReadOnlyList<ConsentItem> Earlier,
    bool CanRequest,
    bool CanDecide,
    bool CanWithdraw)
{
    /// <summary>The steps this purpose unlocks are allowed today.</summary>
    public bool IsValid => Status == ConsentStatus.Given;
}

public sealed record GuardianOption(int Id, string Name, string? Relationship);

/// <summary>
/// The consents of a pupil at one school, one entry per purpose (configured purposes first, then purposes that are no
/// longer configured but were recorded), and the guardians who may answer (not archived, with parental authority).
/// </summary>
public sealed record ConsentOverview(
    int PupilId,
    int SchoolId,
    bool CanManage,
    bool CanAdd,
    IReadOnlyList<PurposeConsent> Purposes,
    IReadOnlyList<GuardianOption> GuardiansWithAuthority)
{
    public PurposeConsent? For(string purpose) => Purposes.FirstOrDefault(p => p.Purpose.Code == purpose);
}

// ---- External experts --------------------------------------------------------------------------------------------

/// <summary>An external expert's observation or assessment. All but the role are required.</summary>
public sealed class ExternalExpertReportInput
{
    public const int ExpertNameMaxLength = 200;
    public const int ExpertRoleMaxLength = 200;

    public ExternalExpertReportKind? Kind { get; set; }
    public string? ExpertName { get; set; }
    public string? ExpertRole { get; set; }
    public DateOnly? TookPlaceOn { get; set; }
    public string? Findings { get; set; }
}

public sealed record ExternalExpertReportItem(
    int Id,
    ExternalExpertReportKind Kind,
    string ExpertName,
    string? ExpertRole,
    DateOnly TookPlaceOn,
    string Findings,
    int ConsentId,
    DateOnly? ConsentGivenOn,
    string RecordedByName,
    DateTime RecordedAt);

/// <summary>A pupil's external observations and assessments at one school, newest first.</summary>
public sealed record ExternalExpertReportList(int PupilId, int SchoolId, bool CanRecord, IReadOnlyList<ExternalExpertReportItem> Reports);
