using System.Net;

namespace IbPortal.Tests.Web;

[Collection(WebAppTests.Name)]
public sealed class AnonymousAccessTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [InlineData("/", "%2F")]
    [InlineData("/ib", "%2Fib")]
    [InlineData("/groep", "%2Fgroep")]
    public async Task Anonymous_visitor_of_a_page_is_sent_to_sign_in(string path, string encodedReturnUrl)
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Assert.IsType<Uri>(response.Headers.Location);
        var absolute = location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);
        Assert.Equal(client.BaseAddress!.Authority, absolute.Authority);
        Assert.Equal("/signin", absolute.AbsolutePath);
        Assert.Equal($"?ReturnUrl={encodedReturnUrl}", absolute.Query);
        Assert.Null(PortalAppFactory.AuthCookieFrom(response));
    }

    [Fact]
    public async Task Sign_in_page_is_reachable_anonymously()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_is_healthy_for_anonymous_callers_once_started()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
