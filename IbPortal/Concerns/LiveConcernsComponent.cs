using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Concerns;

/// <summary>
/// A component that hears concern events the signed-in user may see. It subscribes after its first render, comes back
/// on the renderer through <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, and ends the subscription when it is
/// disposed — also when that happens while the subscription was still being set up.
/// </summary>
public abstract class LiveConcernsComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private bool _disposed;

    [Inject] private ConcernFeed Feed { get; set; } = default!;

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    protected abstract Task OnConcernChangedAsync(ConcernChanged change);

    /// <summary>Whether to subscribe at all (e.g. not when the page could not load).</summary>
    protected virtual bool WantsLiveUpdates => true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !WantsLiveUpdates)
            return;
        var subscription = await Feed.SubscribeAsync(e => InvokeAsync(() => OnConcernChangedAsync(e)));
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
