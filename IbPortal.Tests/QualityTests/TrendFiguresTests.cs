using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

/// <summary>The support-level, evaluation, visit-coverage and consent figures of the trends dashboard, on hand-made data.</summary>
public sealed class TrendFiguresTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly TrendWorld _w;

    public TrendFiguresTests() => _w = new TrendWorld(_db);

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int year, int month, int day, int hour = 8, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private QualityTrendService As(string login) => _db.Service<QualityTrendService>(login);

    private static string[] Levels(LevelDistribution d) => [.. Enumerable.Range(1, 5).Select(l => d.ByLevel[l].Display)];

    // ---------- support levels ----------

    /// <summary>
    /// 2025-2026 at X (group "2025"): p1 1→3 on 1 Mar; p2 no change; p3 1→2 on 1 Oct 2025 and 2→1 on 1 May; p4 1→2 on 1 Feb
    /// but left on 30 Jun. 2026-2027: p1 moves on to 4/5 and goes 3→4 on 10 Oct; q1–q5 in group 3: q1 1→2 on 15 Sep, q3
    /// 1→5 today 08:00; y1 in group 6 at Y goes 1→3 on 1 Sep at Y (and a change at X that does not count for Y).
    /// </summary>
    private void SetUpLevels()
    {
        var p1 = _w.NewPupil(_w.Group2025, leftOn: D(2026, 7, 31));
        _w.NewPupil(_w.Group2025); // p2: never changed, so at level 1
        var p3 = _w.NewPupil(_w.Group2025);
        var p4 = _w.NewPupil(_w.Group2025, leftOn: D(2026, 6, 30));
        _w.LevelChange(_w.SchoolX, p1, 1, 3, Utc(2026, 3, 1));
        _w.LevelChange(_w.SchoolX, p3, null, 2, Utc(2025, 10, 1));
        _w.LevelChange(_w.SchoolX, p3, 2, 1, Utc(2026, 5, 1));
        _w.LevelChange(_w.SchoolX, p4, 1, 2, Utc(2026, 2, 1));

        _w.Enrol(p1, _w.Group45, D(2026, 8, 20));
        _w.LevelChange(_w.SchoolX, p1, 3, 4, Utc(2026, 10, 10));
        var q = Enumerable.Range(0, 5).Select(_ => _w.NewPupil(_w.Group3)).ToList();
        _w.LevelChange(_w.SchoolX, q[0], 1, 2, Utc(2026, 9, 15));
        _w.LevelChange(_w.SchoolX, q[2], 1, 5, Utc(2026, 11, 24, 8));
        var y1 = _w.NewPupil(_w.Group6);
        _w.LevelChange(_w.SchoolY, y1, 1, 3, Utc(2026, 9, 1));
        _w.LevelChange(_w.SchoolX, y1, 1, 1, Utc(2026, 9, 2));
    }

    [Fact]
    public async Task The_IBer_sees_the_level_distribution_on_the_years_last_day_or_today_and_the_moves_up_and_down()
    {
        SetUpLevels();

        var trend = await As(Logins.CareCoordinator).GetSupportLevelsAsync(new TrendQuery(_w.Both));

        Assert.Equal([2025, 2026], trend.SchoolYears.Select(y => y.StartYear));
        var previous = trend.SchoolYears[0];
        Assert.Equal(D(2026, 7, 31), previous.On);
        Assert.Equal("3", previous.BySchool[_w.SchoolX].Pupils.Display);
        Assert.Equal(["2", "0", "1", "0", "0"], Levels(previous.BySchool[_w.SchoolX]));
        Assert.Equal("0", previous.BySchool[_w.SchoolY].Pupils.Display);
        Assert.Equal("3", previous.MovedUp.Display);
        Assert.Equal("1", previous.MovedDown.Display);

        var current = trend.SchoolYears[1];
        Assert.Equal(D(2026, 11, 24), current.On);
        Assert.Equal("7", current.All.Pupils.Display);
        Assert.Equal(["3", "1", "1", "1", "1"], Levels(current.All));
        Assert.Equal("6", current.BySchool[_w.SchoolX].Pupils.Display);
        Assert.Equal(["3", "1", "0", "1", "1"], Levels(current.BySchool[_w.SchoolX]));
        Assert.Equal(["0", "0", "1", "0", "0"], Levels(current.BySchool[_w.SchoolY]));
        Assert.Equal("4", current.MovedUp.Display);
        Assert.Equal("0", current.MovedDown.Display);
    }

    [Fact]
    public async Task The_quality_coordinator_sees_levels_of_one_to_four_pupils_as_less_than_five_and_zero_as_zero()
    {
        SetUpLevels();

        var current = (await As(Logins.Quality).GetSupportLevelsAsync(new TrendQuery(_w.Both, SchoolYearStart: 2026))).SchoolYears.Single();

        Assert.Equal("7", current.All.Pupils.Display);
        Assert.Equal(["<5", "<5", "<5", "<5", "<5"], Levels(current.All));
        // 7 = X + Y with Y's 1 hidden: X's 6 would give it away, so it is hidden too (complementary suppression).
        Assert.Equal("<5", current.BySchool[_w.SchoolX].Pupils.Display);
        Assert.Equal(["<5", "<5", "0", "<5", "<5"], Levels(current.BySchool[_w.SchoolX]));
        Assert.Equal("<5", current.BySchool[_w.SchoolY].Pupils.Display);
        Assert.Equal("<5", current.MovedUp.Display);
        Assert.Equal("0", current.MovedDown.Display);
    }

    [Fact]
    public async Task The_period_bounds_the_measuring_day_and_the_moves_and_the_school_year_the_years()
    {
        SetUpLevels();
        var service = As(Logins.CareCoordinator);

        var untilOctober = await service.GetSupportLevelsAsync(new TrendQuery(_w.Both, From: D(2025, 8, 1), To: D(2026, 10, 1)));
        var previousYear = await service.GetSupportLevelsAsync(new TrendQuery(_w.Both, SchoolYearStart: 2025));

        Assert.Equal([2025, 2026], untilOctober.SchoolYears.Select(y => y.StartYear));
        var current = untilOctober.SchoolYears[1];
        Assert.Equal(D(2026, 10, 1), current.On);
        Assert.Equal(["4", "1", "2", "0", "0"], Levels(current.All));
        Assert.Equal("2", current.MovedUp.Display);
        Assert.Equal([2025], previousYear.SchoolYears.Select(y => y.StartYear));
        Assert.Equal("3", previousYear.SchoolYears[0].MovedUp.Display);
    }

    // ---------- evaluations ----------

    /// <summary>
    /// 2025-2026 at X: pupil a Achieved 1 Jun and NotAchieved 31 Jul. 2026-2027 at X: b, c, d, e, f Achieved (10 Sep, 1, 2, 3
    /// Oct, 1 Nov), b PartlyAchieved 2 Nov, c NotAchieved 1 Aug. At Y: y Achieved 20 Sep.
    /// </summary>
    private void SetUpEvaluations()
    {
        _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group2025), (EvaluationResult.Achieved, D(2026, 6, 1)), (EvaluationResult.NotAchieved, D(2026, 7, 31)));
        _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group3), (EvaluationResult.Achieved, D(2026, 9, 10)), (EvaluationResult.PartlyAchieved, D(2026, 11, 2)));
        _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group3), (EvaluationResult.Achieved, D(2026, 10, 1)), (EvaluationResult.NotAchieved, D(2026, 8, 1)));
        _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group3), (EvaluationResult.Achieved, D(2026, 10, 2)));
        _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group3), (EvaluationResult.Achieved, D(2026, 10, 3)));
        _w.Evaluations(_w.SchoolX, _w.NewPupil(_w.Group45), (EvaluationResult.Achieved, D(2026, 11, 1)));
        _w.Evaluations(_w.SchoolY, _w.NewPupil(_w.Group6), (EvaluationResult.Achieved, D(2026, 9, 20)));
    }

    private static string[] Results(EvaluationCounts c) =>
        [c.Achieved.Display, c.PartlyAchieved.Display, c.NotAchieved.Display, c.Total.Display];

    [Fact]
    public async Task The_IBer_sees_evaluations_by_result_per_school_year_and_school()
    {
        SetUpEvaluations();

        var trend = await As(Logins.CareCoordinator).GetEvaluationsAsync(new TrendQuery(_w.Both));

        Assert.Equal([2025, 2026], trend.SchoolYears.Select(y => y.StartYear));
        Assert.Equal(["1", "0", "1", "2"], Results(trend.SchoolYears[0].All));
        Assert.Equal(["0", "0", "0", "0"], Results(trend.SchoolYears[0].BySchool[_w.SchoolY]));
        Assert.Equal(["6", "1", "1", "8"], Results(trend.SchoolYears[1].All));
        Assert.Equal(["5", "1", "1", "7"], Results(trend.SchoolYears[1].BySchool[_w.SchoolX]));
        Assert.Equal(["1", "0", "0", "1"], Results(trend.SchoolYears[1].BySchool[_w.SchoolY]));
    }

    [Fact]
    public async Task The_quality_coordinator_sees_evaluations_of_fewer_than_five_pupils_as_less_than_five()
    {
        SetUpEvaluations();

        var trend = await As(Logins.Quality).GetEvaluationsAsync(new TrendQuery(_w.Both));

        Assert.Equal(["<5", "0", "<5", "<5"], Results(trend.SchoolYears[0].All));
        // The hidden 1 and 1 add up to fewer than five: the achieved go with them. X's 7 next to Y's hidden 1 would give
        // that away from the 8: X's total is hidden too, so X's 5 achieved cannot be used to recover its other results.
        Assert.Equal(["<5", "<5", "<5", "8"], Results(trend.SchoolYears[1].All));
        Assert.Equal(["5", "<5", "<5", "<5"], Results(trend.SchoolYears[1].BySchool[_w.SchoolX]));
        Assert.Equal(["<5", "0", "0", "<5"], Results(trend.SchoolYears[1].BySchool[_w.SchoolY]));
    }

    [Fact]
    public async Task Five_evaluations_of_one_pupil_are_suppressed_for_the_quality_coordinator_but_not_for_the_IBer()
    {
        var pupil = _w.NewPupil(_w.Group3);
        _w.Evaluations(_w.SchoolX, pupil, [.. Enumerable.Range(1, 5).Select(d => (EvaluationResult.Achieved, D(2026, 10, d)))]);
        var query = new TrendQuery([_w.SchoolX], SchoolYearStart: 2026);

        var quality = (await As(Logins.Quality).GetEvaluationsAsync(query)).SchoolYears.Single();
        var ib = (await As(Logins.CareCoordinator).GetEvaluationsAsync(query)).SchoolYears.Single();

        Assert.Equal("<5", quality.All.Total.Display);
        Assert.Equal("5", ib.All.Total.Display);
    }

    [Fact]
    public async Task The_period_bounds_evaluations_by_their_date()
    {
        SetUpEvaluations();

        var october = await As(Logins.CareCoordinator).GetEvaluationsAsync(new TrendQuery(_w.Both, From: D(2026, 10, 1), To: D(2026, 10, 31)));

        Assert.Equal([2026], october.SchoolYears.Select(y => y.StartYear));
        Assert.Equal(["3", "0", "0", "3"], Results(october.SchoolYears[0].All));
    }

    // ---------- visit coverage ----------

    /// <summary>
    /// 2026-2027 at X: T1 observed 1 Oct and 1 Nov; T2 only a planned visit and a cancelled one that had an observation
    /// time; T4 (no group at X) observed 10 Sep. At Y: T3 nothing. 2025-2026 at X: T1 observed 1 Mar.
    /// </summary>
    private void SetUpVisits()
    {
        _w.Visit(_w.Group3, _w.T1, Utc(2026, 10, 1), Utc(2026, 10, 1, 9));
        _w.Visit(_w.Group3, _w.T1, Utc(2026, 11, 1), Utc(2026, 11, 1, 9), VisitStatus.FeedbackGiven);
        _w.Visit(_w.Group45, _w.T2, Utc(2026, 12, 1), null);
        _w.Visit(_w.Group45, _w.T2, Utc(2026, 10, 5), Utc(2026, 10, 5, 9), VisitStatus.Cancelled);
        _w.Visit(_w.Group3, _w.T4, Utc(2026, 9, 10), Utc(2026, 9, 10, 9));
        _w.Visit(_w.Group2025, _w.T1, Utc(2026, 3, 1), Utc(2026, 3, 1, 9));
    }

    [Fact]
    public async Task Coverage_counts_the_teachers_of_the_years_groups_with_a_held_observation_and_every_held_visit()
    {
        SetUpVisits();

        var trend = await As(Logins.Quality).GetVisitCoverageAsync(new TrendQuery(_w.Both));

        Assert.Equal([2025, 2026], trend.SchoolYears.Select(y => y.StartYear));
        var previous = trend.SchoolYears[0];
        Assert.Equal(new VisitCoverageFigures(1, 1, 1), previous.BySchool[_w.SchoolX]);
        Assert.Equal(100.0, previous.BySchool[_w.SchoolX].Percent);
        Assert.Equal(new VisitCoverageFigures(0, 0, 0), previous.BySchool[_w.SchoolY]);
        Assert.Null(previous.BySchool[_w.SchoolY].Percent);
        var current = trend.SchoolYears[1];
        Assert.Equal(new VisitCoverageFigures(2, 1, 3), current.BySchool[_w.SchoolX]);
        Assert.Equal(50.0, current.BySchool[_w.SchoolX].Percent);
        Assert.Equal(new VisitCoverageFigures(1, 0, 0), current.BySchool[_w.SchoolY]);
        Assert.Equal(0.0, current.BySchool[_w.SchoolY].Percent);
        Assert.Equal(new VisitCoverageFigures(3, 1, 3), current.All);
    }

    [Fact]
    public async Task The_period_bounds_which_observations_count()
    {
        SetUpVisits();

        var trend = await As(Logins.CareCoordinator).GetVisitCoverageAsync(new TrendQuery(_w.Both, From: D(2026, 10, 15)));

        Assert.Equal([2026], trend.SchoolYears.Select(y => y.StartYear));
        Assert.Equal(new VisitCoverageFigures(2, 1, 1), trend.SchoolYears[0].BySchool[_w.SchoolX]);
    }

    // ---------- consents ----------

    /// <summary>
    /// At X in 2026-2027: given after 2 and 10 days, withdrawn (given after 1 day), refused after 5 days, two awaiting; in
    /// 2025-2026 one given after 7 days. At Y: one given after 3 days. Each a pupil of its own.
    /// </summary>
    private void SetUpConsents()
    {
        void At(int group, DateTime requested, ConsentState state, DateOnly? decided = null) =>
            _w.Consent(_w.SchoolOf(group), _w.NewPupil(group), requested, state, decided);
        At(_w.Group3, Utc(2026, 9, 1), ConsentState.Given, D(2026, 9, 3));
        At(_w.Group3, Utc(2026, 9, 2), ConsentState.Given, D(2026, 9, 12));
        At(_w.Group3, Utc(2026, 9, 3), ConsentState.Withdrawn, D(2026, 9, 4));
        At(_w.Group45, Utc(2026, 9, 4), ConsentState.Refused, D(2026, 9, 9));
        At(_w.Group45, Utc(2026, 9, 5), ConsentState.Requested);
        At(_w.Group45, Utc(2026, 9, 6), ConsentState.Requested);
        At(_w.Group2025, Utc(2025, 10, 1), ConsentState.Given, D(2025, 10, 8));
        At(_w.Group6, Utc(2026, 10, 1), ConsentState.Given, D(2026, 10, 4));
    }

    private static string[] Counts(ConsentFigures f) =>
        [f.Requested.Display, f.Awaiting.Display, f.Given.Display, f.Refused.Display, f.Turnaround.Count.Display];

    [Fact]
    public async Task The_IBer_sees_requested_awaiting_given_refused_and_the_turnaround_in_days()
    {
        SetUpConsents();

        var trend = await As(Logins.CareCoordinator).GetConsentsAsync(new TrendQuery(_w.Both, SchoolYearStart: 2026));

        Assert.Equal(["7", "2", "4", "1", "5"], Counts(trend.All));
        Assert.Equal(TimeSpan.FromDays(3), trend.All.Turnaround.Median);
        Assert.Equal(TimeSpan.FromDays(10), trend.All.Turnaround.Percentile90);
        var x = trend.BySchool[_w.SchoolX];
        Assert.Equal(["6", "2", "3", "1", "4"], Counts(x));
        Assert.Equal(TimeSpan.FromDays(3.5), x.Turnaround.Median);
        Assert.Equal(TimeSpan.FromDays(10), x.Turnaround.Percentile90);
        Assert.Equal(["1", "0", "1", "0", "1"], Counts(trend.BySchool[_w.SchoolY]));
    }

    [Fact]
    public async Task The_quality_coordinator_sees_consent_figures_of_fewer_than_five_pupils_as_less_than_five()
    {
        SetUpConsents();

        var trend = await As(Logins.Quality).GetConsentsAsync(new TrendQuery(_w.Both, SchoolYearStart: 2026));

        // The turnaround counts the answered (given + refused): shown as 5 next to 7 requested it would give away the 2
        // awaiting, so it is hidden with them.
        Assert.Equal(["7", "<5", "<5", "<5", "<5"], Counts(trend.All));
        Assert.Null(trend.All.Turnaround.Median);
        var x = trend.BySchool[_w.SchoolX];
        // 7 = X + Y with Y's 1 hidden: X's 6 requests would give it away, so they are hidden too.
        Assert.Equal(["<5", "<5", "<5", "<5", "<5"], Counts(x));
        Assert.Null(x.Turnaround.Median);
        Assert.Null(x.Turnaround.Percentile90);
        Assert.Equal(["<5", "0", "<5", "0", "<5"], Counts(trend.BySchool[_w.SchoolY]));
    }

    [Fact]
    public async Task The_period_bounds_consents_by_the_local_date_of_the_request()
    {
        SetUpConsents();
        _w.Consent(_w.SchoolX, _w.NewPupil(_w.Group3), Utc(2026, 9, 30, 22, 30), ConsentState.Given, D(2026, 10, 1)); // 1 Oct 00:30 in Amsterdam
        _db.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));

        var trend = await As(Logins.CareCoordinator).GetConsentsAsync(new TrendQuery([_w.SchoolX], From: D(2026, 10, 1), To: D(2026, 10, 31)));
        var all = await As(Logins.CareCoordinator).GetConsentsAsync(new TrendQuery([_w.SchoolX]));

        Assert.Equal(["1", "0", "1", "0", "1"], Counts(trend.All));
        Assert.Equal(TimeSpan.Zero, trend.All.Turnaround.Median);
        Assert.Equal("8", all.All.Requested.Display);
    }

    [Fact]
    public async Task The_board_filter_keeps_only_that_boards_schools()
    {
        SetUpConsents();
        var (otherBoard, schoolZ, groupZ) = _w.OtherBoardSchool();
        for (var i = 0; i < 5; i++)
            _w.Consent(schoolZ, _w.NewPupil(groupZ), Utc(2026, 9, 1), ConsentState.Requested);
        int demoBoard;
        using (var ctx = _db.CreateContext())
            demoBoard = ctx.Schools.Single(s => s.Id == _w.SchoolX).BoardId;
        var service = As(Logins.Quality);

        var demo = await service.GetConsentsAsync(new TrendQuery(SchoolYearStart: 2026, BoardId: demoBoard));
        var other = await service.GetConsentsAsync(new TrendQuery(SchoolYearStart: 2026, BoardId: otherBoard));
        var levels = await service.GetSupportLevelsAsync(new TrendQuery(SchoolYearStart: 2026, BoardId: otherBoard));

        Assert.DoesNotContain(demo.Schools, s => s.Id == schoolZ);
        Assert.False(demo.BySchool.ContainsKey(schoolZ));
        Assert.Equal([schoolZ], other.Schools.Select(s => s.Id));
        Assert.Equal("5", other.All.Requested.Display);
        Assert.Equal("5", other.All.Awaiting.Display);
        Assert.Equal([schoolZ], levels.SchoolYears.Single().BySchool.Keys);
        Assert.Equal("5", levels.SchoolYears.Single().All.Pupils.Display);
    }

    // ---------- who ----------

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Anyone_without_a_quality_role_is_refused_every_figure_and_each_refusal_is_audited(string login)
    {
        var service = As(login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetSupportLevelsAsync(new TrendQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetEvaluationsAsync(new TrendQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetVisitCoverageAsync(new TrendQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetConsentsAsync(new TrendQuery()));

        var staffId = _db.StaffId(login);
        using var ctx = _db.CreateContext();
        var refusals = ctx.AuditEntries.Where(e => e.StaffMemberId == staffId && e.Outcome == AuditOutcome.Refused)
            .Select(e => e.Action).ToList();
        Assert.Contains(QualityTrendService.SupportLevelsAction, refusals);
        Assert.Contains(QualityTrendService.EvaluationsAction, refusals);
        Assert.Contains(QualityTrendService.VisitCoverageAction, refusals);
        Assert.Contains(QualityTrendService.ConsentsAction, refusals);
        Assert.All(refusals, a => Assert.True(QualityAuditActions.Labels.ContainsKey(a), a));
    }

    [Fact]
    public async Task The_school_leader_sees_the_figures_of_the_school_they_lead_suppressed_and_is_refused_another()
    {
        SetUpConsents();
        var service = As(Logins.SchoolLeaderA);

        var consents = await service.GetConsentsAsync(new TrendQuery([_w.SchoolX], SchoolYearStart: 2026));

        Assert.Equal(["6", "<5", "<5", "<5", "<5"], Counts(consents.All));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetConsentsAsync(new TrendQuery([_w.SchoolY])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetVisitCoverageAsync(new TrendQuery([_w.SchoolX, _w.SchoolY])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetEvaluationsAsync(new TrendQuery([_w.SchoolY])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetSupportLevelsAsync(new TrendQuery([_w.SchoolY])));
    }

    // ---------- indicators ----------

    private QualityIndicatorService Indicators(string login) => _db.Service<QualityIndicatorService>(login);

    [Fact]
    public async Task Indicators_are_measured_from_the_trend_figures_for_one_school_and_year()
    {
        SetUpLevels();
        SetUpEvaluations();
        SetUpVisits();
        SetUpConsents();
        var ib = Indicators(Logins.CareCoordinator);

        async Task<double?> Value(QualityIndicator indicator) => (await ib.MeasureAsync(_w.SchoolX, 2026, indicator)).Value;

        // Levels at X on 24 Nov: 17 pupils (6 of the levels, 5 of the evaluations, 6 of the consents), 2 at level 3 or
        // higher (p1 at 4, q3 at 5).
        Assert.Equal(100.0 * 2 / 17, (await Value(QualityIndicator.HighSupportLevelPercent))!.Value, 6);
        Assert.Equal(100.0 * 5 / 7, (await Value(QualityIndicator.EvaluationsAchievedPercent))!.Value, 6);
        Assert.Equal(50.0, await Value(QualityIndicator.VisitCoveragePercent));
        Assert.Equal(3.5, await Value(QualityIndicator.ConsentTurnaroundMedianDays));
        Assert.Null(await Value(QualityIndicator.None));
        Assert.Null(await Value(QualityIndicator.AcknowledgementMedianDays));
        Assert.Equal("–", (await ib.MeasureAsync(_w.SchoolX, 2026, QualityIndicator.None)).Display);
    }

    [Fact]
    public async Task Concerns_per_100_pupils_counts_distinct_pupils_enrolled_in_the_years_groups()
    {
        // 8 pupils in groups of X in 2026 (one of them in two groups), 5 of them flagged once, 1 flagged in 2025-2026.
        var pupils = Enumerable.Range(0, 7).Select(_ => _w.NewPupil(_w.Group3)).ToList();
        pupils.Add(_w.NewPupil(_w.Group45));
        _w.Enrol(pupils[0], _w.Group45, D(2026, 10, 1));
        var acknowledged = new List<DateTime>();
        for (var i = 0; i < 5; i++)
            _w.Quality.Concern(_w.Group3, Domain.Concerns.DevelopmentArea.Cognitive, Utc(2026, 9, 1 + i), pupils[i], acknowledgedAt: Utc(2026, 9, 1 + i).AddDays(i + 1));
        _w.Quality.Concern(_w.Group3, Domain.Concerns.DevelopmentArea.Cognitive, Utc(2026, 6, 1), pupils[5]);

        var ib = await Indicators(Logins.CareCoordinator).MeasureAsync(_w.SchoolX, 2026, QualityIndicator.ConcernsPer100Pupils);
        var quality = await Indicators(Logins.Quality).MeasureAsync(_w.SchoolX, 2026, QualityIndicator.ConcernsPer100Pupils);
        var acknowledgement = await Indicators(Logins.Quality).MeasureAsync(_w.SchoolX, 2026, QualityIndicator.AcknowledgementMedianDays);

        Assert.Equal(62.5, ib.Value);
        Assert.Equal(62.5, quality.Value);
        Assert.Equal("62,5", quality.Display);
        Assert.Equal(3.0, acknowledgement.Value);
    }

    [Fact]
    public async Task An_indicator_is_suppressed_for_the_quality_coordinator_when_its_base_counts_are()
    {
        SetUpLevels();
        SetUpConsents();
        for (var i = 0; i < 2; i++)
            _w.Quality.Concern(_w.Group3, Domain.Concerns.DevelopmentArea.Cognitive, Utc(2026, 9, 1 + i));
        var quality = Indicators(Logins.Quality);
        var ib = Indicators(Logins.CareCoordinator);

        var concerns = await quality.MeasureAsync(_w.SchoolX, 2026, QualityIndicator.ConcernsPer100Pupils);
        var turnaround = await quality.MeasureAsync(_w.SchoolX, 2026, QualityIndicator.ConsentTurnaroundMedianDays);
        var high = await quality.MeasureAsync(_w.SchoolX, 2026, QualityIndicator.HighSupportLevelPercent);

        Assert.True(concerns.Suppressed);
        Assert.Equal("<5", concerns.Display);
        Assert.Null(concerns.Value);
        Assert.True(turnaround.Suppressed);
        Assert.True(high.Suppressed);
        Assert.False((await ib.MeasureAsync(_w.SchoolX, 2026, QualityIndicator.ConcernsPer100Pupils)).Suppressed);
    }

    [Fact]
    public async Task Measuring_an_indicator_is_refused_for_a_teacher_and_outside_the_viewers_schools()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Indicators(Logins.TeacherA).MeasureAsync(_w.SchoolX, 2026, QualityIndicator.VisitCoveragePercent));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Indicators(Logins.SchoolLeaderA).MeasureAsync(_w.SchoolY, 2026, QualityIndicator.ConcernsPer100Pupils));
    }
}
