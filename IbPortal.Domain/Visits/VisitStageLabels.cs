namespace IbPortal.Domain.Visits;

/// <summary>
/// The one set of Dutch words for a visit's stage: as the IB'er's to-do ("Observatie te doen") for the IB'er of the
/// school, and as what comes next ("Nagesprek volgt") for everyone else (the visited teacher, the school leader).
/// </summary>
public static class VisitStageLabels
{
    public static string Of(VisitStage stage, bool forCoordinator) => forCoordinator ? ForCoordinator(stage) : ForOthers(stage);

    public static string ForCoordinator(VisitStage stage) => stage switch
    {
        VisitStage.ObservationDue => "Observatie te doen",
        VisitStage.AwaitingFeedback => "Nagesprek te doen",
        VisitStage.AwaitingReflection => "Wacht op reflectie",
        _ => Common(stage),
    };

    public static string ForOthers(VisitStage stage) => stage switch
    {
        VisitStage.ObservationDue => "Observatie loopt",
        VisitStage.AwaitingFeedback => "Nagesprek volgt",
        VisitStage.AwaitingReflection => "Reflectie volgt",
        _ => Common(stage),
    };

    private static string Common(VisitStage stage) => stage switch
    {
        VisitStage.Planned => "Gepland",
        VisitStage.Completed => "Afgerond",
        VisitStage.Cancelled => "Geannuleerd",
        _ => stage.ToString(),
    };
}
