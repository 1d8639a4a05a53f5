using System.Threading.RateLimiting;
using IbPortal.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace IbPortal.Security;

/// <summary>The "RateLimiting" section of appsettings.json, as far as the web app uses it.</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Sign-in requests (demo sign-in, Entra's return to /signin-oidc) one client IP may make within any minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 60;
}

/// <summary>
/// Limits sign-in requests per client IP with ASP.NET Core's rate limiter. The Entra callback (/signin-oidc) is handled
/// by the authentication middleware, not by an endpoint, so the limit is a global limiter that picks the sign-in paths
/// and runs before authentication; every other request gets no limiter.
/// </summary>
public static class SignInRateLimiting
{
    public const string Message = "Te veel aanmeldpogingen. Wacht een minuut en probeer het opnieuw.";
    private const string RetryAfterSeconds = "60";

    private static readonly string Page =
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\" /><title>Te veel aanmeldpogingen · IbPortal</title></head>" +
        $"<body><h1>Even wachten</h1><p>{Message}</p><p><a href=\"{PortalAuthentication.SignInPath}\">Naar aanmelden</a></p></body></html>";

    public static void AddSignInRateLimiting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SignInRateLimitOptions.Section).Get<SignInRateLimitOptions>() ?? new SignInRateLimitOptions();
        var permits = Math.Max(1, options.SignInPermitsPerMinute);
        PathString[] signInPaths =
        [
            PortalAuthentication.DemoSignInPath,
            builder.Configuration["AzureAd:CallbackPath"] is { Length: > 0 } callback ? callback : "/signin-oidc",
        ];

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsSignIn(http.Request.Path, signInPaths)
                    ? RateLimitPartition.GetSlidingWindowLimiter("sign-in " + ClientKey(http), _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("no limit"));
            limiter.OnRejected = OnRejectedAsync;
        });
    }

    // StartsWithSegments: routing also matches "/demo/sign-in/" with a trailing slash.
    private static bool IsSignIn(PathString path, PathString[] signInPaths) =>
        signInPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The connection's address. Behind a reverse proxy that is the proxy's, unless forwarded headers are enabled
    /// (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true or UseForwardedHeaders with the proxy's address).
    /// </summary>
    private static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimiting))
            .LogWarning("Sign-in request to {RequestPath} refused: more than the permitted sign-ins per minute from one client", http.Request.Path.Value);
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Page, ct);
    }
}
