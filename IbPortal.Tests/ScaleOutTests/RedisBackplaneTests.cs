using IbPortal.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.ScaleOutTests;

/// <summary>
/// Two app hosts in memory on one SQLite file, with Redis configured: live events travel between them, the concern hub
/// runs on the Redis backplane, and Blazor's own hub stays in process.
/// </summary>
[Collection(WebAppTests.Name)]
public sealed class RedisBackplaneTests
{
    private const string Resumed = ConcernHubRelay.LiveEventsResumedMethod;

    /// <summary>
    /// Short timeouts for the test's own Redis that it kills: the outage shows within a second. Synchronous calls get
    /// the default 5 s: the backplane's UNSUBSCRIBE when a node is disposed at the end is one, and it took over a
    /// second once on a loaded CI machine, failing the test in its teardown.
    /// </summary>
    private const string FastFailing = ",connectTimeout=1000,syncTimeout=5000,asyncTimeout=1000";

    private static async Task<(PortalAppFactory A, PortalAppFactory B)> StartTwoNodesAsync(string redis)
    {
        var prefix = RedisTestNode.UniquePrefix();
        var a = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = redis,
            ["Redis:ChannelPrefix"] = prefix,
        });
        PortalAppFactory? b = null;
        try
        {
            _ = a.Server; // starts A: migrates and seeds the shared file
            b = PortalAppFactory.With(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={a.DatabasePath}",
                ["Database:SeedDemoData"] = "false",
                ["Redis:ConnectionString"] = redis,
                ["Redis:ChannelPrefix"] = prefix,
            });
            _ = b.Server;
            await Wait.UntilAsync(() => Events(a).IsLive && Events(b).IsLive, "both nodes' live events to flow over Redis");
            return (a, b);
        }
        catch
        {
            // No leaked hosts when a start fails: B first, as StopAsync does.
            if (b is not null)
                await b.DisposeAsync();
            await a.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> HealthAsync(PortalAppFactory app)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode); // Degraded still answers 200
        return await response.Content.ReadAsStringAsync();
    }

    private static RedisPortalEvents Events(PortalAppFactory app) =>
        Assert.IsType<RedisPortalEvents>(app.Services.GetRequiredService<IPortalEvents>());

    /// <summary>
    /// A hub client of <paramref name="app"/>, once the server registered it: the client's start returns at the handshake,
    /// before the server subscribed it in Redis and loaded its scope.
    /// </summary>
    private static async Task<ConcernHubClient> ConnectAsync(PortalAppFactory app, string login)
    {
        var connections = app.Services.GetRequiredService<ConcernHubConnections>();
        var before = connections.Count;
        var client = await ConcernHubClient.ConnectAsync(app, login);
        await Wait.UntilAsync(() => connections.Count == before + 1, "the server to register the hub connection");
        return client;
    }

    /// <summary>B first: each factory waits for the static logger its own entry point closes.</summary>
    private static async Task StopAsync(PortalAppFactory a, PortalAppFactory b)
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    [Fact]
    public async Task A_concern_raised_through_host_A_reaches_a_hub_client_on_host_B_once_and_one_on_host_A_once()
    {
        var (a, b) = await StartTwoNodesAsync(ExternalServers.Redis);
        try
        {
            Assert.IsType<RedisHubLifetimeManager<ConcernHub>>(a.Services.GetRequiredService<HubLifetimeManager<ConcernHub>>());
            await using var onB = await ConnectAsync(b, Logins.CareCoordinator);
            await using var onA = await ConnectAsync(a, Logins.CareCoordinator);
            var pupil = await a.PupilOfAsync(Logins.TeacherA);

            var first = await a.RaiseConcernAsync(Logins.TeacherA, pupil, "Rekenen stagneert.");
            await onB.WaitForConcernAsync(first);
            await onA.WaitForConcernAsync(first);
            // A second concern, raised through B: once both clients have it, a duplicate of the first would have come too.
            var second = await b.RaiseConcernAsync(Logins.TeacherA, pupil, "Lezen gaat achteruit.");
            await onA.WaitForConcernAsync(second);
            await onB.WaitForConcernAsync(second);

            Assert.Equal([first, second], onB.Received.Select(e => e.ConcernId).ToArray());
            Assert.Equal([first, second], onA.Received.Select(e => e.ConcernId).ToArray());
        }
        finally
        {
            await StopAsync(a, b);
        }
    }

    [Fact]
    public async Task A_wrong_Redis_connection_string_stops_the_start_with_a_message_naming_the_setting()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = "127.0.0.1:6379,noSuchKeyword=1",
        });

        var failure = Record.Exception(() => app.Server);

        Assert.NotNull(failure);
        var messages = string.Join(" | ", Chain(failure));
        Assert.Contains("Redis:ConnectionString", messages, StringComparison.Ordinal);
        Assert.Contains("noSuchKeyword", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            yield return e.Message;
    }

    [Fact]
    public async Task Blazor_circuits_stay_off_the_backplane()
    {
        var (a, b) = await StartTwoNodesAsync(ExternalServers.Redis);
        try
        {
            var componentHub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
            var manager = a.Services.GetRequiredService(typeof(HubLifetimeManager<>).MakeGenericType(componentHub));

            Assert.Equal(typeof(DefaultHubLifetimeManager<>).MakeGenericType(componentHub), manager.GetType());
        }
        finally
        {
            await StopAsync(a, b);
        }
    }

    [Fact]
    public async Task While_Redis_is_down_saving_works_pages_open_and_hub_clients_hear_their_own_node_then_everyone_reloads()
    {
        using var redis = new RedisTestServer();
        var (a, b) = await StartTwoNodesAsync(redis.ConnectionString + FastFailing);
        try
        {
            await using var onA = await ConnectAsync(a, Logins.CareCoordinator);
            await using var onB = await ConnectAsync(b, Logins.CareCoordinator);
            var resumedOnA = 0;
            var resumedOnB = 0;
            onA.Connection.On(Resumed, () => Interlocked.Increment(ref resumedOnA));
            onB.Connection.On(Resumed, () => Interlocked.Increment(ref resumedOnB));
            var pupil = await a.PupilOfAsync(Logins.TeacherA);

            redis.Kill();
            await Wait.UntilAsync(() => Events(a).IsInterrupted && Events(b).IsInterrupted, "both nodes to see live events interrupted");
            // Only the resume after the outage counts (not the one each node raised when its events first flowed).
            Interlocked.Exchange(ref resumedOnA, 0);
            Interlocked.Exchange(ref resumedOnB, 0);
            Assert.Equal("Degraded", await HealthAsync(a));

            // Saving never waits for Redis, and the node's own hub clients still hear of it (sent without Redis).
            var duringOutage = await a.RaiseConcernAsync(Logins.TeacherA, pupil, "Tijdens de storing gesignaleerd.")
                .WaitAsync(TimeSpan.FromSeconds(5));
            await onA.WaitForConcernAsync(duringOutage);
            // Pages (Blazor's own hub is not on the backplane) and the health check still answer.
            using var client = await b.CreateSignedInClientAsync(Logins.CareCoordinator);
            using var page = await client.GetAsync(new Uri("/ib", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            using var negotiate = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
            Assert.Equal(System.Net.HttpStatusCode.OK, negotiate.StatusCode);

            redis.Start();
            await Wait.UntilAsync(() => Volatile.Read(ref resumedOnA) > 0 && Volatile.Read(ref resumedOnB) > 0,
                "both nodes' hub clients to be told to reload", TimeSpan.FromSeconds(30));
            await Wait.UntilAsync(() => Events(a).IsLive && Events(b).IsLive, "both nodes to be live again");
            Assert.Equal("Healthy", await HealthAsync(b));

            var afterwards = await a.RaiseConcernAsync(Logins.TeacherA, pupil, "Na de storing gesignaleerd.");
            await onB.WaitForConcernAsync(afterwards);
            await onA.WaitForConcernAsync(afterwards);
            Assert.Equal(1, onA.Received.Count(e => e.ConcernId == duringOutage));
            Assert.Equal(1, onA.Received.Count(e => e.ConcernId == afterwards));
            Assert.Equal(1, onB.Received.Count(e => e.ConcernId == afterwards));
        }
        finally
        {
            await StopAsync(a, b);
        }
    }
}
