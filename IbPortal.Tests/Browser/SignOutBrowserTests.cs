using Microsoft.Playwright;

namespace IbPortal.Tests.Browser;

/// <summary>Sign-out from the user menu ends the session in a real browser (antiforgery-protected form post).</summary>
[Collection(BrowserCollection.Name)]
public class SignOutBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task User_menu_signs_out_and_the_dashboard_then_asks_to_sign_in()
    {
        var page = await fixture.SignedInPageAsync("ib", "/ib");
        await page.GetByTestId("counters").WaitForAsync();

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?afgemeld=1"));
        await Assertions.Expect(page.GetByText("Je bent afgemeld.")).ToBeVisibleAsync();
        await page.GotoAsync("/ib");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?ReturnUrl="));
    }
}
