namespace IbPortal.Domain.Support;

/// <summary>The Dutch words schools use for the support vocabulary.</summary>
public static class SupportLabels
{
    /// <summary>The level in words, e.g. "Extra ondersteuning in de klas".</summary>
    public static string LevelName(int level) => level switch
    {
        1 => "Goed onderwijs voor iedereen",
        2 => "Extra ondersteuning in de klas",
        3 => "Speciale ondersteuning met de intern begeleider",
        4 => "Ondersteuning met een externe deskundige",
        5 => "Verwijzing via het samenwerkingsverband",
        _ => $"Niveau {level}",
    };

    public static string Label(this EvaluationResult result) => result switch
    {
        EvaluationResult.Achieved => "Behaald",
        EvaluationResult.PartlyAchieved => "Deels behaald",
        EvaluationResult.NotAchieved => "Niet behaald",
        _ => result.ToString(),
    };

    public static string Label(this GoalKind kind) => kind switch
    {
        GoalKind.QuickWin => "Quick win",
        GoalKind.LongTerm => "Doel voor de langere termijn",
        _ => kind.ToString(),
    };

    public static string Label(this DevelopmentPlanReason reason) => reason switch
    {
        DevelopmentPlanReason.SupportLevel => "Ondersteuningsniveau 4 of 5",
        DevelopmentPlanReason.SchoolChoice => "Keuze van de school",
        _ => reason.ToString(),
    };

    public static string Label(this GoalDueState state) => state switch
    {
        GoalDueState.Due => "Evaluatie binnenkort",
        GoalDueState.Overdue => "Evaluatie te laat",
        GoalDueState.Achieved => "Behaald",
        _ => "",
    };
}
