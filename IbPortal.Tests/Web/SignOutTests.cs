using System.Net;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.Web;

/// <summary>
/// Sign-out is a POST with an antiforgery token. The form sits in the user menu, which renders inside the interactive
/// circuit (no prerendering), so the token never appears in the HTML an HttpClient receives. The valid token used
/// here is minted by the app's own IAntiforgery for the signed-in user, exactly as the form's AntiforgeryToken does.
/// </summary>
[Collection(WebAppTests.Name)]
public sealed class SignOutTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly Uri SignOut = new("/signout", UriKind.Relative);
    private static readonly Uri Dashboard = new("/ib", UriKind.Relative);

    [Fact]
    public async Task Page_html_does_not_carry_an_antiforgery_token()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);

        using var page = await client.GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("__RequestVerificationToken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_without_antiforgery_token_is_rejected_and_keeps_the_user_signed_in()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);

        using var response = await client.PostAsync(SignOut, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(ClearedAuthCookie(response));
        using var page = await client.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Sign_out_with_a_token_of_another_user_is_rejected()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
        var (cookie, field) = await TokensForAsync(Logins.TeacherB);

        using var response = await PostSignOutAsync(client, cookie, field);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var page = await client.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Sign_out_with_a_valid_antiforgery_token_signs_out()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
        var (cookie, field) = await TokensForAsync(Logins.CareCoordinator);

        using var response = await PostSignOutAsync(client, cookie, field);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?afgemeld=1", response.Headers.Location?.OriginalString);
        Assert.NotNull(ClearedAuthCookie(response));
        using var page = await client.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location?.AbsolutePath);
    }

    /// <summary>The antiforgery cookie and form field the app itself would issue to <paramref name="login"/>.</summary>
    private async Task<(string Cookie, KeyValuePair<string, string> Field)> TokensForAsync(string login)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = app.Services,
            User = await app.PrincipalOfAsync(login),
        };
        var antiforgery = app.Services.GetRequiredService<IAntiforgery>();
        var options = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var tokens = antiforgery.GetAndStoreTokens(http);
        return ($"{options.Cookie.Name}={tokens.CookieToken}", new(tokens.FormFieldName, tokens.RequestToken!));
    }

    private static async Task<HttpResponseMessage> PostSignOutAsync(HttpClient client, string antiforgeryCookie, KeyValuePair<string, string> field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SignOut) { Content = new FormUrlEncodedContent([field]) };
        // The client's cookie jar adds the auth cookie; the antiforgery cookie goes alongside it.
        request.Headers.Add("Cookie", antiforgeryCookie);
        return await client.SendAsync(request);
    }

    /// <summary>The Set-Cookie that deletes the auth cookie, if the response has one.</summary>
    private static string? ClearedAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(PortalAppFactory.AuthCookieName + "=;", StringComparison.Ordinal))
            : null;
}
