using System.Net;
using System.Text.RegularExpressions;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IbPortal.Tests.SecurityTests;

[Collection(WebAppTests.Name)]
public sealed partial class SecurityHeadersTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    public static TheoryData<string, HttpStatusCode> AnonymousResponses => new()
    {
        { "/signin", HttpStatusCode.OK },
        { "/health", HttpStatusCode.OK },
        { "/bestaat-niet", HttpStatusCode.NotFound },
        { "/_framework/blazor.web.js", HttpStatusCode.OK },
        { "/ib", HttpStatusCode.Redirect },
    };

    [Theory]
    [MemberData(nameof(AnonymousResponses))]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode expected)
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Dashboard_of_a_signed_in_user_carries_the_security_headers()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);

        using var response = await client.GetAsync(new Uri("/ib", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Content_security_policy_allows_no_eval_no_inline_script_and_no_framing_by_others()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        var csp = Directives(response);

        Assert.DoesNotContain("unsafe-eval", string.Join(";", csp.Values), StringComparison.Ordinal);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'self'", csp["frame-ancestors"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'self' 'unsafe-inline'", csp["style-src"]);
        Assert.Equal("'self' data:", csp["img-src"]);
        Assert.Equal("'self' data:", csp["font-src"]);
    }

    /// <summary>script-src 'self' refuses inline scripts, so the page shell must not contain any (such as an import map).</summary>
    [Fact]
    public async Task Page_shell_contains_no_inline_script()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);

        using var response = await client.GetAsync(new Uri("/ib", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains(" src=", tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Entra_mode_the_sign_out_redirect_to_Entra_is_an_allowed_form_action()
    {
        await using var entra = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "EntraId",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = EntraIdPortalAppFactory.TenantId,
            ["AzureAd:ClientId"] = EntraIdPortalAppFactory.ClientId,
        });
        using var client = entra.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("'self' https://login.microsoftonline.com", Directives(response)["form-action"]);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_in_Production()
    {
        await using var production = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Demo",
            ["Auth:AllowDemoInProduction"] = "true",
        }, "Production");
        using var client = HttpsClient(production);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS header in Production");
        Assert.Contains("max-age=", Assert.Single(hsts), StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Hsts_is_not_sent_in_Development()
    {
        using var client = HttpsClient(app);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>HSTS is only sent over HTTPS and never for localhost, so the test host gets a real-looking name.</summary>
    private static HttpClient HttpsClient(PortalAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://ibportal.school.example/"),
            AllowAutoRedirect = false,
        });

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Directives(response);
        Assert.DoesNotContain("unsafe-eval", string.Join(";", csp.Values), StringComparison.Ordinal);
        Assert.True(csp.ContainsKey("frame-ancestors"), "CSP without frame-ancestors");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? Assert.Single(contentValues)
        : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
