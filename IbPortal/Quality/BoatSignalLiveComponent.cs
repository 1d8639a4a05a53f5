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
    [Inject] private BoatSignalService Signals { get; set; } = default!;

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    protected abstract Task OnBoatSignalChangedAsync(BoatSignalChanged change);

    private protected sealed override Task<IDisposable> SubscribeAsync(Func<BoatSignalChanged, Task> onEvent) => Signals.SubscribeAsync(onEvent);

    private protected sealed override Task OnEventAsync(BoatSignalChanged portalEvent) => OnBoatSignalChangedAsync(portalEvent);
}
