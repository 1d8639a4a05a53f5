using IbPortal.Domain.Access;
using IbPortal.Domain.Care;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.CareTests;

/// <summary>
/// The IB'er's care agenda on the seeded board (Tuesday 24 November 2026): each list against what the demo seed holds,
/// and each rule against a record made to sit just inside or outside it.
/// </summary>
public sealed class CareAgendaTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private Task<CareAgenda> AgendaAsync(params int[] schools) =>
        _db.Service<CareAgendaService>(Logins.CareCoordinator).GetAsync(schools.Length == 0 ? null : schools);

    [Fact]
    public async Task Seeded_agenda_across_both_schools_shows_each_kind_of_work()
    {
        var agenda = await AgendaAsync();

        // This week: the pupil discussion on Thursday at A and tomorrow's at B; not last week's, not the cancelled one.
        Assert.Equal(2, agenda.DiscussionsThisWeek.Count);
        Assert.All(agenda.DiscussionsThisWeek, d => Assert.Equal(DiscussionStatus.Planned, d.Status));
        // Open action items due within two weeks: two overdue (one per school) and one due on Saturday; not the completed one.
        Assert.Equal(3, agenda.ActionItemsDue.Count);
        Assert.Equal(2, agenda.ActionItemsDue.Count(a => a.IsOverdue));
        // A goal due, a goal overdue, a goal due at B, and an OPP's yearly evaluation.
        Assert.Equal(4, agenda.EvaluationsDue.Count);
        Assert.Single(agenda.EvaluationsDue, e => e.GoalId is null);
        Assert.Single(agenda.EvaluationsDue, e => e.IsOverdue);
        Assert.Equal(2, agenda.ConsentsAwaited.Count);
        // Level 3 without a plan at A, level 5 without a plan at B; the highest level first.
        Assert.Equal([5, 3], agenda.PupilsWithoutPlan.Select(p => p.Level));
        Assert.Equal(new DateOnly(2026, 12, 8), agenda.DueBy);
    }

    [Fact]
    public async Task The_school_filter_narrows_every_list()
    {
        var schoolA = _db.SchoolId(Logins.SchoolA);

        var agenda = await AgendaAsync(schoolA);

        Assert.All(agenda.DiscussionsThisWeek, d => Assert.Equal(schoolA, d.SchoolId));
        Assert.Single(agenda.DiscussionsThisWeek);
        Assert.Equal(2, agenda.ActionItemsDue.Count);
        Assert.Equal(3, agenda.EvaluationsDue.Count);
        Assert.Single(agenda.ConsentsAwaited);
        Assert.Single(agenda.PupilsWithoutPlan);
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_an_ib_er_has_a_care_agenda(string login) =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Service<CareAgendaService>(login).GetAsync(null));

    [Fact]
    public async Task A_goal_is_due_until_it_is_evaluated_on_or_after_its_review_date()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var goalId = AddPlan(pupil, reviewOn: Today.AddDays(14));
        Assert.Contains(goalId, await DueGoalIdsAsync());

        AddEvaluation(goalId, EvaluationResult.PartlyAchieved, Today.AddDays(-1));
        Assert.Contains(goalId, await DueGoalIdsAsync());   // evaluated before the review date: still due

        AddEvaluation(goalId, EvaluationResult.PartlyAchieved, Today.AddDays(14));
        Assert.DoesNotContain(goalId, await DueGoalIdsAsync());
    }

    [Fact]
    public async Task A_goal_beyond_the_horizon_an_achieved_goal_and_a_closed_plan_are_not_due()
    {
        var later = AddPlan(_db.NewPupilIn(Logins.TeacherA), reviewOn: Today.AddDays(15));
        var achieved = AddPlan(_db.NewPupilIn(Logins.TeacherA), reviewOn: Today.AddDays(3));
        AddEvaluation(achieved, EvaluationResult.Achieved, Today.AddDays(-2));
        var closed = AddPlan(_db.NewPupilIn(Logins.TeacherA), reviewOn: Today.AddDays(-3), status: SupportPlanStatus.Closed);
        var overdue = AddPlan(_db.NewPupilIn(Logins.TeacherA), reviewOn: Today.AddDays(-3));

        var due = await DueGoalIdsAsync();

        Assert.DoesNotContain(later, due);
        Assert.DoesNotContain(achieved, due);
        Assert.DoesNotContain(closed, due);
        Assert.Contains(overdue, due);
        Assert.True((await AgendaAsync()).EvaluationsDue.Single(e => e.GoalId == overdue).IsOverdue);
    }

    [Fact]
    public async Task A_pupil_at_level_three_leaves_the_list_with_an_active_plan_or_a_lower_level()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        AddLevel(pupil, 3, Now.AddDays(-5));
        Assert.Contains(pupil, (await AgendaAsync()).PupilsWithoutPlan.Select(p => p.PupilId));

        AddLevel(pupil, 2, Now.AddDays(-1));
        Assert.DoesNotContain(pupil, (await AgendaAsync()).PupilsWithoutPlan.Select(p => p.PupilId));

        AddLevel(pupil, 3, Now.AddHours(-1));
        AddPlan(pupil, reviewOn: Today.AddDays(60));
        Assert.DoesNotContain(pupil, (await AgendaAsync()).PupilsWithoutPlan.Select(p => p.PupilId));
    }

    [Fact]
    public async Task An_answered_consent_is_no_longer_awaited()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        int id;
        using (var db = _db.CreateContext())
        {
            var consent = new Consent
            {
                PupilId = pupil, SchoolId = _db.SchoolId(Logins.SchoolA), Purpose = ConsentPurposes.ExternalExpert,
                RequestedAt = Now, RequestedById = _db.StaffId(Logins.CareCoordinator), UpdatedAt = Now,
            };
            db.Consents.Add(consent);
            db.SaveChanges();
            id = consent.Id;
        }
        Assert.Contains(id, (await AgendaAsync()).ConsentsAwaited.Select(c => c.Id));

        using (var db = _db.CreateContext())
        {
            var consent = db.Consents.Single(c => c.Id == id);
            consent.State = ConsentState.Refused;
            consent.DecidedOn = Today;
            db.SaveChanges();
        }
        Assert.DoesNotContain(id, (await AgendaAsync()).ConsentsAwaited.Select(c => c.Id));
    }

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(Now);

    private async Task<List<int?>> DueGoalIdsAsync() => (await AgendaAsync()).EvaluationsDue.Select(e => e.GoalId).ToList();

    private int AddPlan(int pupilId, DateOnly reviewOn, SupportPlanStatus status = SupportPlanStatus.Active)
    {
        using var db = _db.CreateContext();
        var plan = new SupportPlan
        {
            PupilId = pupilId, SchoolId = _db.SchoolId(Logins.SchoolA), Status = status, StartsOn = Today, CreatedAt = Now, UpdatedAt = Now,
            CreatedById = _db.StaffId(Logins.CareCoordinator),
        };
        plan.Goals.Add(new PlanGoal { Kind = GoalKind.LongTerm, Position = 1, Description = "Doel", ReviewOn = reviewOn });
        db.SupportPlans.Add(plan);
        db.SaveChanges();
        return plan.Goals[0].Id;
    }

    private void AddEvaluation(int goalId, EvaluationResult result, DateOnly on)
    {
        using var db = _db.CreateContext();
        db.GoalEvaluations.Add(new GoalEvaluation
        {
            GoalId = goalId, Result = result, EvaluatedOn = on, EvaluatedById = _db.StaffId(Logins.CareCoordinator), RecordedAt = Now,
        });
        db.SaveChanges();
    }

    private void AddLevel(int pupilId, int level, DateTime at)
    {
        using var db = _db.CreateContext();
        db.SupportLevelChanges.Add(new SupportLevelChange
        {
            PupilId = pupilId, SchoolId = _db.SchoolId(Logins.SchoolA), Level = level, Reason = "Test", ChangedAt = at,
            ChangedById = _db.StaffId(Logins.CareCoordinator),
        });
        db.SaveChanges();
    }
}
