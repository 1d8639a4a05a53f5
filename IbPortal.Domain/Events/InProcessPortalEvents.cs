using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Events;

/// <summary>
/// Delivers events to the subscribers of this process. A slow or failing subscriber never delays the publisher or
/// the other subscribers: each delivery runs on its own and failures are logged with ids only. A subscriber's filter
/// (<see cref="Subscribe(Func{PortalEvent, bool}, Func{PortalEvent, Task})"/>) runs as the event is published, so that
/// only the subscribers an event concerns get a delivery scheduled.
/// </summary>
public sealed class InProcessPortalEvents(ILogger<InProcessPortalEvents> logger) : IPortalEvents
{
    private readonly ConcurrentDictionary<long, Subscriber> _handlers = new();

    private sealed record Subscriber(Func<PortalEvent, bool>? Wants, Func<PortalEvent, Task> Handler);
    private long _nextId;

    public int SubscriberCount => _handlers.Count;

    public Task PublishAsync(PortalEvent portalEvent, CancellationToken ct = default)
    {
        foreach (var (id, subscriber) in _handlers)
        {
            if (Wants(id, subscriber, portalEvent))
                _ = DeliverAsync(id, subscriber.Handler, portalEvent);
        }
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<PortalEvent, Task> handler) => Add(new Subscriber(null, handler));

    public IDisposable Subscribe(Func<PortalEvent, bool> wants, Func<PortalEvent, Task> handler) => Add(new Subscriber(wants, handler));

    private Subscription Add(Subscriber subscriber)
    {
        var id = Interlocked.Increment(ref _nextId);
        _handlers[id] = subscriber;
        return new Subscription(this, id);
    }

    private bool Wants(long subscriptionId, Subscriber subscriber, PortalEvent portalEvent)
    {
        try
        {
            return subscriber.Wants?.Invoke(portalEvent) ?? true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Filtering {EventType} for subscription {SubscriptionId} failed", portalEvent.GetType().Name, subscriptionId);
            return false;
        }
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
