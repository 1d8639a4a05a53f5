using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.VisitTests;

/// <summary>The cycle of one visit: plan → observation finished → feedback conversation → coaching goals → reflection → follow-up.</summary>
public sealed class VisitCycleTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_visit_runs_through_its_stages_from_planned_to_completed_and_leads_to_a_follow_up()
    {
        var ib = _db.Visits(Logins.CareCoordinator);
        var teacher = _db.Visits(Logins.TeacherA);
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var planned = await ib.GetAsync(id);
        Assert.Equal((VisitStatus.Planned, VisitStage.Planned, 0), (planned.Status, planned.Stage, planned.Version));
        Assert.True(planned.CanReschedule && planned.CanCancel);
        Assert.False(planned.CanRecordFeedback);

        // The visit's time comes: the observation is due.
        _db.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        Assert.Equal(VisitStage.ObservationDue, (await ib.GetAsync(id)).Stage);

        _db.MarkObserved(id);
        var observed = await ib.GetAsync(id);
        Assert.Equal(VisitStage.AwaitingFeedback, observed.Stage);
        Assert.True(observed.CanRecordFeedback && observed.CanAddGoals && observed.CanPlanFollowUp);
        Assert.False(observed.CanReschedule || observed.CanCancel);

        var afterFeedback = await ib.RecordFeedbackAsync(id, observed.Version, new FeedbackInput { Notes = "Sterke start; de verwerking liep uit." });
        await _db.Service<CoachingGoalService>(Logins.CareCoordinator).AddAsync(new NewCoachingGoal
        {
            VisitId = id,
            Description = "Ik geef de instructie in hooguit tien minuten.",
            ReviewOn = _db.VisitToday().AddDays(28),
        });

        var seenByTeacher = await teacher.GetAsync(id);
        Assert.Equal(VisitStage.AwaitingReflection, seenByTeacher.Stage);
        Assert.Equal("Sterke start; de verwerking liep uit.", seenByTeacher.FeedbackNotes);
        Assert.Equal("Ik geef de instructie in hooguit tien minuten.", Assert.Single(seenByTeacher.Goals).Description);
        Assert.True(seenByTeacher.CanReflect);
        Assert.False(seenByTeacher.CanManage || seenByTeacher.CanRecordFeedback);
        Assert.Null(seenByTeacher.Reflection);

        await teacher.SaveReflectionAsync(id, afterFeedback, new ReflectionInput { WentWell = "De start", ToImprove = "Kortere instructie" });

        var completed = await ib.GetAsync(id);
        Assert.Equal(VisitStage.Completed, completed.Stage);
        Assert.Equal(("De start", "Kortere instructie", (string?)null),
            (completed.Reflection!.WentWell, completed.Reflection.ToImprove, completed.Reflection.SupportNeeded));

        // The follow-up: prefilled from the earlier visit, planned through PlanAsync.
        var options = await ib.GetPlanOptionsAsync(new VisitPlanPrefill { FollowUpOfId = id });
        Assert.Equal((_db.TaughtGroup(Logins.TeacherA), _db.StaffId(Logins.TeacherA), id),
            (options.Draft.GroupId, options.Draft.TeacherId, options.Draft.FollowUpOfId));
        Assert.Contains("‘Ik geef de instructie in hooguit tien minuten.’", options.Draft.Focus, StringComparison.Ordinal);
        var followUp = await ib.PlanAsync(options.Draft);

        Assert.Equal(id, _db.StoredVisit(followUp).FollowUpOfId);
        var earlier = await ib.GetAsync(id);
        Assert.Equal(followUp, Assert.Single(earlier.FollowUps).Id);
        Assert.Equal(id, (await ib.GetAsync(followUp)).FollowUpOf!.Id);
    }

    [Fact]
    public async Task Feedback_is_recorded_only_once_the_observation_is_finished_and_can_then_be_edited()
    {
        var ib = _db.Visits(Logins.CareCoordinator);
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var early = await Assert.ThrowsAsync<DomainException>(() => ib.RecordFeedbackAsync(id, 0, new FeedbackInput { Notes = "Te vroeg" }));
        Assert.Contains("Rond eerst de observatie af", early.Message, StringComparison.Ordinal);

        _db.MarkObserved(id);
        var version = _db.VisitVersion(id);
        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => ib.RecordFeedbackAsync(id, version, new FeedbackInput { Notes = "  " }));
        Assert.True(empty.Errors.ContainsKey(nameof(FeedbackInput.Notes)));
        Assert.Equal(VisitStatus.Observed, _db.StoredVisit(id).Status);

        version = await ib.RecordFeedbackAsync(id, version, new FeedbackInput { Notes = "Eerste versie" });
        var firstAt = _db.StoredVisit(id).FeedbackAt;
        _db.Clock.Advance(TimeSpan.FromHours(2));
        await ib.RecordFeedbackAsync(id, version, new FeedbackInput { Notes = "Aangevuld" });

        var stored = _db.StoredVisit(id);
        Assert.Equal((VisitStatus.FeedbackGiven, "Aangevuld", firstAt), (stored.Status, stored.FeedbackNotes, stored.FeedbackAt));
        Assert.Equal(2, _db.VisitAudit(VisitAuditActions.RecordFeedback, Logins.CareCoordinator).Count(a => a.RecordId == id));
    }

    [Fact]
    public async Task Feedback_notes_that_are_too_long_are_refused_with_a_Dutch_message()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Visits(Logins.CareCoordinator)
            .RecordFeedbackAsync(id, _db.VisitVersion(id), new FeedbackInput { Notes = new string('x', ClassroomVisit.NotesMaxLength + 1) }));

        Assert.Contains("hoogstens 8000 tekens", ex.Errors[nameof(FeedbackInput.Notes)], StringComparison.Ordinal);
        Assert.Null(_db.StoredVisit(id).FeedbackNotes);
    }

    [Fact]
    public async Task The_teacher_reflects_once_the_observation_is_finished_and_may_revise_it()
    {
        var teacher = _db.Visits(Logins.TeacherA);
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var early = await Assert.ThrowsAsync<DomainException>(() => teacher.SaveReflectionAsync(id, 0, new ReflectionInput { WentWell = "Alles" }));
        Assert.Contains("zodra de intern begeleider de observatie heeft afgerond", early.Message, StringComparison.Ordinal);

        _db.MarkObserved(id);
        var version = await teacher.SaveReflectionAsync(id, _db.VisitVersion(id), new ReflectionInput { SupportNeeded = "Meekijken bij de verwerking" });
        // Reflecting before the feedback conversation does not complete the cycle: the feedback is still awaited.
        Assert.Equal(VisitStage.AwaitingFeedback, (await teacher.GetAsync(id)).Stage);

        _db.Clock.Advance(TimeSpan.FromDays(1));
        await teacher.SaveReflectionAsync(id, version, new ReflectionInput { WentWell = "De start", SupportNeeded = "Meekijken" });

        var stored = _db.StoredVisit(id);
        Assert.Equal(("De start", (string?)null, "Meekijken"), (stored.ReflectionWentWell, stored.ReflectionToImprove, stored.ReflectionSupportNeeded));
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, stored.ReflectedAt);
        var audits = _db.VisitAudit(VisitAuditActions.Reflect, Logins.TeacherA).Where(a => a.RecordId == id).ToList();
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal(("Teacher", AuditOutcome.Allowed), (a.Role, a.Outcome)));
    }

    [Fact]
    public async Task A_reflection_needs_at_least_one_answer_and_each_answer_has_a_maximum_length()
    {
        var teacher = _db.Visits(Logins.TeacherA);
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        var version = _db.VisitVersion(id);

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => teacher.SaveReflectionAsync(id, version, new ReflectionInput { WentWell = " " }));
        Assert.Equal("Vul minstens één vraag in, bijvoorbeeld wat er goed ging.", empty.Errors[nameof(ReflectionInput.WentWell)]);

        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() => teacher.SaveReflectionAsync(id, version,
            new ReflectionInput { WentWell = "Goed", ToImprove = new string('x', ClassroomVisit.ReflectionMaxLength + 1) }));
        Assert.True(tooLong.Errors.ContainsKey(nameof(ReflectionInput.ToImprove)));
        Assert.False(tooLong.Errors.ContainsKey(nameof(ReflectionInput.WentWell)));

        Assert.Null(_db.StoredVisit(id).ReflectedAt);
        Assert.Equal(version, _db.VisitVersion(id));
    }

    [Fact]
    public async Task Only_the_visited_teacher_writes_the_reflection_not_even_the_IBer_and_the_refusal_is_audited()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        var version = _db.VisitVersion(id);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.CareCoordinator)
            .SaveReflectionAsync(id, version, new ReflectionInput { WentWell = "Namens de leerkracht" }));
        var colleague = _db.OtherTeacherAtSchoolOf(Logins.TeacherA);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(colleague)
            .SaveReflectionAsync(id, version, new ReflectionInput { WentWell = "Van een collega" }));

        Assert.Null(_db.StoredVisit(id).ReflectedAt);
        var refusal = Assert.Single(_db.VisitAudit(VisitAuditActions.Reflect, Logins.CareCoordinator));
        Assert.Equal((AuditOutcome.Refused, AuditRecordKind.ClassroomVisit, (int?)id), (refusal.Outcome, refusal.RecordKind, refusal.RecordId));
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.Reflect, colleague)).Outcome);
    }

    [Fact]
    public async Task Coaching_goals_on_the_visit_are_listed_on_it_and_closing_one_shows_its_new_state()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        var goals = _db.Service<CoachingGoalService>(Logins.CareCoordinator);
        var first = await goals.AddAsync(new NewCoachingGoal { VisitId = id, Description = "Kortere instructie" });
        await goals.AddAsync(new NewCoachingGoal { VisitId = id, Description = "Vaste plek voor de verlengde instructie" });

        var before = await _db.Visits(Logins.CareCoordinator).GetAsync(id);
        Assert.Equal(["Kortere instructie", "Vaste plek voor de verlengde instructie"], before.Goals.Select(g => g.Description));
        await goals.CloseAsync(first, before.Goals[0].Version, achieved: true);

        var after = await _db.Visits(Logins.CareCoordinator).GetAsync(id);
        Assert.Equal(CoachingGoalStatus.Achieved, after.Goals.Single(g => g.Id == first).Status);
    }

    [Fact]
    public async Task A_follow_up_shows_the_teachers_running_goals_of_earlier_visits_to_the_IBer_and_the_teacher()
    {
        const string coached = "lk-vervolg";
        var group = CoachingScenario.CurrentGroupOf(_db, Logins.TeacherA);
        var teacher = CoachingScenario.AddTeacher(_db, coached, Logins.SchoolA, group);
        var earlier = CoachingScenario.AddVisit(_db, teacher, group, CoachingScenario.At(_db, -14), VisitStatus.FeedbackGiven);
        var followUp = CoachingScenario.AddVisit(_db, teacher, group, CoachingScenario.At(_db, 3), followUpOf: earlier);
        var later = CoachingScenario.AddVisit(_db, teacher, group, CoachingScenario.At(_db, 30));
        var review = _db.VisitToday().AddDays(20);
        var running = CoachingScenario.AddGoal(_db, teacher, Logins.SchoolA, reviewOn: review, visitId: earlier, description: "Kortere instructie");
        var achieved = CoachingScenario.AddGoal(_db, teacher, Logins.SchoolA, CoachingGoalStatus.Achieved, visitId: earlier);
        var ownGoal = CoachingScenario.AddGoal(_db, teacher, Logins.SchoolA, visitId: followUp, description: "Doel van dit bezoek");
        var fromLater = CoachingScenario.AddGoal(_db, teacher, Logins.SchoolA, visitId: later);
        var withoutVisit = CoachingScenario.AddGoal(_db, teacher, Logins.SchoolA);
        var otherTeachers = CoachingScenario.AddGoal(_db, _db.StaffId(Logins.TeacherA), Logins.SchoolA, visitId: earlier);

        foreach (var login in new[] { Logins.CareCoordinator, coached })
        {
            var detail = await _db.Visits(login).GetAsync(followUp);
            var shown = Assert.Single(detail.EarlierGoals);
            Assert.Equal((running, "Kortere instructie", earlier, _db.VisitToday().AddDays(-14), review),
                (shown.Id, shown.Description, shown.VisitId, shown.VisitDate, shown.ReviewOn));
            Assert.Equal([ownGoal], detail.Goals.Select(g => g.Id));
        }
        // The earlier visit's own goals are its goals, not goals "of earlier visits"; nor do later visits' goals go back in time.
        Assert.Empty((await _db.Visits(Logins.CareCoordinator).GetAsync(earlier)).EarlierGoals);
        Assert.Equal([running, ownGoal], (await _db.Visits(Logins.CareCoordinator).GetAsync(later)).EarlierGoals.Select(g => g.Id));
        _ = (achieved, fromLater, withoutVisit, otherTeachers);
    }

    [Fact]
    public async Task Two_people_changing_the_same_version_the_second_gets_a_conflict_and_nothing_is_overwritten()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        var version = _db.VisitVersion(id);
        await _db.Visits(Logins.CareCoordinator).RecordFeedbackAsync(id, version, new FeedbackInput { Notes = "Eerst opgeslagen" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Visits(Logins.CareCoordinator)
            .RecordFeedbackAsync(id, version, new FeedbackInput { Notes = "Oude stand" }));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Visits(Logins.TeacherA)
            .SaveReflectionAsync(id, version, new ReflectionInput { WentWell = "Oude stand" }));

        var stored = _db.StoredVisit(id);
        Assert.Equal(("Eerst opgeslagen", (DateTime?)null, version + 1), (stored.FeedbackNotes, stored.ReflectedAt, stored.Version));
    }
}
