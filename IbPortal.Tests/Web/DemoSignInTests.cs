using System.Net;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Web;

[Collection(WebAppTests.Name)]
public sealed class DemoSignInTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Demo_sign_in_sets_the_auth_cookie_and_opens_the_dashboard()
    {
        using var client = app.CreateBrowserlessClient();

        using var signIn = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.CareCoordinator));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PortalAppFactory.AuthCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        using var dashboard = await client.GetAsync(new Uri("/ib", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
        var html = await dashboard.Content.ReadAsStringAsync();
        // Fingerprinted (blazor.web.{hash}.js); the page has no import map that would name the plain file.
        Assert.Contains("<script src=\"_framework/blazor.web.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_demo_user_is_sent_back_to_sign_in_without_a_cookie()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(PortalAppFactory.DemoSignInUri("niemand-bekend"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?fout=onbekend", response.Headers.Location?.OriginalString);
        Assert.Null(PortalAppFactory.AuthCookieFrom(response));

        using var dashboard = await client.GetAsync(new Uri("/ib", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/signin", dashboard.Headers.Location?.AbsolutePath ?? dashboard.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("evil.example")]
    public async Task Return_url_that_is_not_local_is_ignored(string returnUrl)
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.TeacherA, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.NotNull(PortalAppFactory.AuthCookieFrom(response));
    }

    [Fact]
    public async Task Local_return_url_is_honoured()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.TeacherA, "/groep"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/groep", response.Headers.Location?.OriginalString);

        using var page = await client.GetAsync(new Uri("/groep", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
