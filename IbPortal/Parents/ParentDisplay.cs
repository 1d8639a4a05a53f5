using System.Globalization;
using IbPortal.Domain.Parents;
using MudBlazor;

namespace IbPortal.Parents;

/// <summary>Dutch display helpers for the parents' and consent screens.</summary>
public static class ParentDisplay
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>"di 24 nov", with the year when it is not the year of <paramref name="today"/>.</summary>
    public static string Day(DateOnly date, DateOnly today) =>
        date.ToString(date.Year == today.Year ? "ddd d MMM" : "ddd d MMM yyyy", Dutch).Replace(".", "", StringComparison.Ordinal);

    /// <summary>The value of an &lt;input type="date"&gt;.</summary>
    public static string? ToInput(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? FromInput(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

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

    /// <summary>The usual message for a failure to save, keeping what the user typed.</summary>
    public const string SaveFailed = "Opslaan lukte niet: de database is even niet bereikbaar. Wat je typte staat er nog; probeer het zo opnieuw.";

    public const string CheckFields = "Controleer de gemarkeerde velden; wat je typte staat er nog.";
}
