using IbPortal.Components.Shared;
using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Quality;

/// <summary>
/// A component that hears the boat-signal events of the schools the signed-in user may see
/// (<see cref="BoatSignalService.SubscribeAsync"/>; <see cref="LiveEventsComponent{TEvent}"/>).
/// </summary>
public abstract class BoatSignalLiveComponent : LiveEventsComponent<BoatSignalChanged>
{
    private bool _disposed;

    [Inject] private BoatSignalService Signals { get; set; } = default!;

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    protected abstract Task OnBoatSignalChangedAsync(BoatSignalChanged change);

    /// <summary>
    /// Called once, right after the subscription is in place (after the first render). The component loaded before it
    /// subscribed, so a signal raised in between was heard by nobody: reload here to catch it.
    /// </summary>
    protected virtual Task OnSubscribedAsync() => Task.CompletedTask;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (firstRender && WantsLiveUpdates && !_disposed)
            await OnSubscribedAsync();
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    private protected sealed override Task<IDisposable> SubscribeAsync(Func<BoatSignalChanged, Task> onEvent) => Signals.SubscribeAsync(onEvent);

    private protected sealed override Task OnEventAsync(BoatSignalChanged portalEvent) => OnBoatSignalChangedAsync(portalEvent);
}
