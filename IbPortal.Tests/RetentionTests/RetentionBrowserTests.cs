using IbPortal.Tests.Browser;
using Microsoft.Playwright;

namespace IbPortal.Tests.RetentionTests;

/// <summary>The retention page in the running app (real wiring, real circuit, Debian's Chromium).</summary>
[Collection(BrowserCollection.Name)]
public class RetentionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Privacy_officer_sees_the_dry_run_and_the_confirmation_on_a_tablet_without_horizontal_scrolling()
    {
        var page = await fixture.SignedInPageAsync("privacy", "/privacy/bewaartermijnen");
        await page.SetViewportSizeAsync(768, 1024);
        await page.GetByTestId("retention-preview-button").WaitForAsync();

        await page.GetByTestId("retention-preview-button").ClickAsync();

        var report = page.GetByTestId("retention-report");
        await report.WaitForAsync();
        // The seeded demo data has no pupil who left a school: the dry run finds nothing and says so in words.
        await Assertions.Expect(report).ToContainTextAsync("de volgende ronde verwijdert niets");
        await Assertions.Expect(page.Locator("[data-testid=report-kind][data-kind=care-data] [data-testid=report-count]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("retention-run-row").First).ToBeVisibleAsync();

        await page.GetByTestId("retention-run-button").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Dit kan niet ongedaan worden gemaakt.");
        await BrowserFixture.ScreenshotAsync(page, "retention-confirm");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Annuleren" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(report).ToHaveAttributeAsync("data-dry-run", "true");   // nothing ran

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow);
        await BrowserFixture.ScreenshotAsync(page, "retention-page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_teacher_who_opens_the_page_gets_the_refusal_in_Dutch()
    {
        var page = await fixture.SignedInPageAsync("leerkracht-a", "/privacy/bewaartermijnen");

        await Assertions.Expect(page.GetByTestId("retention-denied")).ToContainTextAsync("Je hebt geen toegang");
        await Assertions.Expect(page.GetByTestId("retention-preview-button")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
