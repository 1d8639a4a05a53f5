using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Quality;

namespace IbPortal.Tests.QualityTests;

/// <summary>Hand-made trend models for the dashboard's view and table tests: schools X (id 1) and Y (id 2).</summary>
internal static class DashboardModels
{
    public static readonly CountFigure Hidden = new(null, true);

    public static CountFigure N(int value) => new(value, false);

    public static readonly TrendSchool X = new(1, "Kwaliteitsschool X", "QX", "#00796B", false, 7);
    public static readonly TrendSchool Y = new(2, "Kwaliteitsschool Y", "QY", "#6A1B9A", false, 7);

    /// <summary>2026-2027 from 1 Aug up to the test clock's today.</summary>
    public static readonly TrendPeriod Period = new(2026, new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 24));

    public static ConcernCounts Counts(
        CountFigure total,
        Dictionary<DevelopmentArea, CountFigure>? areas = null,
        Dictionary<int, CountFigure>? schools = null,
        Dictionary<int, CountFigure>? groups = null,
        Dictionary<int, CountFigure>? grades = null,
        Dictionary<SubAreas, CountFigure>? subAreas = null) =>
        new(total, areas ?? [], schools ?? [], groups ?? [], grades ?? [], subAreas ?? []);

    /// <summary>This year: 28 concerns (sept 12, oct &lt;5, nov 11), social-emotional doubled, X 20 and Y &lt;5.</summary>
    public static ConcernTrend CurrentConcerns() => new(
        [X, Y],
        [new TrendGroup(11, 1, "3", 3, 3), new TrendGroup(12, 1, "4/5", 4, 5), new TrendGroup(21, 2, "6", 6, 6)],
        [
            new MonthConcerns(2026, 9, Counts(N(12))),
            new MonthConcerns(2026, 10, Counts(Hidden)),
            new MonthConcerns(2026, 11, Counts(N(11))),
        ],
        [
            new SchoolYearConcerns(2026, Counts(
                N(28),
                areas: new() { [DevelopmentArea.Cognitive] = Hidden, [DevelopmentArea.SocialEmotional] = N(24) },
                schools: new() { [1] = N(20), [2] = Hidden },
                groups: new() { [11] = N(9), [12] = N(11), [21] = Hidden },
                grades: new() { [3] = N(9), [4] = N(11), [6] = Hidden },
                subAreas: new() { [SubAreas.Reading] = N(8), [SubAreas.Wellbeing] = Hidden })),
        ]);

    /// <summary>Last year, same period: 19 concerns (sept 6, oct 8, nov 5).</summary>
    public static ConcernTrend PreviousConcerns() => new(
        [X, Y],
        [],
        [
            new MonthConcerns(2025, 9, Counts(N(6))),
            new MonthConcerns(2025, 10, Counts(N(8))),
            new MonthConcerns(2025, 11, Counts(N(5))),
        ],
        [
            new SchoolYearConcerns(2025, Counts(
                N(19),
                areas: new() { [DevelopmentArea.Cognitive] = N(7), [DevelopmentArea.SocialEmotional] = N(12) },
                schools: new() { [1] = N(10), [2] = N(9) },
                grades: new() { [3] = N(10), [4] = N(9) },
                subAreas: new() { [SubAreas.Reading] = N(3) })),
        ]);

    public static ConcernTrend AllYearsConcerns() => new(
        [X, Y],
        [],
        [],
        [
            new SchoolYearConcerns(2024, Counts(Hidden)),
            new SchoolYearConcerns(2025, Counts(N(40))),
            new SchoolYearConcerns(2026, Counts(N(28))),
        ]);

    public static DurationFigure Days(int count, double median, double p90) =>
        new(N(count), TimeSpan.FromDays(median), TimeSpan.FromDays(p90));

    public static readonly DurationFigure HiddenDuration = new(Hidden, null, null);

    public static CareSpeed CurrentSpeed() => new(
        [X, Y],
        new CareSpeedFigures(Days(20, 1.5, 4), Days(12, 10.25, 21), HiddenDuration),
        new Dictionary<int, CareSpeedFigures>
        {
            [1] = new(Days(15, 1, 3), Days(8, 9, 20), HiddenDuration),
            [2] = new(Days(5, 2.5, 6), HiddenDuration, HiddenDuration),
        });

    public static CareSpeed PreviousSpeed() => new(
        [X, Y],
        new CareSpeedFigures(Days(18, 2, 5.5), Days(10, 12, 30), Days(6, 20, 40)),
        new Dictionary<int, CareSpeedFigures>());

    public static LevelDistribution Levels(int pupils, params CountFigure[] byLevel) =>
        new(N(pupils), byLevel.Select((f, i) => (Level: i + 1, Figure: f)).ToDictionary(x => x.Level, x => x.Figure));

    public static SupportLevelTrend SupportLevels() => new(
        [X, Y],
        [
            new SchoolYearLevels(2025, new DateOnly(2026, 7, 31),
                Levels(400, N(300), N(60), N(30), N(10), N(0)), new Dictionary<int, LevelDistribution>(), N(25), N(8)),
            new SchoolYearLevels(2026, new DateOnly(2026, 11, 24),
                Levels(410, N(290), N(62), N(45), Hidden, N(0)),
                new Dictionary<int, LevelDistribution>
                {
                    [1] = Levels(200, N(130), N(40), N(30), N(0), N(0)),
                    [2] = Levels(210, N(160), N(22), N(15), Hidden, N(0)),
                },
                N(18), Hidden),
        ]);

    public static EvaluationTrend Evaluations() => new(
        [X, Y],
        [
            new SchoolYearEvaluations(2025, new EvaluationCounts(N(11), N(5), N(4), N(20)),
                new Dictionary<int, EvaluationCounts>()),
            new SchoolYearEvaluations(2026, new EvaluationCounts(N(15), N(6), Hidden, N(25)),
                new Dictionary<int, EvaluationCounts>
                {
                    [1] = new(N(10), N(5), N(0), N(15)),
                    [2] = new(N(5), Hidden, Hidden, N(10)),
                }),
        ]);

    public static VisitCoverageTrend Coverage() => new(
        [X, Y],
        [
            new SchoolYearCoverage(2025, new VisitCoverageFigures(20, 12, 15),
                new Dictionary<int, VisitCoverageFigures> { [1] = new(10, 8, 10), [2] = new(10, 4, 5) }),
            new SchoolYearCoverage(2026, new VisitCoverageFigures(20, 15, 18),
                new Dictionary<int, VisitCoverageFigures> { [1] = new(12, 12, 14), [2] = new(8, 3, 4) }),
        ]);

    public static ConsentTrend CurrentConsents() => new(
        [X, Y],
        new ConsentFigures(N(30), N(6), N(20), Hidden, Days(24, 3.5, 9)),
        new Dictionary<int, ConsentFigures>
        {
            [1] = new(N(22), N(5), N(15), Hidden, Days(17, 3, 8)),
            [2] = new(N(8), Hidden, N(5), N(0), HiddenDuration),
        });

    public static ConsentTrend PreviousConsents() => new(
        [X, Y],
        new ConsentFigures(N(25), N(0), N(19), N(6), Days(25, 5, 14)),
        new Dictionary<int, ConsentFigures>());
}
