using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

/// <summary>Rules of the cycle found in review: links must fit, a begun observation is not moved, nobody coaches themselves.</summary>
public sealed class VisitRuleTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ClassroomVisitService Ib => _db.Visits(Logins.CareCoordinator);

    [Fact]
    public async Task A_visit_from_a_concern_must_be_in_the_group_of_the_concerns_pupil()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var concern = _db.RaiseConcernAbout(Logins.TeacherA, pupil);
        var otherGroupAtA = CoachingScenario.GroupAt(_db, Logins.SchoolA, "3");
        var before = _db.VisitCount();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => _db.PlanVisitAsync(Logins.TeacherA, d => d with
        {
            ConcernId = concern,
            GroupId = otherGroupAtA,
            TeacherId = null,
        }));

        Assert.Contains("zit niet in de gekozen groep", error.Errors[nameof(VisitDraft.ConcernId)], StringComparison.Ordinal);
        Assert.Equal(before, _db.VisitCount());
    }

    [Fact]
    public async Task A_follow_up_needs_an_earlier_visit_whose_observation_is_finished()
    {
        var earlier = await _db.PlanVisitAsync(Logins.TeacherA);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => _db.PlanVisitAsync(Logins.TeacherA, d => d with { FollowUpOfId = earlier }));
        Assert.Contains("nog niet geobserveerd", error.Errors[nameof(VisitDraft.FollowUpOfId)], StringComparison.Ordinal);

        _db.MarkObserved(earlier);
        var followUp = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { FollowUpOfId = earlier });
        Assert.Equal(earlier, _db.StoredVisit(followUp).FollowUpOfId);
    }

    [Fact]
    public async Task An_ib_er_who_also_teaches_cannot_plan_a_visit_to_themselves_or_agree_a_goal_for_themselves_or_handle_their_own_request()
    {
        var group = _db.TaughtGroup(Logins.TeacherA);
        var me = CoachingScenario.AddPerson(_db, "ib-en-leerkracht",
            [(PortalRole.CareCoordinator, Logins.SchoolA), (PortalRole.Teacher, Logins.SchoolA)], group);
        var visits = _db.Visits("ib-en-leerkracht");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => visits.PlanAsync(new VisitDraft
        {
            GroupId = group, TeacherId = me, Date = _db.VisitToday().AddDays(1), Time = new TimeOnly(9, 0), Focus = "Instructie",
        }));
        Assert.Contains("bij jezelf", error.Errors[nameof(VisitDraft.TeacherId)], StringComparison.Ordinal);

        await Assert.ThrowsAsync<DomainException>(() => _db.Service<CoachingGoalService>("ib-en-leerkracht").AddAsync(
            new NewCoachingGoal { TeacherId = me, SchoolId = _db.SchoolId(Logins.SchoolA), Description = "Eigen doel" }));

        var request = await _db.Service<TeacherSupportRequestService>("ib-en-leerkracht").AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.OwnPractice, GroupId = group, Question = "Hoe houd ik de kring kort?",
        });
        var own = await Assert.ThrowsAsync<DomainException>(() => _db.Service<TeacherSupportRequestService>("ib-en-leerkracht").PickUpAsync(request, 0));
        Assert.Contains("eigen hulpvraag", own.Message, StringComparison.Ordinal);
        Assert.Equal(SupportRequestStatus.Open, _db.StoredRequest(request).Status);
        // Another IB'er of the school picks it up.
        await _db.Service<TeacherSupportRequestService>(Logins.CareCoordinator).PickUpAsync(request, 0);
        Assert.Equal(SupportRequestStatus.InProgress, _db.StoredRequest(request).Status);
    }

    [Fact]
    public async Task A_visit_whose_observation_has_begun_is_neither_rescheduled_nor_cancelled()
    {
        var id = ObservationScenario.NewVisit(_db);
        var form = await _db.Service<ObservationService>(Logins.CareCoordinator).GetAsync(id);
        var criterion = form.Areas[0].Criteria[0].CriterionId;
        var version = await _db.Service<ObservationService>(Logins.CareCoordinator).SaveAsync(id, form.Version,
            new ObservationInput { CriteriaSetId = form.Criteria.SetId, Scores = [new ObservationScoreInput { CriterionId = criterion, Score = 3 }] });

        var cancel = await Assert.ThrowsAsync<DomainException>(() => Ib.CancelAsync(id, version));
        await Assert.ThrowsAsync<DomainException>(() => Ib.RescheduleAsync(id, version, _db.VisitToday().AddDays(3), new TimeOnly(9, 0), 45));

        Assert.Contains("al begonnen", cancel.Message, StringComparison.Ordinal);
        var detail = await Ib.GetAsync(id);
        Assert.False(detail.CanCancel || detail.CanReschedule); // the page offers neither
        Assert.Equal(VisitStatus.Planned, _db.StoredVisit(id).Status);
    }

    [Fact]
    public async Task An_observation_the_teacher_has_reflected_on_is_not_reopened()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        var version = await _db.Visits(Logins.TeacherA).SaveReflectionAsync(id, _db.VisitVersion(id), new ReflectionInput { WentWell = "De start" });

        var error = await Assert.ThrowsAsync<DomainException>(() => _db.Service<ObservationService>(Logins.CareCoordinator).ReopenAsync(id, version));

        Assert.Contains("gereflecteerd", error.Message, StringComparison.Ordinal);
        Assert.Equal(VisitStatus.Observed, _db.StoredVisit(id).Status);
    }

    [Fact]
    public async Task Coaching_goals_on_a_visit_come_after_its_observation()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);
        var goals = _db.Service<CoachingGoalService>(Logins.CareCoordinator);

        await Assert.ThrowsAsync<DomainException>(() => goals.AddAsync(new NewCoachingGoal { VisitId = id, Description = "Te vroeg" }));

        _db.MarkObserved(id);
        var goal = await goals.AddAsync(new NewCoachingGoal { VisitId = id, Description = "Na de observatie" });
        Assert.Equal(id, CoachingScenario.StoredGoal(_db, goal).VisitId);
    }

    [Fact]
    public async Task A_goal_of_a_teacher_who_left_is_not_reopened()
    {
        var teacher = _db.StaffId(Logins.TeacherA);
        var goal = CoachingScenario.AddGoal(_db, teacher, Logins.SchoolA, CoachingGoalStatus.Achieved);
        using (var db = _db.CreateContext())
        {
            db.StaffMembers.Single(s => s.Id == teacher).IsActive = false;
            db.SaveChanges();
        }

        await Assert.ThrowsAsync<DomainException>(() => _db.Service<CoachingGoalService>(Logins.CareCoordinator)
            .ReopenAsync(goal, CoachingScenario.StoredGoal(_db, goal).Version));

        Assert.Equal(CoachingGoalStatus.Achieved, CoachingScenario.StoredGoal(_db, goal).Status);
    }
}
