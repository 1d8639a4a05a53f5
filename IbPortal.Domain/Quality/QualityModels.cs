using IbPortal.Domain.Concerns;

namespace IbPortal.Domain.Quality;

/// <summary>
/// What a trend covers. Null means "all": every school the viewer may see, no school-year or period bound.
/// <see cref="From"/> and <see cref="To"/> are local dates (inclusive); with <see cref="SchoolYearStart"/> the period is
/// also bounded by that school year (1 Aug – 31 Jul). <see cref="BoardId"/> narrows the schools to one board's.
/// <see cref="AsAggregateViewer"/> gives the figures as a viewer without pupil-level rights sees them, also to an IB'er:
/// for a value that is stored and later shown to others (the measured value of a quality-cycle check).
/// </summary>
public sealed record TrendQuery(
    IReadOnlyCollection<int>? SchoolIds = null,
    int? SchoolYearStart = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int? BoardId = null,
    bool AsAggregateViewer = false);

public sealed record TrendSchool(int Id, string Name, string ShortName, string Color, bool ViewerHasPupilRights, int BoardId);

public sealed record TrendBoard(int Id, string Name);

/// <summary>
/// What a viewer can choose from in the quality view: the boards and schools in their reach (ordered by name), the
/// school years with data at those schools (ascending), and the current school year.
/// </summary>
public sealed record TrendScope(
    IReadOnlyList<TrendBoard> Boards,
    IReadOnlyList<TrendSchool> Schools,
    IReadOnlyList<int> SchoolYears,
    int CurrentSchoolYear);

public sealed record TrendGroup(int Id, int SchoolId, string Name, int FirstGrade, int LastGrade);

/// <summary>
/// Concern counts of one period. Keys that are absent count 0; a key's group or school is in the trend's lists.
/// <see cref="BySubArea"/> has single sub-area flags as keys: a concern naming two sub-areas counts under both.
/// </summary>
public sealed record ConcernCounts(
    CountFigure Total,
    IReadOnlyDictionary<DevelopmentArea, CountFigure> ByArea,
    IReadOnlyDictionary<int, CountFigure> BySchool,
    IReadOnlyDictionary<int, CountFigure> ByGroup,
    IReadOnlyDictionary<int, CountFigure> ByGrade,
    IReadOnlyDictionary<SubAreas, CountFigure> BySubArea);

/// <summary>A calendar month in the schools' time zone.</summary>
public sealed record MonthConcerns(int Year, int Month, ConcernCounts Counts);

public sealed record SchoolYearConcerns(int StartYear, ConcernCounts Counts)
{
    public string Name => Organisation.SchoolYear.NameOf(StartYear);
}

/// <summary>
/// Concerns raised over time. A concern counts in the month (local time) and school year it was raised, at the school
/// and in the group it was raised in; its grade is that group's first grade (a 4/5 group counts as grade 4).
/// </summary>
public sealed record ConcernTrend(
    IReadOnlyList<TrendSchool> Schools,
    IReadOnlyList<TrendGroup> Groups,
    IReadOnlyList<MonthConcerns> Months,
    IReadOnlyList<SchoolYearConcerns> SchoolYears);

/// <summary>The three care-process speeds for one set of concerns.</summary>
public sealed record CareSpeedFigures(
    DurationFigure ToAcknowledgement,
    DurationFigure ToFirstDiscussion,
    DurationFigure ToFirstPlanStep);

/// <summary>
/// How fast care gets going for the concerns raised in the query's period: from the flag to its acknowledgement, to
/// the first held or planned-and-past discussion with the pupil at that school, and to the first plan step (a support
/// level change or a new HGW plan for the pupil at that school). Concerns that have not reached a step yet are not in
/// that step's figure (its count says how many did).
/// </summary>
public sealed record CareSpeed(
    IReadOnlyList<TrendSchool> Schools,
    CareSpeedFigures All,
    IReadOnlyDictionary<int, CareSpeedFigures> BySchool);

/// <summary>How many pupils are at each support level (1–5) on one day. A pupil without any level change counts at 1.</summary>
public sealed record LevelDistribution(CountFigure Pupils, IReadOnlyDictionary<int, CountFigure> ByLevel);

/// <summary>
/// Support levels in one school year: the distribution on <see cref="On"/> (the year's last day, or today for the
/// current year, or the query's end) of the pupils enrolled then, and how many pupils went at least one level up or down
/// in the year (distinct pupils).
/// </summary>
public sealed record SchoolYearLevels(
    int StartYear,
    DateOnly On,
    LevelDistribution All,
    IReadOnlyDictionary<int, LevelDistribution> BySchool,
    CountFigure MovedUp,
    CountFigure MovedDown)
{
    public string Name => Organisation.SchoolYear.NameOf(StartYear);
}

/// <summary>The distribution of support levels per school year within the query's period, and how it changes.</summary>
public sealed record SupportLevelTrend(IReadOnlyList<TrendSchool> Schools, IReadOnlyList<SchoolYearLevels> SchoolYears);

/// <summary>Evaluations of plan goals by result.</summary>
public sealed record EvaluationCounts(CountFigure Achieved, CountFigure PartlyAchieved, CountFigure NotAchieved, CountFigure Total);

public sealed record SchoolYearEvaluations(int StartYear, EvaluationCounts All, IReadOnlyDictionary<int, EvaluationCounts> BySchool)
{
    public string Name => Organisation.SchoolYear.NameOf(StartYear);
}

/// <summary>Evaluations of HGW plan goals made in the query's period (by evaluation date), per school year and school.</summary>
public sealed record EvaluationTrend(IReadOnlyList<TrendSchool> Schools, IReadOnlyList<SchoolYearEvaluations> SchoolYears);

/// <summary>
/// Classroom-visit coverage of one school in one school year: of the teachers of a group that year, how many had a
/// visit whose observation was held; and how many visits were held. Staff, not pupils: never suppressed.
/// </summary>
public sealed record VisitCoverageFigures(int Teachers, int TeachersVisited, int VisitsHeld)
{
    /// <summary>Percentage of teachers visited, or null without teachers.</summary>
    public double? Percent => Teachers == 0 ? null : 100.0 * TeachersVisited / Teachers;
}

public sealed record SchoolYearCoverage(int StartYear, VisitCoverageFigures All, IReadOnlyDictionary<int, VisitCoverageFigures> BySchool)
{
    public string Name => Organisation.SchoolYear.NameOf(StartYear);
}

public sealed record VisitCoverageTrend(IReadOnlyList<TrendSchool> Schools, IReadOnlyList<SchoolYearCoverage> SchoolYears);

/// <summary>
/// Consents requested in a period, as they stood on the period's last day (today when it runs on): how many still
/// awaited the parents' answer, how many were given or refused, and the turnaround from request to answer (days) as
/// median and 90th percentile.
/// </summary>
public sealed record ConsentFigures(
    CountFigure Requested,
    CountFigure Awaiting,
    CountFigure Given,
    CountFigure Refused,
    DurationFigure Turnaround);

public sealed record ConsentTrend(IReadOnlyList<TrendSchool> Schools, ConsentFigures All, IReadOnlyDictionary<int, ConsentFigures> BySchool);

/// <summary>An indicator's value for one school and school year, as this viewer may see it.</summary>
public sealed record IndicatorMeasurement(QualityIndicator Indicator, double? Value, bool Suppressed)
{
    /// <summary>"&lt;5" when suppressed, "–" without a value, otherwise the value with one decimal (nl-NL).</summary>
    public string Display => Suppressed
        ? SmallCounts.SuppressedText
        : Value is { } v ? v.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")) : "–";
}
