using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using IbPortal.Components.Shared;
using MudBlazor;

namespace IbPortal.Components.Layout;

/// <summary>
/// The drawer's links per role, in menu order, when a link counts as the active one, and the menu's HTML: built once per
/// (link set, active links) and shared by every circuit, so that a circuit holds one markup frame instead of ~19 frames
/// per link.
/// </summary>
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

    // One link set per combination of sections shown: at most 2^Sections.Length, in practice a handful.
    private static readonly ConcurrentDictionary<int, LinkSet> Sets = new();

    /// <summary>The links <paramref name="user"/> sees, in menu order (none when not signed in, as AuthorizeView).</summary>
    public static LinkSet For(ClaimsPrincipal? user)
    {
        var sections = 0;
        if (user?.Identity?.IsAuthenticated == true)
        {
            for (var i = 0; i < Sections.Length; i++)
            {
                if (Sections[i].Roles.Any(user.IsInRole))
                    sections |= 1 << i;
            }
        }
        return Sets.GetOrAdd(sections, static s =>
            new LinkSet(Sections.Where((_, i) => (s & (1 << i)) != 0).SelectMany(section => section.Links).ToArray()));
    }

    /// <summary>One role combination's links, shared by all circuits, with the menu's HTML per set of active links.</summary>
    public sealed class LinkSet
    {
        internal LinkSet(Link[] links)
        {
            if (links.Length > 63)
                throw new ArgumentException("A menu holds at most 63 links (one bit each).", nameof(links));
            Links = links;
        }

        public IReadOnlyList<Link> Links { get; }

        /// <summary>Bit i is set when link i is active at <paramref name="uriAbsolute"/> (see <see cref="IsActive"/>).</summary>
        public long ActiveAt(string uriAbsolute, NavigationManager navigation)
        {
            ArgumentNullException.ThrowIfNull(navigation);
            var active = 0L;
            for (var i = 0; i < Links.Count; i++)
            {
                if (IsActive(uriAbsolute, navigation.ToAbsoluteUri(Links[i].Href).AbsoluteUri, Links[i].Match))
                    active |= 1L << i;
            }
            return active;
        }

        /// <summary>
        /// The menu's items as MudNavLink renders them (the <c>nav</c> itself is the layout's): the active ones with
        /// MudBlazor's <c>active</c> class and <c>aria-current="page"</c>. Href and text are HTML-encoded; the icons are
        /// MudBlazor's own SVG constants. Built once per distinct set of active links and shared by every circuit
        /// (<see cref="MudMarkup.Shared{TKey}"/>); a set of n links has at most n of them in practice.
        /// </summary>
        public string Html(long active) =>
            MudMarkup.Shared((Kind: "menu", Set: this, active), static k => k.Set.Build(k.active)).Value;

        private string Build(long active)
        {
            var html = new StringBuilder(Links.Count * 640);
            for (var i = 0; i < Links.Count; i++)
            {
                var link = Links[i];
                var isActive = (active & (1L << i)) != 0;
                html.Append("<div class=\"mud-nav-item\"><a href=\"").Append(MudMarkup.Encode(link.Href))
                    .Append("\" rel=\"\" tabindex=\"0\" class=\"").Append(isActive ? "mud-nav-link mud-ripple active\" aria-current=\"page\"" : "mud-nav-link mud-ripple\"")
                    .Append("><svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default\"")
                    .Append(" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">").Append(link.Icon)
                    .Append("</svg><div class=\"mud-nav-link-text\">").Append(MudMarkup.Encode(link.Text)).Append("</div></a></div>");
            }
            return html.ToString();
        }
    }

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
