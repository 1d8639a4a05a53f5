namespace IbPortal.Domain.Quality;

/// <summary>
/// Measures a <see cref="QualityIndicator"/> for one school and school year from the figures of the quality view
/// (<see cref="QualityTrendService"/>), with the viewer's rights and suppression: who may not read the figures is refused
/// (and audited) by the trend service. An indicator is suppressed when a count it is computed from is suppressed for
/// this viewer (or, for a share of pupils, when the pupils it counts are 1–4); it has no value (null) when its base is
/// empty (no pupils, no evaluations, no teachers, no cases) and for <see cref="QualityIndicator.None"/>.
/// Durations are in days (fractions kept); percentages 0–100.
/// </summary>
public sealed class QualityIndicatorService(QualityTrendService trends)
{
    private static readonly int[] HighLevels = [3, 4, 5];

    /// <param name="asAggregateViewer">Measure as a viewer without pupil-level rights (suppressed below 5 pupils), also for
    /// an IB'er: for a value that is stored and shown to others.</param>
    public async Task<IndicatorMeasurement> MeasureAsync(int schoolId, int schoolYearStart, QualityIndicator indicator,
        bool asAggregateViewer = false, CancellationToken ct = default)
    {
        var query = new TrendQuery([schoolId], schoolYearStart, AsAggregateViewer: asAggregateViewer);
        return indicator switch
        {
            QualityIndicator.None => new IndicatorMeasurement(indicator, null, false),
            QualityIndicator.ConcernsPer100Pupils => await ConcernsPer100PupilsAsync(schoolId, schoolYearStart, query, ct),
            QualityIndicator.AcknowledgementMedianDays =>
                Median(indicator, (await trends.GetCareSpeedAsync(query, ct)).BySchool[schoolId].ToAcknowledgement),
            QualityIndicator.FirstPlanStepMedianDays =>
                Median(indicator, (await trends.GetCareSpeedAsync(query, ct)).BySchool[schoolId].ToFirstPlanStep),
            QualityIndicator.EvaluationsAchievedPercent => await EvaluationsAchievedAsync(schoolId, schoolYearStart, query, ct),
            QualityIndicator.VisitCoveragePercent => await VisitCoverageAsync(schoolId, schoolYearStart, query, ct),
            QualityIndicator.ConsentTurnaroundMedianDays =>
                Median(indicator, (await trends.GetConsentsAsync(query, ct)).BySchool[schoolId].Turnaround),
            QualityIndicator.HighSupportLevelPercent => await HighSupportLevelAsync(schoolId, schoolYearStart, query, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Onbekende indicator."),
        };
    }

    private static IndicatorMeasurement Suppressed(QualityIndicator indicator) => new(indicator, null, true);

    private static IndicatorMeasurement Median(QualityIndicator indicator, DurationFigure figure) =>
        figure.Suppressed ? Suppressed(indicator) : new IndicatorMeasurement(indicator, figure.Median?.TotalDays, false);

    private static IndicatorMeasurement Percent(QualityIndicator indicator, int part, int whole) =>
        new(indicator, whole == 0 ? null : 100.0 * part / whole, false);

    /// <summary>Concerns raised in the school year per 100 distinct pupils enrolled in a group of the school that year.</summary>
    private async Task<IndicatorMeasurement> ConcernsPer100PupilsAsync(int schoolId, int year, TrendQuery query, CancellationToken ct)
    {
        const QualityIndicator indicator = QualityIndicator.ConcernsPer100Pupils;
        var trend = await trends.GetConcernTrendAsync(query, ct);
        var concerns = trend.SchoolYears.FirstOrDefault(y => y.StartYear == year)?.Counts.Total ?? new CountFigure(0, false);
        var pupils = await trends.GetEnrolledPupilsAsync(schoolId, year, query.AsAggregateViewer, ct);
        if (concerns.Suppressed || pupils.Suppressed)
            return Suppressed(indicator);
        return Percent(indicator, concerns.Value ?? 0, pupils.Value ?? 0);
    }

    /// <summary>Achieved evaluations as a share of all evaluations of the school in the school year.</summary>
    private async Task<IndicatorMeasurement> EvaluationsAchievedAsync(int schoolId, int year, TrendQuery query, CancellationToken ct)
    {
        const QualityIndicator indicator = QualityIndicator.EvaluationsAchievedPercent;
        var trend = await trends.GetEvaluationsAsync(query, ct);
        var counts = trend.SchoolYears.FirstOrDefault(y => y.StartYear == year)?.BySchool[schoolId];
        if (counts is null)
            return new IndicatorMeasurement(indicator, null, false);
        if (counts.Achieved.Suppressed || counts.Total.Suppressed)
            return Suppressed(indicator);
        return Percent(indicator, counts.Achieved.Value ?? 0, counts.Total.Value ?? 0);
    }

    /// <summary>The share of the school's teachers of that year with a held classroom visit (staff: never suppressed).</summary>
    private async Task<IndicatorMeasurement> VisitCoverageAsync(int schoolId, int year, TrendQuery query, CancellationToken ct)
    {
        var trend = await trends.GetVisitCoverageAsync(query, ct);
        var figures = trend.SchoolYears.FirstOrDefault(y => y.StartYear == year)?.BySchool[schoolId];
        return new IndicatorMeasurement(QualityIndicator.VisitCoveragePercent, figures?.Percent, false);
    }

    /// <summary>
    /// The share of the pupils enrolled on the measuring day of the year (see <see cref="QualityTrendService.GetSupportLevelsAsync"/>)
    /// at level 3 or higher, from levels 3–5 as shown: suppressed when one of those is suppressed (never recovered from the
    /// total minus the other levels: that would undo the suppression) or when it is 1–4 for a viewer without pupil rights.
    /// </summary>
    private async Task<IndicatorMeasurement> HighSupportLevelAsync(int schoolId, int year, TrendQuery query, CancellationToken ct)
    {
        const QualityIndicator indicator = QualityIndicator.HighSupportLevelPercent;
        var trend = await trends.GetSupportLevelsAsync(query, ct);
        var distribution = trend.SchoolYears.FirstOrDefault(y => y.StartYear == year)?.BySchool[schoolId];
        if (distribution is null)
            return new IndicatorMeasurement(indicator, null, false);
        if (distribution.Pupils.Suppressed)
            return Suppressed(indicator);
        var levels = distribution.ByLevel;
        // Only from the figures shown: a hidden level is never recovered as the total minus the others.
        int? high = HighLevels.All(l => !levels[l].Suppressed)
            ? HighLevels.Sum(l => levels[l].Value ?? 0)
            : null;
        var hasRights = trend.Schools.Single(s => s.Id == schoolId).ViewerHasPupilRights;
        if (high is not { } count || SmallCounts.ShouldSuppress(count, hasRights))
            return Suppressed(indicator);
        return Percent(indicator, count, distribution.Pupils.Value ?? 0);
    }
}
