using IbPortal.Domain.Care;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Support;

/// <summary>Why a pupil has an OPP: the support level (4 or 5) or the school's own choice at a lower level.</summary>
public enum DevelopmentPlanReason
{
    SupportLevel = 1,
    SchoolChoice = 2,
}

/// <summary>
/// The development-perspective plan (ontwikkelingsperspectiefplan, OPP): agreed with the parents and evaluated
/// yearly. The next evaluation falls a year after the agreement, then a year after each evaluation.
/// </summary>
public class DevelopmentPlan : IPupilCareRecord
{
    public const int PerspectiveMaxLength = 4000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public DevelopmentPlanReason Reason { get; set; }

    /// <summary>The expected development perspective (uitstroomperspectief) and its reasoning.</summary>
    public required string Perspective { get; set; }

    public DateOnly? AgreedWithParentsOn { get; set; }
    public DateOnly? LastEvaluatedOn { get; set; }

    /// <summary>When the yearly evaluation is due; null until the parents agreed.</summary>
    public DateOnly? NextEvaluationOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public StaffMember? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public bool IsActive => EndedOn is null;

    /// <summary>The yearly evaluations, so that each year's notes stay in the file.</summary>
    public List<DevelopmentPlanEvaluation> Evaluations { get; set; } = [];
}

/// <summary>One yearly evaluation of an OPP: when, and optionally what was concluded.</summary>
public class DevelopmentPlanEvaluation
{
    public const int NotesMaxLength = 4000;

    public int Id { get; set; }
    public int DevelopmentPlanId { get; set; }
    public DevelopmentPlan? DevelopmentPlan { get; set; }
    public DateOnly EvaluatedOn { get; set; }
    public string? Notes { get; set; }
    public int EvaluatedById { get; set; }
    public StaffMember? EvaluatedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}
