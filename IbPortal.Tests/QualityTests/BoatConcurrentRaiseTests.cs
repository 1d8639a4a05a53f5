using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using IbPortal.Tests.DatabaseTests;
using IbPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// Many evaluations of one group at the same moment (the load harness: a burst of raises in one class), each on its own
/// connection: one opens the signal, the others find it open. No exception, one signal, one event.
/// </summary>
public sealed class BoatConcurrentRaiseTests
{
    private const int Evaluations = 12;

    [Fact]
    public async Task Concurrent_evaluations_of_one_group_on_a_SQLite_file_raise_one_signal_and_one_event()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ibportal-boat-race-{Guid.NewGuid():N}.db");
        try
        {
            using (var database = new TestDatabase(new SqliteFile(path)))
            {
                await using (var db = database.CreateContext())
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                var world = new BoatWorld(database);
                for (var round = 0; round < 5; round++)
                    await AssertOneRaiseAsync(world);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    [Fact]
    public async Task PostgreSql_concurrent_evaluations_of_one_group_raise_one_signal_and_one_event()
    {
        using var scratch = new PostgreSqlScratchDatabase("boatrace");
        using var database = scratch.CreateTestDatabase();
        var world = new BoatWorld(database);
        for (var round = 0; round < 5; round++)
            await AssertOneRaiseAsync(world);
    }

    [Fact]
    public void Only_a_loss_on_the_open_signal_index_counts_as_already_open()
    {
        static DbUpdateException Wrapped(Exception inner) => new("save", inner);
        Assert.True(BoatSignalDetector.IsOpenSignalRace(Wrapped(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: BoatSignals.GroupId'.", 19))));
        Assert.True(BoatSignalDetector.IsOpenSignalRace(Wrapped(new Npgsql.PostgresException("dup", "ERROR", "ERROR", "23505",
            constraintName: "IX_BoatSignals_GroupId_Open"))));
        Assert.False(BoatSignalDetector.IsOpenSignalRace(Wrapped(new SqliteException("UNIQUE constraint failed: Groups.Name", 19))));
        Assert.False(BoatSignalDetector.IsOpenSignalRace(Wrapped(new Npgsql.PostgresException("dup", "ERROR", "ERROR", "23505",
            constraintName: "IX_Groups_SchoolId_SchoolYearId_Name"))));
        Assert.False(BoatSignalDetector.IsOpenSignalRace(Wrapped(new SqliteException("database is locked", 5))));
    }

    private static async Task AssertOneRaiseAsync(BoatWorld world)
    {
        var group = world.NewGroup(pupils: 20);
        world.OpenConcerns(group, 6);
        var events = new RecordingEvents();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var evaluations = Enumerable.Range(0, Evaluations).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await world.Detector(events: events).EvaluateGroupAsync(group);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(evaluations);

        var signal = Assert.Single(world.SignalsOf(group));
        Assert.Equal(BoatSignalStatus.Open, signal.Status);
        var raised = Assert.Single(results, r => r.Outcome == BoatSignalEvaluationOutcome.Raised);
        Assert.Equal(signal.Id, raised.SignalId);
        Assert.All(results.Where(r => r != raised), r =>
        {
            Assert.Equal(BoatSignalEvaluationOutcome.AlreadyOpen, r.Outcome);
            Assert.Equal(signal.Id, r.SignalId);
        });
        var changed = Assert.Single(events.Published.OfType<BoatSignalChanged>());
        Assert.Equal((signal.Id, group, BoatSignalChange.Raised), (changed.SignalId, changed.GroupId, changed.Change));
    }

    private sealed class SqliteFile(string path) : IDbContextFactory<PortalDbContext>
    {
        private readonly DbContextOptions<PortalDbContext> _options =
            new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path}").Options;

        public PortalDbContext CreateDbContext() => new(_options);
    }
}
