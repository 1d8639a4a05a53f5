using System.Globalization;

namespace IbPortal.Domain.Care;

/// <summary>Dates in the words schools use: "di 24 nov" on screens, "24 november 2026" in documents.</summary>
public static class DutchDates
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>"di 24 nov"; with the year when it differs from <paramref name="relativeTo"/>'s (always when none is given).</summary>
    public static string OnScreen(DateOnly date, DateOnly? relativeTo = null) =>
        date.ToString(relativeTo is { } r && r.Year == date.Year ? "ddd d MMM" : "ddd d MMM yyyy", Culture).Replace(".", "", StringComparison.Ordinal);

    /// <summary>"24 november 2026", for documents such as the inzage and the referral summary.</summary>
    public static string InDocument(DateOnly date) => date.ToString("d MMMM yyyy", Culture);
}
