namespace IbPortal.Domain.Quality;

/// <summary>The audit action codes of the quality view, with their Dutch descriptions.</summary>
public static class QualityAuditActions
{
    public const string ConcernTrend = QualityTrendService.ConcernTrendAction;
    public const string CareSpeed = QualityTrendService.CareSpeedAction;
    public const string Scope = QualityTrendService.ScopeAction;
    public const string SupportLevels = QualityTrendService.SupportLevelsAction;
    public const string Evaluations = QualityTrendService.EvaluationsAction;
    public const string VisitCoverage = QualityTrendService.VisitCoverageAction;
    public const string Consents = QualityTrendService.ConsentsAction;
    public const string EnrolledPupils = QualityTrendService.EnrolledPupilsAction;

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ConcernTrend] = "Trend van signaleringen opgevraagd",
        [CareSpeed] = "Snelheid van de zorg opgevraagd",
        [Scope] = "Kwaliteitsoverzicht geopend",
        [SupportLevels] = "Ondersteuningsniveaus per schooljaar opgevraagd",
        [Evaluations] = "Evaluaties van plandoelen opgevraagd",
        [VisitCoverage] = "Dekking van klassenbezoeken opgevraagd",
        [Consents] = "Doorlooptijd van toestemmingen opgevraagd",
        [EnrolledPupils] = "Aantal leerlingen voor een kwaliteitsindicator opgevraagd",
    };
}
