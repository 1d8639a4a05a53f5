using IbPortal.Domain.Events;
using Microsoft.AspNetCore.SignalR;

namespace IbPortal.Concerns;

/// <summary>
/// Forwards concern events (ids only) to the hub connections of this server that may hear of them. With several
/// servers, every server hears every event once (<see cref="RedisPortalEvents"/>) and runs this relay for its own
/// connections, so each client gets each event exactly once. It sends to each connection by id: the Redis backplane
/// writes to a connection of this server directly, without a round trip through Redis, so clients keep hearing this
/// server's events while Redis is down (a send to a list of connections would go through Redis for every one).
/// After an interruption of live events it tells its connections to reload (<see cref="LiveEventsResumedMethod"/>).
/// </summary>
internal sealed class ConcernHubRelay(
    IPortalEvents events,
    IHubContext<ConcernHub> hub,
    ConcernHubConnections connections,
    ILogger<ConcernHubRelay> logger) : IHostedService
{
    /// <summary>Sent without arguments when live events flow again after an interruption: load what you show again.</summary>
    public const string LiveEventsResumedMethod = "LiveEventsResumed";

    private IDisposable? _subscription;
    private IDisposable? _statusSubscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(e => e is ConcernChanged change
            ? SendAsync(connections.AllowedFor(change), ConcernHub.ConcernChangedMethod, change)
            : Task.CompletedTask);
        _statusSubscription = events.SubscribeToStatus(status => status is LiveEventsResumed
            ? SendAsync(connections.All(), LiveEventsResumedMethod, null)
            : Task.CompletedTask);
        return Task.CompletedTask;
    }

    private Task SendAsync(IReadOnlyList<string> connectionIds, string method, object? argument) =>
        connectionIds.Count == 0
            ? Task.CompletedTask
            : Task.WhenAll(connectionIds.Select(id => SendToAsync(id, method, argument)));

    private async Task SendToAsync(string connectionId, string method, object? argument)
    {
        try
        {
            var client = hub.Clients.Client(connectionId);
            await (argument is null ? client.SendAsync(method) : client.SendAsync(method, argument));
        }
#pragma warning disable CA1031 // one closing connection must not keep the others from hearing it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Sending {Method} to hub connection {ConnectionId} failed", method, connectionId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _statusSubscription?.Dispose();
        return Task.CompletedTask;
    }
}
