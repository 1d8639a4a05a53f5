using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.SupportTests;

/// <summary>The due rules (<see cref="SupportQueries"/>) and the attention list built on them.</summary>
public sealed class SupportDueTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    private List<DueGoalEvaluation> DueGoals(int pupilId, int? days = null)
    {
        using var db = _db.CreateContext();
        return SupportQueries.GoalEvaluationsDue(db.SupportPlans.Where(p => p.PupilId == pupilId), Today, days ?? _db.CareOptions.DueWithinDays).ToList();
    }

    private async Task<GoalDueState> OverviewStateAsync(int pupilId) =>
        (await _db.Support().GetOverviewAsync(pupilId)).Primary!.ActivePlan!.LongTermGoals.Single().DueState;

    [Theory]
    [InlineData(-30, GoalDueState.Overdue)]
    [InlineData(-1, GoalDueState.Overdue)]
    [InlineData(0, GoalDueState.Due)]
    [InlineData(13, GoalDueState.Due)]
    [InlineData(14, GoalDueState.Due)]
    [InlineData(15, GoalDueState.NotDue)]
    public async Task A_goal_is_due_up_to_the_horizon_and_overdue_before_today(int offset, GoalDueState expected)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var plan = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(plan);
        _db.SetReviewOn(goal.Id, Today.AddDays(offset));

        var due = DueGoals(pupil);

        if (expected == GoalDueState.NotDue)
        {
            Assert.Empty(due);
        }
        else
        {
            var row = Assert.Single(due);
            Assert.Equal((goal.Id, plan, pupil, _db.SchoolId(Logins.SchoolA), Today.AddDays(offset)), (row.GoalId, row.PlanId, row.PupilId, row.SchoolId, row.ReviewOn));
            Assert.Equal(expected == GoalDueState.Overdue, row.IsOverdueOn(Today));
        }
        Assert.Equal(expected, await OverviewStateAsync(pupil));
    }

    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, false)]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, false)]
    public async Task The_horizon_follows_the_configured_number_of_days(int days, int offset, bool due)
    {
        _db.CareOptions.DueWithinDays = days;
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.MakePlanAsync(pupil, Today.AddDays(offset));

        Assert.Equal(due, DueGoals(pupil).Count == 1);
        Assert.Equal(due ? GoalDueState.Due : GoalDueState.NotDue, await OverviewStateAsync(pupil));
    }

    [Fact]
    public async Task An_achieved_goal_is_never_due_even_when_its_date_passed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var plan = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(plan);
        _db.SetReviewOn(goal.Id, Today.AddDays(-10));
        _db.AddEvaluation(goal.Id, EvaluationResult.Achieved, Today.AddDays(-20));

        Assert.Empty(DueGoals(pupil));
        Assert.Equal(GoalDueState.Achieved, await OverviewStateAsync(pupil));
    }

    [Theory]
    [InlineData(-3, true)]   // evaluated on the review date
    [InlineData(-2, true)]   // after it
    [InlineData(-4, false)]  // before it: the review is still open
    public async Task An_evaluation_on_or_after_the_review_date_settles_it(int evaluatedOffset, bool settled)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var plan = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(plan);
        _db.SetReviewOn(goal.Id, Today.AddDays(-3));
        _db.AddEvaluation(goal.Id, EvaluationResult.NotAchieved, Today.AddDays(evaluatedOffset));

        Assert.Equal(settled, DueGoals(pupil).Count == 0);
        Assert.Equal(settled ? GoalDueState.NotDue : GoalDueState.Overdue, await OverviewStateAsync(pupil));
    }

    [Fact]
    public async Task After_an_evaluation_the_goal_is_due_again_when_its_new_review_date_comes_near()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var plan = await _db.MakePlanAsync(pupil, Today.AddDays(2));
        var goal = _db.LongTermGoal(plan);
        Assert.Single(DueGoals(pupil));

        await _db.Plans().EvaluateGoalAsync(plan, 0, goal.Id, new GoalEvaluationInput
        {
            Result = EvaluationResult.NotAchieved, EvaluatedOn = Today, NextReviewOn = Today.AddDays(20),
        });
        Assert.Empty(DueGoals(pupil));

        _db.Clock.Advance(TimeSpan.FromDays(6)); // the new review date is now 14 days away
        Assert.Single(DueGoals(pupil));
        _db.Clock.Advance(TimeSpan.FromDays(15));
        Assert.True(Assert.Single(DueGoals(pupil)).IsOverdueOn(Today));
    }

    [Fact]
    public async Task Goals_of_a_closed_plan_and_goals_without_a_review_date_are_not_due()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var plan = await _db.MakePlanAsync(pupil, Today);
        Assert.Single(DueGoals(pupil)); // the quick win has no date

        await _db.Plans().ClosePlanAsync(plan, 0, "Verhuisd naar een andere aanpak.");

        Assert.Empty(DueGoals(pupil));
    }

    [Theory]
    [InlineData(-1, true, true)]
    [InlineData(0, true, false)]
    [InlineData(14, true, false)]
    [InlineData(15, false, false)]
    public async Task An_OPP_evaluation_is_due_up_to_the_horizon(int offset, bool due, bool overdue)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(new NewDevelopmentPlan { PupilId = pupil, Reason = DevelopmentPlanReason.SchoolChoice, Perspective = "Uitstroom vmbo-kader." });
        await _db.Opps().RecordAgreementAsync(id, 0, Today.AddYears(-1).AddDays(offset));

        using (var db = _db.CreateContext())
        {
            var rows = SupportQueries.DevelopmentPlanEvaluationsDue(db.DevelopmentPlans.Where(o => o.PupilId == pupil), Today, 14).ToList();
            Assert.Equal(due, rows.Count == 1);
            if (due)
                Assert.Equal(overdue, rows[0].IsOverdueOn(Today));
        }
        var view = (await _db.Support().GetOverviewAsync(pupil)).Primary!.ActiveDevelopmentPlan!;
        Assert.Equal((due, overdue), (view.IsEvaluationDue, view.IsEvaluationOverdue));
    }

    [Fact]
    public async Task An_OPP_without_agreement_or_ended_is_not_due()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(new NewDevelopmentPlan { PupilId = pupil, Reason = DevelopmentPlanReason.SchoolChoice, Perspective = "Praktijkonderwijs." });
        using (var db = _db.CreateContext())
            Assert.Empty(SupportQueries.DevelopmentPlansDue(db.DevelopmentPlans.Where(o => o.PupilId == pupil), Today, 14));

        await _db.Opps().RecordAgreementAsync(id, 0, Today.AddYears(-1));
        await _db.Opps().EndAsync(id, 1);

        using (var db = _db.CreateContext())
            Assert.Empty(SupportQueries.DevelopmentPlansDue(db.DevelopmentPlans.Where(o => o.PupilId == pupil), Today, 14));
    }

    private List<PupilWithoutPlan> WithoutPlan(int pupilId)
    {
        using var db = _db.CreateContext();
        return SupportQueries.PupilsWithoutCurrentPlan(db, db.SupportLevelChanges.Where(c => c.PupilId == pupilId), Today).ToList();
    }

    [Fact]
    public async Task A_pupil_at_level_3_or_higher_without_an_active_plan_needs_one()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.SetLevelAsync(pupil, 2);
        Assert.Empty(WithoutPlan(pupil));

        await _db.SetLevelAsync(pupil, 3);
        var row = Assert.Single(WithoutPlan(pupil));
        Assert.Equal((pupil, _db.SchoolId(Logins.SchoolA), 3), (row.PupilId, row.SchoolId, row.Level));
        Assert.True((await _db.Support().GetOverviewAsync(pupil)).Primary!.NeedsPlan);

        var plan = await _db.MakePlanAsync(pupil);
        Assert.Empty(WithoutPlan(pupil));
        Assert.False((await _db.Support().GetOverviewAsync(pupil)).Primary!.NeedsPlan);

        await _db.SetLevelAsync(pupil, 4);
        Assert.Empty(WithoutPlan(pupil));
        await _db.Plans().ClosePlanAsync(plan, 0, "Afgerond.");
        Assert.Equal(4, Assert.Single(WithoutPlan(pupil)).Level);

        await _db.SetLevelAsync(pupil, 2);
        Assert.Empty(WithoutPlan(pupil));
    }

    [Fact]
    public async Task A_pupil_who_left_the_school_is_not_listed_as_needing_a_plan_there()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.SetLevelAsync(pupil, 3);
        using (var db = _db.CreateContext())
        {
            await db.Enrolments.Where(e => e.PupilId == pupil).ExecuteUpdateAsync(s => s.SetProperty(e => e.LeftOn, Today.AddDays(-1)));
        }

        Assert.Empty(WithoutPlan(pupil));
    }

    [Fact]
    public async Task The_attention_list_covers_both_schools_of_the_IBer_with_pupil_and_group()
    {
        var pupilA = _db.NewPupilIn(Logins.TeacherA, "Anna");
        var pupilB = _db.NewPupilIn(Logins.TeacherB, "Bram");
        var planA = await _db.MakePlanAsync(pupilA, Today.AddDays(3));
        _db.SetReviewOn(_db.LongTermGoal(planA).Id, Today.AddDays(-2));
        await _db.SetLevelAsync(pupilB, 3);
        var opp = await _db.Opps().CreateAsync(new NewDevelopmentPlan { PupilId = pupilB, Reason = DevelopmentPlanReason.SchoolChoice, Perspective = "Vmbo-basis." });
        await _db.Opps().RecordAgreementAsync(opp, 0, Today.AddYears(-1).AddDays(5));

        var all = await _db.Support().GetAttentionAsync();
        var onlyA = await _db.Support().GetAttentionAsync([_db.SchoolId(Logins.SchoolA)]);

        var goal = Assert.Single(all.GoalEvaluations, g => g.Pupil.PupilId == pupilA);
        Assert.True(goal.IsOverdue);
        Assert.Equal(("Anna Nieuw", "5", Logins.SchoolA), (goal.Pupil.PupilName, goal.Pupil.GroupName, goal.Pupil.SchoolShortName));
        var oppItem = Assert.Single(all.DevelopmentPlanEvaluations, o => o.Pupil.PupilId == pupilB);
        Assert.Equal((opp, Today.AddDays(5), false), (oppItem.DevelopmentPlan.DevelopmentPlanId, oppItem.DevelopmentPlan.NextEvaluationOn, oppItem.IsOverdue));
        Assert.Equal(3, Assert.Single(all.PupilsWithoutPlan, p => p.Pupil.PupilId == pupilB).Level);

        Assert.Contains(onlyA.GoalEvaluations, g => g.Pupil.PupilId == pupilA);
        Assert.DoesNotContain(onlyA.DevelopmentPlanEvaluations, o => o.Pupil.PupilId == pupilB);
        Assert.DoesNotContain(onlyA.PupilsWithoutPlan, p => p.Pupil.PupilId == pupilB);
    }

    [Fact]
    public async Task The_attention_list_shows_only_what_the_user_may_see()
    {
        var pupilA = _db.NewPupilIn(Logins.TeacherA);
        var pupilB = _db.NewPupilIn(Logins.TeacherB);
        await _db.MakePlanAsync(pupilA, Today.AddDays(1));
        await _db.MakePlanAsync(pupilB, Today.AddDays(1));

        var teacherA = await _db.Support(Logins.TeacherA).GetAttentionAsync();
        var quality = await _db.Support(Logins.Quality).GetAttentionAsync();

        Assert.Contains(teacherA.GoalEvaluations, g => g.Pupil.PupilId == pupilA);
        Assert.DoesNotContain(teacherA.GoalEvaluations, g => g.Pupil.PupilId == pupilB);
        Assert.Empty(quality.GoalEvaluations);
        Assert.Empty(quality.DevelopmentPlanEvaluations);
        Assert.Empty(quality.PupilsWithoutPlan);
    }
}
