using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using static IbPortal.Tests.VisitTests.CoachingScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The lead's <see cref="CoachingGoalService"/>: agreeing, changing, closing and reopening a teacher's coaching goals.</summary>
public sealed class CoachingGoalServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly int _teacher;
    private readonly int _groupA;

    public CoachingGoalServiceTests()
    {
        _groupA = CurrentGroupOf(_db, Logins.TeacherA);
        _teacher = AddTeacher(_db, "lk-doel", Logins.SchoolA, _groupA);
    }

    public void Dispose() => _db.Dispose();

    private CoachingGoalService Goals(string login = Logins.CareCoordinator) => _db.Service<CoachingGoalService>(login);

    private NewCoachingGoal ForTeacher(string description = "Ik geef de instructie in hooguit tien minuten.", DateOnly? reviewOn = null) => new()
    {
        TeacherId = _teacher,
        SchoolId = _db.SchoolId(Logins.SchoolA),
        Description = description,
        ReviewOn = reviewOn,
    };

    [Fact]
    public async Task The_IBer_agrees_a_goal_after_a_visit_with_teacher_and_school_taken_from_the_visit_and_audits_it()
    {
        var visit = AddVisit(_db, _teacher, _groupA, At(_db, -3), VisitStatus.FeedbackGiven);
        var review = Today(_db).AddDays(30);

        var id = await Goals().AddAsync(new NewCoachingGoal { VisitId = visit, Description = "  Ik sluit elke les af met een terugblik.  ", ReviewOn = review });

        var goal = StoredGoal(_db, id);
        Assert.Equal(_teacher, goal.TeacherId);
        Assert.Equal(_db.SchoolId(Logins.SchoolA), goal.SchoolId);
        Assert.Equal(visit, goal.VisitId);
        Assert.Equal("Ik sluit elke les af met een terugblik.", goal.Description);
        Assert.Equal(review, goal.ReviewOn);
        Assert.Equal(CoachingGoalStatus.Active, goal.Status);
        Assert.Equal(_db.StaffId(Logins.CareCoordinator), goal.CreatedById);
        var entry = Assert.Single(AuditBy(_db, Logins.CareCoordinator), a => a.Action == VisitAuditActions.GoalAdd);
        Assert.Equal((AuditRecordKind.CoachingGoal, (int?)id, (int?)goal.SchoolId, "CareCoordinator", AuditOutcome.Allowed),
            (entry.RecordKind, entry.RecordId, entry.SchoolId, entry.Role, entry.Outcome));
        Assert.Null(entry.PupilId);
    }

    [Fact]
    public async Task A_goal_on_an_open_support_request_picks_the_request_up_publishes_the_change_and_audits_both()
    {
        var request = AddRequest(_db, _teacher, Logins.SchoolA);
        var eventsBefore = _db.Events.Published.Count;

        var id = await Goals().AddAsync(new NewCoachingGoal { SupportRequestId = request, Description = "Ik werk met een vaste instructietafel." });

        var goal = StoredGoal(_db, id);
        Assert.Equal((_teacher, _db.SchoolId(Logins.SchoolA), (int?)request), (goal.TeacherId, goal.SchoolId, goal.SupportRequestId));
        var stored = StoredRequest(_db, request);
        Assert.Equal(SupportRequestStatus.InProgress, stored.Status);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, stored.PickedUpAt);
        Assert.Equal(_db.StaffId(Logins.CareCoordinator), stored.PickedUpById);
        Assert.Equal(1, stored.Version);
        var published = Assert.IsType<SupportRequestChanged>(Assert.Single(_db.Events.Published.Skip(eventsBefore)));
        Assert.Equal((request, _db.SchoolId(Logins.SchoolA), _teacher, SupportRequestChange.PickedUp),
            (published.RequestId, published.SchoolId, published.TeacherId, published.Change));
        var audit = AuditBy(_db, Logins.CareCoordinator);
        Assert.Contains(audit, a => a.Action == SupportRequestAuditActions.AddGoal && a.RecordKind == AuditRecordKind.CoachingGoal && a.RecordId == id);
        Assert.Contains(audit, a => a.Action == SupportRequestAuditActions.PickUp && a.RecordKind == AuditRecordKind.SupportRequest && a.RecordId == request);
    }

    [Fact]
    public async Task A_goal_on_a_request_already_picked_up_leaves_the_request_as_it_is_and_publishes_nothing()
    {
        var request = AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.InProgress);
        var eventsBefore = _db.Events.Published.Count;

        await Goals().AddAsync(new NewCoachingGoal { SupportRequestId = request, Description = "Ik gebruik een time-timer." });

        Assert.Equal((SupportRequestStatus.InProgress, 0), (StoredRequest(_db, request).Status, StoredRequest(_db, request).Version));
        Assert.Equal(eventsBefore, _db.Events.Published.Count);
        Assert.DoesNotContain(AuditBy(_db, Logins.CareCoordinator), a => a.Action == SupportRequestAuditActions.PickUp);
    }

    [Fact]
    public async Task No_goal_on_a_closed_request_or_a_cancelled_visit()
    {
        var request = AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.Closed);
        var visit = AddVisit(_db, _teacher, _groupA, At(_db, 2), VisitStatus.Cancelled);

        await Assert.ThrowsAsync<DomainException>(() => Goals().AddAsync(new NewCoachingGoal { SupportRequestId = request, Description = "Doel" }));
        await Assert.ThrowsAsync<DomainException>(() => Goals().AddAsync(new NewCoachingGoal { VisitId = visit, Description = "Doel" }));

        Assert.Empty(GoalsOf(_db, _teacher));
    }

    [Fact]
    public async Task The_IBer_agrees_a_goal_with_a_teacher_directly_but_only_with_a_teacher_of_that_school()
    {
        var id = await Goals().AddAsync(ForTeacher());
        Assert.Null(StoredGoal(_db, id).VisitId);
        Assert.Null(StoredGoal(_db, id).SupportRequestId);

        var teacherB = _db.StaffId(Logins.TeacherB);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Goals().AddAsync(new NewCoachingGoal
        {
            TeacherId = teacherB,
            SchoolId = _db.SchoolId(Logins.SchoolA),
            Description = "Doel",
        }));
        Assert.Equal("Kies een leerkracht van deze school.", error.Errors[nameof(NewCoachingGoal.TeacherId)]);
        Assert.DoesNotContain(GoalsOf(_db, teacherB), g => g.SchoolId == _db.SchoolId(Logins.SchoolA));
    }

    [Theory]
    [InlineData("", null, nameof(NewCoachingGoal.Description))]
    [InlineData("   ", null, nameof(NewCoachingGoal.Description))]
    [InlineData("TOO_LONG", null, nameof(NewCoachingGoal.Description))]
    [InlineData("Goed doel", -1, nameof(NewCoachingGoal.ReviewOn))]
    [InlineData("Goed doel", CoachingGoalService.MaxReviewDaysAhead + 1, nameof(NewCoachingGoal.ReviewOn))]
    public async Task Invalid_input_is_refused_per_field_in_Dutch_and_nothing_is_saved(string description, int? reviewInDays, string field)
    {
        var text = description == "TOO_LONG" ? new string('x', CoachingGoal.DescriptionMaxLength + 1) : description;
        var auditBefore = AuditBy(_db, Logins.CareCoordinator).Count;

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Goals().AddAsync(ForTeacher(text, reviewInDays is { } d ? Today(_db).AddDays(d) : null)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.False(string.IsNullOrWhiteSpace(error.Errors[field]));
        Assert.Empty(GoalsOf(_db, _teacher));
        Assert.Equal(auditBefore, AuditBy(_db, Logins.CareCoordinator).Count);
    }

    [Fact]
    public async Task A_review_date_today_or_a_year_ahead_is_fine()
    {
        await Goals().AddAsync(ForTeacher(reviewOn: Today(_db)));
        await Goals().AddAsync(ForTeacher(reviewOn: Today(_db).AddDays(CoachingGoalService.MaxReviewDaysAhead)));

        Assert.Equal(2, GoalsOf(_db, _teacher).Count);
    }

    [Fact]
    public async Task At_most_five_goals_are_active_per_teacher_and_school_and_closing_one_makes_room()
    {
        var ids = new List<int>();
        for (var i = 1; i <= CoachingGoal.MaxActivePerTeacher; i++)
            ids.Add(await Goals().AddAsync(ForTeacher($"Doel {i}")));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Goals().AddAsync(ForTeacher("Doel 6")));
        Assert.Equal(CoachingGoalService.TooManyMessage, error.Errors[nameof(NewCoachingGoal.Description)]);
        Assert.Equal(CoachingGoal.MaxActivePerTeacher, GoalsOf(_db, _teacher).Count);

        await Goals().CloseAsync(ids[0], 0, achieved: true);
        var sixth = await Goals().AddAsync(ForTeacher("Doel 6"));
        Assert.Equal(CoachingGoalStatus.Active, StoredGoal(_db, sixth).Status);

        // Reopening the closed one would make six.
        var reopen = await Assert.ThrowsAsync<DomainException>(() => Goals().ReopenAsync(ids[0], 1));
        Assert.Equal(CoachingGoalService.TooManyMessage, reopen.Message);
        Assert.Equal(CoachingGoalStatus.Achieved, StoredGoal(_db, ids[0]).Status);
    }

    [Fact]
    public async Task The_limit_counts_per_school()
    {
        using (var db = _db.CreateContext())
        {
            db.RoleAssignments.Add(new RoleAssignment { StaffMemberId = _teacher, Role = PortalRole.Teacher, SchoolId = _db.SchoolId(Logins.SchoolB) });
            db.SaveChanges();
        }
        for (var i = 1; i <= CoachingGoal.MaxActivePerTeacher; i++)
            await Goals().AddAsync(ForTeacher($"Doel {i}"));

        var atB = await Goals().AddAsync(new NewCoachingGoal { TeacherId = _teacher, SchoolId = _db.SchoolId(Logins.SchoolB), Description = "Doel op B" });

        Assert.Equal(_db.SchoolId(Logins.SchoolB), StoredGoal(_db, atB).SchoolId);
    }

    [Theory]
    [InlineData(true, CoachingGoalStatus.Achieved)]
    [InlineData(false, CoachingGoalStatus.Dropped)]
    public async Task Closing_records_the_outcome_who_and_when_raises_the_version_and_is_audited(bool achieved, CoachingGoalStatus expected)
    {
        var id = await Goals().AddAsync(ForTeacher());
        _db.Clock.Advance(TimeSpan.FromDays(10));

        var version = await Goals().CloseAsync(id, 0, achieved);

        var goal = StoredGoal(_db, id);
        Assert.Equal(1, version);
        Assert.Equal((expected, 1), (goal.Status, goal.Version));
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, goal.ClosedAt);
        Assert.Equal(_db.StaffId(Logins.CareCoordinator), goal.ClosedById);
        var entry = Assert.Single(AuditBy(_db, Logins.CareCoordinator), a => a.Action == VisitAuditActions.GoalClose);
        Assert.Equal((AuditRecordKind.CoachingGoal, (int?)id, (int?)goal.SchoolId), (entry.RecordKind, entry.RecordId, entry.SchoolId));

        await Assert.ThrowsAsync<DomainException>(() => Goals().CloseAsync(id, 1, achieved));
        Assert.Equal(1, StoredGoal(_db, id).Version);
    }

    [Fact]
    public async Task Reopening_makes_a_closed_goal_active_again_and_clears_who_closed_it()
    {
        var id = await Goals().AddAsync(ForTeacher());
        await Goals().CloseAsync(id, 0, achieved: false);

        var version = await Goals().ReopenAsync(id, 1);

        var goal = StoredGoal(_db, id);
        Assert.Equal((CoachingGoalStatus.Active, 2, 2), (goal.Status, goal.Version, version));
        Assert.Null(goal.ClosedAt);
        Assert.Null(goal.ClosedById);
        Assert.Contains(AuditBy(_db, Logins.CareCoordinator), a => a.Action == VisitAuditActions.GoalReopen && a.RecordId == id);
        await Assert.ThrowsAsync<DomainException>(() => Goals().ReopenAsync(id, 2));
    }

    [Fact]
    public async Task Editing_changes_wording_and_review_date_but_not_of_a_closed_goal()
    {
        var id = await Goals().AddAsync(ForTeacher());
        var review = Today(_db).AddDays(14);

        var version = await Goals().UpdateAsync(id, 0, "Ik geef de instructie in hooguit acht minuten.", review);

        var goal = StoredGoal(_db, id);
        Assert.Equal(("Ik geef de instructie in hooguit acht minuten.", (DateOnly?)review, 1, 1), (goal.Description, goal.ReviewOn, goal.Version, version));
        await Goals().CloseAsync(id, 1, achieved: true);
        await Assert.ThrowsAsync<DomainException>(() => Goals().UpdateAsync(id, 2, "Nog iets anders", null));
        Assert.Equal("Ik geef de instructie in hooguit acht minuten.", StoredGoal(_db, id).Description);
    }

    [Fact]
    public async Task A_review_date_that_has_passed_may_stay_when_the_wording_changes()
    {
        var id = await Goals().AddAsync(ForTeacher(reviewOn: Today(_db).AddDays(2)));
        _db.Clock.Advance(TimeSpan.FromDays(5));

        await Goals().UpdateAsync(id, 0, "Aangescherpt doel", Today(_db).AddDays(-3));

        Assert.Equal("Aangescherpt doel", StoredGoal(_db, id).Description);
    }

    [Fact]
    public async Task A_stale_version_gives_a_conflict_and_changes_nothing()
    {
        var id = await Goals().AddAsync(ForTeacher());
        await Goals().UpdateAsync(id, 0, "Versie van de ene IB'er", null);
        var auditBefore = AuditBy(_db, Logins.CareCoordinator).Count;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Goals().CloseAsync(id, 0, achieved: true));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Goals().UpdateAsync(id, 0, "Versie van de andere", null));

        var goal = StoredGoal(_db, id);
        Assert.Equal((CoachingGoalStatus.Active, "Versie van de ene IB'er", 1), (goal.Status, goal.Description, goal.Version));
        Assert.Equal(auditBefore, AuditBy(_db, Logins.CareCoordinator).Count);
    }

    [Fact]
    public async Task A_change_saved_by_someone_else_between_reading_and_saving_gives_a_conflict()
    {
        var id = await Goals().AddAsync(ForTeacher());
        var interceptor = new OnFirstSave(async (context, ct) =>
        {
            await using var other = _db.CreateContext();
            await other.CoachingGoals.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Version, g => g.Version + 1), ct);
        });
        var racing = GoalsWith(interceptor);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => racing.CloseAsync(id, 0, achieved: true));

        Assert.True(interceptor.Ran);
        var goal = StoredGoal(_db, id);
        Assert.Equal((CoachingGoalStatus.Active, 1), (goal.Status, goal.Version));
        Assert.DoesNotContain(AuditBy(_db, Logins.CareCoordinator), a => a.Action == VisitAuditActions.GoalClose);
    }

    [Fact]
    public async Task A_request_changed_meanwhile_gives_a_conflict_and_neither_goal_nor_pick_up_is_saved()
    {
        var request = AddRequest(_db, _teacher, Logins.SchoolA);
        var eventsBefore = _db.Events.Published.Count;
        // Inside the service's transaction, on its own connection: the request's version moves under it.
        var interceptor = new OnFirstSave((context, ct) => context.Database.ExecuteSqlAsync(
            $"UPDATE \"TeacherSupportRequests\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = {request}", ct));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            GoalsWith(interceptor).AddAsync(new NewCoachingGoal { SupportRequestId = request, Description = "Doel" }));

        Assert.True(interceptor.Ran);
        Assert.Empty(GoalsOf(_db, _teacher));
        Assert.Equal(SupportRequestStatus.Open, StoredRequest(_db, request).Status);
        Assert.Equal(eventsBefore, _db.Events.Published.Count);
        Assert.DoesNotContain(AuditBy(_db, Logins.CareCoordinator), a => a.Action is SupportRequestAuditActions.PickUp or SupportRequestAuditActions.AddGoal);
    }

    [Fact]
    public async Task Goal_and_its_audit_entry_are_saved_together_or_not_at_all()
    {
        var failing = new FailOnAudit(VisitAuditActions.GoalAdd);

        await Assert.ThrowsAsync<InvalidOperationException>(() => GoalsWith(failing).AddAsync(ForTeacher()));
        Assert.Empty(GoalsOf(_db, _teacher));

        var id = await Goals().AddAsync(ForTeacher());
        var closeFailing = new FailOnAudit(VisitAuditActions.GoalClose);
        await Assert.ThrowsAsync<InvalidOperationException>(() => GoalsWith(closeFailing).CloseAsync(id, 0, achieved: true));
        Assert.Equal((CoachingGoalStatus.Active, 0), (StoredGoal(_db, id).Status, StoredGoal(_db, id).Version));
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_the_IBer_of_the_school_agrees_or_closes_goals_and_each_refusal_is_audited(string who)
    {
        var login = who == "teacher" ? "lk-doel" : who;
        var visit = AddVisit(_db, _teacher, _groupA, At(_db, -1), VisitStatus.FeedbackGiven);
        var request = AddRequest(_db, _teacher, Logins.SchoolA);
        var goal = AddGoal(_db, _teacher, Logins.SchoolA);
        var refusals = RefusalsBy(_db, login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals(login).AddAsync(ForTeacher()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals(login).AddAsync(new NewCoachingGoal { VisitId = visit, Description = "Doel" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals(login).AddAsync(new NewCoachingGoal { SupportRequestId = request, Description = "Doel" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals(login).CloseAsync(goal, 0, achieved: true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals(login).UpdateAsync(goal, 0, "Anders", null));

        Assert.Equal(refusals + 5, RefusalsBy(_db, login));
        Assert.Equal([goal], GoalsOf(_db, _teacher).Select(g => g.Id));
        Assert.Equal(SupportRequestStatus.Open, StoredRequest(_db, request).Status);
    }

    [Fact]
    public async Task An_IBer_of_one_school_cannot_touch_goals_at_the_other()
    {
        AddPerson(_db, "ib-alleen-a", [(PortalRole.CareCoordinator, Logins.SchoolA)]);
        var teacherB = _db.StaffId(Logins.TeacherB);
        var goalB = AddGoal(_db, teacherB, Logins.SchoolB);
        var goalA = AddGoal(_db, _teacher, Logins.SchoolA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals("ib-alleen-a").CloseAsync(goalB, 0, achieved: true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Goals("ib-alleen-a").AddAsync(new NewCoachingGoal
        {
            TeacherId = teacherB,
            SchoolId = _db.SchoolId(Logins.SchoolB),
            Description = "Doel",
        }));
        Assert.Equal(1, await Goals("ib-alleen-a").CloseAsync(goalA, 0, achieved: true));
        Assert.Equal(CoachingGoalStatus.Active, StoredGoal(_db, goalB).Status);
    }

    [Fact]
    public async Task A_goal_on_a_visit_cannot_be_linked_to_a_support_request_of_another_teacher_or_school()
    {
        AddPerson(_db, "ib-alleen-a", [(PortalRole.CareCoordinator, Logins.SchoolA)]);
        var visitA = AddVisit(_db, _teacher, _groupA, At(_db, -2), VisitStatus.FeedbackGiven);
        var requestB = AddRequest(_db, _db.StaffId(Logins.TeacherB), Logins.SchoolB);

        // An IB'er of school A only does not reach school B's request at all; the IB'er of both schools gets the rule.
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Goals("ib-alleen-a").AddAsync(new NewCoachingGoal { VisitId = visitA, SupportRequestId = requestB, Description = "Doel" }));
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Goals(Logins.CareCoordinator).AddAsync(new NewCoachingGoal { VisitId = visitA, SupportRequestId = requestB, Description = "Doel" }));

        Assert.Contains(nameof(NewCoachingGoal.SupportRequestId), error.Errors.Keys);
        Assert.DoesNotContain(GoalsOf(_db, _teacher), g => g.SupportRequestId == requestB);
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused()
    {
        var service = _db.Service<CoachingGoalService>(TestDatabase.Anonymous());

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(ForTeacher()));
        Assert.Empty(GoalsOf(_db, _teacher));
    }

    private CoachingGoalService GoalsWith(IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>(_db.Options).AddInterceptors(interceptor).Options;
        return new CoachingGoalService(new Factory(options), _db.UserFor(Logins.CareCoordinator), _db.Audit, _db.Events, _db.Clock,
            NullLogger<CoachingGoalService>.Instance);
    }

    /// <summary>Runs <paramref name="action"/> once, just before the first save of a context.</summary>
    private sealed class OnFirstSave(Func<DbContext, CancellationToken, Task> action) : SaveChangesInterceptor
    {
        public bool Ran { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Ran && eventData.Context is { } context)
            {
                Ran = true;
                await action(context, cancellationToken);
            }
            return result;
        }
    }

    /// <summary>Fails the save that carries the audit entry of <paramref name="action"/>, as a full disk would.</summary>
    private sealed class FailOnAudit(string action) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == action))
                throw new InvalidOperationException("Schijf vol.");
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Factory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
