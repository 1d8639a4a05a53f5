using System.Net;
using IbPortal.Domain.Access;
using IbPortal.Security;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;

namespace IbPortal.Tests.SecurityTests;

[Collection(WebAppTests.Name)]
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_beyond_the_limit_within_a_minute_is_answered_429_with_a_Dutch_message()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?> { ["RateLimiting:SignInPermitsPerMinute"] = "3" });
        using var client = app.CreateBrowserlessClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.TeacherA));
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }
        using var refused = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.TeacherA));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Te veel aanmeldpogingen. Wacht een minuut en probeer het opnieuw.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Null(PortalAppFactory.AuthCookieFrom(refused));
        Assert.True(refused.Headers.Contains("Content-Security-Policy"), "the 429 page lacks the security headers");

        // Only sign-in is limited: the rest of the app still answers.
        using var signInPage = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
    }

    [Fact]
    public async Task Sign_in_limit_also_covers_a_trailing_slash()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?> { ["RateLimiting:SignInPermitsPerMinute"] = "1" });
        using var client = app.CreateBrowserlessClient();

        using var first = await client.GetAsync(PortalAppFactory.DemoSignInUri(Logins.TeacherA));
        using var second = await client.GetAsync(new Uri($"/demo/sign-in/?user={Logins.TeacherA}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    /// <summary>Entra's return to /signin-oidc is answered by the authentication middleware; the limit still applies.</summary>
    [Fact]
    public async Task Entra_callback_is_rate_limited_too()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "EntraId",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = EntraIdPortalAppFactory.TenantId,
            ["AzureAd:ClientId"] = EntraIdPortalAppFactory.ClientId,
            ["RateLimiting:SignInPermitsPerMinute"] = "1",
        });
        using var client = app.CreateBrowserlessClient();
        var callback = new Uri("/signin-oidc", UriKind.Relative);

        using var first = await client.PostAsync(callback, new FormUrlEncodedContent([new("id_token", "x")]));
        using var second = await client.PostAsync(callback, new FormUrlEncodedContent([new("id_token", "x")]));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains(SignInRateLimiting.Message, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The app's own ConcernService takes RateLimiting:ConcernsPerMinute (the limiter itself: SubmissionRateLimiterTests).</summary>
    [Fact]
    public async Task Concern_submission_limit_is_read_from_configuration()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?> { ["RateLimiting:ConcernsPerMinute"] = "2" });
        var pupil = await app.PupilOfAsync(Logins.TeacherA);

        await app.RaiseConcernAsync(Logins.TeacherA, pupil, "Eerste signalering.");
        await app.RaiseConcernAsync(Logins.TeacherA, pupil, "Tweede signalering.");
        var refused = await Assert.ThrowsAsync<SubmissionRateLimitException>(() => app.RaiseConcernAsync(Logins.TeacherA, pupil, "Derde signalering."));

        Assert.Equal("Je hebt in korte tijd veel signaleringen verstuurd. Wacht even en probeer het opnieuw; wat je typte blijft staan.", refused.Message);
    }
}
