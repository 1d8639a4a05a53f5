using IbPortal.Domain.Concerns;

namespace IbPortal.Domain.Quality;

/// <summary>
/// What a trend covers. Null means "all": every school the viewer may see, no school-year or period bound.
/// <see cref="From"/> and <see cref="To"/> are local dates (inclusive); with <see cref="SchoolYearStart"/> the period is
/// also bounded by that school year (1 Aug – 31 Jul).
/// </summary>
public sealed record TrendQuery(
    IReadOnlyCollection<int>? SchoolIds = null,
    int? SchoolYearStart = null,
    DateOnly? From = null,
    DateOnly? To = null);

public sealed record TrendSchool(int Id, string Name, string ShortName, string Color, bool ViewerHasPupilRights);

public sealed record TrendGroup(int Id, int SchoolId, string Name, int FirstGrade, int LastGrade);

/// <summary>Concern counts of one period. Keys that are absent count 0; a key's group or school is in the trend's lists.</summary>
public sealed record ConcernCounts(
    CountFigure Total,
    IReadOnlyDictionary<DevelopmentArea, CountFigure> ByArea,
    IReadOnlyDictionary<int, CountFigure> BySchool,
    IReadOnlyDictionary<int, CountFigure> ByGroup,
    IReadOnlyDictionary<int, CountFigure> ByGrade);

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
