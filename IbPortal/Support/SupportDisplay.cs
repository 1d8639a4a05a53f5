using System.Globalization;
using IbPortal.Domain.Support;
using MudBlazor;

namespace IbPortal.Support;

/// <summary>Dutch display helpers for the support screens: "di 24 nov", due states in words and colour.</summary>
public static class SupportDisplay
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The due state of a goal in words (the review date is shown next to it).</summary>
    public static string DueText(GoalDueState state, DateOnly? reviewOn, DateOnly today) => state switch
    {
        GoalDueState.Overdue => "Evaluatie te laat",
        GoalDueState.Due when reviewOn == today => "Evaluatie vandaag",
        GoalDueState.Due => "Evaluatie binnenkort",
        GoalDueState.Achieved => "Behaald",
        _ => "",
    };

    public static Color DueColor(GoalDueState state) => state switch
    {
        GoalDueState.Overdue => Color.Error,
        GoalDueState.Due => Color.Warning,
        GoalDueState.Achieved => Color.Success,
        _ => Color.Default,
    };

    public static string DueIcon(GoalDueState state) => state switch
    {
        GoalDueState.Overdue => Icons.Material.Filled.ReportProblem,
        GoalDueState.Due => Icons.Material.Filled.Event,
        GoalDueState.Achieved => Icons.Material.Filled.CheckCircle,
        _ => Icons.Material.Outlined.Info,
    };
}
