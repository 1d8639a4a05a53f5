namespace IbPortal.Domain.Quality;

/// <summary>
/// Measures a <see cref="QualityIndicator"/> for one school and school year from the figures of the quality view
/// (<see cref="QualityTrendService"/>), with the viewer's rights and suppression.
/// </summary>
public sealed class QualityIndicatorService(QualityTrendService trends)
{
    public Task<IndicatorMeasurement> MeasureAsync(int schoolId, int schoolYearStart, QualityIndicator indicator, CancellationToken ct = default) =>
        throw new NotImplementedException($"Issue 6: indicator {indicator} for school {schoolId}, {schoolYearStart} ({trends})");
}
