using System.Diagnostics;
using IbPortal.Concerns;
using IbPortal.Domain.Events;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.Web;

/// <summary>
/// A SignalR client of /hubs/concerns over the in-memory test server (long polling), recording every ConcernChanged
/// it receives, in arrival order, and letting a test wait for one with a timeout.
/// </summary>
public sealed class ConcernHubClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly List<ConcernChanged> _received = [];
    private readonly List<(Func<ConcernChanged, bool> Match, TaskCompletionSource<ConcernChanged> Done)> _waiters = [];

    private ConcernHubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<ConcernChanged>(ConcernHub.ConcernChangedMethod, OnConcernChanged);
    }

    public HubConnection Connection { get; }

    /// <summary>What arrived so far, in order.</summary>
    public IReadOnlyList<ConcernChanged> Received
    {
        get { lock (_gate) return [.. _received]; }
    }

    /// <summary>
    /// A connection (not started) sending <paramref name="cookie"/> ("IbPortal.Auth=…"), or none, and the Origin header
    /// <paramref name="origin"/> as a browser page at that origin would, or none (a client outside a browser).
    /// </summary>
    public static ConcernHubClient Create(PortalAppFactory app, string? cookie, string? origin = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, ConcernHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (cookie is not null)
                    o.Headers["Cookie"] = cookie;
                if (origin is not null)
                    o.Headers["Origin"] = origin;
            })
            .Build();
        return new ConcernHubClient(connection);
    }

    /// <summary>A started connection of the demo user <paramref name="login"/>.</summary>
    public static async Task<ConcernHubClient> ConnectAsync(PortalAppFactory app, string login, string? origin = null)
    {
        var client = Create(app, await app.SignInCookieAsync(login), origin);
        try
        {
            await client.Connection.StartAsync().WaitAsync(Timeout);
            // The handshake can complete before the hub's OnConnectedAsync has registered the connection (it loads the
            // user's scope first): an event published in between would not be sent to it. Wait for the registration.
            var connections = app.Services.GetRequiredService<ConcernHubConnections>();
            var registered = Stopwatch.StartNew();
            while (!connections.All().Contains(client.Connection.ConnectionId))
            {
                if (registered.Elapsed > Timeout)
                    throw new TimeoutException($"The hub did not register connection {client.Connection.ConnectionId} within {Timeout.TotalSeconds:F0} s.");
                await Task.Delay(10); // polling the server's registry: it has no event to await
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first event (already received or still to come) matching <paramref name="match"/>.</summary>
    public async Task<ConcernChanged> WaitForAsync(Func<ConcernChanged, bool> match, string what)
    {
        var done = new TaskCompletionSource<ConcernChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _received.FirstOrDefault(match);
            if (existing is not null)
                return existing;
            _waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No ConcernChanged for {what} within {Timeout.TotalSeconds} s; received: " +
                                       string.Join(", ", Received.Select(e => $"{e.ConcernId}@{e.SchoolId}")));
        }
        finally
        {
            lock (_gate)
                _waiters.RemoveAll(w => w.Done == done);
        }
    }

    public Task<ConcernChanged> WaitForConcernAsync(int concernId) =>
        WaitForAsync(e => e.ConcernId == concernId, $"concern {concernId}");

    private void OnConcernChanged(ConcernChanged change)
    {
        lock (_gate)
        {
            _received.Add(change);
            foreach (var (match, done) in _waiters.Where(w => w.Match(change)))
                done.TrySetResult(change);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
