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
        block.QuerySelector("[data-testid=suppressed-note]")?.TextContent.Trim() == "<5: minder dan vijf leerlingen, niet getoond.";

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
}
