using AngleSharp.Dom;
using Bunit;
using IbPortal.Domain.Quality;
using IbPortal.Quality;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static IbPortal.Tests.QualityTests.DashboardModels;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// Each trend view rendered from hand-made figures: exact numbers, "&lt;5" for suppressed ones (never plotted), the
/// reading in words, and the table under every chart with its exports.
/// </summary>
public class DashboardViewTests : PortalComponentContext
{
    public DashboardViewTests() : base(Logins.Quality) { }

    private static IElement Block<T>(IRenderedComponent<T> cut, string testId) where T : class, IComponent =>
        cut.Find($"[data-testid={testId}]");

    private static string Reading(IElement block) => block.QuerySelector("[data-testid=reading]")!.TextContent.Trim();

    private static string[][] Cells(IElement block) => block.QuerySelectorAll("[data-testid=trend-table] tbody tr")
        .Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())
        .ToArray();

    /// <summary>The plotted values of a series; null where a point is left out.</summary>
    private static double?[] Plotted(ChartSeries<double> series) =>
        series.Data.Points.Select(p => p.HasValue ? p.Y : (double?)null).ToArray();

    private static bool HasNote(IElement block) =>
        block.QuerySelector("[data-testid=suppressed-note]")?.TextContent.Trim() ==
        "<5: niet getoond, omdat het om minder dan vijf leerlingen gaat, of omdat zo'n klein aantal anders uit het totaal te herleiden is.";

    /// <summary>Every chart block has a chart, a reading and a table with its export buttons.</summary>
    private static void EveryBlockIsComplete<T>(IRenderedComponent<T> cut, int blocks) where T : class, IComponent
    {
        var sections = cut.FindAll("section.trend-chart");
        Assert.Equal(blocks, sections.Count);
        Assert.All(sections, s =>
        {
            Assert.NotEmpty(s.QuerySelector("[data-testid=reading]")!.TextContent.Trim());
            Assert.NotNull(s.QuerySelector("[data-testid=trend-table] table"));
        });
        Assert.Equal(blocks, cut.FindComponents<ExportButtons>().Count);
    }

    [Fact]
    public void The_concerns_view_reads_the_change_per_area_shows_each_table_and_leaves_suppressed_figures_out_of_the_chart()
    {
        var cut = Render<TrendConcernsView>(p => p
            .Add(x => x.Current, CurrentConcerns())
            .Add(x => x.Previous, PreviousConcerns())
            .Add(x => x.AllYears, AllYearsConcerns())
            .Add(x => x.Period, Period));

        EveryBlockIsComplete(cut, 7);
        var month = Block(cut, "concerns-month");
        Assert.Equal("Signaleringen zijn dit jaar gestegen (19 → 28).", Reading(month));
        Assert.Equal([["aug", "0", "0"], ["sep", "12", "6"], ["okt", "<5", "8"], ["nov", "11", "5"]], Cells(month));
        Assert.True(HasNote(month));

        var area = Block(cut, "concerns-area");
        Assert.Equal("Sociaal-emotionele signaleringen zijn dit jaar verdubbeld (12 → 24).", Reading(area));
        Assert.Equal(["Cognitief", "<5", "7"], Cells(area)[0]);
        Assert.True(HasNote(area));

        Assert.Equal("De meeste signaleringen waren er in 2025-2026 (40).", Reading(Block(cut, "concerns-year")));
        Assert.Equal("Signaleringen over lezen zijn dit jaar meer dan verdubbeld (3 → 8).", Reading(Block(cut, "concerns-subarea")));
        Assert.Equal("Signaleringen bij Kwaliteitsschool X zijn dit jaar verdubbeld (10 → 20).", Reading(Block(cut, "concerns-school")));
        Assert.Equal("Signaleringen in groep 4 zijn dit jaar gestegen (9 → 11).", Reading(Block(cut, "concerns-grade")));
        Assert.Equal("De meeste signaleringen dit jaar: QX Groep 4/5 (11).", Reading(Block(cut, "concerns-group")));

        // The month chart: October this year is suppressed, so it is left out (null), never plotted as a number.
        var chart = cut.FindComponents<MudChart<double>>()[0];
        var thisYear = chart.Instance.ChartSeries[0];
        Assert.Equal("2026-2027", thisYear.Name);
        Assert.Equal([0, 12, null, 11], Plotted(thisYear));
    }

    [Fact]
    public void The_speed_view_shows_median_and_p90_in_days_this_year_against_last_year_and_schools_side_by_side()
    {
        var cut = Render<TrendSpeedView>(p => p
            .Add(x => x.Current, CurrentSpeed())
            .Add(x => x.Previous, PreviousSpeed())
            .Add(x => x.Period, Period));

        EveryBlockIsComplete(cut, 2);
        var steps = Block(cut, "speed-steps");
        Assert.Equal(
            "Een signalering werd dit jaar in de helft van de gevallen binnen 1,5 dagen gezien (vorig jaar 2,0 dagen), negen op de tien binnen 4,0 dagen.",
            Reading(steps));
        Assert.Equal(["Tot eerste planstap", "<5", "<5", "<5", "20,0", "40,0", "6"], Cells(steps)[2]);
        Assert.True(HasNote(steps));
        var medianThisYear = cut.FindComponents<MudChart<double>>()[0].Instance.ChartSeries[0];
        Assert.Equal("Mediaan 2026-2027", medianThisYear.Name);
        Assert.Equal([1.5, 10.3, null], Plotted(medianThisYear));

        var schools = Block(cut, "speed-school");
        Assert.Equal("Het snelst gezien bij Kwaliteitsschool X (1,0 dag), het langzaamst bij Kwaliteitsschool Y (2,5 dagen).", Reading(schools));
        Assert.Equal(["Kwaliteitsschool Y", "2,5", "6,0", "<5", "<5", "<5", "<5"], Cells(schools)[1]);
    }

    [Fact]
    public void The_levels_view_shows_the_distribution_per_year_stacked_per_school_and_the_moves_without_revealing_small_counts()
    {
        var cut = Render<TrendLevelsView>(p => p.Add(x => x.Trend, SupportLevels()).Add(x => x.Period, Period));

        EveryBlockIsComplete(cut, 3);
        var distribution = Block(cut, "levels-distribution");
        Assert.Equal("Leerlingen op niveau 3 zijn dit jaar gestegen (30 → 45).", Reading(distribution));
        Assert.Equal(["Niveau 4", "10", "<5"], Cells(distribution)[3]);
        Assert.True(HasNote(distribution));

        var school = Block(cut, "levels-school");
        Assert.Equal("Bij Kwaliteitsschool X krijgt 35% van de leerlingen extra ondersteuning (niveau 2 of hoger).", Reading(school));
        Assert.Equal(["Kwaliteitsschool Y", "160", "22", "15", "<5", "0", "210"], Cells(school)[1]);

        var moved = Block(cut, "levels-moved");
        Assert.Equal("Dit schooljaar gingen 18 leerlingen minstens één niveau omhoog en minder dan vijf minstens één niveau omlaag.", Reading(moved));
        Assert.Equal([["2025-2026", "25", "8"], ["2026-2027", "18", "<5"]], Cells(moved));
    }

    [Fact]
    public void The_evaluations_view_reads_the_share_achieved_against_last_year()
    {
        var cut = Render<TrendEvaluationsView>(p => p.Add(x => x.Trend, Evaluations()).Add(x => x.Period, Period));

        EveryBlockIsComplete(cut, 2);
        var year = Block(cut, "evaluations-year");
        Assert.Equal("Dit jaar is 60% van de geëvalueerde doelen behaald (vorig jaar 55%).", Reading(year));
        Assert.Equal(["2026-2027", "15", "6", "<5", "25"], Cells(year)[1]);
        Assert.True(HasNote(year));
        var school = Block(cut, "evaluations-school");
        Assert.Equal("Het meest behaald bij Kwaliteitsschool X (67%), het minst bij Kwaliteitsschool Y (50%).", Reading(school));
        Assert.Equal(["Kwaliteitsschool Y", "5", "<5", "<5", "10"], Cells(school)[1]);
    }

    [Fact]
    public void The_coverage_view_shows_the_percentage_of_teachers_visited_per_school_and_names_the_lowest()
    {
        var cut = Render<TrendCoverageView>(p => p.Add(x => x.Trend, Coverage()).Add(x => x.Period, Period));

        EveryBlockIsComplete(cut, 1);
        var block = Block(cut, "coverage-school");
        Assert.Equal("Dit jaar is 75% van de leerkrachten bezocht (vorig jaar 60%); het minst bij Kwaliteitsschool Y (38%).", Reading(block));
        Assert.Equal(["Alle scholen", "20", "15", "75%", "18", "60%"], Cells(block)[2]);
        Assert.False(HasNote(block));
        var thisYear = cut.FindComponents<MudChart<double>>()[0].Instance.ChartSeries[0];
        Assert.Equal([100, 37.5, 75], Plotted(thisYear));
    }

    [Fact]
    public void The_consents_view_shows_awaited_given_refused_and_the_turnaround()
    {
        var cut = Render<TrendConsentsView>(p => p
            .Add(x => x.Current, CurrentConsents())
            .Add(x => x.Previous, PreviousConsents())
            .Add(x => x.Period, Period));

        EveryBlockIsComplete(cut, 2);
        var year = Block(cut, "consents-year");
        Assert.Equal("6 gevraagde toestemmingen wachten nog op antwoord; de helft van de ouders antwoordde binnen 3,5 dagen, negen op de tien binnen 9,0 dagen.", Reading(year));
        Assert.Equal(["Geweigerd", "<5", "6"], Cells(year)[3]);
        Assert.True(HasNote(year));
        Assert.Equal([30, 6, 20, null], Plotted(cut.FindComponents<MudChart<double>>()[0].Instance.ChartSeries[0]));
        var school = Block(cut, "consents-school");
        Assert.Equal("De meeste open toestemmingen staan bij Kwaliteitsschool X (5).", Reading(school));
        Assert.Equal(["Kwaliteitsschool Y", "8", "<5", "5", "0", "<5", "<5"], Cells(school)[1]);
    }

    [Fact]
    public void A_view_without_any_figures_says_what_happens_next_instead_of_showing_an_empty_chart()
    {
        var empty = new ConcernTrend([X], [], [], []);

        var cut = Render<TrendConcernsView>(p => p
            .Add(x => x.Current, empty)
            .Add(x => x.Previous, empty)
            .Add(x => x.AllYears, empty)
            .Add(x => x.Period, Period));

        Assert.Equal("Signaleringen: dit jaar en vorig jaar geen.", Reading(Block(cut, "concerns-month")));
        Assert.Equal("Er zijn nog geen signaleringen; zodra leerkrachten signaleren, verschijnen ze hier.", Reading(Block(cut, "concerns-year")));
        Assert.Empty(cut.FindAll("[data-testid=suppressed-note]"));
    }

    [Fact]
    public void A_chart_with_many_groups_plots_the_twenty_highest_in_their_order_and_the_table_keeps_them_all()
    {
        var labels = Enumerable.Range(1, 25).Select(i => $"G{i}").ToList();
        var values = Enumerable.Range(1, 25).Select(i => (double?)(i == 3 ? 100 : i)).ToList();
        var table = new QualityTable("Veel groepen", ["Groep", "Aantal"], labels.Select(l => (IReadOnlyList<TableCell>)[TableCell.Of(l), TableCell.Of(1)]).ToList());

        var cut = Render<TrendChart>(p => p
            .Add(x => x.Title, "Veel groepen")
            .Add(x => x.Reading, "Lezing.")
            .Add(x => x.Labels, labels)
            .Add(x => x.Series, [new TrendSeries("2026-2027", values)])
            .Add(x => x.Table, table));

        var chart = cut.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(["G3", .. Enumerable.Range(7, 19).Select(i => $"G{i}")], chart.ChartLabels);
        Assert.Equal([100, .. Enumerable.Range(7, 19).Select(i => (double?)i)], Plotted(chart.ChartSeries[0]));
        Assert.Equal("De grafiek toont de 20 hoogste van 25; de tabel toont ze allemaal.", cut.Find("[data-testid=truncated-note]").TextContent.Trim());
        Assert.Equal(25, cut.FindAll("[data-testid=trend-table] tbody tr").Count);
    }
}
