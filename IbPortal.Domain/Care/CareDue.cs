using IbPortal.Domain.Data;
using IbPortal.Domain.Support;

namespace IbPortal.Domain.Care;

/// <summary>
/// The due rules of pupil care as query filters, shared by the dashboard and the discussions' agenda proposal.
/// </summary>
public static class CareDue
{
    /// <summary>
    /// Goals whose evaluation is due by <paramref name="dueBy"/>: in an active plan, with a review date on or before
    /// it, not achieved, and not evaluated on or after that review date.
    /// </summary>
    public static IQueryable<PlanGoal> GoalsDue(PortalDbContext db, DateOnly dueBy) =>
        db.PlanGoals.Where(g =>
            g.Plan!.Status == SupportPlanStatus.Active &&
            g.ReviewOn != null && g.ReviewOn <= dueBy &&
            !g.Evaluations.Any(e => e.Result == EvaluationResult.Achieved) &&
            !g.Evaluations.Any(e => e.EvaluatedOn >= g.ReviewOn));

    /// <summary>Active OPPs whose yearly evaluation falls on or before <paramref name="dueBy"/>.</summary>
    public static IQueryable<DevelopmentPlan> DevelopmentPlansDue(PortalDbContext db, DateOnly dueBy) =>
        db.DevelopmentPlans.Where(o => o.EndedOn == null && o.NextEvaluationOn != null && o.NextEvaluationOn <= dueBy);

    /// <summary>
    /// The current level of each pupil enrolled at a school today, where it is <see cref="SupportLevel.NeedsPlan"/> or
    /// higher and no plan is active: as the latest level change per pupil and school.
    /// </summary>
    public static IQueryable<SupportLevelChange> PupilsWithoutPlan(PortalDbContext db, DateOnly today) =>
        db.SupportLevelChanges.Where(l =>
            l.Level >= SupportLevel.NeedsPlan &&
            !db.SupportLevelChanges.Any(m => m.PupilId == l.PupilId && m.SchoolId == l.SchoolId &&
                                             (m.ChangedAt > l.ChangedAt || (m.ChangedAt == l.ChangedAt && m.Id > l.Id))) &&
            !db.SupportPlans.Any(p => p.PupilId == l.PupilId && p.SchoolId == l.SchoolId && p.Status == SupportPlanStatus.Active) &&
            db.Enrolments.Any(e => e.PupilId == l.PupilId && e.Group!.SchoolId == l.SchoolId &&
                                   e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)));
}
