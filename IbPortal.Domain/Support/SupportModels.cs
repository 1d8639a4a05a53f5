namespace IbPortal.Domain.Support;

/// <summary>
/// The field names in <see cref="Access.DomainValidationException.Errors"/> for this module's input, so that a form
/// shows each Dutch message next to its own field.
/// </summary>
public static class SupportFields
{
    public const string Level = "Level";
    public const string Reason = "Reason";
    public const string QuickWins = "QuickWins";
    public const string EducationalNeeds = "EducationalNeeds";
    public const string DiscussionId = "DiscussionId";
    public const string Description = "Description";
    public const string ReviewOn = "ReviewOn";
    public const string Result = "Result";
    public const string EvaluatedOn = "EvaluatedOn";
    public const string Notes = "Notes";
    public const string NextReviewOn = "NextReviewOn";
    public const string ClosingNote = "ClosingNote";
    public const string Perspective = "Perspective";
    public const string AgreedOn = "AgreedOn";

    /// <summary>The quick win at <paramref name="index"/> of <see cref="NewSupportPlan.QuickWins"/>.</summary>
    public static string QuickWin(int index) => $"QuickWins[{index}]";

    /// <summary>The description of the goal at <paramref name="index"/> of <see cref="NewSupportPlan.Goals"/>.</summary>
    public static string GoalDescription(int index) => $"Goals[{index}].Description";

    /// <summary>The review date of the goal at <paramref name="index"/> of <see cref="NewSupportPlan.Goals"/>.</summary>
    public static string GoalReviewOn(int index) => $"Goals[{index}].ReviewOn";
}

/// <summary>A new HGW plan: quick wins first, then longer-term goals (each with a review date), then educational needs.</summary>
public sealed record NewSupportPlan
{
    public int PupilId { get; init; }

    /// <summary>Quick wins in order; empty entries are left out.</summary>
    public IReadOnlyList<string?> QuickWins { get; init; } = [];

    /// <summary>Longer-term goals in order; entries without text and date are left out.</summary>
    public IReadOnlyList<GoalInput> Goals { get; init; } = [];

    public string? EducationalNeeds { get; init; }

    /// <summary>The pupil or group discussion where the plan was made (at the same school, with this pupil).</summary>
    public int? DiscussionId { get; init; }
}

public sealed record GoalInput(string? Description, DateOnly? ReviewOn);

/// <summary>An evaluation of one goal. A goal that is not (fully) achieved gets <see cref="NextReviewOn"/>.</summary>
public sealed record GoalEvaluationInput
{
    public EvaluationResult? Result { get; init; }
    public DateOnly? EvaluatedOn { get; init; }
    public string? Notes { get; init; }
    public DateOnly? NextReviewOn { get; init; }
}

public sealed record NewDevelopmentPlan
{
    public int PupilId { get; init; }
    public DevelopmentPlanReason? Reason { get; init; }
    public string? Perspective { get; init; }
}

/// <summary>Whether a goal's evaluation needs attention (see <see cref="SupportQueries"/>).</summary>
public enum GoalDueState
{
    NotDue = 0,
    Due = 1,
    Overdue = 2,
    Achieved = 3,
}

/// <summary>What the current user may see of a pupil's support, per school where they reach it (current school first).</summary>
public sealed record SupportOverview(int PupilId, DateOnly Today, int DueWithinDays, IReadOnlyList<SchoolSupport> Schools)
{
    /// <summary>The section of the pupil's current school if the user reaches it, else the first one.</summary>
    public SchoolSupport? Primary => Schools.FirstOrDefault(s => s.IsCurrentSchool) ?? (Schools.Count > 0 ? Schools[0] : null);
}

/// <summary>
/// The support of a pupil at one school. <see cref="CanManage"/>: the user is the school's IB'er (changes existing
/// records); <see cref="CanStartNew"/>: and it is the pupil's current school (level changes, new plans and OPPs).
/// </summary>
public sealed record SchoolSupport(
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    bool IsCurrentSchool,
    bool CanManage,
    string Role,
    int CurrentLevel,
    IReadOnlyList<LevelChangeItem> LevelHistory,
    SupportPlanView? ActivePlan,
    IReadOnlyList<SupportPlanView> ClosedPlans,
    DevelopmentPlanView? ActiveDevelopmentPlan,
    IReadOnlyList<DevelopmentPlanView> EndedDevelopmentPlans)
{
    public bool CanStartNew => CanManage && IsCurrentSchool;

    /// <summary>At level 3 or higher a current plan is expected.</summary>
    public bool NeedsPlan => CurrentLevel >= SupportLevel.NeedsPlan && ActivePlan is null;
}

/// <summary>One level change, newest first in <see cref="SchoolSupport.LevelHistory"/>.</summary>
public sealed record LevelChangeItem(int Id, int Level, int? PreviousLevel, string Reason, DateTime ChangedAt, int ChangedById,
    string ChangedByName, int? ConsentId);

