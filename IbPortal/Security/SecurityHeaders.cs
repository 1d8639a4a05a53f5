namespace IbPortal.Security;

/// <summary>
/// The security headers every response carries. They are set when the response starts (also after the exception
/// handler cleared the response, and on status-code pages), so no branch of the pipeline can miss them.
/// </summary>
public sealed class SecurityHeaders
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";
    public const string PermissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public SecurityHeaders(IEnumerable<string> extraFormActionSources, IEnumerable<string> extraConnectSources)
    {
        ContentSecurityPolicy = BuildContentSecurityPolicy(extraFormActionSources, extraConnectSources);
    }

    public string ContentSecurityPolicy { get; }

    /// <summary>
    /// Blazor Server and MudBlazor need no inline script and no eval: blazor.web.js and MudBlazor.min.js are files of
    /// this origin, and App.razor renders no import map (nothing here loads a JS module). MudBlazor sets inline styles
    /// (style attributes and the theme's &lt;style&gt; element), hence style-src 'unsafe-inline'. The circuit's
    /// WebSocket goes to this origin, which connect-src 'self' covers for ws: and wss: (CSP Level 3).
    /// </summary>
    internal static string BuildContentSecurityPolicy(IEnumerable<string> extraFormActionSources, IEnumerable<string> extraConnectSources)
    {
        string[] directives =
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            string.Join(' ', ["connect-src 'self'", .. extraConnectSources]),
            "object-src 'none'",
            "base-uri 'self'",
            string.Join(' ', ["form-action 'self'", .. extraFormActionSources]),
            "frame-ancestors 'self'",
        ];
        return string.Join("; ", directives);
    }

    public void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
    }

    /// <summary>
    /// The sign-out form posts to /signout, which in Entra mode answers with a redirect to Entra's logout endpoint.
    /// Chromium and Firefox apply form-action to the redirects of a form submission too, so that host must be allowed.
    /// (The sign-in challenge is a plain redirect, and Entra's form_post to /signin-oidc is governed by Entra's page.)
    /// </summary>
    internal static IEnumerable<string> EntraFormActionSources(string? instance)
    {
        var value = string.IsNullOrWhiteSpace(instance) ? "https://login.microsoftonline.com/" : instance;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? [uri.GetLeftPart(UriPartial.Authority)]
            : [];
    }

    /// <summary>
    /// Under `dotnet watch` (Development only) the browser-refresh script connects to dotnet-watch's own WebSocket,
    /// announced in ASPNETCORE_AUTO_RELOAD_WS_ENDPOINT; allow exactly that endpoint, nothing else.
    /// </summary>
    internal static IEnumerable<string> DevelopmentConnectSources(IHostEnvironment environment) =>
        environment.IsDevelopment() && Environment.GetEnvironmentVariable("ASPNETCORE_AUTO_RELOAD_WS_ENDPOINT") is { Length: > 0 } endpoints
            ? endpoints.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(e => Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss")
            : [];
}
