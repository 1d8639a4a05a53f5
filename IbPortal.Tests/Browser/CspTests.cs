using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IbPortal.Tests.Browser;

/// <summary>The Content-Security-Policy does not break the app: a full load of the IB dashboard in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public class CspTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_runs_under_the_content_security_policy_without_violations()
    {
        var page = await fixture.SignedInPageAsync("ib", "/ib");
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            lock (console) console.Add($"{message.Type}: {message.Text}");
            output.WriteLine($"console {message.Type}: {message.Text}");
        };
        // Also count violations the page itself reports (script injected by the test driver, which CSP does not govern).
        await page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

        // A full load with the listeners in place: headers, the scripts, the circuit's WebSocket, MudBlazor's rendering.
        IResponse? response = null;
        var socket = await page.RunAndWaitForWebSocketAsync(async () => response = await page.ReloadAsync(),
            new PageRunAndWaitForWebSocketOptions { Predicate = ws => ws.Url.Contains("/_blazor", StringComparison.Ordinal), Timeout = 15_000 });
        await page.GetByTestId("counters").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        // One round trip through the circuit: a MudBlazor tab switch.
        var seen = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Gezien" });
        await seen.ClickAsync();
        await Assertions.Expect(seen).ToHaveAttributeAsync("aria-selected", "true");

        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.StartsWith("ws://", socket.Url, StringComparison.Ordinal); // the circuit runs over a WebSocket, not a fallback
        Assert.False(socket.IsClosed, "the circuit's WebSocket was closed");
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.Empty(violations);
        string[] logged;
        lock (console) logged = [.. console];
        Assert.DoesNotContain(logged, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                           || m.Contains("Refused to", StringComparison.OrdinalIgnoreCase));
        await BrowserFixture.ScreenshotAsync(page, "csp-dashboard");
    }
}
