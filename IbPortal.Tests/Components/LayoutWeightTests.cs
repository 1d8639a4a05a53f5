#pragma warning disable BL0006 // the render tree frames, read to pin the layout's weight
using System.Reflection;
using System.Security.Claims;
using Bunit;
using IbPortal.Auth;
using IbPortal.Components.Layout;
using IbPortal.Domain.Access;
using IbPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IbPortal.Tests.Components;

/// <summary>The layout around every page: what each role sees in it, and how many components it costs per circuit.</summary>
public class LayoutWeightTests : BunitContext, IAsyncLifetime
{
    public LayoutWeightTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new PortalAuthOptions()));
        Services.AddScoped<IdleCircuitHandler>();
    }

    private IRenderedComponent<MainLayout> RenderLayout(string path, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ilse Verbeek");
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(PortalClaims.DisplayName, "Ilse Verbeek"));
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddMarkupContent(0, "<h1>Pagina</h1>")));
    }

    // What AuthorizeView showed per role, in menu order (the demo users: ib, leerkracht-a, kwaliteit, beheer, directie-a, privacy).
    private static readonly Dictionary<string, string[]> LinksOf = new()
    {
        ["CareCoordinator"] = ["/ib Mijn overzicht", "/besprekingen Besprekingen", "/acties Mijn actiepunten", "/agenda Agenda",
            "/bezoeken Klassenbezoeken", "/coaching/leerkrachten Coaching", "/hulpvragen Hulpvragen", "/kwaliteit Kwaliteit",
            "/kwaliteit/cyclus Kwaliteitscyclus"],
        ["Teacher"] = ["/groep Mijn groep", "/signaleren Signaleer een leerling", "/besprekingen Besprekingen", "/acties Mijn actiepunten",
            "/agenda Agenda", "/coaching Mijn coaching", "/hulpvragen Hulp vragen"],
        ["QualityCoordinator"] = ["/kwaliteit Kwaliteit", "/kwaliteit/cyclus Kwaliteitscyclus"],
        ["Administrator"] = ["/beheer Beheer", "/beheer/medewerkers Medewerkers en rollen", "/beheer/kijkwijzer Kijkwijzer"],
        ["SchoolLeader"] = ["/bezoeken/dekking Klassenbezoeken", "/kwaliteit Kwaliteit", "/kwaliteit/cyclus Kwaliteitscyclus"],
        ["PrivacyOfficer"] = ["/privacy/audit Audittrail", "/privacy/bewaartermijnen Bewaartermijnen"],
        // Several roles: each block once, in the menu's order (a teacher who is also IB'er gets both help links).
        ["CareCoordinator,Teacher"] = ["/ib Mijn overzicht", "/groep Mijn groep", "/signaleren Signaleer een leerling",
            "/besprekingen Besprekingen", "/acties Mijn actiepunten", "/agenda Agenda", "/bezoeken Klassenbezoeken",
            "/coaching/leerkrachten Coaching", "/hulpvragen Hulpvragen", "/coaching Mijn coaching", "/hulpvragen Hulp vragen",
            "/kwaliteit Kwaliteit", "/kwaliteit/cyclus Kwaliteitscyclus"],
        ["SchoolLeader,QualityCoordinator"] = ["/bezoeken/dekking Klassenbezoeken", "/kwaliteit Kwaliteit", "/kwaliteit/cyclus Kwaliteitscyclus"],
    };

    public static TheoryData<string> RoleSets() => [.. LinksOf.Keys];

    private const string AllRoles = "CareCoordinator,Teacher,QualityCoordinator,Administrator,SchoolLeader,PrivacyOfficer";

    [Theory]
    [MemberData(nameof(RoleSets))]
    public void Each_role_sees_its_links_in_the_drawer(string roles)
    {
        var cut = RenderLayout("/", roles.Split(','));

        var links = cut.FindAll("nav.mud-navmenu .mud-nav-item > a.mud-nav-link")
            .Select(a => $"{a.GetAttribute("href")} {a.QuerySelector(".mud-nav-link-text")!.TextContent.Trim()}");
        Assert.Equal(LinksOf[roles], links);
        Assert.All(cut.FindAll("nav.mud-navmenu a.mud-nav-link"), a => Assert.NotNull(a.QuerySelector("svg.mud-nav-link-icon[aria-hidden=true]")));
    }

    [Fact]
    public void Someone_not_signed_in_sees_no_links_no_flag_button_and_no_user_menu()
    {
        AddAuthorization().SetNotAuthorized();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddMarkupContent(0, "<h1>Pagina</h1>")));

        Assert.Empty(cut.FindAll("nav.mud-navmenu a"));
        Assert.Empty(cut.FindAll("[data-testid=flag-button]"));
        Assert.Empty(cut.FindAll("[data-testid=user-menu]"));
    }

    [Theory]
    [InlineData("Teacher", true)]
    [InlineData("CareCoordinator,Teacher", true)]
    [InlineData("CareCoordinator", false)]
    [InlineData("SchoolLeader,QualityCoordinator,Administrator,PrivacyOfficer", false)]
    public void Only_teachers_get_the_flag_button_in_the_app_bar(string roles, bool shown)
    {
        var cut = RenderLayout("/", roles.Split(','));

        var buttons = cut.FindAll("header [data-testid=flag-button]");
        Assert.Equal(shown ? 1 : 0, buttons.Count);
        if (shown)
        {
            Assert.Equal("/signaleren", buttons[0].GetAttribute("href"));
            Assert.Equal("Signaleer een leerling", buttons[0].TextContent.Trim());
        }
    }

    [Theory]
    // NavLinkMatch.All: the page itself (query string and fragment aside), never a page below it.
    [InlineData(AllRoles, "/bezoeken", "/bezoeken")]
    [InlineData(AllRoles, "/bezoeken?week=3", "/bezoeken")]
    [InlineData(AllRoles, "/bezoeken/", null)] // a trailing slash the href lacks is another page for NavLink too
    [InlineData(AllRoles, "/bezoeken/12", null)]
    [InlineData(AllRoles, "/kwaliteit?school=1#trend", "/kwaliteit")]
    [InlineData(AllRoles, "/coaching", "/coaching")]
    [InlineData(AllRoles, "/beheer/onbekend", null)]
    // NavLinkMatch.Prefix: the page and everything below it at a separator, case-insensitive; not a longer name.
    [InlineData(AllRoles, "/ib", "/ib")]
    [InlineData(AllRoles, "/IB/signalering/3", "/ib")]
    [InlineData(AllRoles, "/ibx", null)]
    [InlineData(AllRoles, "/kwaliteit/cyclus/2", "/kwaliteit/cyclus")]
    [InlineData(AllRoles, "/coaching/leerkrachten/7", "/coaching/leerkrachten")]
    [InlineData(AllRoles, "/bezoeken/dekking?jaar=2026", "/bezoeken/dekking")]
    [InlineData(AllRoles, "/privacy/audit?van=1", "/privacy/audit")]
    [InlineData("CareCoordinator", "/", null)]
    public void The_active_link_follows_the_match_of_each_link(string roles, string path, string? active)
    {
        var cut = RenderLayout(path, roles.Split(','));

        var activeLinks = cut.FindAll("nav.mud-navmenu a.mud-nav-link.active").Select(a => a.GetAttribute("href")).Distinct();
        Assert.Equal(active is null ? [] : [active], activeLinks);
        Assert.All(cut.FindAll("nav.mud-navmenu a.mud-nav-link"), a =>
            Assert.Equal(a.ClassList.Contains("active") ? "page" : null, a.GetAttribute("aria-current")));
    }

    [Fact]
    public void The_active_link_moves_with_navigation()
    {
        var cut = RenderLayout("/ib", "CareCoordinator");
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("/agenda?week=2026-48");
        cut.WaitForAssertion(() => Assert.Equal(["/agenda"], cut.FindAll("nav a.active").Select(a => a.GetAttribute("href"))));

        navigation.NavigateTo("/bezoeken/3");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("nav a.active")));
    }

    // Which state the drawer shows per width is CSS (app.css, "App layout"; the browser test checks it); here: the one
    // toggle state, the backdrop, and aria-expanded of the menu button shown at each width.
    [Fact]
    public void The_menu_button_flips_the_drawer_and_a_link_click_the_backdrop_or_Escape_flip_it_back()
    {
        var cut = RenderLayout("/ib", "CareCoordinator");
        var layout = () => cut.Find("div.mud-layout");
        Assert.Equal("mud-layout mud-drawer-open-responsive-md-left mud-drawer-left-clipped-always", layout().ClassName);
        Assert.Equal("false,true", MenuButtonsExpanded(cut)); // narrow (hidden at >= 960 px), wide
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));

        foreach (var closeBy in new Action[]
                 {
                     () => cut.Find("nav a[href='/agenda']").Click(),
                     () => cut.Find(".mud-drawer-overlay").Click(),
                     () => cut.Find("aside.mud-drawer").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" }),
                 })
        {
            cut.Find("button[aria-label='Menu openen of sluiten']").Click();
            cut.WaitForAssertion(() => Assert.Contains("ib-menu-toggled", layout().ClassName, StringComparison.Ordinal));
            Assert.Contains("mud-drawer-close-responsive-md-left", layout().ClassName, StringComparison.Ordinal);
            Assert.Equal("true,false", MenuButtonsExpanded(cut));
            Assert.Contains("mud-drawer-overlay-md", cut.Find(".mud-overlay.mud-drawer-overlay").ClassName, StringComparison.Ordinal);

            closeBy();

            cut.WaitForAssertion(() => Assert.DoesNotContain("ib-menu-toggled", layout().ClassName, StringComparison.Ordinal));
            Assert.Empty(cut.FindAll(".mud-drawer-overlay"));
            Assert.Equal("false,true", MenuButtonsExpanded(cut));
        }

        // Another key in the drawer changes nothing.
        cut.Find("aside.mud-drawer").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Tab" });
        Assert.DoesNotContain("ib-menu-toggled", layout().ClassName, StringComparison.Ordinal);
    }

    // aria-expanded of the narrow button (shown below 960 px), then of the wide one.
    private static string MenuButtonsExpanded(IRenderedComponent<MainLayout> cut) =>
        string.Join(",", cut.FindAll("button[aria-label='Menu openen of sluiten']").Select(b =>
        {
            Assert.Equal("app-drawer", b.GetAttribute("aria-controls"));
            return b.GetAttribute("aria-expanded");
        }));

    [Fact]
    public void Menu_texts_and_hrefs_are_html_encoded_and_the_menu_html_is_shared()
    {
        var ib = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "CareCoordinator")], "test"));
        var set = NavMenuLinks.For(ib);
        Assert.Same(set, NavMenuLinks.For(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "CareCoordinator")], "test"))));
        Assert.Same(set.Html(1), set.Html(1));
        Assert.Empty(NavMenuLinks.For(null).Links);
        Assert.Equal("", NavMenuLinks.For(new ClaimsPrincipal(new ClaimsIdentity())).Html(0));

        var cut = RenderLayout("/beheer", "Administrator");
        var text = cut.Find("nav a[href='/beheer/medewerkers'] .mud-nav-link-text");
        Assert.Equal("Medewerkers en rollen", text.TextContent);
        Assert.Equal("page", cut.Find("nav a[href='/beheer']").GetAttribute("aria-current"));
    }

    [Fact]
    public void The_user_menu_closes_on_Escape_and_on_a_click_beside_it()
    {
        var cut = RenderLayout("/ib", "CareCoordinator");

        cut.Find("[data-testid=user-menu]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=sign-out]")));
        cut.Find(".user-menu").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=sign-out]")));
        Assert.Equal("false", cut.Find("[data-testid=user-menu]").GetAttribute("aria-expanded"));

        cut.Find("[data-testid=user-menu]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=sign-out]")));
        cut.Find(".user-menu-backdrop").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=sign-out]")));
    }

    [Fact]
    public void The_user_menu_shows_the_roles_in_Dutch_and_signs_out_by_form_post()
    {
        var cut = RenderLayout("/ib", "CareCoordinator", "Teacher");
        var activator = cut.Find("[data-testid=user-menu]");
        Assert.Equal("Ilse Verbeek", activator.TextContent.Trim());
        Assert.Equal("Gebruikersmenu", cut.Find(".mud-menu").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("[data-testid=sign-out]")); // the menu's content exists only while it is open

        activator.Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=sign-out]")));
        Assert.Equal("true", cut.Find("[data-testid=user-menu]").GetAttribute("aria-expanded"));
        var roles = cut.FindAll(".mud-menu-list .px-4 p.mud-typography-body2").Select(p => p.TextContent.Trim());
        Assert.Equal(["Intern begeleider", "Leerkracht"], roles.Order());
        var signOut = cut.Find("[data-testid=sign-out]");
        Assert.Equal("submit", signOut.GetAttribute("type"));
        Assert.Equal("Afmelden", signOut.TextContent.Trim());
        var form = signOut.Closest("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/signout", form.GetAttribute("action"));
    }

    [Fact]
    public void A_page_that_fails_shows_the_error_with_a_retry()
    {
        AddAuthorization().SetAuthorized("Ilse Verbeek");
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, b =>
        {
            b.OpenComponent<FailingPage>(0);
            b.CloseComponent();
        }));

        var error = cut.Find("[data-testid=page-error]");
        Assert.Contains("Er ging iets mis bij het laden of opslaan", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("Opnieuw proberen", error.QuerySelector("button")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CareCoordinator")]
    [InlineData("Teacher")]
    [InlineData(AllRoles)]
    public void The_layout_costs_a_pinned_number_of_components_and_frames_whatever_the_roles(string roles)
    {
        var cut = RenderLayout("/ib", roles.Split(','));

        // Before: 11 AuthorizeView, a MudNavLink + NavLink + MudIcon per link, MudButton/MudIconButton/MudLink/MudSpacer,
        // MudMainContent, MudContainer: 71 for the IB'er, 67 for a teacher, 103 with every role. Then 17 for all, of which
        // MudLayout, MudAppBar, MudToolBar, MudDrawer, MudOverlay and two CascadingValue were the layout's frame, and
        // NavMenu its menu. Now 9: MudBlazor's three providers with what they render themselves (7), UserActivity and
        // ErrorBoundary.
        Assert.InRange(cut.FindComponents<IComponent>().Count, 1, 9);

        // The layout's markup lies in UserActivity's render tree (it is UserActivity's ChildContent). The menu, formerly a
        // NavMenu component of ~165 frames (256-frame arrays), is the <nav> with its class and click handler around one
        // markup frame, however many links it shows.
        var frames = FramesOf(cut.FindComponent<IbPortal.Security.UserActivity>().ComponentId);
        var nav = frames.Single(f => f.FrameType == RenderTreeFrameType.Element && f.ElementName == "nav");
        Assert.Equal(4, nav.ElementSubtreeLength);
        Assert.Equal(1, frames.Count(f => f.FrameType == RenderTreeFrameType.Markup && f.MarkupContent.Contains("mud-nav-item", StringComparison.Ordinal)));
        // The whole layout (app bar with the teacher's flag button and the closed user menu, drawer, ErrorBoundary) in
        // 64 frames at most, so its two frame arrays (current and previous render) stay at 64 frames, 2.5 KB each, instead
        // of 128: with MudIcon's markup written per icon and per button it took 99 to 118. An open user menu grows them.
        Assert.InRange(frames.Length, 1, 64);
    }

    private RenderTreeFrame[] FramesOf(int componentId)
    {
        var current = typeof(Renderer).GetMethod("GetCurrentRenderTreeFrames", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var range = (ArrayRange<RenderTreeFrame>)current.Invoke(Renderer, [componentId])!;
        return range.Array[..range.Count];
    }

    private sealed class FailingPage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("database busy");
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
