using IbPortal.Auth;
using IbPortal.Domain.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace IbPortal.Security;

/// <summary>
/// Ends a signed-in session whose circuit saw no inbound activity for Auth:IdleTimeoutMinutes. Inside a circuit there
/// are no HTTP requests, so the sliding auth cookie alone never notices an unattended screen. When the timer runs out
/// the browser is sent (full page load) to <see cref="IdleSignOutPath"/>, which removes the cookie and shows the sign-in
/// page with "verlopen=1". One instance per circuit (scoped).
/// </summary>
/// <remarks>
/// Inbound activity is everything the browser sends: events, navigation, interop replies, and also the
/// acknowledgement of a render the server pushed (a live dashboard update). Such an update therefore counts as
/// activity; an unattended page still expires once updates stop for the whole timeout.
/// </remarks>
public sealed class IdleCircuitHandler : CircuitHandler, IDisposable
{
    public const string IdleSignOutPath = "/signout/idle";

    private readonly NavigationManager _navigation;
    private readonly AuthenticationStateProvider _authentication;
    private readonly ILogger<IdleCircuitHandler> _logger;
    private readonly ITimer _timer;
    private SynchronizationContext? _circuitContext;
    private volatile bool _connected = true;
    private int _expired;
    private bool _sent;

    public IdleCircuitHandler(NavigationManager navigation, AuthenticationStateProvider authentication, TimeProvider clock,
        IOptions<PortalAuthOptions> options, ILogger<IdleCircuitHandler> logger)
    {
        _navigation = navigation;
        _authentication = authentication;
        _logger = logger;
        IdleTimeout = TimeSpan.FromMinutes(Math.Max(1, options.Value.IdleTimeoutMinutes));
        _timer = clock.CreateTimer(_ => OnIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan IdleTimeout { get; }

    /// <summary>True once the circuit has been idle for <see cref="IdleTimeout"/>; activity no longer counts then.</summary>
    public bool Expired => Volatile.Read(ref _expired) == 1;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // Circuit handlers run on the circuit's dispatcher; the timer fires on the thread pool and comes back here.
        _circuitContext = SynchronizationContext.Current;
        Restart();
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = false;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = true;
        // Expired while the browser was away (laptop closed): send it to the sign-out as soon as it is back.
        return Expired ? SendToIdleSignOutAsync() : Task.CompletedTask;
    }

    /// <summary>
    /// The user did something (a key or pointer press anywhere in the layout, see <c>UserActivity</c>). Only that
    /// counts: the circuit's own traffic (render acknowledgements, live updates, the dashboard clock) does not, so a
    /// dashboard left open on an unattended classroom computer still signs out.
    /// </summary>
    public void Touch() => Restart();

    private void Restart()
    {
        if (!Expired)
            _timer.Change(IdleTimeout, Timeout.InfiniteTimeSpan);
    }

    private void OnIdle()
    {
        if (Interlocked.Exchange(ref _expired, 1) == 1)
            return;
        if (_circuitContext is { } context)
            context.Post(_ => _ = SendToIdleSignOutAsync(), null);
        else
            _ = SendToIdleSignOutAsync();
    }

    private async Task SendToIdleSignOutAsync()
    {
        try
        {
            if (_sent || !_connected)
                return;
            var user = (await _authentication.GetAuthenticationStateAsync()).User;
            if (user.Identity?.IsAuthenticated != true)
                return; // the sign-in page's own circuit: no session to end
            _sent = true;
            _logger.LogInformation("Circuit of staff {StaffMemberId} idle for {IdleMinutes} minutes: sent to the idle sign-out",
                CurrentUser.StaffMemberIdOf(user), IdleTimeout.TotalMinutes);
            _navigation.NavigateTo(IdleSignOutPath, forceLoad: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The circuit is going away already; the cookie expires on its own.
            _logger.LogDebug(ex, "Idle sign-out navigation not possible");
        }
    }

    public void Dispose() => _timer.Dispose();
}
