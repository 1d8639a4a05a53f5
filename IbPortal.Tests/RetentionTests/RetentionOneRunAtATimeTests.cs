using IbPortal.Domain;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.RetentionTests;

/// <summary>
/// Several servers schedule retention at the same hour: one run at a time (<see cref="PortalDatabaseLock.Retention"/>),
/// one scheduled run a night, and a privacy officer's "Nu opschonen" waits briefly for a run in progress or says so.
/// </summary>
public sealed class RetentionOneRunAtATimeTests : IDisposable
{
    private const string Privacy = DemoDataSeeder.PrivacyOfficerLogin;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_scheduled_run_is_skipped_and_logged_while_another_server_runs_retention()
    {
        var scenario = RetentionScenario.Create(_database);
        var log = new CapturingLogger<RetentionService>();

        RetentionReport? report;
        await using (await PortalDatabaseLock.AcquireAsync(_database.Factory, PortalDatabaseLock.Retention, TimeSpan.FromSeconds(5)))
            report = await _database.Retention(login: null, logger: log).RunAsSystemAsync();

        Assert.Null(report);
        Assert.Empty(Runs());
        Assert.Subset(_database.ConcernIds(), new HashSet<int>(scenario.ExpectedConcernIds));
        Assert.Contains(log.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_servers_scheduled_run_of_the_same_night_is_skipped_so_there_is_one_run_and_one_audit_entry()
    {
        var scenario = RetentionScenario.Create(_database);

        var first = await _database.Retention(login: null).RunAsSystemAsync();
        var second = await _database.Retention(login: null).RunAsSystemAsync();

        Assert.NotNull(first);
        Assert.Null(second);
        var run = Assert.Single(Runs());
        Assert.Equal(first.RunId, run.Id);
        using var db = _database.CreateContext();
        Assert.Single(db.AuditEntries.AsNoTracking().Where(a => a.Action == RetentionService.RunAction));
        Assert.Empty(_database.ConcernIds().Intersect(scenario.ExpectedConcernIds));

        // The next night it runs again.
        _database.Clock.Advance(TimeSpan.FromDays(1));
        Assert.NotNull(await _database.Retention(login: null).RunAsSystemAsync());
        Assert.Equal(2, Runs().Count);
    }

    [Fact]
    public async Task A_privacy_officers_run_still_runs_after_the_scheduled_run_of_the_night()
    {
        RetentionScenario.Create(_database);
        Assert.NotNull(await _database.Retention(login: null).RunAsSystemAsync());

        var report = await _database.Retention(Privacy).RunAsync();

        Assert.Equal(2, Runs().Count);
        Assert.Contains(Runs(), r => r.Id == report.RunId && r.StaffMemberId is not null);
    }

    [Fact]
    public async Task A_privacy_officers_run_waits_briefly_for_a_run_in_progress_then_runs()
    {
        var scenario = RetentionScenario.Create(_database);
        var held = await PortalDatabaseLock.AcquireAsync(_database.Factory, PortalDatabaseLock.Retention, TimeSpan.FromSeconds(5));

        var run = _database.Retention(Privacy).RunAsync();
        await Task.Delay(200);
        Assert.False(run.IsCompleted);          // waiting for the other run
        await held.DisposeAsync();
        var report = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(scenario.ExpectedConcernIds, report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        Assert.Single(Runs());
    }

    [Fact]
    public async Task A_privacy_officers_run_while_another_run_stays_in_progress_says_so_in_Dutch_and_removes_nothing()
    {
        var scenario = RetentionScenario.Create(_database);
        var auditBefore = AuditCount();

        var ex = await Assert.ThrowsAsync<DomainException>(async () =>
        {
            await using (await PortalDatabaseLock.AcquireAsync(_database.Factory, PortalDatabaseLock.Retention, TimeSpan.FromSeconds(5)))
                await _database.Retention(Privacy).RunAsync();
        });

        Assert.Equal(RetentionService.RunInProgressMessage, ex.Message);
        Assert.StartsWith("Er loopt al een opschoonronde", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Runs());
        Assert.Equal(auditBefore, AuditCount());
        Assert.Subset(_database.ConcernIds(), new HashSet<int>(scenario.ExpectedConcernIds));
    }

    [Fact]
    public async Task Only_a_privacy_officer_is_told_about_a_run_in_progress()
    {
        RetentionScenario.Create(_database);
        await using var held = await PortalDatabaseLock.AcquireAsync(_database.Factory, PortalDatabaseLock.Retention, TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _database.Retention(DemoDataSeeder.CareCoordinatorLogin).RunAsync());
    }

    private List<RetentionRun> Runs()
    {
        using var db = _database.CreateContext();
        return db.RetentionRuns.AsNoTracking().ToList();
    }

    private int AuditCount()
    {
        using var db = _database.CreateContext();
        return db.AuditEntries.Count();
    }
}
