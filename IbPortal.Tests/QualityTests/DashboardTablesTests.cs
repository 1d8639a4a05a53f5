using IbPortal.Domain.Quality;
using IbPortal.Quality;
using static IbPortal.Tests.QualityTests.DashboardModels;

namespace IbPortal.Tests.QualityTests;

/// <summary>The dashboard's tables (as shown and exported), its URL filters and its readings in words.</summary>
public class DashboardTablesTests
{
    private static string[][] Texts(QualityTable table) => table.Rows.Select(r => r.Select(c => c.Text).ToArray()).ToArray();

    [Fact]
    public void Concerns_per_month_has_a_row_per_month_of_the_period_with_this_and_last_year_and_keeps_suppressed_as_text()
    {
        var table = QualityTables.ConcernsPerMonth(CurrentConcerns(), PreviousConcerns(), Period);

        Assert.Equal(["Maand", "2026-2027", "2025-2026"], table.Columns);
        Assert.Equal(
            [["aug", "0", "0"], ["sep", "12", "6"], ["okt", "<5", "8"], ["nov", "11", "5"]],
            Texts(table));
        var october = table.Rows[2];
        Assert.Null(october[1].Number);
        Assert.Equal(8, october[2].Number);
        Assert.Equal("signaleringen-per-maand", table.FileName);
    }

    [Fact]
    public void Concerns_by_area_sub_area_school_grade_and_group_use_Dutch_labels_and_zero_for_absent_keys()
    {
        var now = CurrentConcerns();
        var before = PreviousConcerns();

        Assert.Equal(
            [["Cognitief", "<5", "7"], ["Sociaal-emotioneel", "24", "12"], ["Cognitief en sociaal-emotioneel", "0", "0"]],
            Texts(QualityTables.ConcernsByArea(now, before, Period)));
        Assert.Equal([["Lezen", "8", "3"], ["Welbevinden", "<5", "0"]], Texts(QualityTables.ConcernsBySubArea(now, before, Period)));
        Assert.Equal([["Kwaliteitsschool X", "20", "10"], ["Kwaliteitsschool Y", "<5", "9"]], Texts(QualityTables.ConcernsBySchool(now, before, Period)));
        Assert.Equal([["Groep 3", "9", "10"], ["Groep 4", "11", "9"], ["Groep 6", "<5", "0"]], Texts(QualityTables.ConcernsByGrade(now, before, Period)));
        Assert.Equal(
            [["Kwaliteitsschool X", "Groep 3", "9"], ["Kwaliteitsschool X", "Groep 4/5", "11"], ["Kwaliteitsschool Y", "Groep 6", "<5"]],
            Texts(QualityTables.ConcernsByGroup(now, Period)));
        Assert.Equal([["2024-2025", "<5"], ["2025-2026", "40"], ["2026-2027", "28"]], Texts(QualityTables.ConcernsPerSchoolYear(AllYearsConcerns())));
    }

    [Fact]
    public void Care_speed_tables_show_days_with_one_decimal_and_suppressed_steps_as_less_than_five()
    {
        var steps = QualityTables.CareSpeedSteps(CurrentSpeed(), PreviousSpeed(), Period);

        Assert.Equal("Mediaan 2026-2027", steps.Columns[1]);
        Assert.Equal(
            [
                ["Tot gezien", "1,5", "4,0", "20", "2,0", "5,5", "18"],
                ["Tot eerste bespreking", "10,3", "21,0", "12", "12,0", "30,0", "10"],
                ["Tot eerste planstap", "<5", "<5", "<5", "20,0", "40,0", "6"],
            ],
            Texts(steps));
        Assert.Equal(1.5, steps.Rows[0][1].Number);
        Assert.Null(steps.Rows[2][1].Number);

        var bySchool = QualityTables.CareSpeedBySchool(CurrentSpeed(), Period);
        Assert.Equal(
            [
                ["Kwaliteitsschool X", "1,0", "3,0", "9,0", "20,0", "<5", "<5"],
                ["Kwaliteitsschool Y", "2,5", "6,0", "<5", "<5", "<5", "<5"],
            ],
            Texts(bySchool));
    }

