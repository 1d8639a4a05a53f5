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
}
