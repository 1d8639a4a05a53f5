using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Quality;

/// <summary>
/// A figure of the quality view that a quality goal can be tied to, measured for one school and school year
/// (see <see cref="QualityIndicatorService"/>). <see cref="None"/>: the goal's indicator is described in words only.
/// </summary>
public enum QualityIndicator
{
    None = 0,

    /// <summary>Concerns raised per 100 pupils in the school year.</summary>
    ConcernsPer100Pupils = 1,

    /// <summary>Median days from flag to acknowledgement.</summary>
    AcknowledgementMedianDays = 2,

    /// <summary>Median days from flag to the first plan step.</summary>
    FirstPlanStepMedianDays = 3,

    /// <summary>Percentage of plan-goal evaluations that were achieved.</summary>
    EvaluationsAchievedPercent = 4,

    /// <summary>Percentage of the school's teachers with a held classroom visit.</summary>
    VisitCoveragePercent = 5,

    /// <summary>Median days from asking the parents' consent to their answer.</summary>
    ConsentTurnaroundMedianDays = 6,

    /// <summary>Percentage of pupils at support level 3 or higher.</summary>
    HighSupportLevelPercent = 7,
}

public enum QualityGoalStatus
{
    Active = 1,
    Achieved = 2,
    PartlyAchieved = 3,
    NotAchieved = 4,
    Dropped = 5,
}

/// <summary>
/// A quality goal of one school for one school year (plan): what the school wants to improve, how it will know
/// (an indicator in words, optionally tied to a figure of the quality view, with a baseline and a target), and the
/// do-check-act that follows: <see cref="Actions"/>, <see cref="Checks"/>, <see cref="Adjustments"/>.
/// </summary>
public class QualityGoal
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int IndicatorTextMaxLength = 1000;

    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    /// <summary>The school year (its start year: 2026 for 2026-2027).</summary>
    public int SchoolYearStart { get; set; }

    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>"Waaraan zien we het?"</summary>
    public required string IndicatorText { get; set; }
    public QualityIndicator Indicator { get; set; }
    public double? Baseline { get; set; }
    public double? Target { get; set; }

    public QualityGoalStatus Status { get; set; } = QualityGoalStatus.Active;

    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public StaffMember? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<QualityAction> Actions { get; set; } = [];
    public List<QualityCheck> Checks { get; set; } = [];
    public List<QualityAdjustment> Adjustments { get; set; } = [];
}

public enum QualityActionStatus
{
    Planned = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>A planned action towards a goal (do): what, who owns it, by when.</summary>
public class QualityAction
{
    public const int DescriptionMaxLength = 1000;

    public int Id { get; set; }
    public int GoalId { get; set; }
    public QualityGoal? Goal { get; set; }
    public required string Description { get; set; }
    public int OwnerId { get; set; }
    public StaffMember? Owner { get; set; }
    public DateOnly DueOn { get; set; }
    public QualityActionStatus Status { get; set; } = QualityActionStatus.Planned;
    public DateOnly? DoneOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public enum QualityCheckResult
{
    OnTrack = 1,
    BehindTarget = 2,
    Achieved = 3,
}

/// <summary>An evaluation of a goal (check): what was found, the indicator's value then, and the verdict.</summary>
public class QualityCheck
{
    public const int FindingsMaxLength = 4000;

    public int Id { get; set; }
    public int GoalId { get; set; }
    public QualityGoal? Goal { get; set; }
    public DateOnly CheckedOn { get; set; }

    /// <summary>The tied indicator's value when checked (null when the goal has none, or it was suppressed).</summary>
    public double? MeasuredValue { get; set; }
    public required string Findings { get; set; }
    public QualityCheckResult Result { get; set; }
    public int RecordedById { get; set; }
    public StaffMember? RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>An adjustment after a check (act): what the school changes in its approach.</summary>
public class QualityAdjustment
{
    public const int DecisionMaxLength = 2000;

    public int Id { get; set; }
    public int GoalId { get; set; }
    public QualityGoal? Goal { get; set; }

    /// <summary>The check that led to it, if any.</summary>
    public int? CheckId { get; set; }
    public QualityCheck? Check { get; set; }
    public required string Decision { get; set; }
    public DateOnly DecidedOn { get; set; }
    public int RecordedById { get; set; }
    public StaffMember? RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}
