namespace IbPortal.Domain.Visits;

/// <summary>The audit action codes of teachers' support requests, with their Dutch descriptions.</summary>
public static class SupportRequestAuditActions
{
    public const string Ask = "support-request.ask";
    public const string Read = "support-request.read";
    public const string List = "support-request.list";
    public const string PickUp = "support-request.pick-up";
    public const string AddGoal = "support-request.add-goal";
    public const string Close = "support-request.close";
    public const string Reopen = "support-request.reopen";
    public const string Withdraw = "support-request.withdraw";
    public const string Subscribe = "support-request.subscribe";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [Ask] = "Hulpvraag van een leerkracht gesteld",
        [Read] = "Hulpvraag van een leerkracht bekeken",
        [List] = "Hulpvragen van leerkrachten bekeken",
        [PickUp] = "Hulpvraag van een leerkracht opgepakt",
        [AddGoal] = "Coachingsdoel vastgelegd naar aanleiding van een hulpvraag",
        [Close] = "Hulpvraag van een leerkracht afgesloten",
        [Reopen] = "Hulpvraag van een leerkracht heropend",
        [Withdraw] = "Hulpvraag door de leerkracht ingetrokken",
        [Subscribe] = "Live meldingen van hulpvragen aangezet",
    };
}
