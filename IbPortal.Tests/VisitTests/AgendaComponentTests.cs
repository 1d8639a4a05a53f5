using System.Globalization;
using Bunit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The /agenda page: week and month views, navigation in the URL, school chips, plan buttons.</summary>
public class AgendaComponentTests : PortalComponentContext
{
    // The test clock: Tuesday 24 November 2026, 09:30 UTC (the test school zone is UTC).
    public AgendaComponentTests() : base(Logins.CareCoordinator) { }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private void Open(string query) => Services.GetRequiredService<NavigationManager>().NavigateTo("/agenda" + query);

    [Fact]
    public async Task The_week_view_shows_Monday_to_Friday_with_each_visit_and_discussion_on_its_day_as_a_link()
    {
        var visit = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), durationMinutes: 60);
        var discussion = await Database.Service<DiscussionService>(Logins.CareCoordinator).ScheduleAsync(new DiscussionDraft
        {
            Kind = DiscussionKind.GroupDiscussion,
            GroupId = S.GroupOf(Database, Logins.TeacherB),
            Date = new DateOnly(2026, 11, 27),
            Time = new TimeOnly(14, 15),
        });
        Open("?weergave=week&datum=2026-11-24");

        var cut = Render<AgendaPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=agenda-week]")));
        var days = cut.FindAll("[data-testid=agenda-day]");
        Assert.Equal(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"], days.Select(d => d.GetAttribute("data-date")));
        var wednesday = days.Single(d => d.GetAttribute("data-date") == "2026-11-25");
        var v = wednesday.QuerySelectorAll("[data-testid=agenda-entry]").Single(e => e.GetAttribute("data-entry-id") == Id(visit) && e.GetAttribute("data-kind") == "visit");
        Assert.Equal($"/bezoeken/{visit}", v.GetAttribute("href"));
        Assert.Equal("10:00–11:00", v.QuerySelector("[data-testid=agenda-entry-time]")!.TextContent.Trim());
        Assert.Contains("Mark Hofstede", v.TextContent, StringComparison.Ordinal);
        Assert.Contains("VB", v.QuerySelector(".school-tag")!.TextContent, StringComparison.Ordinal);
        var friday = days.Single(d => d.GetAttribute("data-date") == "2026-11-27");
        var d = friday.QuerySelectorAll("[data-testid=agenda-entry]").Single(e => e.GetAttribute("data-entry-id") == Id(discussion) && e.GetAttribute("data-kind") == "groupdiscussion");
        Assert.Equal($"/besprekingen/{discussion}", d.GetAttribute("href"));
        Assert.Contains("Groepsbespreking groep 4/5", d.TextContent, StringComparison.Ordinal);
        Assert.Contains("is-today", days.Single(x => x.GetAttribute("data-date") == "2026-11-24").ClassName, StringComparison.Ordinal);

        Assert.Equal("/agenda?weergave=week&datum=2026-11-17", cut.Find("[data-testid=agenda-previous]").GetAttribute("href"));
        Assert.Equal("/agenda?weergave=week&datum=2026-12-01", cut.Find("[data-testid=agenda-next]").GetAttribute("href"));
        Assert.Equal("/agenda?weergave=maand&datum=2026-11-24", cut.Find("[data-testid=agenda-view-month]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=agenda-plan-visit]"));
        Assert.NotNull(cut.Find("[data-testid=agenda-plan-discussion]"));
        Assert.Equal(2, cut.FindAll("[data-testid=agenda-school-filter] .mud-chip").Count);
    }

    [Fact]
    public void A_Saturday_with_a_visit_gets_its_own_column()
    {
        var saturday = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc));
        Open("?weergave=week&datum=2026-11-24");

        var cut = Render<AgendaPage>();

        cut.WaitForAssertion(() => Assert.Contains("2026-11-28", cut.FindAll("[data-testid=agenda-day]").Select(d => d.GetAttribute("data-date"))));
        Assert.DoesNotContain("2026-11-29", cut.FindAll("[data-testid=agenda-day]").Select(d => d.GetAttribute("data-date")));
        Assert.NotNull(cut.FindAll("[data-testid=agenda-day]").Single(d => d.GetAttribute("data-date") == "2026-11-28")
            .QuerySelectorAll("[data-testid=agenda-entry]").Single(e => e.GetAttribute("data-entry-id") == Id(saturday)));
    }

    [Fact]
    public void The_month_view_shows_the_whole_weeks_of_the_month_with_entries_in_their_day()
    {
        var visit = S.AddVisit(Database, Logins.TeacherB, new DateTime(2026, 11, 10, 13, 0, 0, DateTimeKind.Utc));
        Open("?weergave=maand&datum=2026-11-10");

        var cut = Render<AgendaPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=agenda-month]")));
        var cells = cut.FindAll("[data-testid=agenda-month-day]");
        Assert.Equal(6 * 5, cells.Count); // November 2026 spans six weeks (26 Oct – 6 Dec), Monday to Friday
        Assert.Equal("2026-10-26", cells[0].GetAttribute("data-date"));
        Assert.Equal("2026-12-04", cells[^1].GetAttribute("data-date"));
        Assert.Contains("other-month", cells[0].ClassName, StringComparison.Ordinal);
        var tenth = cells.Single(c => c.GetAttribute("data-date") == "2026-11-10");
        Assert.DoesNotContain("other-month", tenth.ClassName, StringComparison.Ordinal);
        var entry = tenth.QuerySelectorAll("[data-testid=agenda-entry]").Single(e => e.GetAttribute("data-entry-id") == Id(visit));
        Assert.Equal("13:00", entry.QuerySelector("[data-testid=agenda-entry-time]")!.TextContent.Trim());
        Assert.Contains("november 2026", cut.Find("[data-testid=agenda-period]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/agenda?weergave=maand&datum=2026-10-01", cut.Find("[data-testid=agenda-previous]").GetAttribute("href"));
        Assert.Equal("/agenda?weergave=maand&datum=2026-12-01", cut.Find("[data-testid=agenda-next]").GetAttribute("href"));
    }

    [Fact]
    public void Cancelled_visits_show_struck_through_only_after_switching_them_on()
    {
        var cancelled = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc), Domain.Visits.VisitStatus.Cancelled);
        Open("?weergave=week&datum=2026-11-24");
        var cut = Render<AgendaPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=agenda-week]")));
        Assert.DoesNotContain(cut.FindAll("[data-testid=agenda-entry][data-kind=visit]"), e => e.GetAttribute("data-entry-id") == Id(cancelled));

        cut.Find("[data-testid=agenda-show-cancelled] input").Change(true);

        cut.WaitForAssertion(() =>
        {
            var entry = cut.FindAll("[data-testid=agenda-entry][data-kind=visit]").Single(e => e.GetAttribute("data-entry-id") == Id(cancelled));
            Assert.Contains("is-cancelled", entry.ClassList);
            Assert.Contains("Geannuleerd", entry.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Deselecting_a_school_chip_hides_its_entries()
    {
        var atA = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));
        var atB = S.AddVisit(Database, Logins.TeacherB, new DateTime(2026, 11, 25, 11, 0, 0, DateTimeKind.Utc));
        Open("?weergave=week&datum=2026-11-24");
        var cut = Render<AgendaPage>();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=agenda-entry]"), e => e.GetAttribute("data-entry-id") == Id(atB)));

        cut.Find($"[data-testid=agenda-school-{Database.SchoolId(Logins.SchoolB)}]").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll("[data-testid=agenda-entry][data-kind=visit]"), e => e.GetAttribute("data-entry-id") == Id(atB)));
        Assert.Contains(cut.FindAll("[data-testid=agenda-entry][data-kind=visit]"), e => e.GetAttribute("data-entry-id") == Id(atA));
    }

    [Fact]
    public void A_teacher_sees_their_own_visit_without_plan_buttons_or_school_chips()
    {
        SignInAs(Logins.TeacherA);
        var own = S.AddVisit(Database, Logins.TeacherA, new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc));
        Open("");

        var cut = Render<AgendaPage>(); // no query: this week

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=agenda-entry]"), e => e.GetAttribute("data-entry-id") == Id(own)));
        Assert.Empty(cut.FindAll("[data-testid=agenda-plan-visit]"));
        Assert.Empty(cut.FindAll("[data-testid=agenda-school-filter]"));
    }

    [Fact]
    public void Someone_without_an_agenda_gets_the_access_message()
    {
        SignInAs(Logins.SchoolLeaderA);
        Open("?weergave=week&datum=2026-11-24");

        var cut = Render<AgendaPage>();

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=agenda-error]").TextContent, StringComparison.Ordinal));
    }
}
