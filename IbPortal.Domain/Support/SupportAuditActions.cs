namespace IbPortal.Domain.Support;

/// <summary>The audit action codes of this module, and their Dutch descriptions for the inzage export and audit search.</summary>
public static class SupportAuditActions
{
    /// <summary>The support overview of a pupil at one school (level and its history) was read.</summary>
    public const string Read = "support.read";

    public const string LevelChange = "support.level.change";

    /// <summary>The form for a new plan was opened (it shows the pupil and whether a plan is running).</summary>
    public const string PlanPrepare = "plan.prepare";

    public const string PlanRead = "plan.read";
    public const string PlanCreate = "plan.create";
    public const string GoalAdd = "plan.goal.add";
    public const string GoalEdit = "plan.goal.edit";
    public const string GoalRemove = "plan.goal.remove";
    public const string NeedsEdit = "plan.needs.edit";
    public const string GoalEvaluate = "plan.goal.evaluate";
    public const string PlanClose = "plan.close";

    public const string DevelopmentPlanRead = "opp.read";
    public const string DevelopmentPlanCreate = "opp.create";
    public const string DevelopmentPlanAgree = "opp.agree";
    public const string DevelopmentPlanEvaluate = "opp.evaluate";
    public const string DevelopmentPlanEnd = "opp.end";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [Read] = "Ondersteuning bekeken (niveau en geschiedenis)",
        [LevelChange] = "Ondersteuningsniveau gewijzigd",
        [PlanPrepare] = "Formulier voor een nieuw ondersteuningsplan geopend",
        [PlanRead] = "Ondersteuningsplan bekeken",
        [PlanCreate] = "Ondersteuningsplan gemaakt",
        [GoalAdd] = "Quick win of doel toegevoegd aan het ondersteuningsplan",
        [GoalEdit] = "Quick win of doel in het ondersteuningsplan aangepast",
        [GoalRemove] = "Quick win of doel uit het ondersteuningsplan gehaald",
        [NeedsEdit] = "Onderwijsbehoeften in het ondersteuningsplan aangepast",
        [GoalEvaluate] = "Doel van het ondersteuningsplan geëvalueerd",
        [PlanClose] = "Ondersteuningsplan afgesloten",
        [DevelopmentPlanRead] = "Ontwikkelingsperspectiefplan (OPP) bekeken",
        [DevelopmentPlanCreate] = "Ontwikkelingsperspectiefplan (OPP) gemaakt",
        [DevelopmentPlanAgree] = "Instemming van de ouders met het OPP vastgelegd",
        [DevelopmentPlanEvaluate] = "Jaarlijkse evaluatie van het OPP vastgelegd",
        [DevelopmentPlanEnd] = "Ontwikkelingsperspectiefplan (OPP) beëindigd",
    };
}
