using System.Globalization;
using IbPortal.Auth;
using IbPortal.Components;
using IbPortal.Concerns;
using IbPortal.Domain;
using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Privacy;
using IbPortal.Security;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Serilog;

namespace IbPortal.Hosting;

/// <summary>The wiring of the web app; Program.cs only calls these.</summary>
public static class PortalHosting
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static void AddPortal(this WebApplicationBuilder builder)
    {
        builder.AddRootAppSettings();
        builder.AddPortalLogging();

        CultureInfo.DefaultThreadCurrentCulture = Dutch;
        CultureInfo.DefaultThreadCurrentUICulture = Dutch;

        builder.Services.AddPortalDomain(builder.Configuration, builder.Environment.ContentRootPath);
        builder.AddPortalAuthentication();
        builder.AddPortalSecurity();
        builder.AddPortalDataProtection();

        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.VisibleStateDuration = 6000;
            mud.SnackbarConfiguration.PreventDuplicates = false;
        });
        builder.Services.AddScoped<IbPortal.Components.Shared.StaticMarkup>();
        builder.Services.AddSignalR();
        builder.AddPortalScaleOut();
        builder.Services.AddSingleton<ConcernHubConnections>();
        builder.Services.AddHostedService<ConcernHubRelay>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void UsePortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fout", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UsePortalSecurity();
        app.UseSerilogRequestLogging(o =>
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms");
        // Friendly pages for people browsing; API calls (hub negotiation, form posts) keep their status code.
        app.UseWhen(http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method),
            page => page.UseStatusCodePagesWithReExecute("/niet-gevonden", createScopeForStatusCodePages: true));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Dutch),
            SupportedCultures = [Dutch],
            SupportedUICultures = [Dutch],
        });

        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (http, next) =>
        {
            // Domain services outside a circuit (endpoints, SSR) read the user of this request.
            http.RequestServices.GetRequiredService<CurrentUser>().Set(http.User);
            await next(http);
        });
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapPortalAuthEndpoints();
        app.MapPupilFileEndpoints();
        app.MapAuditEndpoints();
        global::IbPortal.Partnership.PartnershipEndpoints.MapReferralEndpoints(app);
        app.MapHub<ConcernHub>(ConcernHub.Path).RequireAuthorization();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            // No permessage-deflate on the circuit's WebSocket. With it, zlib keeps about 340 KB of state per browser
            // circuit for as long as the page is open (context takeover; measured with bench-live: 479 → 818 KB per
            // dashboard), and a compressed stream that carries both secrets and user input invites compression-oracle
            // attacks. Render batches are small and the portal runs on the schools' own network. SecurityHeaders sets
            // frame-ancestors itself, which Blazor adds only with compression on.
            .AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
    }

    public static async Task InitializePortalDatabaseAsync(this WebApplication app)
    {
        var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
        await initializer.InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
