using System.Globalization;

namespace IbPortal.Components.Shared;

/// <summary>Dutch display formats: "di 24 nov", "di 24 nov 14:05", "12 min geleden"; times in Dutch local time.</summary>
public static class Display
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly TimeZoneInfo Amsterdam = FindAmsterdam();

    public static System.DateTime ToLocal(System.DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    /// <summary>"di 24 nov" (with the year when it is not this year).</summary>
    public static string Date(System.DateTime utc, System.DateTime? nowUtc = null)
    {
        var local = ToLocal(utc);
        var now = ToLocal(nowUtc ?? System.DateTime.UtcNow);
        var format = local.Year == now.Year ? "ddd d MMM" : "ddd d MMM yyyy";
        return local.ToString(format, Dutch).Replace(".", "", StringComparison.Ordinal);
    }

    /// <summary>A calendar day: "di 24 nov" (with the year when it is not this year).</summary>
    public static string Day(DateOnly day, DateOnly? today = null) =>
        Domain.Care.DutchDates.OnScreen(day, today ?? DateOnly.FromDateTime(ToLocal(System.DateTime.UtcNow)));

    public static string DateTime(System.DateTime utc, System.DateTime? nowUtc = null) =>
        $"{Date(utc, nowUtc)} {ToLocal(utc).ToString("HH:mm", Dutch)}";

    /// <summary>"zojuist", "12 min geleden", "3 uur geleden", "gisteren 14:05", else the date.</summary>
    public static string Ago(System.DateTime utc, System.DateTime nowUtc)
    {
        var span = nowUtc - utc;
        if (span < TimeSpan.FromMinutes(1))
            return "zojuist";
        if (span < TimeSpan.FromHours(1))
            return $"{(int)span.TotalMinutes} min geleden";
        if (span < TimeSpan.FromHours(24) && ToLocal(utc).Date == ToLocal(nowUtc).Date)
            return $"{(int)span.TotalHours} uur geleden";
        if (ToLocal(utc).Date == ToLocal(nowUtc).Date.AddDays(-1))
            return $"gisteren {ToLocal(utc).ToString("HH:mm", Dutch)}";
        if (span < TimeSpan.FromDays(7))
            return $"{(int)Math.Ceiling(span.TotalDays)} dagen geleden";
        return Date(utc, nowUtc);
    }

    /// <summary>What a form says when saving failed for a reason outside the domain (database busy or gone).</summary>
    public const string SaveFailed = "Opslaan lukte niet: de database is even niet bereikbaar. Wat je typte staat er nog; probeer het zo opnieuw.";

    /// <summary>What a form says when fields need attention.</summary>
    public const string CheckFields = "Controleer de gemarkeerde velden; wat je typte staat er nog.";

    public static string Plural(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";

    private static TimeZoneInfo FindAmsterdam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Local;
        }
    }
}
