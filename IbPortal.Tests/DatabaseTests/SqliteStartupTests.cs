using IbPortal.Domain;
using IbPortal.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>Start-up on a SQLite file: two processes sharing one file (as two nodes would) seed one board.</summary>
public sealed class SqliteStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ibportal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private ServiceProvider Node(string file)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_folder, file)}",
            ["Database:SeedDemoData"] = "true",
        }).Build();
        return new ServiceCollection().AddLogging().AddPortalDomain(configuration, _folder).BuildServiceProvider();
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_SQLite_file_seed_one_board()
    {
        for (var round = 0; round < 3; round++)
        {
            await using var a = Node($"round{round}.db");
            await using var b = Node($"round{round}.db");

            await Task.WhenAll(
                Task.Run(() => a.GetRequiredService<DatabaseInitializer>().InitializeAsync()),
                Task.Run(() => b.GetRequiredService<DatabaseInitializer>().InitializeAsync()));

            await using var db = await a.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.Equal(1, await db.Boards.CountAsync());
            Assert.Equal(2, await db.Schools.CountAsync());
            Assert.True(b.GetRequiredService<DatabaseInitializer>().IsReady);
        }
    }
}
