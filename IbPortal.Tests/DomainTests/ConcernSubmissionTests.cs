using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DomainTests;

/// <summary>
/// A form's submission key: a retry of a save whose answer was lost (a timeout after the commit, a dropped connection)
/// finds the stored concern instead of storing it twice.
/// </summary>
public sealed class ConcernSubmissionTests
{
    private static NewConcern Input(TestDatabase database, string teacher, Guid? key) => new()
    {
        PupilId = database.PupilOf(teacher),
        Area = DevelopmentArea.Cognitive,
        Observation = "Rekenen stagneert sinds de herfstvakantie.",
        SubmissionId = key,
    };

    private static (int Concerns, int History, int Audit) Counts(TestDatabase database)
    {
        using var db = database.CreateContext();
        return (db.Concerns.Count(), db.ConcernHistory.Count(), db.AuditEntries.Count(a => a.Action == "concern.raise"));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_stored_concern_and_stores_nothing_again()
    {
        using var database = new TestDatabase();
        var key = Guid.NewGuid();
        var first = await database.Concerns(Logins.TeacherA).RaiseAsync(Input(database, Logins.TeacherA, key));
        var before = Counts(database);
        var eventsBefore = database.Events.Published.Count;

        var again = await database.Concerns(Logins.TeacherA).RaiseAsync(Input(database, Logins.TeacherA, key));

        Assert.Equal(first, again);
        Assert.Equal(before, Counts(database));
        Assert.Equal(eventsBefore, database.Events.Published.Count);
        using var db = database.CreateContext();
        Assert.Equal(key, db.Concerns.Single(c => c.Id == first).SubmissionId);
    }

    [Fact]
    public async Task Without_a_key_or_with_a_new_key_every_call_stores_a_concern()
    {
        using var database = new TestDatabase();
        var service = database.Concerns(Logins.TeacherA);
        var before = Counts(database).Concerns;

        var ids = new[]
        {
            await service.RaiseAsync(Input(database, Logins.TeacherA, null)),
            await service.RaiseAsync(Input(database, Logins.TeacherA, null)),
            await service.RaiseAsync(Input(database, Logins.TeacherA, Guid.NewGuid())),
            await service.RaiseAsync(Input(database, Logins.TeacherA, Guid.NewGuid())),
        };

        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(before + 4, Counts(database).Concerns);
    }

    [Fact]
    public async Task A_key_belongs_to_its_author_another_teachers_same_key_stores_their_own_concern()
    {
        using var database = new TestDatabase();
        var key = Guid.NewGuid();
        var mine = await database.Concerns(Logins.TeacherA).RaiseAsync(Input(database, Logins.TeacherA, key));

        var theirs = await database.Concerns(Logins.TeacherB).RaiseAsync(Input(database, Logins.TeacherB, key));

        Assert.NotEqual(mine, theirs);
        using var db = database.CreateContext();
        Assert.Equal(database.StaffId(Logins.TeacherB), db.Concerns.Single(c => c.Id == theirs).AuthorId);
    }

    [Fact]
    public async Task An_attempt_that_loses_the_race_on_the_key_returns_the_winners_id_and_leaves_no_trace()
    {
        using var file = new SqliteFileDatabase();
        var database = file.Database;
        var rival = new RivalSubmissionWriter(database);
        var service = new ConcernService(file.Factory(rival), database.UserFor(Logins.TeacherA), database.Events,
            database.Audit, database.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConcernService>.Instance, database.Submissions);
        var key = Guid.NewGuid();
        var before = Counts(database);

        var id = await service.RaiseAsync(Input(database, Logins.TeacherA, key));

        Assert.Equal(rival.RivalId, id);
        Assert.Equal((before.Concerns + 1, before.History, before.Audit), Counts(database)); // the loser's history and audit rolled back
    }

    /// <summary>
    /// A SQLite file with its own connection per context, so that two attempts really run side by side (the in-memory
    /// test database shares one connection).
    /// </summary>
    private sealed class SqliteFileDatabase : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"ibportal-submission-{Guid.NewGuid():N}.db");

        public SqliteFileDatabase() => Database = new TestDatabase(Factory(), onDispose: Delete);

        public TestDatabase Database { get; }

        public TestDatabase.ContextFactory Factory(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
            new TestDatabase.ContextFactory(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<IbPortal.Domain.Data.PortalDbContext>()
                .UseSqlite($"Data Source={_path};Pooling=False").AddInterceptors(interceptors).Options);

        private void Delete()
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(_path + suffix);
        }

        public void Dispose() => Database.Dispose();
    }

    [Fact]
    public async Task Two_attempts_at_once_with_one_key_store_one_concern_and_both_get_its_id()
    {
        using var file = new SqliteFileDatabase();
        var database = file.Database;
        var key = Guid.NewGuid();
        var before = Counts(database);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            database.Concerns(Logins.TeacherA).RaiseAsync(Input(database, Logins.TeacherA, key)))));

        Assert.Single(ids.Distinct());
        Assert.Equal((before.Concerns + 1, before.History + 1, before.Audit + 1), Counts(database));
    }
}

/// <summary>
/// Stores the same author's same submission from another connection just before the service begins its transaction
/// (after its own check found nothing): the service's insert then loses on the unique key, as a second attempt running
/// at the same moment would.
/// </summary>
public sealed class RivalSubmissionWriter(TestDatabase database) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public int? RivalId { get; private set; }

    public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
        System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var mine = eventData.Context!.ChangeTracker.Entries<Concern>()
            .Where(e => e.State == EntityState.Added && e.Entity.SubmissionId is not null)
            .Select(e => e.Entity).FirstOrDefault();
        if (RivalId is null && mine is not null)
        {
            await using var other = database.CreateContext();
            var rival = new Concern
            {
                PupilId = mine.PupilId, GroupId = mine.GroupId, SchoolId = mine.SchoolId, AuthorId = mine.AuthorId,
                Area = mine.Area, Observation = mine.Observation, Urgency = mine.Urgency, Status = mine.Status,
                RaisedAt = mine.RaisedAt, UpdatedAt = mine.UpdatedAt, SubmissionId = mine.SubmissionId,
            };
            other.Concerns.Add(rival);
            await other.SaveChangesAsync(cancellationToken);
            RivalId = rival.Id;
        }
        return result;
    }
}
