using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>The agenda proposal as a pure rule: which open concerns and due evaluations become agenda items.</summary>
public class AgendaProposerTests
{
    private const int School = 1;
    private const int OtherSchool = 2;
    private const int Pupil = 10;
    private const int OtherPupil = 11;
    private static readonly DateOnly DiscussionDate = new(2026, 11, 26); // a Thursday
    private const int DueWithinDays = 14;

    private static IReadOnlyList<ProposedAgendaItem> Propose(IEnumerable<AgendaConcernFact>? concerns = null, IEnumerable<AgendaGoalFact>? goals = null,
        IReadOnlyList<int>? pupils = null) =>
        AgendaProposer.Propose(School, pupils ?? [Pupil], DiscussionDate, DueWithinDays, concerns ?? [], goals ?? []);

    private static AgendaConcernFact Concern(int id, ConcernStatus status = ConcernStatus.New, int school = School, int pupil = Pupil,
        DevelopmentArea area = DevelopmentArea.SocialEmotional, DateOnly? raisedOn = null) =>
        new(id, pupil, school, status, area, raisedOn ?? new DateOnly(2026, 11, 17));

    private static AgendaGoalFact Goal(int id, DateOnly? reviewOn, SupportPlanStatus plan = SupportPlanStatus.Active, int school = School,
        int pupil = Pupil, GoalKind kind = GoalKind.LongTerm, string description = "Leest AVI-E4 vlot", params AgendaEvaluationFact[] evaluations) =>
        new(id, pupil, school, plan, kind, 1, description, reviewOn, evaluations);

    [Fact]
    public void Each_open_concern_becomes_one_item_named_by_area_and_date()
    {
        var items = Propose([Concern(1), Concern(2, ConcernStatus.InProgress, area: DevelopmentArea.Cognitive, raisedOn: new DateOnly(2026, 11, 3))]);

        Assert.Equal(["Signalering cognitief (di 3 nov)", "Signalering sociaal-emotioneel (di 17 nov)"], items.Select(i => i.Text));
        Assert.All(items, i => Assert.Equal(AgendaSource.OpenConcern, i.Source));
        Assert.Equal([2, 1], items.Select(i => i.ConcernId!.Value));
        Assert.All(items, i => Assert.Equal(Pupil, i.PupilId));
    }

    [Fact]
    public void A_concern_about_both_areas_names_both()
    {
        var item = Assert.Single(Propose([Concern(1, area: DevelopmentArea.Both)]));
        Assert.Equal("Signalering cognitief en sociaal-emotioneel (di 17 nov)", item.Text);
    }

    [Fact]
    public void A_concern_from_another_year_shows_the_year()
    {
        var item = Assert.Single(Propose([Concern(1, raisedOn: new DateOnly(2025, 12, 9))]));
        Assert.Equal("Signalering sociaal-emotioneel (di 9 dec 2025)", item.Text);
    }

    [Fact]
    public void A_closed_concern_is_left_out() =>
        Assert.Empty(Propose([Concern(1, ConcernStatus.Closed)]));

    [Fact]
    public void A_concern_at_another_school_is_left_out() =>
        Assert.Empty(Propose([Concern(1, school: OtherSchool)]));

    [Fact]
    public void A_concern_about_a_pupil_not_on_the_discussion_is_left_out() =>
        Assert.Empty(Propose([Concern(1, pupil: OtherPupil)]));

    [Fact]
    public void A_goal_due_by_the_discussion_date_plus_the_window_becomes_an_evaluation_item()
    {
        var item = Assert.Single(Propose(goals: [Goal(5, new DateOnly(2026, 12, 1))]));

        Assert.Equal(AgendaSource.DueEvaluation, item.Source);
        Assert.Equal(5, item.GoalId);
        Assert.Null(item.ConcernId);
        Assert.Equal("Evaluatie doel: Leest AVI-E4 vlot (evalueren op di 1 dec)", item.Text);
    }

