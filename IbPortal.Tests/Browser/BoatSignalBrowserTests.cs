using System.Diagnostics;
using System.Text.RegularExpressions;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IbPortal.Tests.Browser;

/// <summary>
/// The boat signal in a real browser: a group that is already busy (one concern short of the "new concerns" threshold)
/// gets one more concern from its teacher, and the IB'er's dashboard shows the group's boat signal at once, without a
/// reload, with the group marked in "Groepen".
/// </summary>
[Collection(BrowserCollection.Name)]
public class BoatSignalBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The configured default (appsettings.json, Quality:BoatSignal:NewConcerns within NewConcernsWeeks).</summary>
    private static readonly BoatSignalOptions Thresholds = new();

    [Fact]
    public async Task A_new_concern_in_an_already_busy_group_raises_the_boat_signal_live_on_the_ib_ers_dashboard()
    {
        var busy = MakeAGroupBusy();

        var dashboard = await fixture.SignedInPageAsync("ib", "/ib");
        await dashboard.GetByTestId("boat-signals-card").WaitForAsync();
        var dashboardUrl = dashboard.Url;
        var signal = dashboard.GetByTestId("boat-signal").Filter(new LocatorFilterOptions { HasText = $"roep {busy.GroupName}" });
        await Assertions.Expect(signal).ToHaveCountAsync(0);

        // The group's teacher flags one more pupil.
        var teacher = await fixture.SignedInPageAsync(busy.TeacherLogin, $"/signaleren?leerling={busy.PupilId}");
        await Assertions.Expect(teacher.GetByTestId("pupil").Locator("input")).ToHaveValueAsync(new Regex(".+"));
        await teacher.GetByTestId("area-social").ClickAsync();
        await teacher.GetByTestId("observation").Locator("textarea")
            .FillAsync("Browsertest bootsignaal: trekt zich terug in de kring, net als een paar anderen in de groep.");

        var clock = Stopwatch.StartNew();
        await teacher.GetByTestId("submit").ClickAsync();
        await signal.First.WaitForAsync();
        var delay = clock.Elapsed;

        output.WriteLine($"Measured: concern-to-boat-signal delay in the browser {delay.TotalMilliseconds:F0} ms");
        Assert.Equal(dashboardUrl, dashboard.Url); // no reload, no navigation
        await Assertions.Expect(signal.First).ToContainTextAsync($"{Thresholds.NewConcerns} nieuwe signaleringen");
        await Assertions.Expect(dashboard.GetByTestId("group-tile").Filter(new LocatorFilterOptions { HasText = $"groep {busy.GroupName}" })
            .GetByTestId("group-boat")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(dashboard, "boat-signal-live");

        using var db = AppDatabase();
        var stored = db.BoatSignals.AsNoTracking().Single(s => s.GroupId == busy.GroupId && s.Status == BoatSignalStatus.Open);
        Assert.True(stored.Reasons.HasFlag(BoatSignalReasons.NewConcerns));
        Assert.Equal(Thresholds.NewConcerns, stored.NewConcerns);
    }

    /// <summary>
    /// Picks a group at the first demo school without any boat signal (not group 5, where other browser tests flag
    /// concerns) and gives it exactly one concern fewer than the threshold within the window, each about another pupil
    /// (a threshold also needs five distinct pupils), written straight into the database so that nothing evaluates the
    /// group yet. The pupil to flag has no concern in the window.
    /// </summary>
    private BusyGroup MakeAGroupBusy()
    {
        using var db = AppDatabase();
        var now = DateTime.UtcNow;
        var year = SchoolYear.StartYearOf(DateOnly.FromDateTime(now));
        var windowStart = now.AddDays(-7 * Thresholds.NewConcernsWeeks);
        var school = db.Schools.AsNoTracking().OrderBy(s => s.Id).First();

        var candidates = db.Groups.AsNoTracking()
            .Where(g => g.SchoolId == school.Id && g.SchoolYear!.StartYear == year && g.Name != "5")
            .Where(g => !db.BoatSignals.Any(s => s.GroupId == g.Id))
            .Select(g => new
            {
                g.Id,
                g.Name,
                TeacherId = g.Teachers.Select(t => t.StaffMemberId).First(),
                RecentPupils = db.Concerns.Where(c => c.GroupId == g.Id && c.RaisedAt >= windowStart).Select(c => c.PupilId).ToList(),
            })
            .OrderBy(g => g.Id)
            .ToList();
        // Every recent concern about another pupil, so that the concerns and their pupils both end one short.
        var group = candidates.First(g => g.RecentPupils.Count < Thresholds.NewConcerns - 1 && g.RecentPupils.Distinct().Count() == g.RecentPupils.Count);
        var teacher = db.StaffMembers.AsNoTracking().Single(s => s.Id == group.TeacherId);
        var freshPupils = db.Enrolments.AsNoTracking()
            .Where(e => e.GroupId == group.Id && e.LeftOn == null)
            .OrderBy(e => e.PupilId)
            .Select(e => e.PupilId)
            .AsEnumerable()
            .Where(id => !group.RecentPupils.Contains(id))
            .ToList();

        var toAdd = Thresholds.NewConcerns - 1 - group.RecentPupils.Count;
        for (var i = 0; i < toAdd; i++)
        {
            var raisedAt = now.AddDays(-(i + 1));
            db.Concerns.Add(new Concern
            {
                PupilId = freshPupils[i],
                GroupId = group.Id,
                SchoolId = school.Id,
                AuthorId = teacher.Id,
                Area = DevelopmentArea.SocialEmotional,
                SubAreas = SubAreas.Wellbeing,
                Observation = "Browsertest bootsignaal: eerdere signalering in deze groep.",
                Urgency = Urgency.Normal,
                Status = ConcernStatus.New,
                RaisedAt = raisedAt,
                UpdatedAt = raisedAt,
            });
        }

        db.SaveChanges();
        return new BusyGroup(group.Id, group.Name, teacher.Login, freshPupils[^1]);
    }

    private PortalDbContext AppDatabase() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={fixture.App.DatabasePath}").Options);

    private sealed record BusyGroup(int GroupId, string GroupName, string TeacherLogin, int PupilId);
}
