using IbPortal.Domain.Events;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Components.Shared;

/// <summary>
/// A component that hears one kind of domain event, as far as the signed-in user may. It subscribes after its first
/// render, comes back on the renderer through <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, and ends the
/// subscription when it is disposed — also when that happens while the subscription was still being set up.
/// </summary>
public abstract class LiveEventsComponent<TEvent> : ComponentBase, IDisposable where TEvent : PortalEvent
{
    private IDisposable? _subscription;
    private bool _disposed;

    /// <summary>Subscribes through the feed that filters events by what the user may see.</summary>
    private protected abstract Task<IDisposable> SubscribeAsync(Func<TEvent, Task> onEvent);

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    private protected abstract Task OnEventAsync(TEvent portalEvent);

    /// <summary>Whether to subscribe at all (e.g. not when the page could not load).</summary>
    protected virtual bool WantsLiveUpdates => true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !WantsLiveUpdates)
            return;
        var subscription = await SubscribeAsync(e => InvokeAsync(() => OnEventAsync(e)));
        if (_disposed)
            subscription.Dispose();
        else
            _subscription = subscription;
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
