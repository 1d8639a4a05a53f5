namespace IbPortal.Domain.Privacy;

/// <summary>Audit action codes in the words a parent reads in an inzage export.</summary>
public static class AuditActionLabels
{
    public static string Describe(string action) => action switch
    {
        "concern.raise" => "Signalering vastgelegd",
        "concern.read" => "Signalering bekeken",
        "concern.read-summary" => "Samenvatting van een signalering bekeken",
        "concern.acknowledge" => "Signalering gezien door de intern begeleider",
        "concern.note" => "Notitie toegevoegd",
        "concern.next-step" => "Volgende stap vastgelegd",
        "concern.close" => "Signalering afgesloten",
        "concern.reopen" => "Signalering heropend",
        "pupil.read" => "Leerlinggegevens opgevraagd",
        PupilFileService.ReadAction => "Leerlingdossier bekeken",
        InzageService.ExportAction => "Inzage-export gemaakt",
        Dashboard.CareAgendaService.Action => "Zorgagenda van Mijn overzicht geopend",
        _ => ModuleLabels.TryGetValue(action, out var label) ? label : action,
    };

    /// <summary>The labels each pupil-care module declares next to its action codes.</summary>
    private static readonly Dictionary<string, string> ModuleLabels = new[]
        {
            Discussions.DiscussionAuditActions.Labels,
            Support.SupportAuditActions.Labels,
            Parents.ParentAuditActions.Labels,
            Partnership.PartnershipAuditActions.Labels,
            Visits.VisitAuditActions.Labels,
            Visits.ObservationAuditActions.Labels,
            Visits.SupportRequestAuditActions.Labels,
            Quality.QualityAuditActions.Labels,
            Quality.BoatSignalAuditActions.Labels,
            Quality.QualityCycleAuditActions.Labels,
        }
        .SelectMany(l => l)
        .ToDictionary(l => l.Key, l => l.Value);
}
