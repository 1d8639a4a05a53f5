using IbPortal.Domain;
using IbPortal.Domain.Data;
using IbPortal.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>
/// Nodes with the app's Data Protection wiring (keys in the portal database) but without the web host: started at the
/// same moment on one empty database, they must end up with one key and read each other's payloads.
/// </summary>
internal static class DataProtectionKeyRing
{
    public const string Purpose = "IbPortal.Tests.Cookie";

    public static ServiceProvider Node(IReadOnlyDictionary<string, string?> settings, string contentRoot)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPortalDomain(configuration, contentRoot)
            .AddPortalDataProtection().BuildServiceProvider();
    }

    /// <summary>What the app does on start: initialise the database, then the hosted services' "starting" step.</summary>
    public static async Task StartAsync(ServiceProvider node)
    {
        await node.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        foreach (var service in node.GetServices<IHostedService>().OfType<IHostedLifecycleService>())
            await service.StartingAsync(CancellationToken.None);
    }

    public static IDataProtector Protector(ServiceProvider node) =>
        node.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    public static async Task<int> KeyCountAsync(ServiceProvider node)
    {
        await using var db = await node.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.CountAsync();
    }

    /// <summary>Two nodes start together; each protects, the other (and a node started later) unprotects.</summary>
    public static async Task AssertTwoNodesShareOneKeyAsync(Func<ServiceProvider> newNode)
    {
        await using var a = newNode();
        await using var b = newNode();

        await Task.WhenAll(Task.Run(() => StartAsync(a)), Task.Run(() => StartAsync(b)));

        Assert.Equal(1, await KeyCountAsync(a));
        var fromA = Protector(a).Protect("signed in on A");
        var fromB = Protector(b).Protect("signed in on B");
        Assert.Equal("signed in on A", Protector(b).Unprotect(fromA));
        Assert.Equal("signed in on B", Protector(a).Unprotect(fromB));

        await using var restarted = newNode();
        await StartAsync(restarted);
        Assert.Equal("signed in on A", Protector(restarted).Unprotect(fromA));
        Assert.Equal("signed in on B", Protector(restarted).Unprotect(fromB));
        Assert.Equal(1, await KeyCountAsync(restarted));
    }
}

/// <summary>Data Protection keys in a SQLite file shared by two nodes.</summary>
public sealed class DataProtectionKeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ibportal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_SQLite_file_share_one_key_and_read_each_others_payloads()
    {
        for (var round = 0; round < 3; round++)
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source=keys{round}.db" };
            await DataProtectionKeyRing.AssertTwoNodesShareOneKeyAsync(() => DataProtectionKeyRing.Node(settings, _folder));
        }
    }
}

/// <summary>Data Protection keys in a PostgreSQL database shared by two nodes (needs the test server).</summary>
public sealed class PostgreSqlDataProtectionKeyRingTests
{
    [Fact]
    public async Task PostgreSql_two_nodes_starting_together_on_an_empty_database_share_one_key_and_read_each_others_payloads()
    {
        for (var round = 0; round < 3; round++)
        {
            using var database = new PostgreSqlScratchDatabase("keys");
            await DataProtectionKeyRing.AssertTwoNodesShareOneKeyAsync(() => DataProtectionKeyRing.Node(database.Settings(), Path.GetTempPath()));
        }
    }
}
