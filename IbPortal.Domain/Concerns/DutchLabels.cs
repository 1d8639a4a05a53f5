namespace IbPortal.Domain.Concerns;

/// <summary>The Dutch words schools use for the concern vocabulary.</summary>
public static class DutchLabels
{
    public static string Label(this DevelopmentArea area) => area switch
    {
        DevelopmentArea.Cognitive => "Cognitief",
        DevelopmentArea.SocialEmotional => "Sociaal-emotioneel",
        DevelopmentArea.Both => "Cognitief en sociaal-emotioneel",
        _ => area.ToString(),
    };

    public static string Label(this SubAreas subArea) => subArea switch
    {
        SubAreas.Reading => "Lezen",
        SubAreas.Spelling => "Spelling",
        SubAreas.Maths => "Rekenen",
        SubAreas.Language => "Taal",
        SubAreas.WorkAttitude => "Werkhouding",
        SubAreas.Concentration => "Concentratie",
        SubAreas.Wellbeing => "Welbevinden",
        SubAreas.Safety => "Veiligheid",
        SubAreas.Behaviour => "Gedrag",
        SubAreas.SocialContact => "Contact met anderen",
        SubAreas.SelfImage => "Zelfbeeld",
        _ => string.Join(", ", SubAreaCatalog.Split(subArea).Select(s => s.Label())),
    };

    public static string Label(this Urgency urgency) => urgency switch
    {
        Urgency.Normal => "Normaal",
        Urgency.Worrying => "Zorgelijk",
        Urgency.Urgent => "Urgent",
        _ => urgency.ToString(),
    };

    public static string Label(this ConcernStatus status) => status switch
    {
        ConcernStatus.New => "Nieuw",
        ConcernStatus.Acknowledged => "Gezien",
        ConcernStatus.InProgress => "In behandeling",
        ConcernStatus.Closed => "Afgesloten",
        _ => status.ToString(),
    };

    public static string Label(this ConcernOutcome outcome) => outcome switch
    {
        ConcernOutcome.ResolvedInClass => "Opgelost in de klas",
        ConcernOutcome.SupportPlanStarted => "Ondersteuningsplan gestart",
        ConcernOutcome.Referred => "Doorverwezen",
        ConcernOutcome.NoActionNeeded => "Geen verdere actie nodig",
        ConcernOutcome.GroupApproach => "Opgepakt in de groepsaanpak",
        _ => outcome.ToString(),
    };

    public static string Label(this ConcernChange change) => change switch
    {
        ConcernChange.Raised => "Gesignaleerd",
        ConcernChange.Acknowledged => "Gezien door de intern begeleider",
        ConcernChange.NoteAdded => "Notitie",
        ConcernChange.NextStepSet => "Volgende stap",
        ConcernChange.Closed => "Afgesloten",
        ConcernChange.Reopened => "Heropend",
        _ => change.ToString(),
    };
}
