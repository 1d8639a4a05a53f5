using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Support;

/// <summary>
/// The rules of the support module as reusable queries, for the support overview, the IB'er dashboard and the
/// discussions agenda. They filter nothing by access: pass a source already narrowed with
/// <see cref="Care.CareAccess.Visible"/> (or by the schools the caller is entitled to).
/// <list type="bullet">
/// <item>A goal's evaluation is <b>due</b> when its plan is active, its review date falls on or before
/// <c>today + dueWithinDays</c> (<see cref="Parents.CareOptions.DueWithinDays"/>), it is not achieved, and no
/// evaluation is dated on or after the review date. It is <b>overdue</b> when the review date lies before today.</item>
/// <item>An OPP's yearly evaluation is due when the OPP is active and its next evaluation falls on or before the same
/// horizon; overdue before today.</item>
/// <item>A pupil at level 3 or higher at a school where they are enrolled today, without an active plan there, needs a plan.</item>
/// </list>
/// </summary>
public static class SupportQueries
{
    /// <summary>The last day that counts as "due": <paramref name="today"/> plus <paramref name="dueWithinDays"/>.</summary>
    public static DateOnly Horizon(DateOnly today, int dueWithinDays) => today.AddDays(Math.Max(0, dueWithinDays));

    public static bool IsOverdue(DateOnly date, DateOnly today) => date < today;

    /// <summary>The goals of <paramref name="plans"/> whose evaluation is due (overdue ones included).</summary>
    public static IQueryable<PlanGoal> GoalsDue(IQueryable<SupportPlan> plans, DateOnly today, int dueWithinDays)
    {
        var horizon = Horizon(today, dueWithinDays);
        return plans
            .Where(p => p.Status == SupportPlanStatus.Active)
            .SelectMany(p => p.Goals)
            .Where(g => g.ReviewOn != null && g.ReviewOn <= horizon
                        && !g.Evaluations.Any(e => e.Result == EvaluationResult.Achieved)
                        && !g.Evaluations.Any(e => e.EvaluatedOn >= g.ReviewOn));
    }

    /// <summary><see cref="GoalsDue"/> as rows with the pupil and school, earliest review date first.</summary>
    public static IQueryable<DueGoalEvaluation> GoalEvaluationsDue(IQueryable<SupportPlan> plans, DateOnly today, int dueWithinDays) =>
        GoalsDue(plans, today, dueWithinDays)
            .OrderBy(g => g.ReviewOn).ThenBy(g => g.Id)
            .Select(g => new DueGoalEvaluation(g.Id, g.PlanId, g.Plan!.PupilId, g.Plan.SchoolId, g.Kind, g.Description, g.ReviewOn!.Value));

    /// <summary>The same rule for one goal in memory (the overview uses it, so screens and lists agree).</summary>
    public static GoalDueState GoalStateOf(SupportPlanStatus planStatus, DateOnly? reviewOn,
        IEnumerable<(EvaluationResult Result, DateOnly EvaluatedOn)> evaluations, DateOnly today, int dueWithinDays)
    {
        var list = evaluations.ToList();
        if (list.Any(e => e.Result == EvaluationResult.Achieved))
            return GoalDueState.Achieved;
        if (planStatus != SupportPlanStatus.Active || reviewOn is not { } review || review > Horizon(today, dueWithinDays)
            || list.Any(e => e.EvaluatedOn >= review))
            return GoalDueState.NotDue;
        return IsOverdue(review, today) ? GoalDueState.Overdue : GoalDueState.Due;
    }

    /// <summary>The active OPPs of <paramref name="plans"/> whose yearly evaluation is due (overdue ones included).</summary>
    public static IQueryable<DevelopmentPlan> DevelopmentPlansDue(IQueryable<DevelopmentPlan> plans, DateOnly today, int dueWithinDays)
    {
        var horizon = Horizon(today, dueWithinDays);
        return plans.Where(o => o.EndedOn == null && o.NextEvaluationOn != null && o.NextEvaluationOn <= horizon);
    }

    /// <summary><see cref="DevelopmentPlansDue"/> as rows, earliest first.</summary>
    public static IQueryable<DueDevelopmentPlanEvaluation> DevelopmentPlanEvaluationsDue(IQueryable<DevelopmentPlan> plans, DateOnly today,
        int dueWithinDays) =>
        DevelopmentPlansDue(plans, today, dueWithinDays)
            .OrderBy(o => o.NextEvaluationOn).ThenBy(o => o.Id)
            .Select(o => new DueDevelopmentPlanEvaluation(o.Id, o.PupilId, o.SchoolId, o.NextEvaluationOn!.Value));

    /// <summary>The same rule for one OPP in memory.</summary>
    public static bool IsDevelopmentPlanEvaluationDue(DateOnly? endedOn, DateOnly? nextEvaluationOn, DateOnly today, int dueWithinDays) =>
        endedOn is null && nextEvaluationOn is { } next && next <= Horizon(today, dueWithinDays);

    /// <summary>
    /// The latest level change per pupil and school among <paramref name="changes"/> (each is the current level there).
    /// </summary>
    public static IQueryable<SupportLevelChange> CurrentLevels(PortalDbContext db, IQueryable<SupportLevelChange> changes) =>
        changes.Where(c => !db.SupportLevelChanges.Any(o => o.PupilId == c.PupilId && o.SchoolId == c.SchoolId
                                                            && (o.ChangedAt > c.ChangedAt || (o.ChangedAt == c.ChangedAt && o.Id > c.Id))));

    /// <summary>The current level of the pupil at the school: the latest change, or 1 when none was recorded.</summary>
    public static async Task<int> CurrentLevelAsync(PortalDbContext db, int pupilId, int schoolId, CancellationToken ct) =>
        await db.SupportLevelChanges.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == schoolId)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Level)
            .FirstOrDefaultAsync(ct) ?? SupportLevel.Minimum;

    /// <summary>
    /// Pupils at <paramref name="minimumLevel"/> or higher at a school where they are enrolled on <paramref name="today"/>,
    /// without an active plan at that school. <paramref name="changes"/> narrows the level changes considered (access, schools).
    /// </summary>
    public static IQueryable<PupilWithoutPlan> PupilsWithoutCurrentPlan(PortalDbContext db, IQueryable<SupportLevelChange> changes,
        DateOnly today, int minimumLevel = SupportLevel.NeedsPlan) =>
        CurrentLevels(db, changes)
            .Where(c => c.Level >= minimumLevel
                        && !db.SupportPlans.Any(p => p.PupilId == c.PupilId && p.SchoolId == c.SchoolId && p.Status == SupportPlanStatus.Active)
                        && db.Enrolments.Any(e => e.PupilId == c.PupilId && e.Group!.SchoolId == c.SchoolId
                                                  && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)))
            .OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)
            .Select(c => new PupilWithoutPlan(c.PupilId, c.SchoolId, c.Level, c.Id, c.ChangedAt));
}
