using IbPortal.Domain.Data;
using IbPortal.Domain.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>Start-up on PostgreSQL (needs the test server): migrate an empty database, seed once, also with two nodes at once.</summary>
public sealed class PostgreSqlStartupTests
{
    private static async Task<(int Boards, int Schools, int Pupils, int Concerns)> CountsAsync(ServiceProvider node)
    {
        await using var db = await node.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Boards.CountAsync(), await db.Schools.CountAsync(), await db.Pupils.CountAsync(), await db.Concerns.CountAsync());
    }

    [Fact]
    public async Task PostgreSql_migrations_create_an_empty_database_seed_the_demo_board_and_report_healthy()
    {
        using var database = new PostgreSqlScratchDatabase("startup");
        Assert.False(database.Exists());
        await using var node = database.Node();
        var initializer = node.GetRequiredService<DatabaseInitializer>();
        Assert.False(await initializer.CanConnectAsync(CancellationToken.None));

        await initializer.InitializeAsync();

        Assert.True(database.Exists());
        Assert.True(await initializer.CanConnectAsync(CancellationToken.None));
        await using var db = await node.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.IsType<PostgreSqlPortalDbContext>(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var (boards, schools, pupils, concerns) = await CountsAsync(node);
        Assert.Equal(1, boards);
        Assert.Equal(2, schools);
        Assert.True(pupils > 0);
        Assert.True(concerns > 0);
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task PostgreSql_two_nodes_starting_together_on_an_empty_database_seed_one_board()
    {
        for (var round = 0; round < 3; round++)
        {
            using var database = new PostgreSqlScratchDatabase("twonodes");
            await using var a = database.Node();
            await using var b = database.Node();

            await Task.WhenAll(
                Task.Run(() => a.GetRequiredService<DatabaseInitializer>().InitializeAsync()),
                Task.Run(() => b.GetRequiredService<DatabaseInitializer>().InitializeAsync()));

            Assert.True(a.GetRequiredService<DatabaseInitializer>().IsReady);
            Assert.True(b.GetRequiredService<DatabaseInitializer>().IsReady);
            Assert.Equal(await CountsAsync(a), await CountsAsync(b));
            Assert.Equal(1, (await CountsAsync(a)).Boards);
            Assert.Equal(2, (await CountsAsync(a)).Schools);
        }
    }

    [Fact]
    public async Task PostgreSql_restart_on_a_seeded_database_migrates_nothing_and_seeds_nothing()
    {
        using var database = new PostgreSqlScratchDatabase("restart");
        await using (var first = database.Node())
            await first.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var again = database.Node();
        var before = await CountsAsync(again);

        await again.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(before, await CountsAsync(again));
    }
}
