using System.Globalization;
using Bunit;
using IbPortal.Domain.Quality;
using IbPortal.Quality;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// The /kwaliteit page with the real services on the seeded demo board: filters read from and written to the URL,
/// only the active view loaded, and the refusal for a teacher. The test clock: Tuesday 24 November 2026.
/// </summary>
public class DashboardPageTests : PortalComponentContext
{
    private static readonly TrendPeriod ThisYear = new(2026, new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 24));

    public DashboardPageTests() : base(Logins.Quality) { }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private void Open(string query) => Navigation.NavigateTo("/kwaliteit" + query);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string[][] Cells(AngleSharp.Dom.IElement block) => block.QuerySelectorAll("[data-testid=trend-table] tbody tr")
        .Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())
        .ToArray();

    private static string[][] Texts(QualityTable table) => table.Rows.Select(r => r.Select(c => c.Text).ToArray()).ToArray();

    [Fact]
    public async Task The_quality_coordinator_sees_this_years_concerns_against_last_years_for_all_schools_by_default()
    {
        Open("");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-concerns]")));
        var trends = Database.Service<QualityTrendService>(Logins.Quality);
        var current = await trends.GetConcernTrendAsync(new TrendQuery(SchoolYearStart: 2026));
        var previous = await trends.GetConcernTrendAsync(new TrendQuery(SchoolYearStart: 2025, To: new DateOnly(2025, 11, 24)));
        var all = await trends.GetConcernTrendAsync(new TrendQuery());
        Assert.Equal(Texts(QualityTables.ConcernsBySchool(current, previous, ThisYear)), Cells(cut.Find("[data-testid=concerns-school]")));
        Assert.Equal(Texts(QualityTables.ConcernsPerMonth(current, previous, ThisYear)), Cells(cut.Find("[data-testid=concerns-month]")));
        Assert.Equal(Texts(QualityTables.ConcernsPerSchoolYear(all)), Cells(cut.Find("[data-testid=concerns-year]")));
        Assert.Equal(["aug", "sep", "okt", "nov"], Cells(cut.Find("[data-testid=concerns-month]")).Select(r => r[0]));
        Assert.Equal(2, Cells(cut.Find("[data-testid=concerns-school]")).Length);

        Assert.Equal("Signaleringen", cut.Find("[data-testid=quality-view-title]").TextContent.Trim());
        Assert.StartsWith("Schooljaar 2026-2027 tot en met vandaag, naast dezelfde periode in 2025-2026 · ",
            cut.Find("[data-testid=quality-selection]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("page", cut.Find("[data-testid=quality-view-signaleringen]").GetAttribute("aria-current"));
        Assert.Equal("/kwaliteit/cyclus", cut.Find("[data-testid=quality-cycle-link]").GetAttribute("href"));
        Assert.Equal(2, cut.FindAll("[data-testid=quality-schools] .mud-chip").Count);
        Assert.Contains("no-print", cut.Find("[data-testid=quality-filters]").ClassName, StringComparison.Ordinal);
        Assert.Contains("no-print", cut.Find("[data-testid=quality-views]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filters_are_read_from_the_URL_and_kept_in_every_view_link()
    {
        var a = Database.SchoolId(Logins.SchoolA);
        Open($"?weergave=snelheid&scholen={Id(a)}&jaar=2026&van=2026-09-01&tot=2026-10-31");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-speed]")));
        Assert.Equal("Zorgsnelheid", cut.Find("[data-testid=quality-view-title]").TextContent.Trim());
        var trends = Database.Service<QualityTrendService>(Logins.Quality);
        var from = new DateOnly(2026, 9, 1);
        var to = new DateOnly(2026, 10, 31);
        var current = await trends.GetCareSpeedAsync(new TrendQuery([a], 2026, from, to));
        var previous = await trends.GetCareSpeedAsync(new TrendQuery([a], 2025, from.AddYears(-1), to.AddYears(-1)));
        var period = new TrendPeriod(2026, from, to);
        Assert.Equal(Texts(QualityTables.CareSpeedSteps(current, previous, period)), Cells(cut.Find("[data-testid=speed-steps]")));
        Assert.Single(Cells(cut.Find("[data-testid=speed-school]")));
        Assert.StartsWith("di 1 sep t/m za 31 okt (2026-2027), naast dezelfde periode in 2025-2026 · ",
            cut.Find("[data-testid=quality-selection]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/kwaliteit?weergave=signaleringen&scholen={Id(a)}&jaar=2026&van=2026-09-01&tot=2026-10-31",
            cut.Find("[data-testid=quality-view-signaleringen]").GetAttribute("href"));
        Assert.Equal("page", cut.Find("[data-testid=quality-view-snelheid]").GetAttribute("aria-current"));
    }

    [Fact]
    public void Choosing_schools_writes_them_to_the_URL_and_reloads_the_view_for_those_schools()
    {
        var a = Database.SchoolId(Logins.SchoolA);
        var b = Database.SchoolId(Logins.SchoolB);
        Open("");
        var cut = Render<QualityDashboard>();
        cut.WaitForAssertion(() => Assert.Equal(2, Cells(cut.Find("[data-testid=concerns-school]")).Length));

        cut.Find($"[data-testid=quality-school-{Id(b)}]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith($"/kwaliteit?weergave=signaleringen&scholen={Id(a)}", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Single(Cells(cut.Find("[data-testid=concerns-school]"))));
        using (var db = Database.CreateContext())
        {
            var selection = cut.Find("[data-testid=quality-selection]").TextContent;
            Assert.Contains(db.Schools.Single(s => s.Id == a).Name, selection, StringComparison.Ordinal);
            Assert.DoesNotContain(db.Schools.Single(s => s.Id == b).Name, selection, StringComparison.Ordinal);
        }

        cut.Find($"[data-testid=quality-school-{Id(b)}]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/kwaliteit?weergave=signaleringen", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(2, Cells(cut.Find("[data-testid=concerns-school]")).Length));
    }

    [Fact]
    public void Choosing_a_period_writes_it_to_the_URL_and_the_whole_year_button_clears_it()
    {
        Open("?jaar=2026");
        var cut = Render<QualityDashboard>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-concerns]")));

        cut.Find("[data-testid=quality-from] input").Change("2026-09-01");

        cut.WaitForAssertion(() => Assert.EndsWith("/kwaliteit?weergave=signaleringen&jaar=2026&van=2026-09-01", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(["sep", "okt", "nov"], Cells(cut.Find("[data-testid=concerns-month]")).Select(r => r[0])));

        cut.Find("[data-testid=quality-whole-year]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/kwaliteit?weergave=signaleringen&jaar=2026", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(4, Cells(cut.Find("[data-testid=concerns-month]")).Length));
    }

    /// <summary>Three concerns at school X (fresh, see <see cref="QualityWorld"/>), each acknowledged after one day.</summary>
    private QualityWorld ThreeAcknowledgedConcernsAtX()
    {
        var w = new QualityWorld(Database);
        for (var i = 0; i < 3; i++)
        {
            var raised = new DateTime(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc);
            w.Concern(w.Group3, Domain.Concerns.DevelopmentArea.Cognitive, raised, acknowledgedAt: raised.AddDays(1));
        }

        return w;
    }

    [Fact]
    public void The_care_coordinator_sees_the_speed_of_three_concerns_that_the_quality_coordinator_sees_as_less_than_five()
    {
        var w = ThreeAcknowledgedConcernsAtX();
        SignInAs(Logins.CareCoordinator);
        Open($"?weergave=snelheid&scholen={Id(w.SchoolX)}");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=speed-school]")));
        var row = Assert.Single(Cells(cut.Find("[data-testid=speed-school]")));
        Assert.Equal(["Kwaliteitsschool X", "1,0", "1,0"], row[..3]);
    }

    [Fact]
    public void The_quality_coordinator_sees_the_same_speed_as_less_than_five()
    {
        var w = ThreeAcknowledgedConcernsAtX();
        Open($"?weergave=snelheid&scholen={Id(w.SchoolX)}");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=speed-school]")));
        var row = Assert.Single(Cells(cut.Find("[data-testid=speed-school]")));
        Assert.Equal(["Kwaliteitsschool X", "<5", "<5"], row[..3]);
    }

    /// <summary>X 2026-2027: 12 pupils at level 1, 2 at level 2, 6 at level 3.</summary>
    private TrendWorld LevelsAtX()
    {
        var w = new TrendWorld(Database);
        for (var i = 0; i < 12; i++)
            w.NewPupil(w.Group3);
        for (var i = 0; i < 2; i++)
            w.LevelChange(w.SchoolX, w.NewPupil(w.Group3), 1, 2, new DateTime(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc));
        for (var i = 0; i < 6; i++)
            w.LevelChange(w.SchoolX, w.NewPupil(w.Group3), 1, 3, new DateTime(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc));
        return w;
    }

    [Fact]
    public void The_levels_per_school_hide_a_second_level_for_the_quality_coordinator_so_the_total_gives_nothing_away()
    {
        var w = LevelsAtX();
        Open($"?weergave=niveaus&scholen={Id(w.SchoolX)}");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=levels-school]")));
        Assert.Equal(["Kwaliteitsschool X", "12", "<5", "<5", "0", "0", "20"], Assert.Single(Cells(cut.Find("[data-testid=levels-school]"))));
        Assert.StartsWith("Schooljaar 2026-2027 tot en met vandaag, naast 2025-2026 tot en met dezelfde dag · ",
            cut.Find("[data-testid=quality-selection]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_IBer_sees_every_level_of_the_same_school()
    {
        var w = LevelsAtX();
        SignInAs(Logins.CareCoordinator);
        Open($"?weergave=niveaus&scholen={Id(w.SchoolX)}");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=levels-school]")));
        Assert.Equal(["Kwaliteitsschool X", "12", "2", "6", "0", "0", "20"], Assert.Single(Cells(cut.Find("[data-testid=levels-school]"))));
    }

    [Fact]
    public void Last_years_levels_are_taken_on_the_same_day_a_year_earlier_while_this_year_runs_on()
    {
        // Group "2025" at X: 5 pupils, one goes 1 -> 3 on 1 Feb 2026 (after 24 Nov 2025): on 24 Nov 2025 all at level 1.
        var w = new TrendWorld(Database);
        var pupils = Enumerable.Range(0, 5).Select(_ => w.NewPupil(w.Group2025)).ToList();
        w.LevelChange(w.SchoolX, pupils[0], 1, 3, new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc));
        SignInAs(Logins.CareCoordinator);
        Open($"?weergave=niveaus&scholen={Id(w.SchoolX)}");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=levels-distribution]")));
        var lastYear = Cells(cut.Find("[data-testid=levels-distribution]")).Select(r => r[1]).ToArray();
        Assert.Equal(["5", "0", "0", "0", "0"], lastYear[..5]);
    }

    [Fact]
    public void A_view_that_fails_to_load_says_so_in_Dutch_and_loads_again_on_the_next_visit()
    {
        Open("");
        var cut = Render<QualityDashboard>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-concerns]")));
        using (var db = Database.CreateContext())
            db.Database.ExecuteSqlRaw("ALTER TABLE Consents RENAME TO ConsentsAway");

        Open("?weergave=toestemming");

        cut.WaitForAssertion(() => Assert.Equal("De cijfers konden niet worden geladen. Probeer het zo nog eens.",
            cut.Find("[data-testid=quality-view-error]").TextContent.Trim()));
        using (var db = Database.CreateContext())
            db.Database.ExecuteSqlRaw("ALTER TABLE ConsentsAway RENAME TO Consents");

        Open("?weergave=toestemming&opnieuw=1"); // the same filters: before, a failed load was never tried again

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-consents]")));
        Assert.Empty(cut.FindAll("[data-testid=quality-view-error]"));
    }

    [Fact]
    public void A_scope_that_fails_to_load_says_so_in_Dutch_and_is_loaded_again_on_the_next_visit()
    {
        using (var db = Database.CreateContext())
            db.Database.ExecuteSqlRaw("ALTER TABLE Boards RENAME TO BoardsAway");
        Open("");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.Equal("De cijfers konden niet worden geladen. Probeer het zo nog eens.",
            cut.Find("[data-testid=quality-error]").TextContent.Trim()));
        using (var db = Database.CreateContext())
            db.Database.ExecuteSqlRaw("ALTER TABLE BoardsAway RENAME TO Boards");

        Open("?opnieuw=1");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-concerns]")));
        Assert.Empty(cut.FindAll("[data-testid=quality-error]"));
    }

    [Fact]
    public void A_teacher_gets_a_warm_explanation_instead_of_figures()
    {
        SignInAs(Logins.TeacherA);
        Open("");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.Contains("Dit overzicht is er voor de kwaliteitscoördinator, de directie en de intern begeleider.",
            cut.Find("[data-testid=quality-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=quality-filters]"));
        Assert.Empty(cut.FindAll("section.trend-chart"));
        Assert.Empty(cut.FindAll("[data-testid=print]")); // no tools for a page they cannot use
        Assert.Empty(cut.FindAll("[data-testid=quality-cycle-link]"));
    }

    [Fact]
    public void The_boat_signal_view_hands_the_selected_schools_to_the_boat_signals_panel()
    {
        var a = Database.SchoolId(Logins.SchoolA);
        Open($"?weergave=bootsignaal&scholen={Id(a)}");
        var cut = Render<QualityDashboard>();

        cut.WaitForAssertion(() => Assert.Equal([a], cut.FindComponent<BoatSignalsPanel>().Instance.SchoolIds));
        Assert.Equal("Bootsignaal", cut.Find("[data-testid=quality-view-title]").TextContent.Trim());
        Assert.Empty(cut.FindAll("section.trend-chart"));
    }

    [Fact]
    public void Afdrukken_opens_the_browsers_print_dialog()
    {
        Open("");
        var cut = Render<QualityDashboard>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trend-concerns]")));

        cut.Find("[data-testid=print]").Click();

        JSInterop.VerifyInvoke("print");
    }
}
