namespace IbPortal.Domain.Quality;

/// <summary>The audit action codes of the quality cycle (PDCA), with their Dutch descriptions.</summary>
public static class QualityCycleAuditActions
{
    public const string Scope = "quality-goal.scope";
    public const string List = "quality-goal.list";
    public const string Read = "quality-goal.read";
    public const string Overview = "quality-goal.year-overview";
    public const string Create = "quality-goal.create";
    public const string Edit = "quality-goal.edit";
    public const string SetStatus = "quality-goal.status";
    public const string ActionAdd = "quality-action.add";
    public const string ActionEdit = "quality-action.edit";
    public const string ActionDone = "quality-action.done";
    public const string ActionCancel = "quality-action.cancel";
    public const string CheckRecord = "quality-check.record";
    public const string AdjustmentRecord = "quality-adjustment.record";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [Scope] = "Scholen voor de kwaliteitscyclus opgevraagd",
        [List] = "Kwaliteitsdoelen van een school bekeken",
        [Read] = "Kwaliteitsdoel bekeken",
        [Overview] = "Jaaroverzicht van de kwaliteitscyclus bekeken",
        [Create] = "Kwaliteitsdoel vastgelegd",
        [Edit] = "Kwaliteitsdoel gewijzigd",
        [SetStatus] = "Stand van een kwaliteitsdoel gewijzigd",
        [ActionAdd] = "Actie bij een kwaliteitsdoel gepland",
        [ActionEdit] = "Actie bij een kwaliteitsdoel gewijzigd",
        [ActionDone] = "Actie bij een kwaliteitsdoel afgerond",
        [ActionCancel] = "Actie bij een kwaliteitsdoel geschrapt",
        [CheckRecord] = "Evaluatie van een kwaliteitsdoel vastgelegd",
        [AdjustmentRecord] = "Bijstelling van een kwaliteitsdoel vastgelegd",
    };
}