    [Fact]
    public void Level_evaluation_coverage_and_consent_tables_hold_the_figures_as_shown()
    {
        Assert.Equal(
            [["Niveau 1", "300", "290"], ["Niveau 2", "60", "62"], ["Niveau 3", "30", "45"], ["Niveau 4", "10", "<5"], ["Niveau 5", "0", "0"], ["Totaal leerlingen", "400", "410"]],
            Texts(QualityTables.LevelDistribution(SupportLevels())));
        Assert.Equal(
            [["Kwaliteitsschool X", "130", "40", "30", "0", "0", "200"], ["Kwaliteitsschool Y", "160", "22", "15", "<5", "0", "210"]],
            Texts(QualityTables.LevelsBySchool(SupportLevels(), Period)));
        Assert.Equal([["2025-2026", "25", "8"], ["2026-2027", "18", "<5"]], Texts(QualityTables.LevelChanges(SupportLevels())));

        Assert.Equal([["2025-2026", "11", "5", "4", "20"], ["2026-2027", "15", "6", "<5", "25"]], Texts(QualityTables.Evaluations(Evaluations())));
        Assert.Equal(
            [["Kwaliteitsschool X", "10", "5", "0", "15"], ["Kwaliteitsschool Y", "5", "<5", "<5", "10"]],
            Texts(QualityTables.EvaluationsBySchool(Evaluations(), Period)));

        Assert.Equal(
            [["Kwaliteitsschool X", "12", "12", "100%", "14", "80%"], ["Kwaliteitsschool Y", "8", "3", "38%", "4", "40%"], ["Alle scholen", "20", "15", "75%", "18", "60%"]],
            Texts(QualityTables.VisitCoverage(Coverage(), Period)));

        Assert.Equal(
            [
                ["Aangevraagd", "30", "25"], ["Wacht op antwoord", "6", "0"], ["Gegeven", "20", "19"], ["Geweigerd", "<5", "6"],
                ["Doorlooptijd mediaan (dagen)", "3,5", "5,0"], ["Doorlooptijd P90 (dagen)", "9,0", "14,0"],
            ],
            Texts(QualityTables.Consents(CurrentConsents(), PreviousConsents(), Period)));
        Assert.Equal(
            [["Kwaliteitsschool X", "22", "5", "15", "<5", "3,0", "8,0"], ["Kwaliteitsschool Y", "8", "<5", "5", "0", "<5", "<5"]],
            Texts(QualityTables.ConsentsBySchool(CurrentConsents(), Period)));
    }

    [Fact]
    public void The_filters_are_read_from_the_URL_values_and_written_back_with_the_defaults_left_out()
    {
        var filter = TrendFilter.Parse("snelheid", "7", "2,1,x,2", "2025", "2025-09-01", "2025-12-31");

        Assert.Equal(TrendView.Snelheid, filter.View);
        Assert.Equal(7, filter.BoardId);
        Assert.Equal([2, 1], filter.SchoolIds);
        Assert.Equal(2025, filter.SchoolYear);
        Assert.Equal(new DateOnly(2025, 9, 1), filter.From);
        Assert.Equal("/kwaliteit?weergave=snelheid&bestuur=7&scholen=1,2&jaar=2025&van=2025-09-01&tot=2025-12-31", filter.ToUrl());

        var fallback = TrendFilter.Parse("onbekend", "abc", "", null, "1-9-2025", null);
        Assert.Equal(TrendFilter.Default, fallback);
        Assert.Equal("/kwaliteit?weergave=signaleringen", fallback.ToUrl());
    }

