using System.Net;
using System.Security.Claims;
using IbPortal.Auth;
using IbPortal.Domain.Access;
using IbPortal.Security;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IbPortal.Tests.SecurityTests;

/// <summary>The circuit's idle timer, on a fake clock. Circuit and activity context are not used by the handler (null).</summary>
public sealed class IdleCircuitHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(TestDatabase.DefaultNow);
    private readonly RecordingNavigation _navigation = new();
    private readonly InlineCircuitContext _circuitContext = new();
    private IdleCircuitHandler _handler;

    public IdleCircuitHandlerTests() => _handler = CreateHandler(SignedIn());

    private IdleCircuitHandler CreateHandler(ClaimsPrincipal user, int idleMinutes = 30) =>
        new(_navigation, new FixedAuthentication(user), _clock,
            Options.Create(new PortalAuthOptions { IdleTimeoutMinutes = idleMinutes }), NullLogger<IdleCircuitHandler>.Instance);

    private static ClaimsPrincipal SignedIn() => PortalClaims.CreatePrincipal(7, "Ilse IB", Logins.CareCoordinator, ["CareCoordinator"], "Test");

    /// <summary>Opens the circuit as Blazor does: on the circuit's synchronization context.</summary>
    private async Task OpenAsync()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_circuitContext);
        Task opened;
        try
        {
            opened = _handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        await opened;
        await _handler.OnConnectionUpAsync(null!, CancellationToken.None);
    }

    private Task ActivityAsync()
    {
        _handler.Touch();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Idle_for_the_timeout_sends_the_browser_to_the_idle_sign_out_with_a_full_page_load()
    {
        await OpenAsync();

        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Empty(_navigation.Navigations);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(("https://portal.test/signout/idle", true), Assert.Single(_navigation.Navigations));
        Assert.True(_handler.Expired);
        Assert.Equal(1, _circuitContext.Posts); // the timer's thread handed the navigation to the circuit
    }

    [Fact]
    public async Task Activity_restarts_the_timer()
    {
        await OpenAsync();

        _clock.Advance(TimeSpan.FromMinutes(20));
        await ActivityAsync();
        _clock.Advance(TimeSpan.FromMinutes(20));
        await ActivityAsync();
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty(_navigation.Navigations);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(_navigation.Navigations);
    }

    [Fact]
    public async Task Circuit_traffic_without_user_input_does_not_keep_the_session_alive()
    {
        await OpenAsync();
        var passedOn = 0;
        var inbound = _handler.CreateInboundActivityHandler(_ => { passedOn++; return Task.CompletedTask; });

        // A dashboard's clock and live updates make the browser acknowledge a render every minute.
        for (var minute = 0; minute < 30; minute++)
        {
            await inbound(null!);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(30, passedOn);
        Assert.Single(_navigation.Navigations);
    }

    [Fact]
    public async Task Timeout_comes_from_Auth_IdleTimeoutMinutes()
    {
        _handler.Dispose();
        _handler = CreateHandler(SignedIn(), idleMinutes: 5);
        await OpenAsync();

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Single(_navigation.Navigations);
    }

    [Fact]
    public async Task Anonymous_circuit_of_the_sign_in_page_is_left_alone()
    {
        _handler.Dispose();
        _handler = CreateHandler(new ClaimsPrincipal(new ClaimsIdentity()));
        await OpenAsync();

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Empty(_navigation.Navigations);
    }

    [Fact]
    public async Task Expired_while_disconnected_navigates_once_the_browser_reconnects()
    {
        await OpenAsync();
        await _handler.OnConnectionDownAsync(null!, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Empty(_navigation.Navigations);

        await _handler.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Single(_navigation.Navigations);
    }

    [Fact]
    public async Task Activity_after_expiry_does_not_revive_the_session_and_navigation_happens_once()
    {
        await OpenAsync();
        _clock.Advance(TimeSpan.FromMinutes(30));

        await ActivityAsync();
        _clock.Advance(TimeSpan.FromMinutes(30));
        await _handler.OnConnectionUpAsync(null!, CancellationToken.None);

        Assert.True(_handler.Expired);
        Assert.Single(_navigation.Navigations);
    }

    public void Dispose() => _handler.Dispose();

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation() => Initialize("https://portal.test/", "https://portal.test/ib");

        public List<(string Uri, bool ForceLoad)> Navigations { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options) =>
            Navigations.Add((ToAbsoluteUri(uri).ToString(), options.ForceLoad));
    }

    /// <summary>Stands in for the circuit's renderer context; runs posted work at once so the test sees it.</summary>
    private sealed class InlineCircuitContext : SynchronizationContext
    {
        public int Posts { get; private set; }

        public override void Post(SendOrPostCallback d, object? state)
        {
            Posts++;
            d(state);
        }
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}

/// <summary>The endpoint the idle circuit navigates to.</summary>
[Collection(WebAppTests.Name)]
public sealed class IdleSignOutEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly Uri IdleSignOut = new("/signout/idle", UriKind.Relative);
    private static readonly Uri Dashboard = new("/ib", UriKind.Relative);

    [Fact]
    public async Task Idle_sign_out_removes_the_session_and_shows_the_sign_in_page_with_the_expiry_notice()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
        using var request = new HttpRequestMessage(HttpMethod.Get, IdleSignOut);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?verlopen=1", response.Headers.Location?.OriginalString);
        using var page = await client.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location?.AbsolutePath);
    }

    /// <summary>A link on another site cannot sign the user out through this GET.</summary>
    [Fact]
    public async Task Cross_site_navigation_to_the_idle_sign_out_keeps_the_session()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
        using var request = new HttpRequestMessage(HttpMethod.Get, IdleSignOut);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        using var page = await client.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
