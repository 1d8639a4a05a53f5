namespace IbPortal.Domain.Quality;

/// <summary>The audit action codes of the quality view, with their Dutch descriptions.</summary>
public static class QualityAuditActions
{
    public const string ConcernTrend = QualityTrendService.ConcernTrendAction;
    public const string CareSpeed = QualityTrendService.CareSpeedAction;
    public const string Scope = QualityTrendService.ScopeAction;

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ConcernTrend] = "Trend van signaleringen opgevraagd",
        [CareSpeed] = "Snelheid van de zorg opgevraagd",
        [Scope] = "Kwaliteitsoverzicht geopend",
    };
}
