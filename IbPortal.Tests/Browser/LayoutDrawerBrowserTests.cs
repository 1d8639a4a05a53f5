using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IbPortal.Tests.Browser;

/// <summary>
/// The layout's drawer in a real browser, responsive in CSS only: below 960 px closed at start and opened over the page
/// with a backdrop; from 960 px open at start, pushing the page, and the menu button hides it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LayoutDrawerBrowserTests(BrowserFixture fixture)
{
    private const string MenuButton = "Menu openen of sluiten";

    [Fact]
    public async Task On_a_narrow_screen_the_menu_lies_over_the_page_and_a_link_click_hides_it()
    {
        var page = await fixture.SignedInPageAsync("ib", "/ib");
        await page.SetViewportSizeAsync(600, 900);
        await page.ReloadAsync();
        await page.GetByTestId("counters").WaitForAsync();
        var drawer = page.Locator("#app-drawer");
        var button = page.GetByRole(AriaRole.Button, new() { Name = MenuButton }); // only the narrow one is shown
        var content = page.Locator(".mud-main-content");

        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "0px");

        await button.ClickAsync();

        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-drawer-overlay")).ToBeVisibleAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "0px"); // over the page, not beside it
        await Assertions.Expect(drawer).ToHaveCSSAsync("left", "0px");
        await BrowserFixture.ScreenshotAsync(page, "layout-drawer-600-open");

        await drawer.GetByRole(AriaRole.Link, new() { Name = "Agenda" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/agenda"));
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".mud-drawer-overlay")).ToHaveCountAsync(0);
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(drawer.Locator("a[href='/agenda']")).ToHaveAttributeAsync("aria-current", "page");

        // The backdrop closes it too.
        await button.ClickAsync();
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await page.Locator(".mud-drawer-overlay").ClickAsync(new() { Position = new() { X = 500, Y = 400 } });
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 600 px");
    }

    [Fact]
    public async Task On_a_wide_screen_the_menu_pushes_the_page_and_the_button_hides_it()
    {
        var page = await fixture.SignedInPageAsync("ib", "/ib"); // 1280 × 900
        await page.GetByTestId("counters").WaitForAsync();
        var drawer = page.Locator("#app-drawer");
        var button = page.GetByRole(AriaRole.Button, new() { Name = MenuButton }); // only the wide one is shown
        var content = page.Locator(".mud-main-content");

        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "240px");
        await Assertions.Expect(page.Locator(".mud-drawer-overlay")).ToHaveCountAsync(0);
        var appBar = await page.Locator(".mud-appbar").BoundingBoxAsync();
        var drawerBox = await drawer.BoundingBoxAsync();
        Assert.Equal(0, appBar!.Y);
        Assert.Equal(appBar.Height, drawerBox!.Y, 1); // clipped below the app bar
        await BrowserFixture.ScreenshotAsync(page, "layout-drawer-1280-open");

        await button.ClickAsync();

        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "0px");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        // Below 960 px the same state is the open overlay; its backdrop stays hidden at this width.
        await Assertions.Expect(page.Locator(".mud-drawer-overlay")).ToBeHiddenAsync();

        await button.ClickAsync();
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "240px");

        // A link click leaves the drawer open here.
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Agenda" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/agenda"));
        await Assertions.Expect(drawer.Locator("a[href='/agenda']")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(content).ToHaveCSSAsync("margin-left", "240px");
    }
}
