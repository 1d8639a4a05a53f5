using IbPortal.Components.Shared;
using IbPortal.Domain.Events;
using IbPortal.Domain.Visits;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Visits;

/// <summary>A component that hears the support-request events the signed-in user may see (<see cref="LiveEventsComponent{TEvent}"/>).</summary>
public abstract class LiveSupportRequestsComponent : LiveEventsComponent<SupportRequestChanged>
{
    [Inject] private SupportRequestFeed Feed { get; set; } = default!;

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    protected abstract Task OnSupportRequestChangedAsync(SupportRequestChanged change);

    private protected sealed override Task<IDisposable> SubscribeAsync(Func<SupportRequestChanged, Task> onEvent) => Feed.SubscribeAsync(onEvent);

    private protected sealed override Task OnEventAsync(SupportRequestChanged portalEvent) => OnSupportRequestChangedAsync(portalEvent);
}
