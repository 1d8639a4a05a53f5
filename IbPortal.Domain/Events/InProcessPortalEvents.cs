using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Events;

/// <summary>
/// Delivers events to the subscribers of this process. A slow or failing subscriber never delays the publisher or
/// the other subscribers: each delivery runs on its own and failures are logged with ids only.
/// </summary>
public sealed class InProcessPortalEvents(ILogger<InProcessPortalEvents> logger) : IPortalEvents
{
    private readonly ConcurrentDictionary<long, Func<PortalEvent, Task>> _handlers = new();
    private long _nextId;

    public int SubscriberCount => _handlers.Count;

    public Task PublishAsync(PortalEvent portalEvent, CancellationToken ct = default)
    {
        foreach (var (id, handler) in _handlers)
            _ = DeliverAsync(id, handler, portalEvent);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<PortalEvent, Task> handler)
    {
        var id = Interlocked.Increment(ref _nextId);
        _handlers[id] = handler;
        return new Subscription(this, id);
    }

    private async Task DeliverAsync(long subscriptionId, Func<PortalEvent, Task> handler, PortalEvent portalEvent)
    {
        try
        {
            await Task.Yield();
            await handler(portalEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Delivering {EventType} to subscription {SubscriptionId} failed",
                portalEvent.GetType().Name, subscriptionId);
        }
    }

    private sealed class Subscription(InProcessPortalEvents owner, long id) : IDisposable
    {
        public void Dispose() => owner._handlers.TryRemove(id, out _);
    }
}
