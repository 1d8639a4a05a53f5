using System.Security.Claims;
using IbPortal.Domain.Access;
using IbPortal.Domain.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Identity.Web;

namespace IbPortal.Auth;

public static class PortalAuthentication
{
    public const string SignInPath = "/signin";
    public const string DemoSignInPath = "/demo/sign-in";

    public static void AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalAuthOptions.Section);
        builder.Services.Configure<PortalAuthOptions>(section);
        var options = section.Get<PortalAuthOptions>() ?? new PortalAuthOptions();
        var idle = TimeSpan.FromMinutes(Math.Max(1, options.IdleTimeoutMinutes));

        if (options.Mode == AuthMode.Demo)
        {
            if (builder.Environment.IsProduction() && !options.AllowDemoInProduction)
                throw new InvalidOperationException(
                    "Auth:Mode is 'Demo' in the Production environment. Demo sign-in lets anyone act as any user: " +
                    "configure Auth:Mode 'EntraId', or set Auth:AllowDemoInProduction to true for a demonstration server.");

            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
                {
                    cookie.LoginPath = SignInPath;
                    cookie.AccessDeniedPath = "/geen-toegang";
                    ConfigureCookie(cookie, idle);
                });
        }
        else
        {
            builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"));
            builder.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
                cookie => ConfigureCookie(cookie, idle));
            builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                var previous = oidc.Events.OnTokenValidated;
                oidc.Events.OnTokenValidated = async context =>
                {
                    await previous(context);
                    await LinkEntraUserAsync(context);
                };
            });
        }

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();

        // Domain services read the signed-in user from here: set explicitly for HTTP requests and hub calls,
        // read from the circuit's authentication state inside Blazor.
        builder.Services.AddScoped(sp => new CurrentUser(async () =>
            (await sp.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync()).User));
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, TimeSpan idle)
    {
        cookie.Cookie.Name = "IbPortal.Auth";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = idle;
        cookie.SlidingExpiration = true;
    }

    private static async Task LinkEntraUserAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IbPortal.Auth.Entra");
        var identity = EntraRoleMapper.IdentityOf(principal);
        if (identity is null)
        {
            logger.LogWarning("Entra sign-in without an object id was refused");
            context.Fail("Geen object-id in het token.");
            return;
        }

        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalAuthOptions>>().Value;
        var grants = EntraRoleMapper.Map(principal, options.EntraId.RoleMappings);
        var directory = context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>();
        var signIn = await directory.SyncExternalAsync(identity, grants, context.HttpContext.RequestAborted);

        var portal = PortalClaims.CreatePrincipal(signIn.StaffMemberId, signIn.DisplayName, signIn.Login,
            signIn.Roles.Select(r => r.ToString()), "EntraId");
        ((ClaimsIdentity)principal.Identity!).AddClaims(portal.Claims.Where(c =>
            c.Type is PortalClaims.StaffMemberId or PortalClaims.DisplayName or PortalClaims.Login or PortalClaims.Role));
    }

    /// <summary>Demo sign-in and sign-out endpoints. The demo endpoints exist only in Demo mode.</summary>
    public static void MapPortalAuthEndpoints(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalAuthOptions>>().Value;

        if (options.Mode == AuthMode.Demo)
        {
            app.MapGet(DemoSignInPath, async (HttpContext http, StaffDirectory directory, string? user, string? returnUrl) =>
            {
                var identity = string.IsNullOrWhiteSpace(user) ? null : await directory.FindByLoginAsync(user.Trim(), http.RequestAborted);
                if (identity is null)
                    return Results.Redirect($"{SignInPath}?fout=onbekend");

                var principal = PortalClaims.CreatePrincipal(identity.StaffMemberId, identity.DisplayName, identity.Login,
                    identity.Roles.Select(r => r.ToString()), CookieAuthenticationDefaults.AuthenticationScheme);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                app.Logger.LogInformation("Demo sign-in as staff {StaffMemberId}", identity.StaffMemberId);
                return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
            }).AllowAnonymous();
        }

        app.MapPost("/signout", async (HttpContext http) =>
        {
            // The attribute below asks UseAntiforgery to validate; a handler that reads no form must honour the result.
            if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                return Results.BadRequest();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (options.Mode == AuthMode.EntraId)
            {
                await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme,
                    new AuthenticationProperties { RedirectUri = SignInPath + "?afgemeld=1" });
                return Results.Empty;
            }
            return Results.Redirect(SignInPath + "?afgemeld=1");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous();
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
