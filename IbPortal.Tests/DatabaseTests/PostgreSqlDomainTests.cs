using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Domain.Data;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Quality;
using IbPortal.Tests.DomainTests;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>One PostgreSQL database (migrated with the PostgreSQL migrations, demo board seeded) for the test class.</summary>
public sealed class PostgreSqlDomainFixture : IDisposable
{
    public PostgreSqlDomainFixture()
    {
        Server = new PostgreSqlScratchDatabase("domain");
        Database = Server.CreateTestDatabase();
    }

    public PostgreSqlScratchDatabase Server { get; }
    public TestDatabase Database { get; }

    public void Dispose() => Database.Dispose();
}

/// <summary>The domain's flows on PostgreSQL (needs the test server): the same services, the same rules, another engine.</summary>
public sealed class PostgreSqlDomainTests(PostgreSqlDomainFixture fixture) : IClassFixture<PostgreSqlDomainFixture>
{
    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task PostgreSql_raised_concern_reaches_the_IBers_dashboard_and_list_and_the_feed_hears_of_it()
    {
        var ib = Db.Dashboard(Logins.CareCoordinator);
        var before = await ib.GetOverviewAsync(null);
        var heard = new List<ConcernChanged>();
        using var subscription = await Db.Feed(Logins.CareCoordinator).SubscribeAsync(c => { heard.Add(c); return Task.CompletedTask; });

        var id = await Db.RaiseByTeacherAAsync(Urgency.Urgent);

        var after = await ib.GetOverviewAsync(null);
        Assert.Equal(before.Counters.New + 1, after.Counters.New);
        Assert.Equal(before.Counters.UrgentUnacknowledged + 1, after.Counters.UrgentUnacknowledged);
        var listed = await Db.Concerns(Logins.CareCoordinator).ListAsync(new ConcernListQuery { Statuses = [ConcernStatus.New] });
        var summary = Assert.Single(listed, c => c.Id == id);
        Assert.Equal(Urgency.Urgent, summary.Urgency);
        Assert.Equal(DateTimeKind.Utc, summary.RaisedAt.Kind);
        Assert.Equal(Db.UtcNow(), summary.RaisedAt);
        Assert.Contains(heard, c => c.ConcernId == id);
        var detail = await Db.Concerns(Logins.CareCoordinator).GetDetailAsync(id);
        Assert.Equal(DomainScenario.Observation, detail.Observation);
    }

    [Fact]
    public async Task PostgreSql_stale_version_gives_a_concurrency_conflict()
    {
        var id = await Db.RaiseByTeacherAAsync();
        var ib = Db.Concerns(Logins.CareCoordinator);
        await ib.AcknowledgeAsync(id, 0);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ib.SetNextStepAsync(id, 0, "Ouders bellen."));

        Assert.Null(Db.Stored(id).NextStep);
    }

    [Fact]
    public async Task PostgreSql_a_retry_or_a_racing_attempt_with_one_submission_key_stores_one_concern()
    {
        var key = Guid.NewGuid();
        var input = new NewConcern { PupilId = Db.PupilOf(Logins.TeacherA), Area = DevelopmentArea.Cognitive, Observation = "Rekenen stagneert.", SubmissionId = key };
        var rival = new RivalSubmissionWriter(Db);
        var racing = new ConcernService(fixture.Server.Factory(rival), Db.UserFor(Logins.TeacherA), Db.Events,
            Db.Audit, Db.Clock, NullLogger<ConcernService>.Instance, Db.Submissions);

        var id = await racing.RaiseAsync(input); // loses on IX_Concerns_AuthorId_SubmissionId to the rival
        var retried = await Db.Concerns(Logins.TeacherA).RaiseAsync(input);

        Assert.Equal(rival.RivalId, id);
        Assert.Equal(id, retried);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.Concerns.CountAsync(c => c.SubmissionId == key));
    }

    [Fact]
    public async Task PostgreSql_change_saved_by_someone_else_between_reading_and_saving_is_caught_by_the_version_token()
    {
        var id = await Db.RaiseByTeacherAAsync();
        var writer = new ConcurrentWriter(Db, id);
        var racing = new ConcernService(fixture.Server.Factory(writer), Db.UserFor(Logins.CareCoordinator), Db.Events,
            Db.Audit, Db.Clock, NullLogger<ConcernService>.Instance, Db.Submissions);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => racing.SetNextStepAsync(id, 0, "Ouders bellen."));

        Assert.True(writer.Wrote);
        var stored = Db.Stored(id);
        Assert.Null(stored.NextStep);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task PostgreSql_filtered_unique_index_allows_one_open_boat_signal_per_group_and_any_number_of_closed_ones()
    {
        await using var db = Db.CreateContext();
        var group = await db.Groups.AsNoTracking().OrderBy(g => g.Id).FirstAsync(g => !db.BoatSignals.Any(b => b.GroupId == g.Id));
        BoatSignal Signal(BoatSignalStatus status) => new() { GroupId = group.Id, SchoolId = group.SchoolId, RaisedAt = Db.UtcNow(), Status = status };
        db.BoatSignals.AddRange(Signal(BoatSignalStatus.Dismissed), Signal(BoatSignalStatus.Dismissed), Signal(BoatSignalStatus.Open));
        await db.SaveChangesAsync();

        await using var other = Db.CreateContext();
        other.BoatSignals.Add(Signal(BoatSignalStatus.Open));
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());

        var postgres = Assert.IsType<PostgresException>(ex.InnerException);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, postgres.SqlState);
        Assert.Equal("IX_BoatSignals_GroupId_Open", postgres.ConstraintName);
    }

    [Fact]
    public async Task PostgreSql_timestamps_are_stored_as_instants_and_read_back_as_UTC()
    {
        var utc = new DateTime(2026, 3, 29, 1, 30, 15, 123, DateTimeKind.Utc); // the night Amsterdam moves to summer time
        await using (var db = Db.CreateContext())
        {
            var group = await db.Groups.AsNoTracking().OrderByDescending(g => g.Id).FirstAsync();
            db.BoatSignals.Add(new BoatSignal { GroupId = group.Id, SchoolId = group.SchoolId, RaisedAt = utc, Status = BoatSignalStatus.Acted, ClosedAt = utc.ToLocalTime() });
            await db.SaveChangesAsync();
        }

        await using var read = Db.CreateContext();
        var stored = await read.BoatSignals.AsNoTracking().Where(b => b.RaisedAt == utc).SingleAsync();
        Assert.Equal(DateTimeKind.Utc, stored.RaisedAt.Kind);
        Assert.Equal(utc, stored.RaisedAt);
        Assert.Equal(DateTimeKind.Utc, stored.ClosedAt!.Value.Kind);
        Assert.Equal(utc, stored.ClosedAt);
        // Range queries with UTC parameters work against "timestamp with time zone".
        Assert.Equal(1, await read.BoatSignals.CountAsync(b => b.RaisedAt > utc.AddSeconds(-1) && b.RaisedAt < utc.AddSeconds(1)));
    }

    [Fact]
    public async Task PostgreSql_pupil_search_is_case_insensitive_like_on_SQLite()
    {
        var pupilId = Db.PupilOf(Logins.TeacherA);
        string lastName;
        await using (var db = Db.CreateContext())
            lastName = await db.Pupils.Where(p => p.Id == pupilId).Select(p => p.LastName).SingleAsync();

        var found = await Db.Service<PupilService>(Logins.TeacherA).SearchFlaggableAsync(lastName.ToUpperInvariant());

        Assert.Contains(found, p => p.Id == pupilId);
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
}
