using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.SupportTests;

public sealed class GoalEvaluationTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    [Theory]
    [InlineData(EvaluationResult.NotAchieved)]
    [InlineData(EvaluationResult.PartlyAchieved)]
    public async Task A_goal_not_fully_achieved_gets_the_new_review_date(EvaluationResult result)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil, Today.AddDays(3));
        var goal = _db.LongTermGoal(id);

        await _db.Plans().EvaluateGoalAsync(id, 0, goal.Id, new GoalEvaluationInput
        {
            Result = result, EvaluatedOn = Today, Notes = "  Leest sneller, nog veel fouten.  ", NextReviewOn = Today.AddDays(42),
        });

        var stored = _db.LongTermGoal(id);
        Assert.Equal(Today.AddDays(42), stored.ReviewOn);
        var evaluation = Assert.Single(stored.Evaluations);
        Assert.Equal((result, Today, "Leest sneller, nog veel fouten."), (evaluation.Result, evaluation.EvaluatedOn, evaluation.Notes));
        Assert.Equal(_db.StaffId(Logins.CareCoordinator), evaluation.EvaluatedById);
        Assert.Equal(1, _db.PlanVersion(id));
        var view = (await _db.Support().GetOverviewAsync(pupil)).Primary!.ActivePlan!.LongTermGoals.Single();
        Assert.Equal(GoalDueState.NotDue, view.DueState);
        Assert.Equal("Ilse Verbeek", Assert.Single(view.Evaluations).EvaluatedByName);
    }

    [Theory]
    [InlineData(EvaluationResult.NotAchieved)]
    [InlineData(EvaluationResult.PartlyAchieved)]
    public async Task A_goal_not_fully_achieved_needs_a_new_review_date(EvaluationResult result)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().EvaluateGoalAsync(id, 0, goal.Id,
            new GoalEvaluationInput { Result = result, EvaluatedOn = Today }));

        Assert.Equal("Het doel is nog niet behaald: kies wanneer je het opnieuw evalueert.", ex.Errors[SupportFields.NextReviewOn]);
        Assert.Empty(_db.LongTermGoal(id).Evaluations);
    }

    [Fact]
    public async Task The_new_review_date_lies_after_the_evaluation_and_not_in_the_past()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id);

        var sameDay = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().EvaluateGoalAsync(id, 0, goal.Id,
            new GoalEvaluationInput { Result = EvaluationResult.NotAchieved, EvaluatedOn = Today, NextReviewOn = Today }));
        var past = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().EvaluateGoalAsync(id, 0, goal.Id,
            new GoalEvaluationInput { Result = EvaluationResult.NotAchieved, EvaluatedOn = Today, NextReviewOn = Today.AddDays(-1) }));

        Assert.Equal("De nieuwe evaluatiedatum moet na de datum van deze evaluatie liggen.", sameDay.Errors[SupportFields.NextReviewOn]);
        Assert.StartsWith("De nieuwe evaluatiedatum ligt in het verleden.", past.Errors[SupportFields.NextReviewOn], StringComparison.Ordinal);
        Assert.Empty(_db.LongTermGoal(id).Evaluations);
    }

    [Fact]
    public async Task An_achieved_goal_is_done_keeps_its_date_and_is_not_evaluated_again()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil, Today.AddDays(5));
        var goal = _db.LongTermGoal(id);

        await _db.Plans().EvaluateGoalAsync(id, 0, goal.Id, new GoalEvaluationInput
        {
            Result = EvaluationResult.Achieved, EvaluatedOn = Today, NextReviewOn = Today.AddDays(50),
        });
        var again = await Assert.ThrowsAsync<DomainException>(() => _db.Plans().EvaluateGoalAsync(id, 1, goal.Id,
            new GoalEvaluationInput { Result = EvaluationResult.NotAchieved, EvaluatedOn = Today, NextReviewOn = Today.AddDays(9) }));

        Assert.Equal("Dit doel is al behaald; een nieuwe evaluatie is niet nodig.", again.Message);
        var stored = _db.LongTermGoal(id);
        Assert.Equal(Today.AddDays(5), stored.ReviewOn);
        Assert.Single(stored.Evaluations);
        var view = (await _db.Support().GetOverviewAsync(pupil)).Primary!.ActivePlan!.LongTermGoals.Single();
        Assert.True(view.IsAchieved);
    }

    [Fact]
    public async Task A_quick_win_without_a_review_date_can_be_evaluated()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var quickWin = _db.QuickWin(id);

        await _db.Plans().EvaluateGoalAsync(id, 0, quickWin.Id, new GoalEvaluationInput
        {
            Result = EvaluationResult.PartlyAchieved, EvaluatedOn = Today, NextReviewOn = Today.AddDays(7),
        });

        Assert.Equal(Today.AddDays(7), _db.QuickWin(id).ReviewOn);
    }

    [Fact]
    public async Task Result_and_date_are_required_and_the_date_is_not_in_the_future_nor_before_the_plan()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id);

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().EvaluateGoalAsync(id, 0, goal.Id, new GoalEvaluationInput()));
        var future = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().EvaluateGoalAsync(id, 0, goal.Id,
            new GoalEvaluationInput { Result = EvaluationResult.Achieved, EvaluatedOn = Today.AddDays(1) }));
        var beforePlan = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().EvaluateGoalAsync(id, 0, goal.Id,
            new GoalEvaluationInput { Result = EvaluationResult.Achieved, EvaluatedOn = Today.AddDays(-1) }));

        Assert.Equal("Kies de uitkomst: behaald, deels behaald of niet behaald.", empty.Errors[SupportFields.Result]);
        Assert.Equal("Kies de datum van de evaluatie.", empty.Errors[SupportFields.EvaluatedOn]);
        Assert.StartsWith("De evaluatie kan niet in de toekomst liggen.", future.Errors[SupportFields.EvaluatedOn], StringComparison.Ordinal);
        Assert.StartsWith("De evaluatie kan niet vóór de start van het plan", beforePlan.Errors[SupportFields.EvaluatedOn], StringComparison.Ordinal);
        Assert.Empty(_db.LongTermGoal(id).Evaluations);
        Assert.Equal(0, _db.PlanVersion(id));
    }

    [Fact]
    public async Task Evaluating_is_audited_as_a_change_of_the_plan()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherB);
        var id = await _db.MakePlanAsync(pupil);

        await _db.Plans().EvaluateGoalAsync(id, 0, _db.LongTermGoal(id).Id, new GoalEvaluationInput { Result = EvaluationResult.Achieved, EvaluatedOn = Today });

        var entry = Assert.Single(_db.AuditOf(Logins.CareCoordinator, SupportAuditActions.GoalEvaluate));
        Assert.Equal((AuditRecordKind.SupportPlan, id, pupil, _db.SchoolId(Logins.SchoolB)), (entry.RecordKind, entry.RecordId, entry.PupilId, entry.SchoolId));
    }

    [Fact]
    public async Task A_goal_of_another_plan_is_not_evaluated_through_this_plan()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var other = _db.NewPupilIn(Logins.TeacherA, "Ander");
        var id = await _db.MakePlanAsync(pupil);
        var otherPlan = await _db.MakePlanAsync(other);

        await Assert.ThrowsAsync<DomainException>(() => _db.Plans().EvaluateGoalAsync(id, 0, _db.LongTermGoal(otherPlan).Id,
            new GoalEvaluationInput { Result = EvaluationResult.Achieved, EvaluatedOn = Today }));

        Assert.Empty(_db.LongTermGoal(otherPlan).Evaluations);
    }
}
