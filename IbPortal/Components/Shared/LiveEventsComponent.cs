using System.Security.Cryptography;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace IbPortal.Components.Shared;

/// <summary>
/// A component that hears one kind of domain event, as far as the signed-in user may. It subscribes after its first
/// render, comes back on the renderer through <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, and ends the
/// subscription when it is disposed — also when that happens while the subscription was still being set up.
/// <para>
/// With several servers, live events travel over Redis and are lost while it is down. The component then hears
/// <see cref="LiveEventsInterrupted"/>: <see cref="LiveUpdatesNote"/> says so, and it loads its data again every
/// <see cref="ReloadWhileInterrupted"/>; on <see cref="LiveEventsResumed"/> it loads again after a random moment of
/// up to <see cref="MaxResumeJitter"/> (<see cref="ReloadLiveDataAsync"/>, which every live component must implement),
/// and the note goes only once that reload succeeded; a failed one is tried again every <see cref="RetryFailedReload"/>.
/// </para>
/// </summary>
public abstract class LiveEventsComponent<TEvent> : ComponentBase, IDisposable where TEvent : PortalEvent
{
    /// <summary>Shown while live events between servers are interrupted.</summary>
    public const string InterruptedText = "Live bijwerken is even onderbroken; we halen alles op zodra de verbinding terug is.";

    /// <summary>While interrupted, what the component shows is loaded again this often.</summary>
    public static readonly TimeSpan ReloadWhileInterrupted = TimeSpan.FromMinutes(1);

    /// <summary>On resume, each component waits a random moment up to this long before it reloads (not all at once).</summary>
    public static readonly TimeSpan MaxResumeJitter = TimeSpan.FromSeconds(3);

    /// <summary>A reload after a resume that failed (database busy or unreachable) or could not run is tried again this often.</summary>
    public static readonly TimeSpan RetryFailedReload = TimeSpan.FromSeconds(10);

    private IDisposable? _subscription;
    private IDisposable? _statusSubscription;
    private ITimer? _reloadTimer;
    private bool _resumePending;
    private bool _disposed;

    [Inject] private IPortalEvents LiveEvents { get; set; } = default!;
    [Inject] private TimeProvider LiveClock { get; set; } = default!;
    [Inject] private ILogger<LiveEventsComponent<TEvent>> LiveLogger { get; set; } = default!;

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

    /// <summary>
    /// Whether the component can load its data again right now (e.g. not while the user's action is being saved).
    /// When not, a reload after a resume is tried again a little later.
    /// </summary>
    protected virtual bool CanReloadLiveData => true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !WantsLiveUpdates)
            return;
        var interruptedWhileLoading = LiveEvents.IsInterrupted;
        var subscription = await SubscribeAsync(DeliverAsync);
        if (_disposed)
        {
            subscription.Dispose();
            return;
        }
        _subscription = subscription;
        _statusSubscription = LiveEvents.SubscribeToStatus(status => InvokeAsync(() => OnLiveEventsStatus(status)));
        if (LiveEvents.IsInterrupted)
            OnLiveEventsStatus(new LiveEventsInterrupted(LiveClock.GetUtcNow().UtcDateTime));
        else if (interruptedWhileLoading)
            OnLiveEventsStatus(new LiveEventsResumed(LiveClock.GetUtcNow().UtcDateTime)); // reloads through the guarded path
    }

    /// <summary>
    /// An event on the renderer, unless the component is gone: a delivery already on its way when the circuit ended
    /// would otherwise meet the circuit's disposed services.
    /// </summary>
    private Task DeliverAsync(TEvent portalEvent) =>
        _disposed
            ? Task.CompletedTask
            : InvokeAsync(async () =>
            {
                if (_disposed)
                    return;
                try
                {
                    await OnEventAsync(portalEvent);
                }
                catch (ObjectDisposedException) when (_disposed)
                {
                    // the circuit ended while this event was being handled; nothing is left to update
                }
            });

    private void OnLiveEventsStatus(LiveEventsStatus status)
    {
        if (_disposed)
            return;
        switch (status)
        {
            case LiveEventsInterrupted:
                _resumePending = false;
                ScheduleReload(ReloadWhileInterrupted, ReloadWhileInterrupted);
                if (!LiveUpdatesInterrupted)
                {
                    LiveUpdatesInterrupted = true;
                    StateHasChanged();
                }
                break;
            case LiveEventsResumed:
                // Not at once: every screen on every server hears this at the same moment, and the database would get
                // all their reloads together. The note (if any) stays until the reload succeeded.
                _resumePending = true;
                var jitter = TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(0, (int)MaxResumeJitter.TotalMilliseconds + 1));
                ScheduleReload(jitter, RetryFailedReload);
                break;
        }
    }

    private void ScheduleReload(TimeSpan dueTime, TimeSpan period)
    {
        if (_reloadTimer is null)
            _reloadTimer = LiveClock.CreateTimer(_ => _ = InvokeAsync(OnReloadTimerAsync), null, dueTime, period);
        else
            _reloadTimer.Change(dueTime, period);
    }

    private void StopReloading()
    {
        _reloadTimer?.Dispose();
        _reloadTimer = null;
    }

    /// <summary>The timer's reload: never lets a failure go unobserved (nothing awaits a timer).</summary>
    private async Task OnReloadTimerAsync()
    {
        try
        {
            var resuming = _resumePending;
            if (!await TryReloadAsync() || !resuming || !_resumePending)
                return; // failed: the timer tries again; or interrupted again meanwhile: the minute timer runs on
            _resumePending = false;
            StopReloading();
            if (LiveUpdatesInterrupted)
            {
                LiveUpdatesInterrupted = false;
                StateHasChanged();
            }
        }
#pragma warning disable CA1031 // a timer's failure has no caller: log it (ids only) and let the timer try again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LiveLogger.LogError(ex, "Reloading live data of {Component} failed", GetType().Name);
        }
    }

    /// <summary>
    /// Loads the component's data again, unless it is busy or gone. False when it did not (busy, or the database is
    /// busy or unreachable: logged, and the caller tries again later).
    /// </summary>
    private async Task<bool> TryReloadAsync()
    {
        if (_disposed)
            return true;
        if (!CanReloadLiveData)
            return false;
        try
        {
            await ReloadLiveDataAsync();
        }
        catch (Exception ex) when (DatabaseFaults.Classify(ex) is var fault and not DatabaseFault.None)
        {
            LiveLogger.LogWarning("Reloading live data of {Component} failed: database {Fault} ({Failure}); trying again later",
                GetType().Name, fault, ex.GetType().Name);
            return false;
        }
        if (!_disposed)
            StateHasChanged();
        return true;
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
