using System.Globalization;
using IbPortal.Domain.Parents;
using MudBlazor;

namespace IbPortal.Parents;

/// <summary>Dutch display helpers for the parents' and consent screens.</summary>
public static class ParentDisplay
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static Color ColorOf(ConsentStatus status) => status switch
    {
        ConsentStatus.Given => Color.Success,
        ConsentStatus.Requested => Color.Info,
        ConsentStatus.Refused or ConsentStatus.Withdrawn => Color.Error,
        ConsentStatus.Expired => Color.Warning,
        _ => Color.Default,
    };

    public static string IconOf(ConsentStatus status) => status switch
    {
        ConsentStatus.Given => Icons.Material.Filled.CheckCircle,
        ConsentStatus.Requested => Icons.Material.Filled.HourglassTop,
        ConsentStatus.Refused => Icons.Material.Filled.Block,
        ConsentStatus.Withdrawn => Icons.Material.Filled.Undo,
        ConsentStatus.Expired => Icons.Material.Filled.EventBusy,
        _ => Icons.Material.Outlined.HelpOutline,
    };
}
