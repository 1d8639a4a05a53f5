using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IbPortal.Tests.Support;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace IbPortal.Tests.Browser;

/// <summary>
/// Two real app processes on different loopback ports share one PostgreSQL database and one Redis, as two servers
/// behind a load balancer would. A concern flagged on node A reaches the IB'er's dashboard on node B; with Redis
/// stopped for a while, concerns flagged meanwhile are caught up from the database once it is back. This class starts
/// its own Redis (it stops it) and its own database on the shared test PostgreSQL.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodeBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = "ibportal_twonode_" + Guid.NewGuid().ToString("N")[..12];
    private readonly int _redisPort = FreePort();
    private Process? _redis;
    private PortalProcess? _nodeA;
    private PortalProcess? _nodeB;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(ExternalServers.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        await StartRedisAsync();

        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = PortalConnectionString,
            ["Redis:ConnectionString"] = $"127.0.0.1:{_redisPort}",
            ["RateLimiting:SignInPermitsPerMinute"] = "1000",
        };
        // Both nodes start at once on the empty database: migrations, the demo seed and the first Data Protection key
        // must each happen exactly once.
        var a = PortalProcess.StartAsync(settings);
        var b = PortalProcess.StartAsync(settings);
        try
        {
            await Task.WhenAll(a, b);
        }
        finally
        {
            // Whatever started is stopped again in DisposeAsync, also when the other node failed.
            _nodeA = a.IsCompletedSuccessfully ? a.Result : null;
            _nodeB = b.IsCompletedSuccessfully ? b.Result : null;
        }
    }

    private string PortalConnectionString =>
        new NpgsqlConnectionStringBuilder(ExternalServers.Postgres) { Database = _database }.ConnectionString;

    [Fact]
    public async Task Concern_flagged_on_node_A_reaches_dashboards_on_both_nodes_and_nothing_is_missed_across_a_Redis_outage()
    {
        // Started together on an empty database: one demo board, one Data Protection key ring entry.
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM \"Boards\""));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM \"DataProtectionKeys\""));

        // One browser context: signed in on node A, the same cookie opens node B (keys are shared in the database).
        var ib = await NewContextAsync();
        var dashboardA = await OpenDashboardAsync(ib, _nodeA!, signIn: true);
        var dashboardB = await OpenDashboardAsync(ib, _nodeB!, signIn: false);

        var teacherContext = await NewContextAsync();
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync($"{Base(_nodeA!)}/demo/sign-in?user=leerkracht-a&returnUrl=/signaleren");
        await teacher.GetByTestId("pupil").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        var first = await FlagAsync(teacher, pupilIndex: 0);
        var clock = Stopwatch.StartNew();
        await WaitForConcernAsync(dashboardB, first, TimeSpan.FromSeconds(5));
        output.WriteLine($"Measured: two nodes, concern flagged on A visible on B's dashboard after {clock.ElapsedMilliseconds} ms");
        await WaitForConcernAsync(dashboardA, first, TimeSpan.FromSeconds(5));

        // Redis goes away. Both dashboards say live updates are interrupted; saving goes on, and node A's own
        // dashboard still hears of its own concerns at once.
        await StopRedisAsync();
        await Assertions.Expect(dashboardB.GetByTestId("live-updates-interrupted")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        await Assertions.Expect(dashboardA.GetByTestId("live-updates-interrupted")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        var duringOutage = new List<int>();
        for (var i = 1; i <= 3; i++)
            duringOutage.Add(await FlagAsync(teacher, pupilIndex: i));
        foreach (var id in duringOutage)
            await WaitForConcernAsync(dashboardA, id, TimeSpan.FromSeconds(5));
        var seenOnBDuringOutage = 0;
        foreach (var id in duringOutage)
            seenOnBDuringOutage += await dashboardB.Locator($"[data-concern-id='{id}']").CountAsync();
        output.WriteLine($"Measured: during the Redis outage node B showed {seenOnBDuringOutage} of {duringOutage.Count} new concerns");
        // Nothing reached node B while Redis was down (its minute reload had no time to run): what follows is catch-up.
        Assert.Equal(0, seenOnBDuringOutage);

        // Redis comes back: node B catches up from the database; nothing is missing on either dashboard.
        await StartRedisAsync();
        clock.Restart();
        await Assertions.Expect(dashboardB.GetByTestId("live-updates-interrupted")).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = 30_000 });
        foreach (var id in duringOutage.Prepend(first))
        {
            await WaitForConcernAsync(dashboardB, id, TimeSpan.FromSeconds(30));
            await WaitForConcernAsync(dashboardA, id, TimeSpan.FromSeconds(5));
        }
        output.WriteLine($"Measured: two nodes, catch-up on node B complete {clock.ElapsedMilliseconds} ms after Redis restarted");

        // And live delivery across nodes works again.
        var after = await FlagAsync(teacher, pupilIndex: 4);
        await WaitForConcernAsync(dashboardB, after, TimeSpan.FromSeconds(10));
        await WaitForConcernAsync(dashboardA, after, TimeSpan.FromSeconds(5));

        var saved = await ScalarAsync($"SELECT COUNT(*) FROM \"Concerns\" WHERE \"Id\" IN ({string.Join(',', duringOutage.Prepend(first).Append(after))})");
        Assert.Equal(5, saved);
    }

    private async Task<IBrowserContext> NewContextAsync() =>
        await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });

    private static string Base(PortalProcess node) => node.BaseAddress.ToString().TrimEnd('/');

    private static async Task<IPage> OpenDashboardAsync(IBrowserContext context, PortalProcess node, bool signIn)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(signIn ? $"{Base(node)}/demo/sign-in?user=ib&returnUrl=/ib" : $"{Base(node)}/ib");
        await page.GetByTestId("counters").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.StartsWith(Base(node), page.Url, StringComparison.Ordinal);
        return page;
    }

    /// <summary>Flags a concern about the n-th pupil of the teacher's list; returns its id once the UI confirmed it.</summary>
    private async Task<int> FlagAsync(IPage teacher, int pupilIndex)
    {
        var marker = "Tweenodetest " + Guid.NewGuid().ToString("N")[..10] + ": rekent sinds de herfst veel trager.";
        if (!teacher.Url.EndsWith("/signaleren", StringComparison.Ordinal))
            await teacher.GotoAsync($"{new Uri(teacher.Url).GetLeftPart(UriPartial.Authority)}/signaleren");
        var pupilInput = teacher.GetByTestId("pupil").Locator("input");
        await pupilInput.ClickAsync();
        var option = teacher.Locator(".mud-popover-open .mud-list-item").Nth(pupilIndex);
        await option.WaitForAsync();
        await option.ClickAsync();
        await teacher.GetByTestId("area-cognitive").ClickAsync();
        await teacher.GetByTestId("observation").Locator("textarea").FillAsync(marker);
        await teacher.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("flag-confirmation")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        var id = await ScalarAsync($"SELECT \"Id\" FROM \"Concerns\" WHERE \"Observation\" = '{marker.Replace("'", "''", StringComparison.Ordinal)}'");
        await teacher.GotoAsync($"{new Uri(teacher.Url).GetLeftPart(UriPartial.Authority)}/signaleren");
        await teacher.GetByTestId("pupil").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        return (int)id;
    }

    private static Task WaitForConcernAsync(IPage dashboard, int concernId, TimeSpan timeout) =>
        dashboard.Locator($"[data-testid='concern-card'][data-concern-id='{concernId}']").First
            .WaitForAsync(new LocatorWaitForOptions { Timeout = (float)timeout.TotalMilliseconds });

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PortalConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task StartRedisAsync()
    {
        var start = new ProcessStartInfo(ExternalServers.RedisServerBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", _redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(arg);
        _redis = Process.Start(start)!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.ErrorDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        _redis.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _redisPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50); // polling for the server to listen
            }
        }
        throw new TimeoutException($"redis-server did not listen on {_redisPort}");
    }

    private async Task StopRedisAsync()
    {
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }
        _redis?.Dispose();
        _redis = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_nodeA is not null)
            await _nodeA.DisposeAsync();
        if (_nodeB is not null)
            await _nodeB.DisposeAsync();
        await StopRedisAsync();
        await using var admin = new NpgsqlConnection(ExternalServers.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
