using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.DomainTests;

/// <summary>The concern workflow: raise, acknowledge, note, next step, close, reopen.</summary>
public class ConcernWorkflowTests
{
    [Fact]
    public async Task Raised_concern_is_new_with_one_raised_history_entry_by_the_author_at_the_clock_time()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);
        var teacherId = database.StaffId(Logins.TeacherA);
        var now = database.UtcNow();

        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(pupilId, Urgency.Urgent));

        var detail = await database.Concerns(Logins.TeacherA).GetDetailAsync(id);
        Assert.Equal(ConcernStatus.New, detail.Summary.Status);
        Assert.Equal(pupilId, detail.Summary.PupilId);
        Assert.Equal(teacherId, detail.Summary.AuthorId);
        Assert.Equal(database.SchoolId(Logins.SchoolA), detail.Summary.SchoolId);
        Assert.Equal(database.GroupIdOf(Logins.SchoolA, "5"), detail.Summary.GroupId);
        Assert.Equal(Urgency.Urgent, detail.Summary.Urgency);
        Assert.Equal(now, detail.Summary.RaisedAt);
        Assert.Null(detail.Summary.AcknowledgedAt);
        Assert.Equal(0, detail.Version);
        var entry = Assert.Single(detail.History);
        Assert.Equal(ConcernChange.Raised, entry.Change);
        Assert.Equal(teacherId, entry.ActorId);
        Assert.Equal(now, entry.At);
        Assert.Null(entry.FromStatus);
        Assert.Equal(ConcernStatus.New, entry.ToStatus);
    }

    [Fact]
    public async Task Raise_stores_the_teachers_words_trimmed_and_blank_optional_fields_as_empty()
    {
        using var database = new TestDatabase();
        var input = DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA)) with
        {
            Observation = "   Huilt vaak in de ochtend.  ",
            Since = "   ",
            AlreadyTried = "",
        };

        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(input);

        var stored = database.Stored(id);
        Assert.Equal("Huilt vaak in de ochtend.", stored.Observation);
        Assert.Null(stored.Since);
        Assert.Null(stored.AlreadyTried);
    }

    [Fact]
    public async Task Care_coordinator_can_raise_a_concern_for_a_pupil_of_either_school()
    {
        using var database = new TestDatabase();
        var ib = database.Concerns(Logins.CareCoordinator);

        var atA = await ib.RaiseAsync(DomainScenario.ValidConcern(database.PupilAt(Logins.SchoolA)));
        var atB = await ib.RaiseAsync(DomainScenario.ValidConcern(database.PupilAt(Logins.SchoolB)));

        Assert.Equal(database.SchoolId(Logins.SchoolA), database.Stored(atA).SchoolId);
        Assert.Equal(database.SchoolId(Logins.SchoolB), database.Stored(atB).SchoolId);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), database.Stored(atB).AuthorId);
    }

    [Fact]
    public async Task Acknowledge_sets_status_and_who_acknowledged_when()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        database.Clock.Advance(TimeSpan.FromHours(2));
        var ibId = database.StaffId(Logins.CareCoordinator);

        await database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(id, expectedVersion: 0);

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.Acknowledged, stored.Status);
        Assert.Equal(database.UtcNow(), stored.AcknowledgedAt);
        Assert.Equal(ibId, stored.AcknowledgedById);
        Assert.Equal(1, stored.Version);
        Assert.Equal(database.UtcNow(), stored.UpdatedAt);
        var entry = stored.History[^1];
        Assert.Equal(ConcernChange.Acknowledged, entry.Change);
        Assert.Equal(ibId, entry.ActorId);
        Assert.Equal(ConcernStatus.New, entry.FromStatus);
        Assert.Equal(ConcernStatus.Acknowledged, entry.ToStatus);
        Assert.Equal(database.UtcNow(), entry.At);
    }

    [Fact]
    public async Task Acknowledging_twice_is_refused()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);
        var historyBefore = database.HistoryCount();

        var error = await Assert.ThrowsAsync<DomainException>(() => ib.AcknowledgeAsync(id, 1));

        Assert.Equal("Deze signalering is al gezien.", error.Message);
        Assert.Equal(historyBefore, database.HistoryCount());
        Assert.Equal(1, database.CurrentVersion(id));
    }

    [Fact]
    public async Task Note_keeps_the_status_and_records_the_text()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);
        database.Clock.Advance(TimeSpan.FromMinutes(30));

        await ib.AddNoteAsync(id, 1, "  Besproken met de leerkracht; eerst observeren.  ");

        var detail = await ib.GetDetailAsync(id);
        Assert.Equal(ConcernStatus.Acknowledged, detail.Summary.Status);
        Assert.Equal("Besproken met de leerkracht; eerst observeren.", detail.Summary.LatestNote);
        var entry = detail.History[^1];
        Assert.Equal(ConcernChange.NoteAdded, entry.Change);
        Assert.Equal("Besproken met de leerkracht; eerst observeren.", entry.Text);
        Assert.Equal(ConcernStatus.Acknowledged, entry.FromStatus);
        Assert.Equal(ConcernStatus.Acknowledged, entry.ToStatus);
        Assert.Equal(database.UtcNow(), entry.At);
        Assert.Equal(2, detail.Version);
    }

    [Fact]
    public async Task Next_step_moves_the_concern_in_progress_and_records_the_step()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);

        await ib.SetNextStepAsync(id, 1, "Meenemen in de leerlingbespreking van volgende week.");

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.InProgress, stored.Status);
        Assert.Equal("Meenemen in de leerlingbespreking van volgende week.", stored.NextStep);
        var entry = stored.History[^1];
        Assert.Equal(ConcernChange.NextStepSet, entry.Change);
        Assert.Equal("Meenemen in de leerlingbespreking van volgende week.", entry.Text);
        Assert.Equal(ConcernStatus.Acknowledged, entry.FromStatus);
        Assert.Equal(ConcernStatus.InProgress, entry.ToStatus);
    }

    [Fact]
    public async Task Care_coordinator_setting_a_next_step_on_a_new_concern_also_acknowledges_it()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        database.Clock.Advance(TimeSpan.FromHours(1));

        await database.Concerns(Logins.CareCoordinator).SetNextStepAsync(id, 0, "Ouders uitnodigen.");

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.InProgress, stored.Status);
        Assert.Equal(database.UtcNow(), stored.AcknowledgedAt);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), stored.AcknowledgedById);
    }

    [Fact]
    public async Task Care_coordinator_note_on_a_new_concern_also_acknowledges_it()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        database.Clock.Advance(TimeSpan.FromHours(1));

        await database.Concerns(Logins.CareCoordinator).AddNoteAsync(id, 0, "Gezien; ik kom morgen kijken in de klas.");

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.Acknowledged, stored.Status);
        Assert.Equal(database.UtcNow(), stored.AcknowledgedAt);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), stored.AcknowledgedById);
        var entry = stored.History[^1];
        Assert.Equal(ConcernChange.NoteAdded, entry.Change);
        Assert.Equal(ConcernStatus.New, entry.FromStatus);
        Assert.Equal(ConcernStatus.Acknowledged, entry.ToStatus);
    }

    [Fact]
    public async Task Teacher_note_on_own_new_concern_does_not_acknowledge_it()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();

        await database.Concerns(Logins.TeacherA).AddNoteAsync(id, 0, "Vandaag weer gezien in de pauze.");

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.New, stored.Status);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Null(stored.AcknowledgedById);
        Assert.Equal(ConcernChange.NoteAdded, stored.History[^1].Change);
    }

    [Fact]
    public async Task Close_requires_an_outcome()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);

        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => ib.CloseAsync(id, 0, null, "klaar"));
        var undefined = await Assert.ThrowsAsync<DomainValidationException>(() => ib.CloseAsync(id, 0, (ConcernOutcome)99, null));

        Assert.Equal("Kies de uitkomst waarmee je de signalering afsluit.", missing.Errors["Outcome"]);
        Assert.True(undefined.Errors.ContainsKey("Outcome"));
        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.New, stored.Status);
        Assert.Single(stored.History);
    }

    [Fact]
    public async Task Close_sets_closed_with_outcome_and_closing_time()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);
        database.Clock.Advance(TimeSpan.FromDays(3));

        await ib.CloseAsync(id, 1, ConcernOutcome.ResolvedInClass, "Met een maatje gaat het goed.");

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.Closed, stored.Status);
        Assert.Equal(ConcernOutcome.ResolvedInClass, stored.Outcome);
        Assert.Equal(database.UtcNow(), stored.ClosedAt);
        var entry = stored.History[^1];
        Assert.Equal(ConcernChange.Closed, entry.Change);
        Assert.Equal(ConcernOutcome.ResolvedInClass, entry.Outcome);
        Assert.Equal("Met een maatje gaat het goed.", entry.Text);
        Assert.Equal(ConcernStatus.Closed, entry.ToStatus);
        var detail = await ib.GetDetailAsync(id);
        Assert.False(detail.Summary.IsOpen);
        Assert.False(detail.CanAddNote);
        Assert.Equal(ConcernOutcome.ResolvedInClass, detail.Outcome);
    }

    [Fact]
    public async Task Reopen_brings_a_closed_concern_back_in_progress_and_clears_the_outcome()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.CloseAsync(id, 0, ConcernOutcome.NoActionNeeded, null);

        await ib.ReopenAsync(id, 1, "Het gedrag is na de vakantie teruggekomen.");

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.InProgress, stored.Status);
        Assert.Null(stored.Outcome);
        Assert.Null(stored.ClosedAt);
        var entry = stored.History[^1];
        Assert.Equal(ConcernChange.Reopened, entry.Change);
        Assert.Equal(ConcernStatus.Closed, entry.FromStatus);
        Assert.Equal(ConcernStatus.InProgress, entry.ToStatus);
        Assert.Equal("Het gedrag is na de vakantie teruggekomen.", entry.Text);
    }

    [Fact]
    public async Task Reopening_an_open_concern_is_refused()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();

        await Assert.ThrowsAsync<DomainException>(() =>
            database.Concerns(Logins.CareCoordinator).ReopenAsync(id, 0, "waarom niet"));

        Assert.Equal(0, database.CurrentVersion(id));
        Assert.Single(database.Stored(id).History);
    }

    [Fact]
    public async Task Later_actions_never_change_what_the_teacher_submitted_and_history_keeps_every_step_in_order()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync(Urgency.Urgent);
        var ib = database.Concerns(Logins.CareCoordinator);
        var teacher = database.Concerns(Logins.TeacherA);
        var times = new List<DateTime> { database.UtcNow() };

        async Task Step(Func<Task> action)
        {
            database.Clock.Advance(TimeSpan.FromHours(3));
            times.Add(database.UtcNow());
            await action();
        }

        await Step(() => ib.AcknowledgeAsync(id, 0));
        await Step(() => teacher.AddNoteAsync(id, 1, "Aanvulling van de leerkracht."));
        await Step(() => ib.SetNextStepAsync(id, 2, "Observatie in de klas."));
        await Step(() => ib.SetNextStepAsync(id, 3, "Gesprek met ouders."));
        await Step(() => ib.CloseAsync(id, 4, ConcernOutcome.SupportPlanStarted, "Plan gestart."));
        await Step(() => ib.ReopenAsync(id, 5, "Plan werkt niet."));
        await Step(() => ib.AddNoteAsync(id, 6, "Opnieuw bekeken."));

        var stored = database.Stored(id);
        Assert.Equal(DomainScenario.Observation, stored.Observation);
        Assert.Equal(DomainScenario.Since, stored.Since);
        Assert.Equal(DomainScenario.AlreadyTried, stored.AlreadyTried);
        Assert.Equal(DevelopmentArea.Cognitive, stored.Area);
        Assert.Equal(SubAreas.Reading | SubAreas.Concentration, stored.SubAreas);
        Assert.Equal(Urgency.Urgent, stored.Urgency);
        Assert.Equal(times[0], stored.RaisedAt);
        Assert.Equal(7, stored.Version);

        var detail = await ib.GetDetailAsync(id);
        Assert.Equal(DomainScenario.Observation, detail.Observation);
        Assert.Equal(DomainScenario.Since, detail.Since);
        Assert.Equal(DomainScenario.AlreadyTried, detail.AlreadyTried);
        Assert.Equal(
            [
                ConcernChange.Raised, ConcernChange.Acknowledged, ConcernChange.NoteAdded, ConcernChange.NextStepSet,
                ConcernChange.NextStepSet, ConcernChange.Closed, ConcernChange.Reopened, ConcernChange.NoteAdded,
            ],
            detail.History.Select(h => h.Change));
        Assert.Equal(times, detail.History.Select(h => h.At));
        Assert.Equal(
            [null, "Aanvulling van de leerkracht.", "Observatie in de klas.", "Gesprek met ouders.", "Plan gestart.", "Plan werkt niet.", "Opnieuw bekeken."],
            detail.History.Where(h => h.Change != ConcernChange.Acknowledged).Select(h => h.Text));
        // Each step starts where the previous one ended.
        for (var i = 1; i < detail.History.Count; i++)
            Assert.Equal(detail.History[i - 1].ToStatus, detail.History[i].FromStatus);
        Assert.Equal("Gesprek met ouders.", detail.Summary.NextStep);
        Assert.Equal(ConcernStatus.InProgress, detail.Summary.Status);
    }

    [Fact]
    public async Task Acting_on_a_closed_concern_is_refused_and_changes_nothing()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.CloseAsync(id, 0, ConcernOutcome.Referred, null);
        var historyBefore = database.HistoryCount();
        var eventsBefore = database.Events.Published.Count;

        await Assert.ThrowsAsync<DomainException>(() => ib.AddNoteAsync(id, 1, "nog iets"));
        await Assert.ThrowsAsync<DomainException>(() => database.Concerns(Logins.TeacherA).AddNoteAsync(id, 1, "nog iets"));
        await Assert.ThrowsAsync<DomainException>(() => ib.SetNextStepAsync(id, 1, "volgende stap"));
        await Assert.ThrowsAsync<DomainException>(() => ib.AcknowledgeAsync(id, 1));
        var closeAgain = await Assert.ThrowsAsync<DomainException>(() => ib.CloseAsync(id, 1, ConcernOutcome.ResolvedInClass, null));

        Assert.Equal("Deze signalering is al afgesloten.", closeAgain.Message);
        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.Closed, stored.Status);
        Assert.Equal(ConcernOutcome.Referred, stored.Outcome);
        Assert.Equal(1, stored.Version);
        Assert.Equal(historyBefore, database.HistoryCount());
        Assert.Equal(eventsBefore, database.Events.Published.Count);
    }

    [Fact]
    public async Task Stale_expected_version_gives_a_concurrency_conflict_and_saves_nothing()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);
        var historyBefore = database.HistoryCount();
        var eventsBefore = database.Events.Published.Count;

        // Another IB'er's screen still shows version 0.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ib.SetNextStepAsync(id, 0, "Ouders bellen."));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ib.CloseAsync(id, 0, ConcernOutcome.ResolvedInClass, null));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => database.Concerns(Logins.TeacherA).AddNoteAsync(id, 0, "x"));

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.Acknowledged, stored.Status);
        Assert.Null(stored.NextStep);
        Assert.Equal(1, stored.Version);
        Assert.Equal(historyBefore, database.HistoryCount());
        Assert.Equal(eventsBefore, database.Events.Published.Count);
    }

    [Fact]
    public async Task Change_saved_by_someone_else_between_reading_and_saving_gives_a_concurrency_conflict()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var interceptor = new ConcurrentWriter(database, id);
        var options = new DbContextOptionsBuilder<PortalDbContext>(database.Options).AddInterceptors(interceptor).Options;
        var racing = new ConcernService(new Factory(options), database.UserFor(Logins.CareCoordinator), database.Events,
            database.Audit, database.Clock, NullLogger<ConcernService>.Instance, database.Submissions);
        var historyBefore = database.HistoryCount();
        var eventsBefore = database.Events.Published.Count;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => racing.SetNextStepAsync(id, 0, "Ouders bellen."));

        Assert.True(interceptor.Wrote);
        var stored = database.Stored(id);
        Assert.Null(stored.NextStep);
        Assert.Equal(ConcernStatus.New, stored.Status);
        Assert.Equal(1, stored.Version); // only the other writer's bump
        Assert.Equal(historyBefore, database.HistoryCount());
        Assert.Equal(eventsBefore, database.Events.Published.Count);
    }

    /// <summary>Bumps the concern's version through another context just before the first save, like a second IB'er would.</summary>
    private sealed class ConcurrentWriter(TestDatabase database, int concernId) : SaveChangesInterceptor
    {
        public bool Wrote { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Wrote)
            {
                Wrote = true;
                await using var other = database.CreateContext();
                await other.Concerns.Where(c => c.Id == concernId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            }
            return result;
        }
    }

    private sealed class Factory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
