using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

public sealed class QualityTrendServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly QualityWorld _w;

    public QualityTrendServiceTests() => _w = new QualityWorld(_db);

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int year, int month, int day, int hour = 8, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private QualityTrendService As(string login) => _db.Service<QualityTrendService>(login);

    /// <summary>
    /// June 2026 (school year 2025-2026): 2 cognitive concerns in group 3 at X.
    /// September 2026: 5 in group 3 at X (3 cognitive, 2 social-emotional; the last on 30 Sep 23:59).
    /// October 2026: 4 "both" in group 4/5 at X (the first on 1 Oct 00:00) and 1 cognitive in group 6 at Y.
    /// </summary>
    private void RaiseTrendConcerns()
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
    }

    private static string Shown<TKey>(IReadOnlyDictionary<TKey, CountFigure> counts, TKey key) where TKey : notnull =>
        counts.TryGetValue(key, out var figure) ? figure.Display : "0";

    [Fact]
    public async Task The_IBer_sees_exact_concern_counts_per_month_area_school_group_and_grade()
    {
        RaiseTrendConcerns();

        var trend = await As(Logins.CareCoordinator).GetConcernTrendAsync(new TrendQuery(_w.Both));

        Assert.Equal([(2026, 6), (2026, 9), (2026, 10)], trend.Months.Select(m => (m.Year, m.Month)));
        var june = trend.Months[0].Counts;
        var september = trend.Months[1].Counts;
        var october = trend.Months[2].Counts;
        Assert.Equal("2", june.Total.Display);
        Assert.Equal("5", september.Total.Display);
        Assert.Equal("3", Shown(september.ByArea, DevelopmentArea.Cognitive));
        Assert.Equal("2", Shown(september.ByArea, DevelopmentArea.SocialEmotional));
        Assert.Equal("0", Shown(september.ByArea, DevelopmentArea.Both));
        Assert.Equal("5", Shown(september.BySchool, _w.SchoolX));
        Assert.Equal("5", Shown(september.ByGroup, _w.Group3));
        Assert.Equal("5", Shown(september.ByGrade, 3));
        Assert.Equal("5", october.Total.Display);
        Assert.Equal("4", Shown(october.ByArea, DevelopmentArea.Both));
        Assert.Equal("1", Shown(october.ByArea, DevelopmentArea.Cognitive));
        Assert.Equal("4", Shown(october.BySchool, _w.SchoolX));
        Assert.Equal("1", Shown(october.BySchool, _w.SchoolY));
        Assert.Equal("4", Shown(october.ByGroup, _w.Group45));
        Assert.Equal("4", Shown(october.ByGrade, 4));
        Assert.Equal("0", Shown(october.ByGrade, 5));
        Assert.Equal("1", Shown(october.ByGrade, 6));
        Assert.Equal([2025, 2026], trend.SchoolYears.Select(y => y.StartYear));
        Assert.Equal("2", trend.SchoolYears[0].Counts.Total.Display);
        Assert.Equal("10", trend.SchoolYears[1].Counts.Total.Display);
        Assert.Equal("9", Shown(trend.SchoolYears[1].Counts.BySchool, _w.SchoolX));
        Assert.Equal([_w.Group3, _w.Group45, _w.Group6], trend.Groups.Select(g => g.Id));
        Assert.All(trend.Schools, s => Assert.True(s.ViewerHasPupilRights));
    }

    [Fact]
    public async Task The_quality_coordinator_sees_the_same_trend_with_counts_of_one_to_four_shown_as_less_than_five()
    {
        RaiseTrendConcerns();

        var trend = await As(Logins.Quality).GetConcernTrendAsync(new TrendQuery(_w.Both));

        var june = trend.Months[0].Counts;
        var september = trend.Months[1].Counts;
        var october = trend.Months[2].Counts;
        Assert.Equal("<5", june.Total.Display);
        Assert.Null(june.Total.Value);
        Assert.Equal("5", september.Total.Display);
        Assert.Equal("<5", Shown(september.ByArea, DevelopmentArea.Cognitive));
        Assert.Equal("<5", Shown(september.ByArea, DevelopmentArea.SocialEmotional));
        Assert.Equal("0", Shown(september.ByArea, DevelopmentArea.Both));
        Assert.Equal("5", Shown(september.ByGroup, _w.Group3));
        Assert.Equal("5", october.Total.Display);
        Assert.Equal("<5", Shown(october.BySchool, _w.SchoolX));
        Assert.Equal("<5", Shown(october.BySchool, _w.SchoolY));
        Assert.Equal("10", trend.SchoolYears[1].Counts.Total.Display);
        // 10 = X + Y: with Y hidden, X's 9 would give Y's 1 away, so X is hidden too (complementary suppression).
        Assert.Equal("<5", Shown(trend.SchoolYears[1].Counts.BySchool, _w.SchoolX));
        Assert.Equal("<5", Shown(trend.SchoolYears[1].Counts.BySchool, _w.SchoolY));
        Assert.All(trend.Schools, s => Assert.False(s.ViewerHasPupilRights));
    }

    [Fact]
    public async Task Five_concerns_of_fewer_than_five_pupils_are_suppressed_for_the_quality_coordinator()
    {
        var pupil = _w.NewPupil(_w.Group3);
        for (var day = 1; day <= 5; day++)
            _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 9, day), pupilId: pupil);

        var quality = await As(Logins.Quality).GetConcernTrendAsync(new TrendQuery([_w.SchoolX]));
        var ib = await As(Logins.CareCoordinator).GetConcernTrendAsync(new TrendQuery([_w.SchoolX]));

        Assert.Equal("<5", quality.Months.Single().Counts.Total.Display);
        Assert.Equal("5", ib.Months.Single().Counts.Total.Display);
    }

    [Fact]
    public async Task The_school_year_and_the_period_bound_which_concerns_count()
    {
        RaiseTrendConcerns();
        var service = As(Logins.CareCoordinator);

        var year = await service.GetConcernTrendAsync(new TrendQuery(_w.Both, SchoolYearStart: 2026));
        var october = await service.GetConcernTrendAsync(new TrendQuery(_w.Both, From: new DateOnly(2026, 10, 1), To: new DateOnly(2026, 10, 31)));
        var lastDayOfSeptember = await service.GetConcernTrendAsync(new TrendQuery(_w.Both, From: new DateOnly(2026, 9, 30), To: new DateOnly(2026, 9, 30)));

        Assert.Equal([(2026, 9), (2026, 10)], year.Months.Select(m => (m.Year, m.Month)));
        Assert.Equal([2026], year.SchoolYears.Select(y => y.StartYear));
        Assert.Equal("5", october.Months.Single().Counts.Total.Display);
        Assert.Equal("1", lastDayOfSeptember.Months.Single().Counts.Total.Display);
    }

    [Fact]
    public async Task Months_are_those_of_the_schools_time_zone()
    {
        _w.Concern(_w.Group3, DevelopmentArea.Cognitive, Utc(2026, 9, 30, 22, 30)); // 1 Oct 00:30 in Amsterdam (CEST)
        _db.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));

        var trend = await As(Logins.CareCoordinator).GetConcernTrendAsync(new TrendQuery([_w.SchoolX]));

        Assert.Equal([(2026, 10)], trend.Months.Select(m => (m.Year, m.Month)));
    }

    /// <summary>
    /// Five concerns at X raised 1 Oct 2026 08:00. Acknowledged after 1, 2, 3, 4 and 10 hours (the last one only in the
    /// history). Discussions with pupils 1–4 after 1, 2, 3 and 10 days; pupil 5 only had one before the flag and a
    /// cancelled one. Plan steps: pupil 1 a level change after 5 days (and a plan after 7), pupil 2 a plan after 6 days,
    /// pupil 3 a level change before the flag only.
    /// </summary>
    private void RaiseSpeedConcerns()
    {
        var raised = Utc(2026, 10, 1);
        var pupils = new List<int>();
        foreach (var hours in new[] { 1, 2, 3, 4 })
            pupils.Add(_w.Concern(_w.Group3, DevelopmentArea.Cognitive, raised, acknowledgedAt: raised.AddHours(hours)));
        pupils.Add(_w.Concern(_w.Group3, DevelopmentArea.Cognitive, raised, acknowledgedInHistoryAt: raised.AddHours(10)));

        _w.Discussion(_w.Group3, pupils[0], raised.AddDays(1));
        _w.Discussion(_w.Group3, pupils[1], raised.AddDays(2));
        _w.Discussion(_w.Group3, pupils[2], raised.AddDays(3));
        _w.Discussion(_w.Group3, pupils[3], raised.AddDays(10));
        _w.Discussion(_w.Group3, pupils[3], raised.AddDays(11));
        _w.Discussion(_w.Group3, pupils[4], raised.AddDays(-2));
        _w.Discussion(_w.Group3, pupils[4], raised.AddDays(4), DiscussionStatus.Cancelled);

        _w.LevelChange(_w.Group3, pupils[0], raised.AddDays(5));
        _w.Plan(_w.Group3, pupils[0], raised.AddDays(7));
        _w.Plan(_w.Group3, pupils[1], raised.AddDays(6));
        _w.LevelChange(_w.Group3, pupils[2], raised.AddDays(-1));
    }

    [Fact]
    public async Task The_IBer_sees_median_and_90th_percentile_of_each_care_step_with_its_n()
    {
        RaiseSpeedConcerns();

        var speed = await As(Logins.CareCoordinator).GetCareSpeedAsync(new TrendQuery([_w.SchoolX]));

        var all = speed.All;
        Assert.Equal("5", all.ToAcknowledgement.Count.Display);
        Assert.Equal(TimeSpan.FromHours(3), all.ToAcknowledgement.Median);
        Assert.Equal(TimeSpan.FromHours(10), all.ToAcknowledgement.Percentile90);
        Assert.Equal("4", all.ToFirstDiscussion.Count.Display);
        Assert.Equal(TimeSpan.FromDays(2.5), all.ToFirstDiscussion.Median);
        Assert.Equal(TimeSpan.FromDays(10), all.ToFirstDiscussion.Percentile90);
        Assert.Equal("2", all.ToFirstPlanStep.Count.Display);
        Assert.Equal(TimeSpan.FromDays(5.5), all.ToFirstPlanStep.Median);
        Assert.Equal(TimeSpan.FromDays(6), all.ToFirstPlanStep.Percentile90);
        Assert.Equal(all, speed.BySchool[_w.SchoolX]);
    }

    [Fact]
    public async Task The_quality_coordinator_sees_care_speed_over_five_pupils_and_less_than_five_otherwise()
    {
        RaiseSpeedConcerns();

        var all = (await As(Logins.Quality).GetCareSpeedAsync(new TrendQuery([_w.SchoolX]))).All;

        Assert.Equal("5", all.ToAcknowledgement.Count.Display);
        Assert.Equal(TimeSpan.FromHours(3), all.ToAcknowledgement.Median);
        Assert.Equal(TimeSpan.FromHours(10), all.ToAcknowledgement.Percentile90);
        Assert.True(all.ToFirstDiscussion.Suppressed);
        Assert.Equal("<5", all.ToFirstDiscussion.Count.Display);
        Assert.Null(all.ToFirstDiscussion.Median);
        Assert.Null(all.ToFirstDiscussion.Percentile90);
        Assert.True(all.ToFirstPlanStep.Suppressed);
        Assert.Null(all.ToFirstPlanStep.Median);
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Anyone_without_a_quality_role_is_refused_and_the_refusal_is_audited(string login)
    {
        var service = As(login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetConcernTrendAsync(new TrendQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetCareSpeedAsync(new TrendQuery()));

        var staffId = _db.StaffId(login);
        using var ctx = _db.CreateContext();
        var refusals = ctx.AuditEntries.Where(e => e.StaffMemberId == staffId && e.Outcome == AuditOutcome.Refused)
            .Select(e => e.Action).ToList();
        Assert.Contains(QualityTrendService.ConcernTrendAction, refusals);
        Assert.Contains(QualityTrendService.CareSpeedAction, refusals);
    }

    [Fact]
    public async Task The_school_leader_sees_only_the_schools_they_lead_and_is_refused_another()
    {
        RaiseTrendConcerns();
        var service = As(Logins.SchoolLeaderA);

        var trend = await service.GetConcernTrendAsync(new TrendQuery());
        var schools = trend.Schools.Select(s => s.Id).ToList();

        Assert.Equal([_w.SchoolAId, _w.SchoolX], schools.Order());
        Assert.DoesNotContain(trend.Months, m => m.Counts.BySchool.ContainsKey(_w.SchoolY));
        Assert.Equal("9", Shown(trend.SchoolYears.Single(y => y.StartYear == 2026).Counts.BySchool, _w.SchoolX));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetConcernTrendAsync(new TrendQuery([_w.SchoolY])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetCareSpeedAsync(new TrendQuery([_w.SchoolX, _w.SchoolY])));
    }

    [Fact]
    public async Task Allowed_reads_of_aggregates_are_not_audited()
    {
        RaiseTrendConcerns();
        using var before = _db.CreateContext();
        var count = before.AuditEntries.Count();

        await As(Logins.Quality).GetConcernTrendAsync(new TrendQuery(_w.Both));
        await As(Logins.CareCoordinator).GetCareSpeedAsync(new TrendQuery(_w.Both));

        using var after = _db.CreateContext();
        Assert.Equal(count, after.AuditEntries.Count());
    }
}
