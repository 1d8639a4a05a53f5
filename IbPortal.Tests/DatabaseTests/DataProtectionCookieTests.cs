using System.Net;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>Signing in on one node and being known on the others, and after a restart: the whole web app, twice.</summary>
internal static class SignInCookie
{
    /// <summary>True when <paramref name="app"/> lets the holder of <paramref name="cookie"/> in; false when it sends them to sign in.</summary>
    public static async Task<bool> IsAcceptedByAsync(PortalAppFactory app, string cookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
            return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        return false;
    }

    public static async Task<string> HealthAsync(PortalAppFactory app)
    {
        using var client = app.CreateBrowserlessClient();
        return await client.GetStringAsync(new Uri("/health", UriKind.Relative));
    }
}

/// <summary>Two app hosts sharing one SQLite file.</summary>
[Collection(WebAppTests.Name)]
public sealed class DataProtectionCookieTests
{
    [Fact]
    public async Task Sign_in_cookie_of_one_node_is_accepted_by_another_on_the_same_SQLite_file_and_after_a_restart()
    {
        var a = new PortalAppFactory { KeepFilesOnDispose = true };
        var aRunning = true;
        try
        {
            var shared = new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={a.DatabasePath}" };
            var cookie = await a.SignInCookieAsync(Logins.CareCoordinator);
            await using (var b = PortalAppFactory.With(shared))
                Assert.True(await SignInCookie.IsAcceptedByAsync(b, cookie));
            await using (var elsewhere = new PortalAppFactory())
                Assert.False(await SignInCookie.IsAcceptedByAsync(elsewhere, cookie)); // its own database, its own keys
            await a.DisposeAsync();
            aRunning = false;

            await using var restarted = PortalAppFactory.With(shared);
            Assert.True(await SignInCookie.IsAcceptedByAsync(restarted, cookie));
        }
        finally
        {
            if (aRunning)
                await a.DisposeAsync();
            a.DeleteFiles();
        }
    }
}

/// <summary>Two app hosts sharing one PostgreSQL database (needs the test server).</summary>
[Collection(WebAppTests.Name)]
public sealed class PostgreSqlDataProtectionCookieTests
{
    [Fact]
    public async Task PostgreSql_sign_in_cookie_of_one_node_is_accepted_by_another_and_after_a_restart()
    {
        using var database = new PostgreSqlScratchDatabase("cookies");
        var settings = database.Settings();
        string cookie;
        await using (var a = PortalAppFactory.With(settings))
        {
            cookie = await a.SignInCookieAsync(Logins.CareCoordinator);
            Assert.Equal("Healthy", await SignInCookie.HealthAsync(a));
            await using var b = PortalAppFactory.With(settings);
            Assert.True(await SignInCookie.IsAcceptedByAsync(b, cookie));
            Assert.True(await SignInCookie.IsAcceptedByAsync(a, cookie));
        }
        await using (var elsewhere = new PortalAppFactory())
            Assert.False(await SignInCookie.IsAcceptedByAsync(elsewhere, cookie));

        await using var restarted = PortalAppFactory.With(settings);
        Assert.True(await SignInCookie.IsAcceptedByAsync(restarted, cookie));
        Assert.Equal("Healthy", await SignInCookie.HealthAsync(restarted));
    }
}
