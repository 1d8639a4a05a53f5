using IbPortal.Domain.Concerns;
using IbPortal.Domain.Support;

namespace IbPortal.Domain.Discussions;

/// <summary>A concern as the agenda proposal sees it; <see cref="RaisedOn"/> is the local date.</summary>
public sealed record AgendaConcernFact(int ConcernId, int PupilId, int SchoolId, ConcernStatus Status, DevelopmentArea Area, DateOnly RaisedOn);

/// <summary>A goal of a support plan as the agenda proposal sees it, with its evaluations.</summary>
public sealed record AgendaGoalFact(
    int GoalId,
    int PupilId,
    int SchoolId,
    SupportPlanStatus PlanStatus,
    GoalKind Kind,
    int Position,
    string Description,
    DateOnly? ReviewOn,
    IReadOnlyList<AgendaEvaluationFact> Evaluations);

public sealed record AgendaEvaluationFact(int EvaluationId, DateOnly EvaluatedOn, EvaluationResult Result);

/// <summary>
/// Proposes a discussion's agenda (pure: no database, no clock), per pupil in the given order:
/// <list type="number">
/// <item>one item per open concern (status not closed) about the pupil at the discussion's school, oldest first;</item>
/// <item>one item per due evaluation: a goal with a review date on or before the discussion date plus
/// <c>dueWithinDays</c>, in an active plan of the pupil at that school, whose latest evaluation is not "achieved" and
/// that has no evaluation dated on or after its review date; earliest review date first.</item>
/// </list>
/// </summary>
public static class AgendaProposer
{
    public const int GoalTextLength = 120;

    public static IReadOnlyList<ProposedAgendaItem> Propose(
        int schoolId,
        IReadOnlyList<int> pupilIds,
        DateOnly discussionDate,
        int dueWithinDays,
        IEnumerable<AgendaConcernFact> concerns,
        IEnumerable<AgendaGoalFact> goals)
    {
        var pupils = pupilIds.Distinct().ToList();
        var openConcerns = concerns
            .Where(c => c.SchoolId == schoolId && c.Status != ConcernStatus.Closed && pupils.Contains(c.PupilId))
            .ToLookup(c => c.PupilId);
        var dueGoals = goals
            .Where(g => g.SchoolId == schoolId && g.PlanStatus == SupportPlanStatus.Active && pupils.Contains(g.PupilId) && IsDue(g, discussionDate, dueWithinDays))
            .ToLookup(g => g.PupilId);

        var items = new List<ProposedAgendaItem>();
        foreach (var pupilId in pupils)
        {
            items.AddRange(openConcerns[pupilId]
                .OrderBy(c => c.RaisedOn).ThenBy(c => c.ConcernId)
                .Select(c => new ProposedAgendaItem(ConcernText(c, discussionDate), AgendaSource.OpenConcern, pupilId, c.ConcernId, null)));
            items.AddRange(dueGoals[pupilId]
                .OrderBy(g => g.ReviewOn).ThenBy(g => g.Kind).ThenBy(g => g.Position).ThenBy(g => g.GoalId)
                .Select(g => new ProposedAgendaItem(GoalText(g, discussionDate), AgendaSource.DueEvaluation, pupilId, null, g.GoalId)));
        }
        return items;
    }

    /// <summary>
    /// Whether the goal's evaluation is due on the discussion date: the support module's one rule
    /// (<see cref="SupportQueries.GoalStateOf"/>), so the agenda, the plan screen and the dashboard agree.
    /// </summary>
    public static bool IsDue(AgendaGoalFact goal, DateOnly discussionDate, int dueWithinDays) =>
        SupportQueries.GoalStateOf(goal.PlanStatus, goal.ReviewOn, goal.Evaluations.Select(e => (e.Result, e.EvaluatedOn)), discussionDate,
            dueWithinDays) is GoalDueState.Due or GoalDueState.Overdue;

    /// <summary>"Signalering sociaal-emotioneel (di 17 nov)".</summary>
    public static string ConcernText(AgendaConcernFact concern, DateOnly discussionDate) =>
        $"Signalering {concern.Area.Label().ToLower(DiscussionLabels.Culture)} ({DiscussionLabels.ShortDate(concern.RaisedOn, discussionDate)})";

    /// <summary>"Evaluatie doel: Leest AVI-E4 vlot (evalueren op di 1 dec)".</summary>
    public static string GoalText(AgendaGoalFact goal, DateOnly discussionDate)
    {
        var what = goal.Kind == GoalKind.QuickWin ? "quick win" : "doel";
        var description = goal.Description.Trim().ReplaceLineEndings(" ");
        if (description.Length > GoalTextLength)
            description = string.Concat(description.AsSpan(0, GoalTextLength - 1).TrimEnd(), "…");
        return $"Evaluatie {what}: {description} (evalueren op {DiscussionLabels.ShortDate(goal.ReviewOn!.Value, discussionDate)})";
    }
}
