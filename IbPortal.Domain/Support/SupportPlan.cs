using IbPortal.Domain.Care;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Support;

public enum SupportPlanStatus
{
    Active = 1,
    Closed = 2,
}

/// <summary>
/// The HGW plan (handelingsgericht werken) for a pupil at a school, in this order: quick wins, longer-term goals
/// (each with a review date), and the pupil's educational needs. At most one plan per pupil and school is active.
/// </summary>
public class SupportPlan : IPupilCareRecord
{
    public const int EducationalNeedsMaxLength = 4000;
    public const int ClosingNoteMaxLength = 2000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public SupportPlanStatus Status { get; set; } = SupportPlanStatus.Active;
    public DateOnly StartsOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? ClosingNote { get; set; }

    /// <summary>Onderwijsbehoeften: what this pupil needs to learn well.</summary>
    public string? EducationalNeeds { get; set; }

    /// <summary>The discussion where the plan was made, if any.</summary>
    public int? DiscussionId { get; set; }

    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public StaffMember? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<PlanGoal> Goals { get; set; } = [];
}

/// <summary>A quick win comes first (what gives results fast); a longer-term goal always has a review date.</summary>
public enum GoalKind
{
    QuickWin = 1,
    LongTerm = 2,
}

public class PlanGoal
{
    public const int DescriptionMaxLength = 1000;

    public int Id { get; set; }
    public int PlanId { get; set; }
    public SupportPlan? Plan { get; set; }
    public GoalKind Kind { get; set; }
    public int Position { get; set; }
    public required string Description { get; set; }

    /// <summary>When the goal is evaluated next; required for a longer-term goal.</summary>
    public DateOnly? ReviewOn { get; set; }

    public List<GoalEvaluation> Evaluations { get; set; } = [];
}

public enum EvaluationResult
{
    Achieved = 1,
    PartlyAchieved = 2,
    NotAchieved = 3,
}

/// <summary>An evaluation of one goal. Partly or not achieved goals get a new review date.</summary>
public class GoalEvaluation
{
    public const int NotesMaxLength = 2000;

    public int Id { get; set; }
    public int GoalId { get; set; }
    public PlanGoal? Goal { get; set; }
    public EvaluationResult Result { get; set; }
    public DateOnly EvaluatedOn { get; set; }
    public string? Notes { get; set; }
    public int EvaluatedById { get; set; }
    public StaffMember? EvaluatedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}
