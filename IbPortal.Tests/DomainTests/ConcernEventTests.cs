using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DomainTests;

/// <summary>Every successful change publishes exactly one <see cref="ConcernChanged"/>, after the commit; failures publish nothing.</summary>
public class ConcernEventTests
{
    [Fact]
    public async Task Raise_publishes_one_event_with_the_ids_of_concern_pupil_group_school_and_author()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);

        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(pupilId, Urgency.Urgent));

        var published = Assert.Single(database.Events.Published);
        var e = Assert.IsType<ConcernChanged>(published);
        Assert.Equal(id, e.ConcernId);
        Assert.Equal(pupilId, e.PupilId);
        Assert.Equal(database.SchoolId(Logins.SchoolA), e.SchoolId);
        Assert.Equal(database.GroupIdOf(Logins.SchoolA, "5"), e.GroupId);
        Assert.Equal(database.StaffId(Logins.TeacherA), e.AuthorId);
        Assert.Equal(ConcernChange.Raised, e.Change);
        Assert.Equal(ConcernStatus.New, e.Status);
        Assert.Equal(Urgency.Urgent, e.Urgency);
        Assert.Equal(database.UtcNow(), e.OccurredAt);
    }

    [Fact]
    public async Task Every_change_publishes_exactly_one_event_with_its_change_and_new_status()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherBAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        var teacher = database.Concerns(Logins.TeacherB);
        var steps = new (Func<Task> Act, ConcernChange Change, ConcernStatus Status)[]
        {
            (() => ib.AcknowledgeAsync(id, 0), ConcernChange.Acknowledged, ConcernStatus.Acknowledged),
            (() => teacher.AddNoteAsync(id, 1, "Aanvulling."), ConcernChange.NoteAdded, ConcernStatus.Acknowledged),
            (() => ib.SetNextStepAsync(id, 2, "Observeren."), ConcernChange.NextStepSet, ConcernStatus.InProgress),
            (() => ib.CloseAsync(id, 3, ConcernOutcome.GroupApproach, null), ConcernChange.Closed, ConcernStatus.Closed),
            (() => ib.ReopenAsync(id, 4, "Toch niet opgelost."), ConcernChange.Reopened, ConcernStatus.InProgress),
        };

        foreach (var (act, change, status) in steps)
        {
            database.Clock.Advance(TimeSpan.FromMinutes(10));
            var before = database.Events.Published.Count;

            await act();

            Assert.Equal(before + 1, database.Events.Published.Count);
            var e = Assert.IsType<ConcernChanged>(database.Events.Published[^1]);
            Assert.Equal(id, e.ConcernId);
            Assert.Equal(change, e.Change);
            Assert.Equal(status, e.Status);
            Assert.Equal(database.SchoolId(Logins.SchoolB), e.SchoolId);
            Assert.Equal(database.GroupIdOf(Logins.SchoolB, "4/5"), e.GroupId);
            Assert.Equal(database.StaffId(Logins.TeacherB), e.AuthorId);
            Assert.Equal(database.UtcNow(), e.OccurredAt);
        }
    }

    [Fact]
    public async Task Subscriber_finds_the_saved_state_in_the_database_when_the_event_arrives()
    {
        using var database = new TestDatabase();
        var seen = new List<(ConcernChanged Event, ConcernStatus? StoredStatus, ConcernChange? LastChange, int StoredVersion)>();
        using var subscription = database.Events.Subscribe(async portalEvent =>
        {
            var e = (ConcernChanged)portalEvent;
            await using var db = database.CreateContext();
            var row = await db.Concerns.AsNoTracking().Where(c => c.Id == e.ConcernId)
                .Select(c => new
                {
                    c.Status,
                    c.Version,
                    Last = c.History.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Select(h => (ConcernChange?)h.Change).FirstOrDefault(),
                })
                .SingleOrDefaultAsync();
            seen.Add((e, row?.Status, row?.Last, row?.Version ?? -1));
        });

        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);
        await ib.SetNextStepAsync(id, 1, "Gesprek met ouders.");
        await ib.CloseAsync(id, 2, ConcernOutcome.SupportPlanStarted, null);

        Assert.Equal(4, seen.Count);
        for (var i = 0; i < seen.Count; i++)
        {
            var (e, storedStatus, lastChange, storedVersion) = seen[i];
            Assert.Equal(e.Status, storedStatus);     // the row exists and is committed
            Assert.Equal(e.Change, lastChange);       // with the history entry of this very change
            Assert.Equal(i, storedVersion);
        }
    }

    [Fact]
    public async Task Refused_invalid_and_conflicting_operations_publish_nothing()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.CloseAsync(id, 0, ConcernOutcome.ResolvedInClass, null);
        var before = database.Events.Published.Count;

        // invalid input
        await Assert.ThrowsAsync<DomainValidationException>(() =>
            database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA)) with { Observation = " " }));
        await Assert.ThrowsAsync<DomainValidationException>(() => ib.AddNoteAsync(id, 1, ""));
        // not allowed
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Concerns(Logins.TeacherB).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Concerns(Logins.TeacherA).ReopenAsync(id, 1, "graag"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.ConcernsAs(TestDatabase.Anonymous()).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA))));
        // stale version
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ib.ReopenAsync(id, 0, "graag"));
        // rule of the workflow
        await Assert.ThrowsAsync<DomainException>(() => ib.AddNoteAsync(id, 1, "te laat"));

        Assert.Equal(before, database.Events.Published.Count);
    }
}
