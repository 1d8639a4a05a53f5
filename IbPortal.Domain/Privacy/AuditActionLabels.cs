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
        _ => action,
    };
}
