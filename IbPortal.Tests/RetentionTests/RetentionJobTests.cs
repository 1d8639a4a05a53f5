using System.Threading.Channels;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.RetentionTests;

public sealed class RetentionJobTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TestDatabase _database = new();
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables)
            disposable.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task The_job_waits_for_the_configured_hour_then_runs_as_the_system_and_removes_the_expired_data()
    {
        var scenario = RetentionScenario.Create(_database, moveClock: false);
        _database.Clock.SetUtcNow(RetentionScenario.RunMoment.AddDays(-1));   // the evening before, 09:30
        var harness = await StartAsync(new RetentionOptions { RunAtHour = 2 });

        var due = await Next(harness.Waiting);
        Assert.Equal(new DateTimeOffset(2029, 1, 15, 2, 0, 0, TimeSpan.Zero), due);
        Assert.Empty(RunsInDatabase());

        _database.Clock.SetUtcNow(due.AddSeconds(-1));
        Assert.Empty(RunsInDatabase());            // not a second early
        _database.Clock.SetUtcNow(due);
        var report = await Next(harness.Completed);

        Assert.NotNull(report);
        Assert.Equal(RetentionScenario.RunDay, report.ReferenceDate);
        Assert.Equal(scenario.ExpectedConcernIds, report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        Assert.Empty(_database.ConcernIds().Intersect(scenario.ExpectedConcernIds));
        Assert.Equal(scenario.ExpectedAnonymized, _database.AnonymizedPupilIds());
        var run = Assert.Single(RunsInDatabase());
        Assert.Null(run.StaffMemberId);
        Assert.False(run.DryRun);

        Assert.Equal(due.AddDays(1), await Next(harness.Waiting));   // and again the next night
        await harness.Job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_run_that_fails_because_the_database_is_locked_is_logged_and_tried_again_the_next_night()
    {
        var scenario = RetentionScenario.Create(_database);
        var flaky = new FlakyFactory(_database.Factory)
        {
            Failures = new Queue<Exception>([new SqliteException("database is locked", 5), new InvalidOperationException("boom")]),
        };
        var harness = await StartAsync(new RetentionOptions(), flaky);

        var first = await Next(harness.Waiting);
        _database.Clock.SetUtcNow(first);
        Assert.Null(await Next(harness.Completed));
        Assert.Contains(harness.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("busy", StringComparison.Ordinal));

        var second = await Next(harness.Waiting);
        Assert.Equal(first.AddDays(1), second);
        _database.Clock.SetUtcNow(second);
        Assert.Null(await Next(harness.Completed));
        Assert.Contains(harness.Log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        Assert.False(harness.Job.ExecuteTask!.IsCompleted);      // still alive
        Assert.Equal(scenario.ExpectedConcernIds.Count, _database.ConcernIds().Intersect(scenario.ExpectedConcernIds).Count());

        var third = await Next(harness.Waiting);
        _database.Clock.SetUtcNow(third);
        var report = await Next(harness.Completed);

        Assert.NotNull(report);
        // Three nights later, the pupil who was one day short has expired as well.
        Assert.Superset(new HashSet<int>(scenario.ExpectedConcernIds), report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        Assert.Empty(_database.ConcernIds().Intersect(scenario.ExpectedConcernIds));
        await harness.Job.StopAsync(CancellationToken.None);
        Assert.True(harness.Job.ExecuteTask.IsCompleted);
    }

    [Fact]
    public async Task With_RunDaily_off_the_job_ends_without_scheduling_or_removing_anything()
    {
        var scenario = RetentionScenario.Create(_database);
        var harness = await StartAsync(new RetentionOptions { RunDaily = false });

        await harness.Job.ExecuteTask!.WaitAsync(Patience);

        Assert.True(harness.Job.ExecuteTask.IsCompletedSuccessfully);
        Assert.False(harness.Waiting.TryRead(out _));
        _database.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty(RunsInDatabase());
        Assert.Subset(_database.ConcernIds(), new HashSet<int>(scenario.ExpectedConcernIds));
    }

    [Theory]
    [InlineData("2026-11-24T09:30:00Z", 2, "2026-11-25T01:00:00Z")]   // CET: 02:00 local is 01:00 UTC
    [InlineData("2026-11-25T00:59:00Z", 2, "2026-11-25T01:00:00Z")]   // still before 02:00 local: today
    [InlineData("2026-11-25T01:00:00Z", 2, "2026-11-26T01:00:00Z")]   // exactly at the hour: the next day
    [InlineData("2027-03-27T12:00:00Z", 2, "2027-03-28T01:00:00Z")]   // clocks go forward: 02:00 does not exist, 03:00 CEST
    [InlineData("2027-03-28T01:00:00Z", 2, "2027-03-29T00:00:00Z")]   // CEST: 02:00 local is 00:00 UTC
    [InlineData("2027-10-31T01:00:00Z", 2, "2027-11-01T01:00:00Z")]   // after the clocks go back: once a day
    [InlineData("2026-11-24T09:30:00Z", 23, "2026-11-24T22:00:00Z")]
    public void The_next_run_is_the_next_time_the_local_clock_shows_the_hour(string after, int hour, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

        var next = RetentionJob.NextRun(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture), hour, zone);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    private List<RetentionRun> RunsInDatabase()
    {
        using var db = _database.CreateContext();
        return db.RetentionRuns.AsNoTracking().ToList();
    }

    private static async Task<T> Next<T>(ChannelReader<T> reader) => await reader.ReadAsync().AsTask().WaitAsync(Patience);

    private async Task<JobHarness> StartAsync(RetentionOptions options, IDbContextFactory<PortalDbContext>? factory = null)
    {
        factory ??= _database.Factory;
        var services = new ServiceCollection()
            .AddSingleton(factory)
            .AddSingleton<TimeProvider>(_database.Clock)
            .AddSingleton(new AuditTrail(factory, _database.Clock, NullLogger<AuditTrail>.Instance))
            .AddSingleton<IOptionsMonitor<RetentionOptions>>(new FixedOptions<RetentionOptions>(options))
            .AddSingleton<ILogger<RetentionService>>(NullLogger<RetentionService>.Instance)
            .AddScoped<CurrentUser>()
            .AddScoped<RetentionService>()
            .BuildServiceProvider();
        var log = new CapturingLogger<RetentionJob>();
        var job = new RetentionJob(services.GetRequiredService<IServiceScopeFactory>(), new FixedOptions<RetentionOptions>(options),
            _database.Clock, log);
        var waiting = Channel.CreateUnbounded<DateTimeOffset>();
        var completed = Channel.CreateUnbounded<RetentionReport?>();
        job.Waiting += due => waiting.Writer.TryWrite(due);
        job.Completed += report => completed.Writer.TryWrite(report);
        _disposables.Add(services);
        _disposables.Add(job);
        await job.StartAsync(CancellationToken.None);
        return new JobHarness(job, waiting.Reader, completed.Reader, log);
    }

    private sealed record JobHarness(RetentionJob Job, ChannelReader<DateTimeOffset> Waiting, ChannelReader<RetentionReport?> Completed,
        CapturingLogger<RetentionJob> Log);

    /// <summary>Throws the queued exceptions, one per context, then hands out real contexts.</summary>
    private sealed class FlakyFactory(IDbContextFactory<PortalDbContext> inner) : IDbContextFactory<PortalDbContext>
    {
        public Queue<Exception> Failures { get; init; } = new();

        public PortalDbContext CreateDbContext()
        {
            lock (Failures)
            {
                if (Failures.TryDequeue(out var failure))
                    throw failure;
            }
            return inner.CreateDbContext();
        }
    }
}
