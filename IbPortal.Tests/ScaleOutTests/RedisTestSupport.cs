using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IbPortal.Domain.Events;
using IbPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IbPortal.Tests.ScaleOutTests;

/// <summary>
/// A redis-server of the test's own on a free loopback port (no persistence), which the test may kill and start again
/// on the same port. Never the shared test Redis: the other tests use that one.
/// </summary>
public sealed class RedisTestServer : IDisposable
{
    private Process? _process;

    public RedisTestServer()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("This Redis is already running.");
        var start = new ProcessStartInfo(ExternalServers.RedisServerBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Wait.Until(Accepts, TimeSpan.FromSeconds(10), $"redis-server on port {Port} to accept connections");
    }

    /// <summary>Kills the server (as a crash would) and waits until it is gone.</summary>
    public void Kill()
    {
        if (_process is null)
            return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        Wait.Until(() => !Accepts(), TimeSpan.FromSeconds(10), $"port {Port} to be closed");
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose() => Kill();
}

/// <summary>Waiting for a condition (never for a time): polls until it holds, or fails after a generous limit.</summary>
public static class Wait
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static void Until(Func<bool> condition, TimeSpan limit, string what)
    {
        if (!SpinWait.SpinUntil(condition, limit))
            throw new TimeoutException($"Waited {limit.TotalSeconds} s for {what}.");
    }

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var until = DateTime.UtcNow + (limit ?? Limit);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Waited {(limit ?? Limit).TotalSeconds} s for {what}.");
            await Task.Delay(20);
        }
    }
}

/// <summary>One "node": a <see cref="RedisPortalEvents"/> with a subscriber that records what it hears.</summary>
public sealed class RedisTestNode : IAsyncDisposable
{
    private readonly List<PortalEvent> _heard = [];
    private readonly List<PortalEvent> _own = [];
    private readonly List<LiveEventsStatus> _statuses = [];
    private readonly IDisposable _subscription;
    private readonly IDisposable _ownSubscription;
    private readonly IDisposable _statusSubscription;

    public RedisTestNode(string connectionString, string channelPrefix)
    {
        Events = new RedisPortalEvents(
            Options.Create(new RedisPortalEventsOptions
            {
                ConnectionString = connectionString + ",connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000",
                ChannelPrefix = channelPrefix,
                RetryInterval = TimeSpan.FromMilliseconds(200),
                ProbeTimeout = TimeSpan.FromSeconds(10), // generous: a loaded test machine must not fail a probe
            }),
            NullLoggerFactory.Instance, TimeProvider.System);
        _subscription = Events.Subscribe(e => { lock (_heard) _heard.Add(e); return Task.CompletedTask; });
        _ownSubscription = Events.SubscribeToOwn(e => { lock (_own) _own.Add(e); return Task.CompletedTask; });
        _statusSubscription = Events.SubscribeToStatus(s => { lock (_statuses) _statuses.Add(s); return Task.CompletedTask; });
    }

    public RedisPortalEvents Events { get; }

    public IReadOnlyList<PortalEvent> Heard { get { lock (_heard) return [.. _heard]; } }

    public IReadOnlyList<PortalEvent> HeardOwn { get { lock (_own) return [.. _own]; } }

    /// <summary>What the status subscriber heard, in order.</summary>
    public IReadOnlyList<LiveEventsStatus> Statuses { get { lock (_statuses) return [.. _statuses]; } }

    public int Count<T>(Func<T, bool>? match = null) where T : PortalEvent =>
        Heard.OfType<T>().Count(e => match?.Invoke(e) ?? true);

    public int CountStatus<T>() where T : LiveEventsStatus => Statuses.OfType<T>().Count();

    public Task WaitLiveAsync() => Wait.UntilAsync(() => Events.IsLive, $"node {Events.NodeId} to be live");

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _ownSubscription.Dispose();
        _statusSubscription.Dispose();
        await Events.DisposeAsync();
    }

    /// <summary>A channel prefix of the test's own, so that tests on the shared Redis never hear each other.</summary>
    public static string UniquePrefix() => "ibportal-test-" + Guid.NewGuid().ToString("N");

    /// <summary>A raw message on the events channel, as another (e.g. newer) server might send it.</summary>
    public static async Task PublishRawAsync(string connectionString, string channelPrefix, string message)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal($"{channelPrefix}:events"), message);
    }
}
