using IbPortal.Domain.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace IbPortal.Components.Shared;

/// <summary>
/// A component that hears one kind of domain event, as far as the signed-in user may. It subscribes after its first
/// render, comes back on the renderer through <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, and ends the
/// subscription when it is disposed — also when that happens while the subscription was still being set up.
/// <para>
/// With several servers, live events travel over Redis and are lost while it is down. The component then hears
/// <see cref="LiveEventsInterrupted"/>: <see cref="LiveUpdatesNote"/> says so, and it loads its data again every
/// <see cref="ReloadWhileInterrupted"/>; on <see cref="LiveEventsResumed"/> it loads again at once
/// (<see cref="ReloadLiveDataAsync"/>, which every live component must implement).
/// </para>
/// </summary>
public abstract class LiveEventsComponent<TEvent> : ComponentBase, IDisposable where TEvent : PortalEvent
{
    /// <summary>Shown while live events between servers are interrupted.</summary>
    public const string InterruptedText = "Live bijwerken is even onderbroken; we halen alles op zodra de verbinding terug is.";

    /// <summary>While interrupted, what the component shows is loaded again this often.</summary>
    public static readonly TimeSpan ReloadWhileInterrupted = TimeSpan.FromMinutes(1);

    private IDisposable? _subscription;
    private IDisposable? _statusSubscription;
    private ITimer? _reloadTimer;
    private bool _disposed;

    [Inject] private IPortalEvents LiveEvents { get; set; } = default!;
    [Inject] private TimeProvider LiveClock { get; set; } = default!;

    /// <summary>Whether live events between servers are interrupted (what others save may not show until they resume).</summary>
    protected bool LiveUpdatesInterrupted { get; private set; }

    /// <summary>A small note while <see cref="LiveUpdatesInterrupted"/>; nothing otherwise. Pages place it near their title.</summary>
    protected RenderFragment LiveUpdatesNote => builder =>
    {
        if (!LiveUpdatesInterrupted)
            return;
        builder.OpenComponent<MudAlert>(0);
        builder.AddComponentParameter(1, nameof(MudAlert.Severity), Severity.Info);
        builder.AddComponentParameter(2, nameof(MudAlert.Dense), true);
        builder.AddComponentParameter(3, nameof(MudAlert.Class), "mb-3");
        builder.AddAttribute(4, "data-testid", "live-updates-interrupted");
        builder.AddComponentParameter(5, nameof(MudAlert.ChildContent), (RenderFragment)(b => b.AddContent(0, InterruptedText)));
        builder.CloseComponent();
    };

    /// <summary>Subscribes through the feed that filters events by what the user may see.</summary>
    private protected abstract Task<IDisposable> SubscribeAsync(Func<TEvent, Task> onEvent);

    /// <summary>Called on the renderer's context for each event this user may see.</summary>
    private protected abstract Task OnEventAsync(TEvent portalEvent);

    /// <summary>
    /// Called on the renderer's context when live events may have been missed (they resumed after an interruption, and
    /// periodically during one): load again from the database what the component shows, quietly (no notifications),
    /// keeping what the user is typing. The component renders afterwards.
    /// </summary>
    protected abstract Task ReloadLiveDataAsync();

    /// <summary>Whether to subscribe at all (e.g. not when the page could not load).</summary>
    protected virtual bool WantsLiveUpdates => true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !WantsLiveUpdates)
            return;
        var interruptedWhileLoading = LiveEvents.IsInterrupted;
        var subscription = await SubscribeAsync(e => InvokeAsync(() => OnEventAsync(e)));
        if (_disposed)
        {
            subscription.Dispose();
            return;
        }
        _subscription = subscription;
        _statusSubscription = LiveEvents.SubscribeToStatus(status => InvokeAsync(() => OnLiveEventsStatusAsync(status)));
        if (LiveEvents.IsInterrupted)
            await OnLiveEventsStatusAsync(new LiveEventsInterrupted(LiveClock.GetUtcNow().UtcDateTime));
        else if (interruptedWhileLoading)
            await OnLiveEventsStatusAsync(new LiveEventsResumed(LiveClock.GetUtcNow().UtcDateTime));
    }

    private async Task OnLiveEventsStatusAsync(LiveEventsStatus status)
    {
        if (_disposed)
            return;
        switch (status)
        {
            case LiveEventsInterrupted when !LiveUpdatesInterrupted:
                LiveUpdatesInterrupted = true;
                _reloadTimer = LiveClock.CreateTimer(_ => InvokeAsync(ReloadAsync), null, ReloadWhileInterrupted, ReloadWhileInterrupted);
                StateHasChanged();
                break;
            case LiveEventsResumed:
                LiveUpdatesInterrupted = false;
                _reloadTimer?.Dispose();
                _reloadTimer = null;
                await ReloadAsync();
                break;
        }
    }

    private async Task ReloadAsync()
    {
        if (_disposed)
            return;
        await ReloadLiveDataAsync();
        StateHasChanged();
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _statusSubscription?.Dispose();
        _reloadTimer?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
