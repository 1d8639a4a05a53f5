using IbPortal.Domain.Events;
using Microsoft.AspNetCore.SignalR;

namespace IbPortal.Concerns;

/// <summary>Forwards concern events (ids only) to the hub connections of this server that may hear of them.</summary>
internal sealed class ConcernHubRelay(IPortalEvents events, IHubContext<ConcernHub> hub, ConcernHubConnections connections) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(e =>
        {
            if (e is not ConcernChanged change)
                return Task.CompletedTask;
            var allowed = connections.AllowedFor(change);
            return allowed.Count == 0
                ? Task.CompletedTask
                : hub.Clients.Clients(allowed).SendAsync(ConcernHub.ConcernChangedMethod, change);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
