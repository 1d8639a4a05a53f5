using Microsoft.Playwright;

namespace IbPortal.Tests.Browser;

/// <summary>The care agenda and the pupil file in a real browser, on a laptop and on a tablet (768 px).</summary>
[Collection(BrowserCollection.Name)]
public class CarePagesBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(768)]
    public async Task The_care_agenda_fits_the_screen_and_links_to_the_pupil_file(int width)
    {
        var page = await fixture.SignedInPageAsync("ib", "/ib");
        await page.SetViewportSizeAsync(width, 900);
        var agenda = page.GetByTestId("care-agenda");
        await agenda.WaitForAsync();
        await Assertions.Expect(page.GetByTestId("agenda-consent")).ToHaveCountAsync(2);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the dashboard scrolls sideways at {width} px");
        await BrowserFixture.ScreenshotAsync(page, $"ib-dashboard-care-agenda-{width}");

        await page.GetByTestId("agenda-without-plan").First.ClickAsync();
        await page.GetByTestId("pupil-file").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("pupil-tabs")).ToBeVisibleAsync();
        Assert.Contains("tab=ondersteuning", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pupil_file_timeline_filters_and_fits_a_tablet()
    {
        var page = await fixture.SignedInPageAsync("ib", "/ib");
        await page.GetByTestId("agenda-evaluation").First.WaitForAsync();
        var href = await page.GetByTestId("agenda-evaluation").First.GetAttributeAsync("href");
        await page.SetViewportSizeAsync(768, 1000);
        await page.GotoAsync(href!.Split('?')[0]);
        var entries = page.GetByTestId("timeline-entry");
        await entries.First.WaitForAsync();
        var all = await entries.CountAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the pupil file scrolls sideways at 768 px");
        await BrowserFixture.ScreenshotAsync(page, "pupil-file-timeline-768");

        await page.GetByTestId("timeline-filter-Evaluation").ClickAsync();
        await Assertions.Expect(entries.First).ToHaveAttributeAsync("data-kind", "Evaluation");
        Assert.True(await entries.CountAsync() < all);
    }
}
