using IbPortal.Auth;
using IbPortal.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbPortal.Security;

/// <summary>Hardening: security headers, rate limits, idle timeout, circuit options.</summary>
public static class PortalSecurity
{
    public static void AddPortalSecurity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(PortalAuthOptions.Section).Get<PortalAuthOptions>() ?? new PortalAuthOptions();
        builder.Services.AddSingleton(new SecurityHeaders(
            auth.Mode == AuthMode.EntraId ? SecurityHeaders.EntraFormActionSources(builder.Configuration["AzureAd:Instance"]) : [],
            SecurityHeaders.DevelopmentConnectSources(builder.Environment)));

        builder.AddSignInRateLimiting();
        builder.Services.AddSubmissionRateLimiter(builder.Configuration);

        builder.Services.AddScoped<IdleCircuitHandler>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<IdleCircuitHandler>());

        // DetailedErrors: only in Development (PortalHosting).
        builder.Services.Configure<CircuitOptions>(circuit =>
        {
            // A Wi-Fi hand-over or a laptop carried to the next classroom reconnects within this; longer keeps pupil data in memory for nobody.
            circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            // Room for every staff member of a few schools losing Wi-Fi at once; beyond that the oldest go, bounding memory.
            circuit.DisconnectedCircuitMaxRetained = 200;
            // MudBlazor's interop answers in milliseconds; a call still pending after 30 s means the browser is gone.
            circuit.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            // Bounds what a slow or stalled browser can pin in server memory; the live dashboard renders far fewer batches.
            circuit.MaxBufferedUnacknowledgedRenderBatches = 10;
        });
        // The Blazor hub keeps SignalR's defaults on purpose: MaximumReceiveMessageSize 32 KB holds the longest free
        // text an input event sends (4000 characters, at most ~24 KB as JSON); ClientTimeoutInterval 30 s and
        // KeepAliveInterval 15 s notice a dropped connection quickly.
    }

    /// <summary>Runs early, right after the exception handler and HSTS, before request logging.</summary>
    public static void UsePortalSecurity(this WebApplication app)
    {
        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                headers.Apply(http.Response);
                return Task.CompletedTask;
            });
            return next(http);
        });

        // Before authentication: the Entra callback is answered by the authentication middleware itself.
        app.UseRateLimiter();

        app.MapIdleSignOut();
    }

    /// <summary>
    /// GET, because the idle circuit can only navigate: signing out needs the cookie response of a real request, and a
    /// page that posts the sign-out form itself would need a script of its own. A GET that only ends the session is
    /// acceptable; to keep other sites from signing users out through a link, a cross-site navigation (Sec-Fetch-Site)
    /// is sent to the start page instead.
    /// </summary>
    private static void MapIdleSignOut(this WebApplication app) =>
        app.MapGet(IdleCircuitHandler.IdleSignOutPath, async (HttpContext http, ILogger<IdleCircuitHandler> logger) =>
        {
            if (http.Request.Headers["Sec-Fetch-Site"].ToString() is not ("" or "same-origin" or "none"))
                return Results.Redirect("/");
            if (CurrentUser.StaffMemberIdOf(http.User) is { } staffId)
                logger.LogInformation("Idle sign-out of staff {StaffMemberId}", staffId);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(PortalAuthentication.SignInPath + "?verlopen=1");
        }).AllowAnonymous();
}
