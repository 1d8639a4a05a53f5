using IbPortal.Tests.Components;
using Microsoft.Playwright;

namespace IbPortal.Tests.Browser;

/// <summary>Payloads typed into the flag form stay inert in a real browser, on the IB'er's dashboard and detail panel.</summary>
[Collection(BrowserCollection.Name)]
public class XssBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Payloads_typed_by_a_teacher_never_run_on_the_IB_dashboard()
    {
        var dashboard = await fixture.SignedInPageAsync("ib", "/ib");
        var dialogs = 0;
        dashboard.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await dashboard.GetByTestId("counters").WaitForAsync();

        var teacher = await fixture.SignedInPageAsync("leerkracht-a", "/signaleren");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var observation = $"{marker} {string.Join(" ", XssPayloads.All)}";
        await teacher.GetByTestId("pupil").Locator("input").ClickAsync();
        await teacher.Locator(".mud-popover-open .mud-list-item").Nth(2).ClickAsync();
        await teacher.GetByTestId("area-both").ClickAsync();
        await teacher.GetByTestId("observation").Locator("textarea").FillAsync(observation);
        await teacher.GetByTestId("since").Locator("input").FillAsync(XssPayloads.All[1]);
        await teacher.GetByTestId("tried").Locator("textarea").FillAsync(XssPayloads.All[0]);
        await teacher.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("flag-confirmation")).ToBeVisibleAsync();

        var card = dashboard.GetByTestId("concern-card").Filter(new LocatorFilterOptions { Has = dashboard.GetByTestId("new-badge") }).First;
        await card.ClickAsync();
        await Assertions.Expect(dashboard.GetByTestId("observation-text")).ToHaveTextAsync(observation);
        await BrowserFixture.ScreenshotAsync(dashboard, "xss-detail");

        Assert.Equal(0, dialogs);
        Assert.True(await dashboard.EvaluateAsync<bool>("() => window.__xss === undefined"), "a payload ran on the dashboard");
        Assert.True(await teacher.EvaluateAsync<bool>("() => window.__xss === undefined"), "a payload ran on the teacher's page");
        Assert.Equal(0, await dashboard.Locator("[data-testid=concern-detail] script, [data-testid=concern-detail] img, [data-testid=concern-detail] iframe").CountAsync());
    }
}
