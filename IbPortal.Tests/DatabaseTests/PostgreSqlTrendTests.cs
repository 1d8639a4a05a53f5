using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Tests.QualityTests;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>
/// The quality trend queries on PostgreSQL (needs the test server): months, school years and groupings as on SQLite,
/// with a concern at 30 Sep 23:59 and one at 1 Oct 00:00 (UTC) on either side of a month boundary.
/// </summary>
public sealed class PostgreSqlTrendTests : IDisposable
{
    private readonly TestDatabase _db = new PostgreSqlScratchDatabase("trend").CreateTestDatabase();
    private readonly QualityWorld _w;

    public PostgreSqlTrendTests() => _w = new QualityWorld(_db);

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int year, int month, int day, int hour = 8, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static string Shown<TKey>(IReadOnlyDictionary<TKey, CountFigure> counts, TKey key) where TKey : notnull =>
        counts.TryGetValue(key, out var figure) ? figure.Display : "0";

    [Fact]
    public async Task PostgreSql_concern_trend_counts_per_month_area_school_group_grade_and_school_year()
    {
        _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 6, 10));
        _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 6, 11));
        _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 9, 1));
        _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 9, 2));
        _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 9, 3));
        _w.Concern(_w.Group3, DevelopmentArea.SocialEmotional, Utc(2026, 9, 4));
        _w.Concern(_w.Group3, DevelopmentArea.SocialEmotional, Utc(2026, 9, 30, 23, 59));
        _w.Concern(_w.Group45, DevelopmentArea.Both, Utc(2026, 10, 1, 0, 0));
        _w.Concern(_w.Group45, DevelopmentArea.Both, Utc(2026, 10, 5));
        _w.Concern(_w.Group45, DevelopmentArea.Both, Utc(2026, 10, 6));
        _w.Concern(_w.Group45, DevelopmentArea.Both, Utc(2026, 10, 7));
        _w.Concern(_w.Group6, DevelopmentArea.Cognitive, Utc(2026, 10, 8));

        var trend = await _db.Service<QualityTrendService>(Logins.CareCoordinator).GetConcernTrendAsync(new TrendQuery(_w.Both));

        Assert.Equal([(2026, 6), (2026, 9), (2026, 10)], trend.Months.Select(m => (m.Year, m.Month)));
        var september = trend.Months[1].Counts;
        var october = trend.Months[2].Counts;
        Assert.Equal("2", trend.Months[0].Counts.Total.Display);
        Assert.Equal("5", september.Total.Display);
        Assert.Equal("3", Shown(september.ByArea, DevelopmentArea.Cognitive));
        Assert.Equal("2", Shown(september.ByArea, DevelopmentArea.SocialEmotional));
        Assert.Equal("5", Shown(september.ByGroup, _w.Group3));
        Assert.Equal("5", Shown(september.ByGrade, 3));
        Assert.Equal("5", october.Total.Display);
        Assert.Equal("4", Shown(october.ByArea, DevelopmentArea.Both));
        Assert.Equal("4", Shown(october.BySchool, _w.SchoolX));
        Assert.Equal("1", Shown(october.BySchool, _w.SchoolY));
        Assert.Equal("4", Shown(october.ByGrade, 4));
        Assert.Equal("1", Shown(october.ByGrade, 6));
        Assert.Equal([2025, 2026], trend.SchoolYears.Select(y => y.StartYear));
        Assert.Equal("2", trend.SchoolYears[0].Counts.Total.Display);
        Assert.Equal("10", trend.SchoolYears[1].Counts.Total.Display);
        Assert.Equal([_w.Group3, _w.Group45, _w.Group6], trend.Groups.Select(g => g.Id));
    }
}
