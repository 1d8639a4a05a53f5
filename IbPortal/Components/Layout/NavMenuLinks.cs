using System.Security.Claims;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace IbPortal.Components.Layout;

/// <summary>The drawer's links per role, in menu order, and when a link counts as the active one.</summary>
public static class NavMenuLinks
{
    public sealed record Link(string Href, NavLinkMatch Match, string Icon, string Text);

    private sealed record Section(string[] Roles, Link[] Links);

    // One section per former AuthorizeView: a section shows when the user has any of its roles (AuthorizeView Roles="a,b").
    private static readonly Section[] Sections =
    [
        new(["CareCoordinator"],
        [
            new("/ib", NavLinkMatch.Prefix, Icons.Material.Filled.Dashboard, "Mijn overzicht"),
        ]),
        new(["Teacher"],
        [
            new("/groep", NavLinkMatch.Prefix, Icons.Material.Filled.Groups, "Mijn groep"),
            new("/signaleren", NavLinkMatch.Prefix, Icons.Material.Filled.Flag, "Signaleer een leerling"),
        ]),
        new(["CareCoordinator", "Teacher"],
        [
            new("/besprekingen", NavLinkMatch.Prefix, Icons.Material.Filled.Forum, "Besprekingen"),
            new("/acties", NavLinkMatch.Prefix, Icons.Material.Filled.Checklist, "Mijn actiepunten"),
            new("/agenda", NavLinkMatch.Prefix, Icons.Material.Filled.CalendarMonth, "Agenda"),
        ]),
        new(["CareCoordinator"],
        [
            new("/bezoeken", NavLinkMatch.All, Icons.Material.Filled.CoPresent, "Klassenbezoeken"),
            new("/coaching/leerkrachten", NavLinkMatch.Prefix, Icons.Material.Filled.SelfImprovement, "Coaching"),
            new("/hulpvragen", NavLinkMatch.Prefix, Icons.Material.Filled.SupportAgent, "Hulpvragen"),
        ]),
        new(["Teacher"],
        [
            new("/coaching", NavLinkMatch.All, Icons.Material.Filled.SelfImprovement, "Mijn coaching"),
            new("/hulpvragen", NavLinkMatch.Prefix, Icons.Material.Filled.SupportAgent, "Hulp vragen"),
        ]),
        new(["SchoolLeader"],
        [
            new("/bezoeken/dekking", NavLinkMatch.Prefix, Icons.Material.Filled.CoPresent, "Klassenbezoeken"),
        ]),
        new(["QualityCoordinator", "SchoolLeader", "CareCoordinator"],
        [
            new("/kwaliteit", NavLinkMatch.All, Icons.Material.Filled.Insights, "Kwaliteit"),
            new("/kwaliteit/cyclus", NavLinkMatch.Prefix, Icons.Material.Filled.Loop, "Kwaliteitscyclus"),
        ]),
        new(["Administrator"],
        [
            new("/beheer", NavLinkMatch.All, Icons.Material.Filled.Settings, "Beheer"),
            new("/beheer/medewerkers", NavLinkMatch.Prefix, Icons.Material.Filled.ManageAccounts, "Medewerkers en rollen"),
            new("/beheer/kijkwijzer", NavLinkMatch.Prefix, Icons.Material.Filled.Checklist, "Kijkwijzer"),
        ]),
        new(["PrivacyOfficer"],
        [
            new("/privacy/audit", NavLinkMatch.Prefix, Icons.Material.Filled.Policy, "Audittrail"),
            new("/privacy/bewaartermijnen", NavLinkMatch.Prefix, Icons.Material.Filled.AutoDelete, "Bewaartermijnen"),
        ]),
    ];

    /// <summary>The links <paramref name="user"/> sees, in menu order (none when not signed in, as AuthorizeView).</summary>
    public static Link[] For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? Sections.Where(s => s.Roles.Any(user.IsInRole)).SelectMany(s => s.Links).ToArray()
            : [];

    /// <summary>
    /// Whether a link to <paramref name="hrefAbsolute"/> is active at <paramref name="uriAbsolute"/>, as Blazor's
    /// <see cref="NavLink"/> decides it in .NET 10: the same URI (case-insensitive, or the href with one trailing slash
    /// more); for <see cref="NavLinkMatch.Prefix"/> also any URI below it at a separator; for <see cref="NavLinkMatch.All"/>
    /// also the same URI once query string and fragment are left off.
    /// </summary>
    public static bool IsActive(string uriAbsolute, string hrefAbsolute, NavLinkMatch match)
    {
        if (SameOrHrefWithSlash(uriAbsolute, hrefAbsolute))
            return true;
        if (match == NavLinkMatch.Prefix)
            return IsBelow(uriAbsolute, hrefAbsolute);
        var path = WithoutQueryAndFragment(uriAbsolute);
        return SameOrHrefWithSlash(path, hrefAbsolute) || SameOrHrefWithSlash(path, WithoutQueryAndFragment(hrefAbsolute));
    }

    private static bool SameOrHrefWithSlash(ReadOnlySpan<char> uri, ReadOnlySpan<char> href) =>
        uri.Equals(href, StringComparison.OrdinalIgnoreCase)
        || (href.Length == uri.Length + 1 && href[^1] == '/' && uri.Equals(href[..^1], StringComparison.OrdinalIgnoreCase));

    // "/abc" is above "/abc/def" and "/abc?x", not above "/abcdef" or "/abc-def".
    private static bool IsBelow(string uri, string href) =>
        uri.Length > href.Length
        && uri.StartsWith(href, StringComparison.OrdinalIgnoreCase)
        && (href.Length == 0 || !IsUnreserved(href[^1]) || !IsUnreserved(uri[href.Length]));

    private static bool IsUnreserved(char c) => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static ReadOnlySpan<char> WithoutQueryAndFragment(ReadOnlySpan<char> uri)
    {
        var end = uri.IndexOfAny('?', '#');
        return end < 0 ? uri : uri[..end];
    }
}
