using System.Net;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Web;

/// <summary>The app configured for Microsoft Entra ID, with dummy tenant and client ids and no network to reach Entra.</summary>
public sealed class EntraIdPortalAppFactory() : PortalAppFactory(Settings)
{
    public const string TenantId = "0b7c5f5e-4a43-4f0e-9d61-6c3c3a2f0d11";
    public const string ClientId = "6a1d2c3b-5e4f-4a7b-8c9d-0e1f2a3b4c5d";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Auth:Mode"] = "EntraId",
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
    };
}

[Collection(WebAppTests.Name)]
public sealed class EntraIdModeTests(EntraIdPortalAppFactory app) : IClassFixture<EntraIdPortalAppFactory>
{
    [Fact]
    public async Task Demo_sign_in_does_not_exist_in_Entra_mode()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.CareCoordinator));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(PortalAppFactory.AuthCookieFrom(response));
    }

    /// <summary>
    /// The challenge goes to the OpenID Connect handler for the configured tenant. That handler first reads the
    /// tenant's metadata from login.microsoftonline.com; this test machine has no network, so instead of the 302 to
    /// Entra's authorize endpoint the request ends in an error naming that metadata address. What is asserted is what
    /// holds without network: the page is not served, there is no redirect to the demo sign-in, and the challenge
    /// went to Entra for the configured tenant. With network, the same request is a 302 to
    /// login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize (not checked here).
    /// </summary>
    [Fact]
    public async Task Anonymous_page_request_is_challenged_by_Entra_not_by_the_demo_sign_in()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri("/ib", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(PortalAppFactory.AuthCookieFrom(response));
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.DoesNotContain("/signin", location, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/demo", location, StringComparison.OrdinalIgnoreCase);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // With network (metadata reachable): the challenge is a redirect to the tenant's authorize endpoint.
            Assert.StartsWith($"https://login.microsoftonline.com/{EntraIdPortalAppFactory.TenantId}/", location, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"client_id={EntraIdPortalAppFactory.ClientId}", location, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            // Without network: the OIDC handler failed to read the tenant's metadata (Development error page, plain text).
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Contains($"https://login.microsoftonline.com/{EntraIdPortalAppFactory.TenantId}/v2.0/.well-known/openid-configuration",
                body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Sign_in_page_is_reachable_anonymously_in_Entra_mode()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
