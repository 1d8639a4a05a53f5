using IbPortal.Domain.Discussions;

namespace IbPortal.Domain.Visits;

/// <summary>A visit as lists show it (no notes). <see cref="ScheduledLocal"/> is in the schools' time zone.</summary>
public sealed record VisitSummary(
    int Id,
    VisitStatus Status,
    VisitStage Stage,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int GroupId,
    string GroupName,
    int TeacherId,
    string TeacherName,
    DateTime ScheduledAt,
    DateTime ScheduledLocal,
    int DurationMinutes,
    string Focus,
    bool IsFollowUp,
    bool FromConcern,
    bool FromSupportRequest)
{
    public DateOnly Date => DateOnly.FromDateTime(ScheduledLocal);
}

/// <summary>
/// The IB'er's visits at their care schools by stage: to come this week (to Sunday) and later, the observation due
/// (its time has come), awaiting the feedback conversation, awaiting the teacher's reflection, recently completed and
/// recently cancelled.
/// </summary>
public sealed record VisitOverview(
    IReadOnlyList<VisitSummary> ThisWeek,
    IReadOnlyList<VisitSummary> Later,
    IReadOnlyList<VisitSummary> ObservationDue,
    IReadOnlyList<VisitSummary> AwaitingFeedback,
    IReadOnlyList<VisitSummary> AwaitingReflection,
    IReadOnlyList<VisitSummary> RecentlyCompleted,
    IReadOnlyList<VisitSummary> RecentlyCancelled,
    IReadOnlyList<SchoolOption> Schools,
    DateOnly Today)
{
    /// <summary>How many days back "recently" completed or cancelled reaches.</summary>
    public const int RecentDays = 60;

    /// <summary>How many days after the feedback conversation a missing reflection is still listed as awaited.</summary>
    public const int AwaitedReflectionDays = 365;

    public bool IsEmpty => ThisWeek.Count + Later.Count + ObservationDue.Count + AwaitingFeedback.Count + AwaitingReflection.Count
                           + RecentlyCompleted.Count + RecentlyCancelled.Count == 0;
}

/// <summary>What the IB'er dashboard's visits card shows: this week's visits and those awaiting observation or feedback.</summary>
public sealed record UpcomingVisits(
    IReadOnlyList<VisitSummary> ThisWeek,
    IReadOnlyList<VisitSummary> ObservationDue,
    IReadOnlyList<VisitSummary> AwaitingFeedback,
    DateOnly Today)
{
    public int Count => ThisWeek.Count + ObservationDue.Count + AwaitingFeedback.Count;
}

/// <summary>Another visit linked to this one (the earlier visit it follows up, or a follow-up visit).</summary>
public sealed record VisitLink(int Id, DateTime ScheduledLocal, VisitStage Stage);

/// <summary>A coaching goal agreed after this visit.</summary>
public sealed record VisitGoalView(
    int Id,
    string Description,
    DateOnly? ReviewOn,
    CoachingGoalStatus Status,
    DateTime CreatedAt,
    DateTime? ClosedAt,
    int Version)
{
    public bool IsActive => Status == CoachingGoalStatus.Active;
}

/// <summary>
/// A goal of the same teacher at the same school, still running, agreed after an EARLIER visit (<see cref="VisitId"/> on
/// <see cref="VisitDate"/>, local): read-only context on a later (follow-up) visit.
/// </summary>
public sealed record EarlierGoalView(int Id, string Description, DateOnly? ReviewOn, int VisitId, DateOnly VisitDate);

/// <summary>The teacher's reflection on the visit (<see cref="ReflectedOn"/>: the local day it was last saved).</summary>
public sealed record VisitReflection(string? WentWell, string? ToImprove, string? SupportNeeded, DateTime ReflectedAt, DateOnly ReflectedOn);

/// <summary>
/// Everything the visit page shows, with what the current user may do. <see cref="EarlierGoals"/>: the teacher's running
/// goals from earlier visits at this school (same readers as the visit: its IB'er and the visited teacher).
/// </summary>
public sealed record VisitDetail(
    int Id,
    VisitStatus Status,
    VisitStage Stage,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int GroupId,
    string GroupName,
    int TeacherId,
    string TeacherName,
    int CoordinatorId,
    string CoordinatorName,
    DateTime ScheduledAt,
    DateTime ScheduledLocal,
    int DurationMinutes,
    string Focus,
    int? ConcernId,
    int? SupportRequestId,
    VisitLink? FollowUpOf,
    IReadOnlyList<VisitLink> FollowUps,
    DateTime? ObservedAt,
    string? FeedbackNotes,
    DateTime? FeedbackAt,
    DateOnly? FeedbackOn,
    IReadOnlyList<VisitGoalView> Goals,
    IReadOnlyList<EarlierGoalView> EarlierGoals,
    VisitReflection? Reflection,
    DateTime? CancelledAt,
    int Version,
    bool CanManage,
    bool IsVisitedTeacher,
    DateOnly Today,
    bool ObservationBegun = false)
{
    public DateOnly Date => DateOnly.FromDateTime(ScheduledLocal);

    /// <summary>The observation is finished (or the feedback recorded): the cycle after the visit is open.</summary>
    public bool IsObserved => Status is VisitStatus.Observed or VisitStatus.FeedbackGiven;

    /// <summary>Not once the observation has begun (scores saved) or the teacher reflected: the same rule as the service.</summary>
    public bool CanReschedule => CanManage && Status == VisitStatus.Planned && !ObservationBegun && Reflection is null;
    public bool CanCancel => CanReschedule;
    public bool CanRecordFeedback => CanManage && IsObserved;
    public bool CanAddGoals => CanManage && IsObserved;
    public bool CanReflect => IsVisitedTeacher && IsObserved;
    public bool CanPlanFollowUp => CanManage && IsObserved;
}

/// <summary>The notes of the feedback conversation (nagesprek).</summary>
public sealed record FeedbackInput
{
    public string? Notes { get; init; }
}

/// <summary>The teacher's reflection: what went well, what to improve, what support they need. At least one is filled in.</summary>
public sealed record ReflectionInput
{
    public string? WentWell { get; init; }
    public string? ToImprove { get; init; }
    public string? SupportNeeded { get; init; }
}

/// <summary>The Dutch words of the visit cycle's stages and goal states.</summary>
public static class VisitCycleLabels
{
    public static string Of(CoachingGoalStatus status) => status switch
    {
        CoachingGoalStatus.Active => "Loopt",
        CoachingGoalStatus.Achieved => "Bereikt",
        CoachingGoalStatus.Dropped => "Losgelaten",
        _ => status.ToString(),
    };

    /// <summary>"45 min", "1 uur", "1 uur 30 min".</summary>
    public static string Duration(int minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        _ when minutes % 60 == 0 => $"{minutes / 60} uur",
        _ => $"{minutes / 60} uur {minutes % 60} min",
    };
}
