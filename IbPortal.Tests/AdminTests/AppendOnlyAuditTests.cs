using IbPortal.Domain.Audit;
using IbPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.AdminTests;

/// <summary>No path can edit or delete an audit entry: not the app's DbContext, not bulk updates, not raw SQL.</summary>
public sealed class AppendOnlyAuditTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly long _entryId;

    public AppendOnlyAuditTests()
    {
        _database.Audit.RecordAsync(new AuditRecord(_database.StaffId(Logins.CareCoordinator), "concern.read", AuditRecordKind.Concern,
            7, 1234, _database.SchoolId(Logins.SchoolA), "CareCoordinator")).GetAwaiter().GetResult();
        _entryId = _database.LastAuditId();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Modifying_an_entry_through_a_DbContext_throws_and_changes_nothing()
    {
        await using (var db = _database.CreateContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == _entryId);
            entry.Action = "concern.nothing-to-see";
            entry.PupilId = null;

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        AssertUnchanged();
    }

    [Fact]
    public async Task Deleting_an_entry_through_a_DbContext_throws_and_keeps_it()
    {
        await using (var db = _database.CreateContext())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == _entryId));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = _database.CreateContext())
        {
            db.AuditEntries.Attach(new AuditEntry { Id = _entryId, Action = "x" });
            db.AuditEntries.Remove(db.AuditEntries.Local.Single());

            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        AssertUnchanged();
    }

    [Fact]
    public void Raw_SQL_update_is_refused_by_the_database()
    {
        using var db = _database.CreateContext();

        var ex = Assert.Throws<SqliteException>(() =>
            db.Database.ExecuteSqlRaw("""UPDATE "AuditEntries" SET "Action" = 'concern.nothing-to-see', "PupilId" = NULL"""));

        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Fact]
    public void Raw_SQL_delete_is_refused_by_the_database()
    {
        using var db = _database.CreateContext();

        var ex = Assert.Throws<SqliteException>(() => db.Database.ExecuteSqlRaw("""DELETE FROM "AuditEntries" """));

        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Fact]
    public async Task Bulk_update_and_delete_which_bypass_SaveChanges_are_refused_by_the_database()
    {
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<SqliteException>(() =>
            db.AuditEntries.Where(a => a.Id == _entryId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Action, "concern.nothing-to-see")));
        await Assert.ThrowsAsync<SqliteException>(() => db.AuditEntries.ExecuteDeleteAsync());

        AssertUnchanged();
    }

    [Fact]
    public async Task Adding_entries_still_works()
    {
        await using (var db = _database.CreateContext())
        {
            db.AuditEntries.Add(new AuditEntry { At = _database.Clock.GetUtcNow().UtcDateTime, Action = "concern.read", RecordKind = AuditRecordKind.Concern });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, _database.AuditEntries().Count);
        AssertUnchanged();
    }

    private void AssertUnchanged()
    {
        var entry = Assert.Single(_database.AuditEntries(), a => a.Id == _entryId);
        Assert.Equal(("concern.read", (int?)1234, (int?)7), (entry.Action, entry.PupilId, entry.RecordId));
    }
}
