using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Discussions;

/// <summary>
/// What the IB'er fills in to schedule a discussion. Date and time are local (the schools' time zone). For a pupil
/// discussion <see cref="PupilIds"/> names one or more pupils of the group; a group discussion covers every pupil
/// enrolled in the group today and ignores it. Without a teacher the group's teacher is taken.
/// </summary>
public sealed record DiscussionDraft
{
    public DiscussionKind? Kind { get; init; }
    public int? GroupId { get; init; }
    public DateOnly? Date { get; init; }
    public TimeOnly? Time { get; init; }
    public int? TeacherId { get; init; }
    public IReadOnlyCollection<int> PupilIds { get; init; } = [];
}

/// <summary>What the scheduling form offers the IB'er: this school year's groups at their care schools, and teachers.</summary>
public sealed record DiscussionScheduleOptions(
    IReadOnlyList<ScheduleGroupOption> Groups,
    IReadOnlyList<StaffOption> Teachers,
    DateOnly Today);

public sealed record ScheduleGroupOption(
    int GroupId,
    string Name,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int? DefaultTeacherId,
    IReadOnlyList<PupilNameOption> Pupils);

public sealed record PupilNameOption(int PupilId, string FullName);

/// <summary>A staff member to choose (teacher of a discussion, owner of an action item) at one school.</summary>
public sealed record StaffOption(int StaffMemberId, string DisplayName, int SchoolId);

/// <summary>An agenda item the proposal suggests: from an open concern or a due evaluation of a plan goal.</summary>
public sealed record ProposedAgendaItem(string Text, AgendaSource Source, int PupilId, int? ConcernId, int? GoalId);

/// <summary>A discussion as lists show it. <see cref="ScheduledLocal"/> is in the schools' time zone.</summary>
public sealed record DiscussionSummary(
    int Id,
    DiscussionKind Kind,
    DiscussionStatus Status,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int GroupId,
    string GroupName,
    DateTime ScheduledAt,
    DateTime ScheduledLocal,
    int CoordinatorId,
    string CoordinatorName,
    int TeacherId,
    string TeacherName,
    IReadOnlyList<PupilNameOption> Pupils,
    int AgendaItems,
    int OpenActionItems)
{
    public DateOnly Date => DateOnly.FromDateTime(ScheduledLocal);
}

/// <summary>
/// The IB'er's or teacher's discussions, in the buckets of the list page: planned this week (Monday to Sunday),
/// planned later, planned on an earlier day but not yet marked held ("nog vast te leggen"), held (most recent first)
/// and cancelled.
/// </summary>
public sealed record DiscussionOverview(
    IReadOnlyList<DiscussionSummary> ThisWeek,
    IReadOnlyList<DiscussionSummary> Later,
    IReadOnlyList<DiscussionSummary> ToRecord,
    IReadOnlyList<DiscussionSummary> Held,
    IReadOnlyList<DiscussionSummary> Cancelled,
    IReadOnlyList<SchoolOption> Schools,
    bool CanSchedule,
    DateOnly Today);


public sealed record SchoolOption(int SchoolId, string Name, string ShortName, string Color);

/// <summary>A pupil on a discussion, with their line of the group overview.</summary>
public sealed record DiscussionPupilRow(
    int PupilId,
    string FullName,
    string? EducationalNeeds,
    string? StimulatingFactors,
    string? HinderingFactors,
    string? Notes);

public sealed record AgendaItemView(
    int Id,
    int Position,
    string Text,
    AgendaSource Source,
    int? PupilId,
    string? PupilName,
    int? ConcernId,
    int? GoalId,
    bool IsDone);

/// <summary>An action item as its owner, the IB'er and the discussion page show it.</summary>
public sealed record ActionItemView(
    int Id,
    string Description,
    int OwnerId,
    string OwnerName,
    DateOnly DueOn,
    bool IsOverdue,
    DateTime? CompletedAt,
    string? CompletedByName,
    int? PupilId,
    string? PupilName,
    int? DiscussionId,
    DiscussionKind? DiscussionKind,
    DateOnly? DiscussionDate,
    string? GroupName,
    int SchoolId,
    string SchoolShortName,
    string SchoolColor,
    bool CanComplete,
    bool CanOpenDiscussion)
{
    public bool IsOpen => CompletedAt is null;
}

/// <summary>Everything the discussion page shows, with what the current user may do.</summary>
public sealed record DiscussionDetail(
    int Id,
    DiscussionKind Kind,
    DiscussionStatus Status,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int GroupId,
    string GroupName,
    DateTime ScheduledAt,
    DateTime ScheduledLocal,
    int CoordinatorId,
    string CoordinatorName,
    int TeacherId,
    string TeacherName,
    string? Notes,
    string? Decisions,
    DateTime? HeldAt,
    int Version,
    IReadOnlyList<DiscussionPupilRow> Pupils,
    IReadOnlyList<AgendaItemView> Agenda,
    IReadOnlyList<ActionItemView> ActionItems,
    IReadOnlyList<StaffOption> OwnerOptions,
    bool CanManage,
    bool CanAddAgendaItems,
    DateOnly Today)
{
    public DateOnly Date => DateOnly.FromDateTime(ScheduledLocal);

    /// <summary>Notes, decisions and the pupils' lines can still be written (not after a cancellation).</summary>
    public bool CanRecord => CanManage && Status != DiscussionStatus.Cancelled;

    /// <summary>Marking held is possible from the day of the discussion on.</summary>
    public bool CanMarkHeld => CanManage && Status == DiscussionStatus.Planned && Date <= Today;

    public bool CanCancel => CanManage && Status == DiscussionStatus.Planned;

    public bool CanAddActionItems => CanManage && Status != DiscussionStatus.Cancelled;
}

/// <summary>What the IB'er records during or after the discussion. Pupils not named keep their line as it is.</summary>
public sealed record DiscussionRecordInput
{
    public string? Notes { get; init; }
    public string? Decisions { get; init; }
    public IReadOnlyList<DiscussionPupilInput> Pupils { get; init; } = [];
}

public sealed record DiscussionPupilInput
{
    public int PupilId { get; init; }
    public string? EducationalNeeds { get; init; }
    public string? StimulatingFactors { get; init; }
    public string? HinderingFactors { get; init; }
    public string? Notes { get; init; }
}

/// <summary>A new action item: what, who, by when, and optionally which pupil of the discussion it is about.</summary>
public sealed record NewActionItem
{
    public string? Description { get; init; }
    public int? OwnerId { get; init; }
    public DateOnly? DueOn { get; init; }
    public int? PupilId { get; init; }
}

internal static class DiscussionRoles
{
    public const string CareCoordinator = nameof(PortalRole.CareCoordinator);
    public const string Teacher = nameof(PortalRole.Teacher);
}
