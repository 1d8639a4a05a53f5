using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// The platform's own limit: a bare SignalR hub (CreateSlimBuilder + AddSignalR, nothing else) in its own process,
/// started as `bench-live --baseline-server --port N`. Receivers join one group per IB'er login; a sender's message
/// goes to the groups of its school's IB'ers, so each message reaches as many clients as a concern reaches dashboards.
/// </summary>
public static class BaselineServer
{
    public const string HubPath = "/baseline";
    public const string HealthPath = "/alive";
    public const string DeliveredMethod = "Delivered";

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapGet(HealthPath, () => "ok");
        app.MapHub<BaselineHub>(HubPath);
        await app.RunAsync();
        return 0;
    }

    internal sealed class BaselineHub : Hub
    {
        public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

        public Task Send(string[] groups, int id) => Clients.Groups(groups).SendAsync(DeliveredMethod, id);
    }
}

/// <summary>A receiving client of the baseline hub: records when each message id first arrived.</summary>
public sealed class BaselineReceiver : IAsyncDisposable
{
    private readonly HubConnection _hub;

    private BaselineReceiver(HubConnection hub, string group)
    {
        _hub = hub;
        Group = group;
        hub.On<int>(BaselineServer.DeliveredMethod, id => Seen.TryAdd(id, Stopwatch.GetTimestamp()));
    }

    public string Group { get; }
    public ConcurrentDictionary<int, long> Seen { get; } = new();

    public static async Task<BaselineReceiver> ConnectAsync(Uri server, string group, CancellationToken ct)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, BaselineServer.HubPath), o => o.Transports = HttpTransportType.WebSockets)
            .Build();
        var receiver = new BaselineReceiver(hub, group);
        try
        {
            await hub.StartAsync(ct);
            await hub.InvokeAsync("Join", group, ct);
            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

    public static async Task<HubConnection> ConnectSenderAsync(Uri server, CancellationToken ct)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, BaselineServer.HubPath), o => o.Transports = HttpTransportType.WebSockets)
            .Build();
        await hub.StartAsync(ct);
        return hub;
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
