using IbPortal.Components.Shared;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Concerns;

/// <summary>A component that hears the concern events the signed-in user may see (<see cref="LiveEventsComponent{TEvent}"/>).</summary>
public abstract class LiveConcernsComponent : LiveEventsComponent<ConcernChanged>
{
    [Inject] private ConcernFeed Feed { get; set; } = default!;

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    protected abstract Task OnConcernChangedAsync(ConcernChanged change);

    /// <summary>The concern an event is about, as it is now, or null when this user may not see it (<see cref="ConcernFeed.SummaryOfAsync"/>).</summary>
    protected Task<ConcernSummary?> SummaryOfAsync(ConcernChanged change) => Feed.SummaryOfAsync(change);

    private protected sealed override Task<IDisposable> SubscribeAsync(Func<ConcernChanged, Task> onEvent) => Feed.SubscribeAsync(onEvent);

    private protected sealed override Task OnEventAsync(ConcernChanged portalEvent) => OnConcernChangedAsync(portalEvent);
}
