using IbPortal.Domain.Retention;
using IbPortal.Tests.RetentionTests;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>Retention on PostgreSQL (needs the test server) with several servers scheduling it at the same hour.</summary>
public sealed class PostgreSqlRetentionRunTests
{
    [Fact]
    public async Task PostgreSql_servers_running_the_nightly_retention_together_make_one_run_and_one_audit_entry()
    {
        using var scratch = new PostgreSqlScratchDatabase("retention");
        using var database = scratch.CreateTestDatabase();
        var scenario = RetentionScenario.Create(database);

        // Three "servers" (their own services, contexts and connections) at the scheduled hour.
        var reports = await Task.WhenAll(Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => database.Retention(login: null).RunAsSystemAsync())));

        var report = Assert.Single(reports, r => r is not null);
        Assert.Equal(scenario.ExpectedConcernIds, report!.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        await using var db = database.CreateContext();
        var run = Assert.Single(await db.RetentionRuns.AsNoTracking().ToListAsync());
        Assert.Equal(report.RunId, run.Id);
        Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.Action == RetentionService.RunAction).ToListAsync());
        Assert.Empty(database.ConcernIds().Intersect(scenario.ExpectedConcernIds));
    }
}
