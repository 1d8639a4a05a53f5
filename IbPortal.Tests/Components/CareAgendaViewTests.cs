using Bunit;
using IbPortal.Dashboard;
using IbPortal.Domain.Care;
using IbPortal.Privacy;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.Components;

/// <summary>The care agenda on "Mijn overzicht" and the pupil file's timeline, rendered over the seeded care records.</summary>
public class CareAgendaViewTests : PortalComponentContext
{
    public CareAgendaViewTests() : base(Logins.CareCoordinator) { }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_dashboard_shows_the_care_agenda_with_its_counters_and_rows()
    {
        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=care-agenda]")));
        Assert.Equal(Count(2), cut.Find("[data-testid=counter-discussions] [data-testid=counter-value]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=agenda-discussion]").Count);
        Assert.Equal(Count(3), cut.Find("[data-testid=counter-actions] [data-testid=counter-value]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=agenda-action]").Count(a => a.TextContent.Contains("te laat", StringComparison.Ordinal)));
        Assert.Equal(4, cut.FindAll("[data-testid=agenda-evaluation]").Count);
        Assert.Equal(2, cut.FindAll("[data-testid=agenda-consent]").Count);
        Assert.Equal(2, cut.FindAll("[data-testid=agenda-without-plan]").Count);
        Assert.All(cut.FindAll("[data-testid=agenda-consent]"), a => Assert.EndsWith("?tab=toestemming", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    /// <summary>The agenda cards are rendered to HTML once (StaticMarkup): what people typed stays text there too.</summary>
    [Theory]
    [MemberData(nameof(Payloads))]
    public void Free_text_in_the_agenda_stays_inert(int payloadIndex)
    {
        var payload = XssPayloads.All[payloadIndex];
        using (var db = Database.CreateContext())
        {
            foreach (var item in db.ActionItems)
                item.Description = payload;
            db.SaveChanges();
        }

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=agenda-action]")));
        Assert.All(cut.FindAll("[data-testid=agenda-action]"), a => Assert.Contains(payload, a.TextContent, StringComparison.Ordinal));
        XssPayloads.AssertInert(cut.Find("[data-testid=care-agenda]"));
    }

    public static TheoryData<int> Payloads() => [.. Enumerable.Range(0, XssPayloads.All.Length)];

    [Fact]
    public void Deselecting_a_school_narrows_the_agenda()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=agenda-discussion]").Count));

        // The school chips: the first is CBS Het Anker (by name); deselect it.
        cut.FindAll("[data-testid=school-filter] .mud-chip")[0].Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=agenda-discussion]")));
        Assert.Single(cut.FindAll("[data-testid=agenda-consent]"));
    }

    [Fact]
    public void The_pupil_file_timeline_filters_by_kind()
    {
        int pupilId;
        using (var db = Database.CreateContext())
            pupilId = db.ExternalExpertReports.AsNoTracking().Single().PupilId;

        var cut = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupilId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=timeline-entry]")));
        var all = cut.FindAll("[data-testid=timeline-entry]").Count;
        Assert.Contains(cut.FindAll("[data-testid=timeline-entry]"), e => e.GetAttribute("data-kind") == nameof(TimelineKind.ExternalExpert));

        cut.Find($"[data-testid=timeline-filter-{TimelineKind.Consent}]").Click();

        cut.WaitForAssertion(() =>
        {
            var shown = cut.FindAll("[data-testid=timeline-entry]");
            Assert.NotEmpty(shown);
            Assert.True(shown.Count < all);
            Assert.All(shown, e => Assert.Equal(nameof(TimelineKind.Consent), e.GetAttribute("data-kind")));
        });

        cut.Find("[data-testid=timeline-filter-all]").Click();
        cut.WaitForAssertion(() => Assert.Equal(all, cut.FindAll("[data-testid=timeline-entry]").Count));
        Assert.Equal("Ondersteuningsniveau 3", cut.Find("[data-testid=support-level]").TextContent.Trim());
    }

    [Fact]
    public void A_pupil_without_care_records_gets_an_empty_state_that_says_what_to_do()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);

        var cut = Render<PupilFilePage>(p => p.Add(x => x.PupilId, pupilId));

        cut.WaitForAssertion(() => Assert.Contains("Signaleer de leerling", cut.Find("[data-testid=timeline-empty]").TextContent, StringComparison.Ordinal));
    }
}
