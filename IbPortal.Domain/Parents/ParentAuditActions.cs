namespace IbPortal.Domain.Parents;

/// <summary>The audit action codes of this module, and their Dutch descriptions for the inzage export and audit search.</summary>
public static class ParentAuditActions
{
    public const string GuardianList = "guardian.list";
    public const string GuardianAdd = "guardian.add";
    public const string GuardianUpdate = "guardian.update";
    public const string GuardianArchive = "guardian.archive";

    public const string ConversationList = "parent-conversation.list";
    public const string ConversationPlan = "parent-conversation.plan";
    public const string ConversationUpdatePlan = "parent-conversation.update-plan";
    public const string ConversationRecord = "parent-conversation.record";

    public const string ConsentRead = "consent.read";
    public const string ConsentRequest = "consent.request";
    public const string ConsentDecide = "consent.decide";
    public const string ConsentWithdraw = "consent.withdraw";

    public const string ExternalReportList = "external-report.list";
    public const string ExternalReportRecord = "external-report.record";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [GuardianList] = "Ouders/verzorgers bekeken",
        [GuardianAdd] = "Ouder/verzorger toegevoegd",
        [GuardianUpdate] = "Gegevens van ouder/verzorger gewijzigd",
        [GuardianArchive] = "Ouder/verzorger gearchiveerd",
        [ConversationList] = "Oudergesprekken bekeken",
        [ConversationPlan] = "Oudergesprek gepland",
        [ConversationUpdatePlan] = "Planning van oudergesprek gewijzigd",
        [ConversationRecord] = "Verslag van oudergesprek vastgelegd",
        [ConsentRead] = "Toestemmingen bekeken",
        [ConsentRequest] = "Toestemming gevraagd aan de ouders",
        [ConsentDecide] = "Antwoord van de ouders op een toestemmingsvraag vastgelegd",
        [ConsentWithdraw] = "Intrekking van toestemming vastgelegd",
        [ExternalReportList] = "Observaties en onderzoeken door externe deskundigen bekeken",
        [ExternalReportRecord] = "Observatie of onderzoek door een externe deskundige vastgelegd",
    };
}
