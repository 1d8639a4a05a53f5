using IbPortal.Domain.Events;
using Microsoft.AspNetCore.SignalR;

namespace IbPortal.Concerns;

/// <summary>Forwards concern events to the hub groups that may hear of them (ids only).</summary>
internal sealed class ConcernHubRelay(IPortalEvents events, IHubContext<ConcernHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(e => e is ConcernChanged c
            ? hub.Clients.Groups(ConcernHub.SchoolGroup(c.SchoolId), ConcernHub.ClassGroup(c.GroupId), ConcernHub.StaffGroup(c.AuthorId))
                .SendAsync(ConcernHub.ConcernChangedMethod, c)
            : Task.CompletedTask);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
