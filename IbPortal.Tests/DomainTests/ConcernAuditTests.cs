using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DomainTests;

/// <summary>Each read and each change of a concern leaves exactly one audit entry with the right fields, never content.</summary>
public class ConcernAuditTests
{
    private static List<AuditEntry> EntriesAfter(TestDatabase database, long after)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).ToList();
    }

    private static long LastId(TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.Select(a => (long?)a.Id).Max() ?? 0;
    }

    [Fact]
    public async Task Raising_a_concern_leaves_one_entry_as_teacher_at_the_pupils_school()
    {
        using var database = new TestDatabase();
        var before = LastId(database);

        var id = await database.RaiseByTeacherAAsync();

        var entry = Assert.Single(EntriesAfter(database, before));
        var stored = database.Stored(id);
        Assert.Equal((database.StaffId(Logins.TeacherA), "concern.raise", AuditRecordKind.Concern, (int?)id, (int?)stored.PupilId,
                (int?)database.SchoolId(Logins.SchoolA), "Teacher", AuditOutcome.Allowed),
            (entry.StaffMemberId!.Value, entry.Action, entry.RecordKind, entry.RecordId, entry.PupilId, entry.SchoolId, entry.Role, entry.Outcome));
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, entry.At);
    }

    [Fact]
    public async Task Reading_the_detail_leaves_one_entry_per_read_under_the_role_that_grants_it()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var before = LastId(database);

        await database.Concerns(Logins.CareCoordinator).GetDetailAsync(id);
        await database.Concerns(Logins.TeacherA).GetDetailAsync(id);

        var entries = EntriesAfter(database, before);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("concern.read", AuditRecordKind.Concern, (int?)id, AuditOutcome.Allowed),
            (e.Action, e.RecordKind, e.RecordId, e.Outcome)));
        Assert.Equal([("CareCoordinator", database.StaffId(Logins.CareCoordinator)), ("Teacher", database.StaffId(Logins.TeacherA))],
            entries.Select(e => (e.Role!, e.StaffMemberId!.Value)));
    }

    [Fact]
    public async Task Every_change_leaves_exactly_one_entry_saved_with_the_change()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        var before = LastId(database);

        await ib.AcknowledgeAsync(id, 0);
        await ib.AddNoteAsync(id, 1, "Notitie die niet in de audit mag staan.");
        await ib.SetNextStepAsync(id, 2, "Volgende stap die niet in de audit mag staan.");
        await ib.CloseAsync(id, 3, ConcernOutcome.ResolvedInClass, "Toelichting die niet in de audit mag staan.");
        await ib.ReopenAsync(id, 4, "Reden die niet in de audit mag staan.");

        var entries = EntriesAfter(database, before);
        Assert.Equal(["concern.acknowledge", "concern.note", "concern.next-step", "concern.close", "concern.reopen"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((id, "CareCoordinator", AuditOutcome.Allowed), (e.RecordId!.Value, e.Role!, e.Outcome)));
        // The entity holds ids and codes only: no column could carry the text.
        Assert.DoesNotContain(typeof(AuditEntry).GetProperties(), p => p.Name is "Text" or "Note" or "Content" or "Detail");
    }

    [Fact]
    public async Task A_refused_change_leaves_one_refusal_and_no_allowed_entry()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var before = LastId(database);

        await Assert.ThrowsAsync<IbPortal.Domain.Access.AccessDeniedException>(() => database.Concerns(Logins.TeacherB).AcknowledgeAsync(id, 0));

        var entry = Assert.Single(EntriesAfter(database, before));
        Assert.Equal((database.StaffId(Logins.TeacherB), "concern.acknowledge", (int?)id, AuditOutcome.Refused),
            (entry.StaffMemberId!.Value, entry.Action, entry.RecordId, entry.Outcome));
    }
}