    [Fact]
    public void The_period_is_clipped_to_the_selected_school_year_and_the_year_must_be_one_the_viewer_can_choose()
    {
        var scope = new TrendScope([new TrendBoard(7, "Bestuur")], [X, Y], [2024, 2025, 2026], 2026);

        Assert.Equal(2025, TrendFilter.Parse(null, null, null, "2025", null, null).YearIn(scope));
        Assert.Equal(2026, TrendFilter.Parse(null, null, null, "1999", null, null).YearIn(scope));
        Assert.Equal((new DateOnly(2026, 8, 1), new DateOnly(2026, 12, 31)),
            TrendFilter.Parse(null, null, null, null, "2020-01-01", "2026-12-31").PeriodIn(2026));
        Assert.Equal([Y], TrendFilter.Parse(null, null, "2", null, null, null).SchoolsIn(scope));
        Assert.Equal([X, Y], TrendFilter.Parse(null, null, "99", null, null, null).SchoolsIn(scope));
    }

    [Fact]
    public void A_board_in_the_URL_narrows_the_schools_to_that_boards()
    {
        var z = new TrendSchool(3, "Andere school Z", "QZ", "#455A64", false, 8);
        var scope = new TrendScope([new TrendBoard(7, "Bestuur A"), new TrendBoard(8, "Bestuur B")], [X, Y, z], [2026], 2026);

        Assert.Equal([z], TrendFilter.Parse(null, "8", null, null, null, null).SchoolsIn(scope));
        Assert.Equal([X, Y], TrendFilter.Parse(null, "7", null, null, null, null).SchoolsIn(scope));
        // A school of another board than the chosen one is not shown: the board's schools are.
        Assert.Equal([z], TrendFilter.Parse(null, "8", "1", null, null, null).SchoolsIn(scope));
        Assert.Equal("/kwaliteit?weergave=niveaus&bestuur=8", (TrendFilter.Default with { View = TrendView.Niveaus, BoardId = 8 }).ToUrl());
    }

    [Theory]
    [InlineData(12, 24, "Sociaal-emotionele signaleringen zijn dit jaar verdubbeld (12 → 24).")]
    [InlineData(10, 25, "Sociaal-emotionele signaleringen zijn dit jaar meer dan verdubbeld (10 → 25).")]
    [InlineData(10, 14, "Sociaal-emotionele signaleringen zijn dit jaar gestegen (10 → 14).")]
    [InlineData(10, 10, "Sociaal-emotionele signaleringen zijn dit jaar gelijk gebleven (10 → 10).")]
    [InlineData(10, 7, "Sociaal-emotionele signaleringen zijn dit jaar gedaald (10 → 7).")]
    [InlineData(10, 5, "Sociaal-emotionele signaleringen zijn dit jaar gehalveerd (10 → 5).")]
    [InlineData(0, 6, "Sociaal-emotionele signaleringen zijn dit jaar 6, vorig jaar in dezelfde periode geen.")]
    public void A_change_is_read_in_words_with_both_figures(int before, int now, string expected) =>
        Assert.Equal(expected, TrendReading.Change("Sociaal-emotionele signaleringen", N(now), N(before)));

    [Fact]
    public void A_change_with_a_suppressed_figure_reveals_neither_the_number_nor_the_direction()
    {
        var reading = TrendReading.Change("Signaleringen", Hidden, N(12));

        Assert.Equal("Signaleringen: in een van beide jaren minder dan vijf leerlingen, daarom geen vergelijking.", reading);
        Assert.Equal(
            "Signaleringen over lezen zijn dit jaar meer dan verdubbeld (3 → 8).",
            TrendReading.LargestChange([("Signaleringen over welbevinden", Hidden, N(30)), ("Signaleringen over lezen", N(8), N(3))]));
        Assert.Null(TrendReading.LargestChange([("Signaleringen", Hidden, N(30))]));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 2)]
    [InlineData(28, 5)]
    [InlineData(45, 10)]
    [InlineData(410, 100)]
    public void A_chart_gets_at_most_about_six_ticks_in_round_steps(double max, int step) =>
        Assert.Equal(step, TrendChart.TickStep(max));
}
