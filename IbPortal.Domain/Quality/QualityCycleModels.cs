namespace IbPortal.Domain.Quality;

/// <summary>What a goal says (plan): the input to create or edit one. Empty fields are left to validation.</summary>
public sealed record QualityGoalInput
{
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>"Waaraan zien we het?"</summary>
    public string? IndicatorText { get; init; }
    public QualityIndicator Indicator { get; init; } = QualityIndicator.None;
    public double? Baseline { get; init; }
    public double? Target { get; init; }

    /// <summary>The school year's start year (2026 for 2026-2027).</summary>
    public int? SchoolYearStart { get; init; }
}

/// <summary>A planned action (do): what, who owns it, by when.</summary>
public sealed record QualityActionInput
{
    public string? Description { get; init; }
    public int? OwnerId { get; init; }
    public DateOnly? DueOn { get; init; }
}

/// <summary>An evaluation (check): what was found and the verdict. The indicator's value is measured by the service.</summary>
public sealed record QualityCheckInput
{
    public string? Findings { get; init; }
    public QualityCheckResult? Result { get; init; }
}

/// <summary>An adjustment (act): the decision, optionally after one of the goal's checks.</summary>
public sealed record QualityAdjustmentInput
{
    public string? Decision { get; init; }
    public int? CheckId { get; init; }
}

/// <summary>Where a goal is in plan-do-check-act, or that it is finished.</summary>
public enum QualityCycleStage
{
    /// <summary>No actions yet: the plan still needs its first step.</summary>
    Plan = 1,

    /// <summary>Actions are under way.</summary>
    Do = 2,

    /// <summary>Every action is done (or dropped) since the last check: time to evaluate.</summary>
    Check = 3,

    /// <summary>The last check has no adjustment yet: time to decide what changes.</summary>
    Act = 4,

    /// <summary>The goal is achieved, partly achieved, not achieved or dropped.</summary>
    Closed = 5,
}

/// <summary>A school whose quality cycle this person manages, with its number of goals in the current school year.</summary>
public sealed record QualityCycleSchool(int Id, string Name, string ShortName, string Color, int GoalsThisYear = 0);

/// <summary>The schools whose quality cycle this person manages, the school years to choose from, and the current one.</summary>
public sealed record QualityCycleScope(IReadOnlyList<QualityCycleSchool> Schools, IReadOnlyList<int> SchoolYears, int CurrentSchoolYear, DateOnly Today);

public sealed record QualityActionCounts(int Done, int Open, int Overdue, int Cancelled)
{
    public int Total => Done + Open + Cancelled;
}

/// <summary>One goal as a card in the list of a school year.</summary>
public sealed record QualityGoalSummary(
    int Id,
    int SchoolId,
    int SchoolYearStart,
    string Title,
    string IndicatorText,
    QualityIndicator Indicator,
    double? Baseline,
    double? Target,
    double? LastMeasuredValue,
    QualityGoalStatus Status,
    QualityCycleStage Stage,
    QualityActionCounts Actions,
    int Checks,
    int Adjustments,
    DateOnly? NextDueOn,
    DateOnly? LastCheckedOn);

public sealed record QualityGoalList(QualityCycleSchool School, int SchoolYearStart, IReadOnlyList<QualityGoalSummary> Goals, DateOnly Today);

public sealed record QualityOwnerOption(int StaffMemberId, string DisplayName, string RoleText);

public sealed record QualityActionItem(
    int Id,
    string Description,
    int OwnerId,
    string OwnerName,
    DateOnly DueOn,
    QualityActionStatus Status,
    DateOnly? DoneOn,
    bool IsOverdue,
    int Version);

public sealed record QualityCheckItem(
    int Id,
    DateOnly CheckedOn,
    double? MeasuredValue,
    string Findings,
    QualityCheckResult Result,
    string RecordedByName);

public sealed record QualityAdjustmentItem(
    int Id,
    DateOnly DecidedOn,
    string Decision,
    int? CheckId,
    DateOnly? CheckOn,
    string RecordedByName);

/// <summary>One goal with its do-check-act, and the staff who can own an action.</summary>
public sealed record QualityGoalDetail(
    int Id,
    QualityCycleSchool School,
    int SchoolYearStart,
    string Title,
    string? Description,
    string IndicatorText,
    QualityIndicator Indicator,
    double? Baseline,
    double? Target,
    QualityGoalStatus Status,
    QualityCycleStage Stage,
    int Version,
    string CreatedByName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<QualityActionItem> Actions,
    IReadOnlyList<QualityCheckItem> Checks,
    IReadOnlyList<QualityAdjustmentItem> Adjustments,
    IReadOnlyList<QualityOwnerOption> OwnerCandidates,
    DateOnly Today)
{
    public QualityActionCounts ActionCounts => QualityCycleStages.Count(Actions.Select(a => (a.Status, a.DueOn)), Today);

    /// <summary>The last measured value of the tied indicator (checks newest first), or null.</summary>
    public double? LastMeasuredValue => Checks.Where(c => c.MeasuredValue is not null).Select(c => c.MeasuredValue).FirstOrDefault();
}

/// <summary>The yearly overview of one school: every goal of the year with its do-check-act, and the totals.</summary>
public sealed record QualityYearOverview(
    QualityCycleSchool School,
    int SchoolYearStart,
    IReadOnlyList<QualityGoalDetail> Goals,
    QualityYearSummary Summary,
    DateOnly Today);

public sealed record QualityYearSummary(
    int Goals,
    int Active,
    int Achieved,
    int PartlyAchieved,
    int NotAchieved,
    int Dropped,
    int ActionsDone,
    int ActionsOpen,
    int ActionsOverdue,
    int ActionsCancelled,
    int Checks,
    int Adjustments);
