using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IbPortal.Tests.Browser;

/// <summary>
/// The coaching cycle in a real browser: the IB'er plans a classroom visit and fills in the kijkwijzer, the teacher writes
/// a reflection on their own page, and the IB'er reads it; and a teacher's support request appears live on the IB'er's
/// dashboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public class VisitFlowBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Schools = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task A_visit_is_planned_observed_and_reflected_on_and_the_ib_er_reads_the_reflection()
    {
        var (teacherId, groupId) = TeacherAndGroup("leerkracht-a");
        var focus = "Browsertest " + Guid.NewGuid().ToString("N")[..8] + ": de instructie aan de instructietafel.";
        // Today, a minute ago in the schools' zone (00:00 just after midnight): the visit's time has come, so its
        // observation can be finished.
        var local = TimeZoneInfo.ConvertTime(DateTime.UtcNow, Schools);
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local.AddMinutes(-1) < local.Date ? local.Date : local.AddMinutes(-1));

        // 1. The IB'er plans the visit for the teacher and group.
        var ib = await fixture.SignedInPageAsync("ib", $"/bezoeken/nieuw?leerkracht={teacherId}&groep={groupId}");
        await ib.GetByTestId("visit-form").WaitForAsync();
        await ib.GetByTestId("visit-date").Locator("input").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ib.GetByTestId("visit-time").Locator("input").FillAsync(time.ToString("HH:mm", CultureInfo.InvariantCulture));
        await ib.GetByTestId("visit-focus").Locator("textarea").FillAsync(focus);
        await BrowserFixture.ScreenshotAsync(ib, "visit-flow-1-plan");
        await ib.GetByTestId("visit-save").ClickAsync();
        await ib.WaitForURLAsync(new Regex(@"/bezoeken/\d+$"));
        var visitId = int.Parse(ib.Url[(ib.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        await Assertions.Expect(ib.GetByTestId("visit-focus-text")).ToContainTextAsync(focus);

        // 2. The kijkwijzer: one criterion per area scored, then the observation is finished.
        await ib.GetByTestId("observation-form").WaitForAsync();
        var areas = ib.Locator("[data-testid^='observation-area-']");
        await Assertions.Expect(areas).ToHaveCountAsync(5);
        for (var i = 0; i < 5; i++)
            await areas.Nth(i).Locator("button[data-testid^='score-'][data-testid$='-3']").First.ClickAsync();
        await ib.GetByTestId("observation-notes").Locator("textarea").FillAsync("Rustige start; de instructie duurde twaalf minuten.");
        await BrowserFixture.ScreenshotAsync(ib, "visit-flow-2-observation");
        await ib.GetByTestId("observation-finish").ClickAsync();
        await ib.GetByTestId("observation-finish-confirm").ClickAsync();
        await Assertions.Expect(ib.GetByTestId("observation-reopen")).ToBeVisibleAsync();
        await Assertions.Expect(ib.GetByTestId("reflection-empty")).ToBeVisibleAsync();

        // 3. The teacher finds the reflection to write on "Mijn coaching" and writes it on the visit.
        var teacher = await fixture.SignedInPageAsync("leerkracht-a", "/coaching");
        await teacher.GetByTestId($"coaching-reflect-{visitId}").ClickAsync();
        await teacher.WaitForURLAsync(new Regex($@"/bezoeken/{visitId}"));
        var wentWell = "De kinderen wisten direct wat het lesdoel was.";
        await teacher.GetByTestId("reflection-WentWell").Locator("textarea").First.FillAsync(wentWell);
        await teacher.GetByTestId("reflection-ToImprove").Locator("textarea").First.FillAsync("Sneller naar het samen oefenen.");
        await teacher.GetByTestId("reflection-save").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("reflection-saved")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(teacher, "visit-flow-3-reflection");

        // 4. The IB'er sees the reflection on the visit.
        await ib.ReloadAsync();
        await Assertions.Expect(ib.GetByTestId("reflection-text")).ToContainTextAsync(wentWell);
        await BrowserFixture.ScreenshotAsync(ib, "visit-flow-4-ib-reads-reflection");
        output.WriteLine($"Walked visit {visitId}");
    }

    [Fact]
    public async Task A_teachers_support_request_appears_live_on_the_ib_ers_dashboard()
    {
        var dashboard = await fixture.SignedInPageAsync("ib", "/ib");
        await dashboard.GetByTestId("support-requests-card").WaitForAsync();
        var dashboardUrl = dashboard.Url;

        var teacher = await fixture.SignedInPageAsync("leerkracht-a", "/hulpvragen");
        var question = "Browsertest " + Guid.NewGuid().ToString("N")[..8] + ": hoe houd ik de kring korter?";
        await teacher.GetByTestId("topic-own").ClickAsync();
        await teacher.GetByTestId("question").Locator("textarea").FillAsync(question);

        var row = dashboard.GetByTestId("support-request-row").Filter(new LocatorFilterOptions { HasText = question[..20] });
        var clock = Stopwatch.StartNew();
        await teacher.GetByTestId("support-request-submit").ClickAsync();
        await row.First.WaitForAsync();
        var delay = clock.Elapsed;

        output.WriteLine($"Measured: support-request-to-dashboard delay in the browser {delay.TotalMilliseconds:F0} ms");
        Assert.Equal(dashboardUrl, dashboard.Url); // no reload, no navigation
        await Assertions.Expect(row.First.GetByTestId("new-badge")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(dashboard, "support-request-live");

        // It opens the request, where the IB'er can plan a visit from it.
        await row.First.ClickAsync();
        await dashboard.WaitForURLAsync(new Regex(@"/hulpvragen/\d+$"));
        await Assertions.Expect(dashboard.GetByTestId("support-request-question")).ToContainTextAsync(question);
        await Assertions.Expect(dashboard.GetByTestId("support-request-plan-visit")).ToBeVisibleAsync();
    }

    private PortalDbContext AppDatabase() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={fixture.App.DatabasePath}").Options);

    private (int TeacherId, int GroupId) TeacherAndGroup(string login)
    {
        using var db = AppDatabase();
        var teacher = db.StaffMembers.AsNoTracking().Single(s => s.Login == login);
        var group = db.GroupTeachers.AsNoTracking().Where(t => t.StaffMemberId == teacher.Id).OrderByDescending(t => t.GroupId).Select(t => t.GroupId).First();
        return (teacher.Id, group);
    }
}
