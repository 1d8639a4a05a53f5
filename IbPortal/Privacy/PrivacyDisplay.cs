using System.Globalization;
using IbPortal.Components.Shared;
using IbPortal.Domain.Staff;

namespace IbPortal.Privacy;

/// <summary>Formats for documents that are printed and kept: dates always carry the year.</summary>
public static class PrivacyDisplay
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>"di 24 nov 2026 14:05", Dutch local time.</summary>
    public static string DateTime(System.DateTime utc) =>
        Display.ToLocal(utc).ToString("ddd d MMM yyyy HH:mm", Dutch).Replace(".", "", StringComparison.Ordinal);

    /// <summary>"di 24 nov 2026", Dutch local time.</summary>
    public static string Date(System.DateTime utc) =>
        Display.ToLocal(utc).ToString("ddd d MMM yyyy", Dutch).Replace(".", "", StringComparison.Ordinal);

    /// <summary>"1 oktober 2018".</summary>
    public static string Day(DateOnly date) => Domain.Care.DutchDates.InDocument(date);

    /// <summary>Whether the signed-in person holds <paramref name="role"/> at some school (navigation only; the services decide).</summary>
    public static bool HasRole(System.Security.Claims.ClaimsPrincipal user, PortalRole role) =>
        user.FindAll(Domain.Access.PortalClaims.Role).Any(c => c.Value == role.ToString());
}
