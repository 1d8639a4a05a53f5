using IbPortal.Domain.Events;
using IbPortal.Domain.Visits;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Visits;

/// <summary>
/// A component that hears support-request events the signed-in user may see. It subscribes after its first render, comes
/// back on the renderer through <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, and ends the subscription when it is
/// disposed — also when that happens while the subscription was still being set up.
/// </summary>
public abstract class LiveSupportRequestsComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private bool _disposed;

    [Inject] private SupportRequestFeed Feed { get; set; } = default!;

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    protected abstract Task OnSupportRequestChangedAsync(SupportRequestChanged change);

    /// <summary>Whether to subscribe at all (e.g. not when the component could not load).</summary>
    protected virtual bool WantsLiveUpdates => true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !WantsLiveUpdates)
            return;
        var subscription = await Feed.SubscribeAsync(e => InvokeAsync(() => OnSupportRequestChangedAsync(e)));
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