public sealed record SupportPlanView(
    int Id,
    SupportPlanStatus Status,
    DateOnly StartsOn,
    DateOnly? ClosedOn,
    string? ClosingNote,
    string? EducationalNeeds,
    int? DiscussionId,
    DateTime CreatedAt,
    string CreatedByName,
    int Version,
    IReadOnlyList<PlanGoalView> QuickWins,
    IReadOnlyList<PlanGoalView> LongTermGoals)
{
    public bool IsActive => Status == SupportPlanStatus.Active;
    public int GoalCount => QuickWins.Count + LongTermGoals.Count;
}

public sealed record PlanGoalView(int Id, GoalKind Kind, int Position, string Description, DateOnly? ReviewOn, GoalDueState DueState,
    IReadOnlyList<GoalEvaluationView> Evaluations)
{
    public bool HasEvaluations => Evaluations.Count > 0;
    public bool IsAchieved => DueState == GoalDueState.Achieved;
}

/// <summary>An evaluation of a goal, oldest first in <see cref="PlanGoalView.Evaluations"/>.</summary>
public sealed record GoalEvaluationView(int Id, EvaluationResult Result, DateOnly EvaluatedOn, string? Notes, string EvaluatedByName,
    DateTime RecordedAt);

public sealed record DevelopmentPlanView(
    int Id,
    DevelopmentPlanReason Reason,
    string Perspective,
    DateOnly? AgreedWithParentsOn,
    DateOnly? LastEvaluatedOn,
    DateOnly? NextEvaluationOn,
    DateOnly? EndedOn,
    DateTime CreatedAt,
    string CreatedByName,
    int Version,
    bool IsEvaluationDue,
    bool IsEvaluationOverdue,
    IReadOnlyList<DevelopmentPlanEvaluationView> Evaluations)
{
    public bool IsActive => EndedOn is null;
}

/// <summary>A yearly OPP evaluation, oldest first.</summary>
public sealed record DevelopmentPlanEvaluationView(int Id, DateOnly EvaluatedOn, string? Notes, string EvaluatedByName, DateTime RecordedAt);

/// <summary>What the new-plan form shows before anything is typed.</summary>
public sealed record PlanStart(int PupilId, string PupilName, int SchoolId, string SchoolName, string SchoolShortName, string SchoolColor,
    int CurrentLevel, bool HasActivePlan, PlanDiscussion? Discussion);

/// <summary>The discussion a plan comes from.</summary>
public sealed record PlanDiscussion(int Id, Discussions.DiscussionKind Kind, DateTime ScheduledAt);

/// <summary>A goal whose evaluation is due (ids and dates; see <see cref="SupportQueries.GoalEvaluationsDue"/>).</summary>
public sealed record DueGoalEvaluation(int GoalId, int PlanId, int PupilId, int SchoolId, GoalKind Kind, string Description, DateOnly ReviewOn)
{
    public bool IsOverdueOn(DateOnly today) => SupportQueries.IsOverdue(ReviewOn, today);
}

/// <summary>An OPP whose yearly evaluation is due (see <see cref="SupportQueries.DevelopmentPlanEvaluationsDue"/>).</summary>
public sealed record DueDevelopmentPlanEvaluation(int DevelopmentPlanId, int PupilId, int SchoolId, DateOnly NextEvaluationOn)
{
    public bool IsOverdueOn(DateOnly today) => SupportQueries.IsOverdue(NextEvaluationOn, today);
}

/// <summary>A pupil at level 3 or higher at a school, without an active plan there (see <see cref="SupportQueries.PupilsWithoutCurrentPlan"/>).</summary>
public sealed record PupilWithoutPlan(int PupilId, int SchoolId, int Level, int LevelChangeId, DateTime LevelSince);

/// <summary>A pupil as the due lists show it.</summary>
public sealed record DuePupil(int PupilId, string PupilName, int? GroupId, string? GroupName, int SchoolId, string SchoolShortName, string SchoolColor);

public sealed record DueGoalItem(DuePupil Pupil, DueGoalEvaluation Goal, bool IsOverdue);

public sealed record DueDevelopmentPlanItem(DuePupil Pupil, DueDevelopmentPlanEvaluation DevelopmentPlan, bool IsOverdue);

public sealed record PupilWithoutPlanItem(DuePupil Pupil, int Level, DateTime LevelSince);

/// <summary>What needs the IB'er in support, across the schools asked for (within what the user may see).</summary>
public sealed record SupportAttention(
    DateOnly Today,
    int DueWithinDays,
    IReadOnlyList<DueGoalItem> GoalEvaluations,
    IReadOnlyList<DueDevelopmentPlanItem> DevelopmentPlanEvaluations,
    IReadOnlyList<PupilWithoutPlanItem> PupilsWithoutPlan);
