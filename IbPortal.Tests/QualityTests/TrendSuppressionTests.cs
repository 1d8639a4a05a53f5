using IbPortal.Domain.Concerns;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// Complementary suppression (review F2): a single "&lt;5" that could be recovered from a shown total minus the other
/// parts gets company; and the fair previous-year comparison of consents (F5): the state as of the period's last day.
/// </summary>
public sealed class TrendSuppressionTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly TrendWorld _w;

    public TrendSuppressionTests() => _w = new TrendWorld(_db);

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int year, int month, int day, int hour = 8) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private QualityTrendService As(string login) => _db.Service<QualityTrendService>(login);

    /// <summary>A one-line table: the parts (pupils) and their sum as the total.</summary>
    private static (string Total, string[] Parts) Partition(bool rights, params int[] parts)
    {
        var table = new SmallCountTable();
        var total = table.Add(parts.Sum(), rights);
        var cells = parts.Select(p => table.Add(p, rights)).ToList();
        table.Sum(total, cells);
        return (table.Figure(total).Display, cells.Select(c => table.Figure(c).Display).ToArray());
    }

    // ---------- the helper ----------

    [Fact]
    public void A_single_hidden_level_takes_the_smallest_other_non_zero_level_with_it_for_the_quality_coordinator()
    {
        var (total, parts) = Partition(false, 30, 3, 12, 0, 7);

        Assert.Equal("52", total);
        Assert.Equal(["30", "<5", "12", "0", "<5"], parts);
    }

    [Fact]
    public void The_IBer_sees_every_part_of_the_same_levels()
    {
        var (total, parts) = Partition(true, 30, 3, 12, 0, 7);

        Assert.Equal("52", total);
        Assert.Equal(["30", "3", "12", "0", "7"], parts);
    }

    [Fact]
    public void Two_hidden_parts_that_add_up_to_fewer_than_five_take_a_third_with_them()
    {
        var (total, parts) = Partition(false, 1, 1, 20, 9);

        Assert.Equal("31", total);
        Assert.Equal(["<5", "<5", "20", "<5"], parts);
    }

    [Fact]
    public void Parts_that_are_shown_anyway_stay_shown_and_nothing_is_hidden_without_a_small_part()
    {
        Assert.Equal(["<5", "<5", "<5", "<5"], Partition(false, 2, 3, 1, 4).Parts);
        Assert.Equal(["5", "0", "12"], Partition(false, 5, 0, 12).Parts);
    }

    [Fact]
    public void A_hidden_part_without_another_part_to_hide_hides_the_total()
    {
        var table = new SmallCountTable();
        var total = table.Add(9, 9, false);
        var small = table.Add(3, false);
        var mine = table.Add(6, true); // the viewer knows this one: hiding it protects nothing
        table.Sum(total, [small, mine]);

        Assert.True(table.Figure(total).Suppressed);
        Assert.True(table.Figure(small).Suppressed);
        Assert.Equal(6, table.Figure(mine).Value);
    }

    [Fact]
    public void A_hidden_school_cell_is_protected_in_its_row_and_in_its_column()
    {
        // Two schools × two levels, with the schools' totals and All's levels: school 1 has 3 at level 2.
        var table = new SmallCountTable();
        int[][] cells = [[table.Add(20, false), table.Add(3, false)], [table.Add(15, false), table.Add(8, false)]];
        var rows = new[] { table.Add(23, false), table.Add(23, false) };
        var columns = new[] { table.Add(35, false), table.Add(11, false) };
        var all = table.Add(46, false);
        table.Sum(rows[0], cells[0]);
        table.Sum(rows[1], cells[1]);
        table.Sum(columns[0], [cells[0][0], cells[1][0]]);
        table.Sum(columns[1], [cells[0][1], cells[1][1]]);
        table.Sum(all, rows);
        table.Sum(all, columns);

        // Row 1 hides the 20 with the 3, column 1 then the 15, column 2 the 8: every row and column has two hidden.
        Assert.All([cells[0][0], cells[0][1], cells[1][0], cells[1][1]], c => Assert.True(table.Figure(c).Suppressed));
        Assert.All([.. rows, .. columns, all], c => Assert.False(table.Figure(c).Suppressed));
    }

    /// <summary>
    /// Schools × levels 1–5 as the support-level distribution builds them (All's total and levels, each school's total
    /// and levels), with the sums between them; the figures as shown and whether any hidden one is one subtraction away.
    /// </summary>
    private static (SmallCountTable Table, List<(int Total, int[] Parts)> Sums, int All, int[] AllLevels, int[] Schools, int[][] Levels)
        SchoolsByLevels(int[][] pupils)
    {
        var table = new SmallCountTable();
        var sums = new List<(int, int[])>();
        var all = table.Add(pupils.Sum(s => s.Sum()), false);
        var allLevels = Enumerable.Range(0, 5).Select(l => table.Add(pupils.Sum(s => s[l]), false)).ToArray();
        var schools = pupils.Select(s => table.Add(s.Sum(), false)).ToArray();
        var levels = pupils.Select(s => s.Select(n => table.Add(n, false)).ToArray()).ToArray();
        void Sum(int total, int[] parts)
        {
            table.Sum(total, parts);
            sums.Add((total, parts));
        }

        Sum(all, allLevels);
        Sum(all, schools);
        for (var i = 0; i < pupils.Length; i++)
            Sum(schools[i], levels[i]);
        for (var l = 0; l < 5; l++)
            Sum(allLevels[l], levels.Select(s => s[l]).ToArray());
        return (table, sums, all, allLevels, schools, levels);
    }

    /// <summary>A sum with exactly one hidden figure (counting the total) gives that figure away by one subtraction.</summary>
    private static void AssertNoSingleHiddenFigure(SmallCountTable table, IEnumerable<(int Total, int[] Parts)> sums) =>
        Assert.All(sums, s => Assert.NotEqual(1, s.Parts.Append(s.Total).Count(c => table.Figure(c).Suppressed)));

    [Fact]
    public void A_hidden_school_total_takes_one_of_its_levels_with_it_so_the_levels_do_not_rebuild_it()
    {
        // S1 290 (100, 100, 50, 40), S2 10 (5, 5), S3 3 (level 3), S4 13 (6 at 3, 7 at 4). S3's 3 is hidden in the
        // schools' column; its level 3 must be hidden too, or S3 = its level 3 and the schools give nothing.
        int[][] pupils = [[100, 100, 50, 40, 0], [5, 5, 0, 0, 0], [0, 0, 3, 0, 0], [0, 0, 6, 7, 0]];
        var (table, sums, all, allLevels, schools, levels) = SchoolsByLevels(pupils);

        AssertNoSingleHiddenFigure(table, sums);
        Assert.True(table.Figure(schools[2]).Suppressed);
        Assert.True(table.Figure(levels[2][2]).Suppressed);
        Assert.Equal("316", table.Figure(all).Display);
        // S3's level 3 is hidden in level 3's column too: S4's 6 there goes with it (and so on, until every sum holds).
        Assert.True(table.Figure(levels[3][2]).Suppressed);
    }

    [Fact]
    public void The_IBer_sees_the_same_schools_and_levels_in_full()
    {
        var table = new SmallCountTable();
        var total = table.Add(3, true);
        var part = table.Add(3, true);
        table.Sum(total, [part]);

        Assert.Equal(["3", "3"], [table.Figure(total).Display, table.Figure(part).Display]);
    }

    [Fact]
    public void Hidden_parts_of_records_that_concern_fewer_than_five_distinct_pupils_take_another_part_with_them()
    {
        // Concerns: 3 and 4 records of the same three pupils (hidden: 3 pupils each), 6 of five others, 17 of ten.
        // The two hidden parts count 7 records but 3 distinct pupils: their sum is still a small count of pupils.
        var table = new SmallCountTable();
        var total = table.Add(30, Enumerable.Range(1, 12).ToHashSet(), false);
        var a = table.Add(3, new HashSet<int> { 1, 2, 3 }, false);
        var b = table.Add(4, new HashSet<int> { 1, 2, 3 }, false);
        var c = table.Add(6, new HashSet<int> { 4, 5, 6, 7, 8 }, false);
        var d = table.Add(17, Enumerable.Range(1, 10).ToHashSet(), false);
        table.Sum(total, [a, b, c, d]);

        Assert.Equal(["30", "<5", "<5", "<5", "17"], new[] { total, a, b, c, d }.Select(x => table.Figure(x).Display));
    }

    [Fact]
    public void Hidden_parts_with_pupil_counts_only_are_counted_by_the_sum_of_their_pupils()
    {
        // 3 records of 1 pupil and 4 records of 2 pupils: 7 records, at most 3 pupils.
        var table = new SmallCountTable();
        var total = table.Add(30, 12, false);
        var a = table.Add(3, 1, false);
        var b = table.Add(4, 2, false);
        var c = table.Add(6, 5, false);
        var d = table.Add(17, 10, false);
        table.Sum(total, [a, b, c, d]);

        Assert.Equal(["30", "<5", "<5", "<5", "17"], new[] { total, a, b, c, d }.Select(x => table.Figure(x).Display));
    }

    // ---------- applied where the figures are built ----------

    /// <summary>At X in 2026-2027 (group 3): 12 pupils at level 1, 2 at level 2, 6 at level 3; nobody at Y.</summary>
    private void SetUpLevels()
    {
        for (var i = 0; i < 12; i++)
            _w.NewPupil(_w.Group3);
        for (var i = 0; i < 2; i++)
            _w.LevelChange(_w.SchoolX, _w.NewPupil(_w.Group3), 1, 2, Utc(2026, 9, 10));
        for (var i = 0; i < 6; i++)
            _w.LevelChange(_w.SchoolX, _w.NewPupil(_w.Group3), 1, 3, Utc(2026, 9, 10));
    }

    private static string[] Levels(LevelDistribution d) => [.. Enumerable.Range(1, 5).Select(l => d.ByLevel[l].Display)];

    [Fact]
    public async Task The_quality_coordinator_cannot_recover_a_hidden_level_from_the_pupils_of_the_school_or_of_all()
    {
        SetUpLevels();

        var year = (await As(Logins.Quality).GetSupportLevelsAsync(new TrendQuery(_w.Both, SchoolYearStart: 2026))).SchoolYears.Single();

        Assert.Equal("20", year.All.Pupils.Display);
        Assert.Equal(["12", "<5", "<5", "0", "0"], Levels(year.All));
        Assert.Equal("20", year.BySchool[_w.SchoolX].Pupils.Display);
        Assert.Equal(["12", "<5", "<5", "0", "0"], Levels(year.BySchool[_w.SchoolX]));
    }

    [Fact]
    public async Task The_IBer_sees_the_same_levels_in_full()
    {
        SetUpLevels();

        var year = (await As(Logins.CareCoordinator).GetSupportLevelsAsync(new TrendQuery(_w.Both, SchoolYearStart: 2026))).SchoolYears.Single();

        Assert.Equal(["12", "2", "6", "0", "0"], Levels(year.All));
        Assert.Equal(["12", "2", "6", "0", "0"], Levels(year.BySchool[_w.SchoolX]));
    }

    [Fact]
    public async Task The_high_support_indicator_is_hidden_rather_than_computed_from_the_total_minus_the_low_levels()
    {
        SetUpLevels();

        var quality = await _db.Service<QualityIndicatorService>(Logins.Quality)
            .MeasureAsync(_w.SchoolX, 2026, QualityIndicator.HighSupportLevelPercent);
        var ib = await _db.Service<QualityIndicatorService>(Logins.CareCoordinator)
            .MeasureAsync(_w.SchoolX, 2026, QualityIndicator.HighSupportLevelPercent);

        Assert.True(quality.Suppressed);
        Assert.Null(quality.Value);
        Assert.Equal(30.0, ib.Value);
    }

    [Fact]
    public async Task A_single_hidden_evaluation_result_hides_the_smallest_other_result_too()
    {
        // X 2026-2027: 6 pupils achieved, 2 partly achieved, none not achieved.
        for (var i = 0; i < 6; i++)
            _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group3), (EvaluationResult.Achieved, D(2026, 10, 1)));
        for (var i = 0; i < 2; i++)
            _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group3), (EvaluationResult.PartlyAchieved, D(2026, 10, 1)));
        var query = new TrendQuery(_w.Both, SchoolYearStart: 2026);

        var quality = (await As(Logins.Quality).GetEvaluationsAsync(query)).SchoolYears.Single().BySchool[_w.SchoolX];
        var ib = (await As(Logins.CareCoordinator).GetEvaluationsAsync(query)).SchoolYears.Single().BySchool[_w.SchoolX];

        Assert.Equal(["<5", "<5", "0", "8"], [quality.Achieved.Display, quality.PartlyAchieved.Display, quality.NotAchieved.Display, quality.Total.Display]);
        Assert.Equal(["6", "2", "0", "8"], [ib.Achieved.Display, ib.PartlyAchieved.Display, ib.NotAchieved.Display, ib.Total.Display]);
    }

    [Fact]
    public async Task A_single_hidden_consent_state_hides_the_smallest_other_and_the_turnaround_that_would_give_it_away()
    {
        // X: 7 requests given on 1 Oct, 3 refused on 2 Oct, 6 still awaiting.
        for (var i = 0; i < 7; i++)
            _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group3), Utc(2026, 9, 1), ConsentState.Given, D(2026, 10, 1));
        for (var i = 0; i < 3; i++)
            _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group3), Utc(2026, 9, 1), ConsentState.Refused, D(2026, 10, 2));
        for (var i = 0; i < 6; i++)
            _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group3), Utc(2026, 9, 1), ConsentState.Requested);
        var query = new TrendQuery(_w.Both, SchoolYearStart: 2026);

        var quality = (await As(Logins.Quality).GetConsentsAsync(query)).BySchool[_w.SchoolX];
        var ib = (await As(Logins.CareCoordinator).GetConsentsAsync(query)).BySchool[_w.SchoolX];

        Assert.Equal(["16", "<5", "7", "<5"], [quality.Requested.Display, quality.Awaiting.Display, quality.Given.Display, quality.Refused.Display]);
        Assert.True(quality.Turnaround.Suppressed);
        Assert.Equal(["16", "6", "7", "3"], [ib.Requested.Display, ib.Awaiting.Display, ib.Given.Display, ib.Refused.Display]);
        Assert.Equal(10, ib.Turnaround.Count.Value);
    }

    [Fact]
    public async Task Last_years_consents_are_counted_as_they_stood_on_the_same_day_last_year()
    {
        // Requested in Oct 2025: one answered before 24 Nov 2025, one after, one never.
        _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group2025), Utc(2025, 10, 1), ConsentState.Given, D(2025, 11, 1));
        _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group2025), Utc(2025, 10, 1), ConsentState.Refused, D(2025, 12, 1));
        _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group2025), Utc(2025, 10, 1), ConsentState.Requested);
        var service = As(Logins.CareCoordinator);

        var sameDay = (await service.GetConsentsAsync(new TrendQuery(_w.Both, 2025, To: D(2025, 11, 24)))).All;
        var wholeYear = (await service.GetConsentsAsync(new TrendQuery(_w.Both, 2025))).All;

        Assert.Equal([3, 2, 1, 0], [sameDay.Requested.Value, sameDay.Awaiting.Value, sameDay.Given.Value, sameDay.Refused.Value]);
        Assert.Equal(1, sameDay.Turnaround.Count.Value);
        Assert.Equal([3, 1, 1, 1], [wholeYear.Requested.Value, wholeYear.Awaiting.Value, wholeYear.Given.Value, wholeYear.Refused.Value]);
    }

    [Fact]
    public async Task A_single_hidden_concern_area_group_or_school_is_not_recoverable_from_the_total()
    {
        // 2026-2027: 9 cognitive concerns in group 3 at X, 3 social-emotional in group 4/5 at X, 6 cognitive in group 6 at Y.
        for (var i = 0; i < 9; i++)
            _w.Quality.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 10, 5));
        for (var i = 0; i < 3; i++)
            _w.Quality.Concern(_w.Group45, DevelopmentArea.SocialEmotional, Utc(2026, 10, 5));
        for (var i = 0; i < 6; i++)
            _w.Quality.Concern(_w.Group6, DevelopmentArea.Cognitive, Utc(2026, 10, 5));
        var query = new TrendQuery(_w.Both, SchoolYearStart: 2026);

        var quality = (await As(Logins.Quality).GetConcernTrendAsync(query)).SchoolYears.Single().Counts;
        var ib = (await As(Logins.CareCoordinator).GetConcernTrendAsync(query)).SchoolYears.Single().Counts;

        Assert.Equal("18", quality.Total.Display);
        // Areas: 15 and 3: the 3 cannot hide alone, so the 15 goes too.
        Assert.Equal("<5", quality.ByArea[DevelopmentArea.SocialEmotional].Display);
        Assert.Equal("<5", quality.ByArea[DevelopmentArea.Cognitive].Display);
        // X's groups: 9 and 3 make X's 12: both hidden. Each grade has one group (grade = its group): grade 4's 3 takes
        // grade 6 with it, so group 6 goes (it would show grade 6), so Y (= group 6) goes, so X goes (schools to the
        // total); grade 3 goes with group 3 (it would show group 3's 9). Only the total stays.
        Assert.Equal("<5", quality.ByGroup[_w.Group45].Display);
        Assert.Equal("<5", quality.ByGroup[_w.Group3].Display);
        Assert.Equal("<5", quality.ByGroup[_w.Group6].Display);
        Assert.Equal("<5", quality.BySchool[_w.SchoolX].Display);
        Assert.Equal("<5", quality.BySchool[_w.SchoolY].Display);
        Assert.Equal(["<5", "<5", "<5"], [quality.ByGrade[3].Display, quality.ByGrade[4].Display, quality.ByGrade[6].Display]);
        // No grade shown next to a hidden group of that grade, or the other way round.
        foreach (var group in new[] { _w.Group3, _w.Group45, _w.Group6 })
        {
            var grade = (await As(Logins.Quality).GetConcernTrendAsync(query)).Groups.Single(g => g.Id == group).FirstGrade;
            Assert.Equal(quality.ByGroup[group].Suppressed, quality.ByGrade[grade].Suppressed);
        }

        Assert.Equal("3", ib.ByArea[DevelopmentArea.SocialEmotional].Display);
        Assert.Equal("3", ib.ByGroup[_w.Group45].Display);
    }

    [Fact]
    public async Task A_single_hidden_month_is_not_recoverable_from_the_school_year_minus_the_other_months()
    {
        // X 2026-2027: 8 concerns in October, 3 in November (each a different pupil).
        for (var i = 0; i < 8; i++)
            _w.Quality.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 10, 5));
        for (var i = 0; i < 3; i++)
            _w.Quality.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 11, 5));
        var query = new TrendQuery(_w.Both, SchoolYearStart: 2026);

        var quality = await As(Logins.Quality).GetConcernTrendAsync(query);
        var ib = await As(Logins.CareCoordinator).GetConcernTrendAsync(query);

        var year = quality.SchoolYears.Single().Counts;
        Assert.Equal("11", year.Total.Display);
        Assert.Equal(["<5", "<5"], quality.Months.Select(m => m.Counts.Total.Display));
        // Month by month also per area, school, group and grade: the year's 11 cognitive is not 8 + a hidden 3.
        Assert.All(quality.Months, m => Assert.True(m.Counts.ByArea[DevelopmentArea.Cognitive].Suppressed));
        Assert.All(quality.Months, m => Assert.True(m.Counts.ByGroup[_w.Group3].Suppressed));
        Assert.Equal([8, 3], ib.Months.Select(m => m.Counts.Total.Value!.Value));
        Assert.Equal(11, ib.SchoolYears.Single().Counts.Total.Value);
    }

    [Fact]
    public async Task Moved_up_counts_distinct_pupils_and_is_suppressed_by_them()
    {
        // Two pupils at X go up three times each (1 -> 2 -> 3 -> 4): six changes, two pupils.
        for (var p = 0; p < 2; p++)
        {
            var pupil = _w.NewPupil(_w.Group3);
            _w.LevelChange(_w.SchoolX, pupil, 1, 2, Utc(2026, 9, 1));
            _w.LevelChange(_w.SchoolX, pupil, 2, 3, Utc(2026, 9, 8));
            _w.LevelChange(_w.SchoolX, pupil, 3, 4, Utc(2026, 9, 15));
        }

        var query = new TrendQuery(_w.Both, SchoolYearStart: 2026);
        var ib = (await As(Logins.CareCoordinator).GetSupportLevelsAsync(query)).SchoolYears.Single();
        var quality = (await As(Logins.Quality).GetSupportLevelsAsync(query)).SchoolYears.Single();

        Assert.Equal(2, ib.MovedUp.Value);
        Assert.Equal("<5", quality.MovedUp.Display);
    }
}