    [Fact]
    public void A_goal_due_exactly_at_the_end_of_the_window_is_due_and_one_day_later_is_not()
    {
        var edge = DiscussionDate.AddDays(DueWithinDays);
        Assert.Single(Propose(goals: [Goal(5, edge)]));
        Assert.Empty(Propose(goals: [Goal(5, edge.AddDays(1))]));
    }

    [Fact]
    public void A_goal_whose_review_date_passed_without_evaluation_is_still_due() =>
        Assert.Single(Propose(goals: [Goal(5, new DateOnly(2026, 10, 1))]));

    [Fact]
    public void A_quick_win_with_a_review_date_is_proposed_as_a_quick_win()
    {
        var item = Assert.Single(Propose(goals: [Goal(5, new DateOnly(2026, 11, 30), kind: GoalKind.QuickWin, description: "Vaste plek vooraan")]));
        Assert.StartsWith("Evaluatie quick win: Vaste plek vooraan", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_goal_without_a_review_date_is_left_out() =>
        Assert.Empty(Propose(goals: [Goal(5, null)]));

    [Fact]
    public void A_goal_whose_latest_evaluation_is_achieved_is_left_out() =>
        Assert.Empty(Propose(goals: [Goal(5, new DateOnly(2026, 12, 1), evaluations:
            [new AgendaEvaluationFact(1, new DateOnly(2026, 10, 1), EvaluationResult.PartlyAchieved),
             new AgendaEvaluationFact(2, new DateOnly(2026, 11, 2), EvaluationResult.Achieved)])]));

    [Fact]
    public void A_goal_evaluated_on_or_after_its_review_date_is_left_out() =>
        Assert.Empty(Propose(goals: [Goal(5, new DateOnly(2026, 11, 20), evaluations:
            [new AgendaEvaluationFact(1, new DateOnly(2026, 11, 20), EvaluationResult.NotAchieved)])]));

    [Fact]
    public void A_goal_partly_achieved_before_its_new_review_date_is_due_again() =>
        Assert.Single(Propose(goals: [Goal(5, new DateOnly(2026, 12, 1), evaluations:
            [new AgendaEvaluationFact(1, new DateOnly(2026, 10, 1), EvaluationResult.PartlyAchieved)])]));

    [Fact]
    public void A_goal_of_a_closed_plan_is_left_out() =>
        Assert.Empty(Propose(goals: [Goal(5, new DateOnly(2026, 12, 1), SupportPlanStatus.Closed)]));

    [Fact]
    public void A_goal_of_a_plan_at_another_school_is_left_out() =>
        Assert.Empty(Propose(goals: [Goal(5, new DateOnly(2026, 12, 1), school: OtherSchool)]));

    [Fact]
    public void A_long_goal_description_is_shortened_and_fits_an_agenda_item()
    {
        var item = Assert.Single(Propose(goals: [Goal(5, new DateOnly(2026, 12, 1), description: new string('x', 900))]));
        Assert.Contains("…", item.Text, StringComparison.Ordinal);
        Assert.True(item.Text.Length <= AgendaItem.TextMaxLength);
    }

    [Fact]
    public void Items_follow_the_pupils_order_with_concerns_before_evaluations()
    {
        var items = Propose(
            [Concern(1, pupil: OtherPupil), Concern(2, pupil: Pupil)],
            [Goal(7, new DateOnly(2026, 12, 1), pupil: Pupil), Goal(8, new DateOnly(2026, 11, 28), pupil: OtherPupil)],
            pupils: [OtherPupil, Pupil]);

        Assert.Equal(new (int, int?, int?)[] { (OtherPupil, 1, null), (OtherPupil, null, 8), (Pupil, 2, null), (Pupil, null, 7) },
            items.Select(i => (i.PupilId, i.ConcernId, i.GoalId)));
    }

    [Fact]
    public void A_negative_window_counts_as_no_window()
    {
        var items = AgendaProposer.Propose(School, [Pupil], DiscussionDate, -5, [], [Goal(5, DiscussionDate), Goal(6, DiscussionDate.AddDays(1))]);
        Assert.Equal(5, Assert.Single(items).GoalId);
    }
}
