using Bunit;
using IbPortal.Concerns;
using IbPortal.Dashboard;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Visits;
using IbPortal.Tests.DomainTests;
using IbPortal.Tests.Support;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.Components;

public class CareDashboardTests : PortalComponentContext
{
    public CareDashboardTests() : base(Logins.CareCoordinator) { }

    [Fact]
    public void Dashboard_shows_the_new_concerns_of_both_schools_and_their_counts()
    {
        using var db = Database.CreateContext();
        var newConcerns = db.Concerns.Where(c => c.Status == ConcernStatus.New).Select(c => c.SchoolId).ToList();
        Assert.Equal(2, newConcerns.Distinct().Count()); // the seed has new concerns at both schools

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.Equal(newConcerns.Count, cut.FindAll("[data-testid=concern-card]").Count));
        Assert.Equal(newConcerns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("[data-testid=counter-new] [data-testid=counter-value]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=school-groups]").Count);
        Assert.Contains("OBS De Vlinderboom", cut.Markup);
        Assert.Contains("CBS Het Anker", cut.Markup);
    }

    [Fact]
    public async Task A_published_concern_adds_a_card_with_a_new_badge_and_updates_the_counter_without_reload()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=concern-card]")));
        var cardsBefore = cut.FindAll("[data-testid=concern-card]").Count;
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0)); // subscribed after first render

        var pupilId = Database.PupilOf(Logins.TeacherB);
        string pupilName;
        using (var db = Database.CreateContext())
        {
            var pupil = db.Pupils.Single(p => p.Id == pupilId);
            pupilName = pupil.FullName;
        }
        var id = await Database.Concerns(Logins.TeacherB).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.Cognitive,
            Observation = "Rekenen stagneert.",
            Urgency = Urgency.Urgent,
        });

        cut.WaitForAssertion(() =>
        {
            var cards = cut.FindAll("[data-testid=concern-card]");
            Assert.Equal(cardsBefore + 1, cards.Count);
            var card = cards.Single(c => c.GetAttribute("data-concern-id") == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(pupilName, card.TextContent);
            Assert.NotNull(card.QuerySelector("[data-testid=new-badge]"));
            Assert.Contains("needs-attention", card.ClassList);
            Assert.Equal((cardsBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                cut.Find("[data-testid=counter-new] [data-testid=counter-value]").TextContent.Trim());
        });
    }

    [Fact]
    public void Dashboard_stays_light_for_a_circuit_that_is_open_all_day()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() =>
        {
            Assert.NotEmpty(cut.FindAll("[data-testid=concern-card]"));
            Assert.NotEmpty(cut.FindAll("[data-testid=agenda-card-actions]"));
            Assert.NotEmpty(cut.FindAll("[data-testid=group-tile]"));
        });

        // Every component costs the circuit memory and render time (issue 7: < 500 KB per dashboard circuit). The
        // counters, agenda rows, group tiles, cards and tabs are plain markup; what remains are the cards with live
        // data of their own and MudBlazor parts with behaviour.
        var components = cut.FindComponents<Microsoft.AspNetCore.Components.IComponent>()
            .Where(c => c.Instance is not ConcernCard) // one per concern in the open tab, each plain markup inside
            .ToList();
        Assert.True(components.Count <= Bound, $"{components.Count} components on the dashboard (at most {Bound}): "
            + string.Join(", ", components.GroupBy(c => c.Instance.GetType().Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
    }

    private const int Bound = 14;

    [Fact]
    public void The_dashboards_own_render_tree_stays_small()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() =>
        {
            Assert.NotEmpty(cut.FindAll("[data-testid=concern-card]"));
            Assert.NotEmpty(cut.FindAll("[data-testid=agenda-card-actions]"));
            Assert.Equal(13, cut.FindAll("[data-testid=counters] .counter").Count);
        });

        // A circuit keeps each component's frames twice, in arrays of a power of two (40 bytes a frame): 529 frames were
        // two arrays of 1,024 (80 KB a dashboard) before the counters' icon and label became one shared markup frame.
        // Each concern card on show adds its five frames (a component and its parameters).
        var cards = cut.FindAll("[data-testid=concern-card]").Count;
        var frames = RenderTreeFrameCount(cut) - CardFrames * cards;
        Assert.True(frames < FrameBound, $"the dashboard renders {frames} frames of its own besides its {cards} cards, fewer than {FrameBound} wanted (two arrays of 256 frames)");
    }

    private const int CardFrames = 5;
    private const int FrameBound = 256;

#pragma warning disable BL0006 // the frame count is what this test measures; the type may change with Blazor, and the test with it
    private int RenderTreeFrameCount<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent
    {
        // Renderer.GetCurrentRenderTreeFrames is protected: a test may read it.
        var method = typeof(Microsoft.AspNetCore.Components.RenderTree.Renderer).GetMethod("GetCurrentRenderTreeFrames",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!;
        var frames = (Microsoft.AspNetCore.Components.RenderTree.ArrayRange<Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame>)
            method.Invoke(Renderer, [cut.ComponentId])!;
        return frames.Count;
    }
#pragma warning restore BL0006

    [Fact]
    public async Task Each_tab_loads_its_own_concerns_and_counts_as_the_counters_do()
    {
        using (var db = Database.CreateContext())
            Assert.NotEmpty(db.Concerns.Where(c => c.Status == ConcernStatus.Acknowledged)); // the seed has acknowledged concerns
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<ConcernCard>()));
        Assert.All(cut.FindComponents<ConcernCard>(), c => Assert.Equal(ConcernStatus.New, c.Instance.Concern.Status));
        string Counter(string key) => cut.Find($"[data-testid=counter-{key}] [data-testid=counter-value]").TextContent.Trim();
        Assert.Equal($"Gezien ({Counter("acknowledged")})", cut.Find("#concern-tab-1").TextContent.Trim());
        Assert.Equal($"In behandeling ({Counter("in-progress")})", cut.Find("#concern-tab-2").TextContent.Trim());

        cut.Find("#concern-tab-1").Click();

        cut.WaitForAssertion(() =>
        {
            var cards = cut.FindComponents<ConcernCard>();
            Assert.Equal(int.Parse(Counter("acknowledged"), System.Globalization.CultureInfo.InvariantCulture), cards.Count);
            Assert.All(cards, c => Assert.Equal(ConcernStatus.Acknowledged, c.Instance.Concern.Status));
        });

        // A concern acknowledged elsewhere arrives live in the tab on show.
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        var id = await Database.RaiseByTeacherBAsync();
        await Database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(id, 0);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindComponents<ConcernCard>(), c => c.Instance.Concern.Id == id));

        // Back on "Nieuw": the new concerns again, and the acknowledged one is not among them.
        cut.Find("[data-testid=counter-new]").Click();
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", cut.Find("#concern-tab-0").GetAttribute("aria-selected"));
            Assert.NotEmpty(cut.FindComponents<ConcernCard>());
            Assert.All(cut.FindComponents<ConcernCard>(), c => Assert.Equal(ConcernStatus.New, c.Instance.Concern.Status));
        });
    }

    [Fact]
    public async Task A_concern_acknowledged_elsewhere_leaves_the_new_tab_live()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        var id = await Database.RaiseByTeacherBAsync();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindComponents<ConcernCard>(), c => c.Instance.Concern.Id == id));

        await Database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(id, 0);

        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindComponents<ConcernCard>(), c => c.Instance.Concern.Id == id));
    }

    [Fact]
    public async Task A_live_raise_renders_its_new_card_and_leaves_the_other_cards_alone()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<ConcernCard>()));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        var before = cut.FindComponents<ConcernCard>().ToDictionary(c => c.Instance.Concern.Id, c => c.RenderCount);

        var id = await Database.RaiseByTeacherBAsync();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindComponents<ConcernCard>(), c => c.Instance.Concern.Id == id));
        Assert.All(cut.FindComponents<ConcernCard>().Where(c => c.Instance.Concern.Id != id),
            c => Assert.Equal(before[c.Instance.Concern.Id], c.RenderCount));
    }

    [Fact]
    public void Concern_tabs_follow_the_tabs_pattern_with_arrow_keys()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=tab]")));
        var tabs = cut.FindAll("[role=tab]");
        Assert.Equal(["true", "false", "false", "false"], tabs.Select(t => t.GetAttribute("aria-selected")));
        Assert.Equal(["0", "-1", "-1", "-1"], tabs.Select(t => t.GetAttribute("tabindex")));
        Assert.StartsWith("Nieuwe signaleringen (", tabs[0].TextContent.Trim(), StringComparison.Ordinal);

        cut.Find("#concern-tab-0").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight" });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", cut.Find("#concern-tab-1").GetAttribute("aria-selected"));
            Assert.Equal("concern-tab-1", cut.Find("[role=tabpanel]").GetAttribute("aria-labelledby"));
        });
        cut.Find("#concern-tab-1").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "End" });
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#concern-tab-3").GetAttribute("aria-selected")));
        cut.Find("#concern-tab-3").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight" });
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#concern-tab-0").GetAttribute("aria-selected")));
    }

    /// <summary>The counters and group tiles as shown: counter values and, per tile, group and open count.</summary>
    private static string CountsShown(IRenderedComponent<CareDashboard> cut) =>
        string.Join("|", cut.FindAll("[data-testid=counter-value]").Select(v => v.TextContent.Trim()))
        + "#" + string.Join("|", cut.FindAll("[data-testid=group-tile]").Select(t =>
            $"{t.GetAttribute("data-group-id")}:{t.QuerySelector("[data-testid=group-open]")!.TextContent.Trim()}:{t.ClassList.Contains("has-urgent")}"));

    [Theory]
    [InlineData(Urgency.Urgent)]
    [InlineData(Urgency.Worrying)]
    public async Task After_live_raises_the_counters_and_group_tiles_equal_a_freshly_loaded_dashboard(Urgency urgency)
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        var before = CountsShown(cut);

        var ids = new List<int>();
        foreach (var teacher in new[] { Logins.TeacherA, Logins.TeacherB, Logins.TeacherB })
            ids.Add(await Database.Concerns(teacher).RaiseAsync(DomainScenario.ValidConcern(Database.PupilOf(teacher), urgency)));
        cut.WaitForAssertion(() => Assert.Equal(3, ids.Count(id => cut.FindAll($"[data-concern-id='{Text(id)}']").Count > 0)));

        var fresh = Render<CareDashboard>();
        fresh.WaitForAssertion(() => Assert.NotEmpty(fresh.FindAll("[data-testid=group-tile]")));
        Assert.NotEqual(before, CountsShown(fresh)); // the raises did change what is counted
        cut.WaitForAssertion(() => Assert.Equal(CountsShown(fresh), CountsShown(cut)));
    }

    [Fact]
    public async Task Leaving_the_dashboard_ends_its_subscription()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));

        await DisposeComponentsAsync();

        Assert.Equal(0, Database.Events.SubscriberCount);
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_open_support_requests_counter_counts_open_and_picked_up_requests_and_rises_when_one_arrives_live()
    {
        S.CloseAllRequests(Database);
        var open = await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Open vraag");
        var pickedUp = await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Opgepakte vraag");
        await S.Requests(Database, Logins.CareCoordinator).PickUpAsync(pickedUp, 0);
        var closed = await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Afgesloten vraag");
        await S.Requests(Database, Logins.CareCoordinator).CloseAsync(closed, 0, "Besproken.");

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=counter-support-requests] [data-testid=counter-value]").TextContent.Trim()));
        var counter = cut.Find("[data-testid=counter-support-requests]");
        Assert.Contains("Hulpvragen open", counter.TextContent, StringComparison.Ordinal);
        Assert.Equal("/ib#agenda-support-requests", counter.GetAttribute("href"));
        Assert.NotNull(cut.Find("#agenda-support-requests[data-testid=support-requests-card]")); // the anchor the counter jumps to
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 1)); // the dashboard and its requests card

        // The teacher's service publishes a SupportRequestChanged through the test context's IPortalEvents.
        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Mijn groep is onrustig na de pauze.");

        cut.WaitForAssertion(() =>
        {
            var live = cut.Find("[data-testid=counter-support-requests]");
            Assert.Equal("3", live.QuerySelector("[data-testid=counter-value]")!.TextContent.Trim());
            Assert.Contains("flash", live.ClassList);
        });

        await S.Requests(Database, Logins.CareCoordinator).CloseAsync(open, 0, "Samen besproken.");

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=counter-support-requests] [data-testid=counter-value]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_boat_signals_counter_counts_the_open_signals_and_drops_live_when_one_is_dismissed()
    {
        using var db = Database.CreateContext();
        var open = db.BoatSignals.Where(s => s.Status == BoatSignalStatus.Open).ToList();
        Assert.NotEmpty(open); // the demo seed has an open signal at school B

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.Equal(Text(open.Count), cut.Find("[data-testid=counter-boat-signals] [data-testid=counter-value]").TextContent.Trim()));
        Assert.Equal("/ib#agenda-boat-signals", cut.Find("[data-testid=counter-boat-signals]").GetAttribute("href"));
        Assert.NotNull(cut.Find("#agenda-boat-signals[data-testid=boat-signals-card]"));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 1));

        await Database.Service<BoatSignalService>(Logins.CareCoordinator)
            .DismissAsync(open[0].Id, "Besproken in het team: de groep is net samengevoegd.", open[0].Version);

        cut.WaitForAssertion(() =>
        {
            var live = cut.Find("[data-testid=counter-boat-signals]");
            Assert.Equal(Text(open.Count - 1), live.QuerySelector("[data-testid=counter-value]")!.TextContent.Trim());
            Assert.Contains("flash", live.ClassList);
        });
    }

    [Fact]
    public async Task The_open_support_requests_counter_follows_the_school_filter()
    {
        S.CloseAllRequests(Database);
        await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Vraag op de Vlinderboom");
        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Vraag op het Anker");
        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Nog een vraag op het Anker");
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=counter-support-requests] [data-testid=counter-value]").TextContent.Trim()));

        // Deselect school A (De Vlinderboom): only the Anker's two remain.
        cut.FindAll("[data-testid=school-filter] .mud-chip").Single(c => c.TextContent.Contains("Vlinderboom", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=counter-support-requests] [data-testid=counter-value]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_visits_counter_counts_the_observations_and_feedback_conversations_due_not_the_planned_ones()
    {
        var now = Database.Clock.GetUtcNow().UtcDateTime;
        S.AddVisit(Database, Logins.TeacherA, now.AddDays(-1), VisitStatus.Observed);   // feedback conversation due
        S.AddVisit(Database, Logins.TeacherB, now.AddHours(-2));                        // observation due
        S.AddVisit(Database, Logins.TeacherA, now.AddDays(1));                          // planned this week: nothing to do yet
        var upcoming = await Database.Service<ClassroomVisitService>(Logins.CareCoordinator)
            .GetUpcomingAsync([Database.SchoolId(Logins.SchoolA), Database.SchoolId(Logins.SchoolB)]);
        Assert.NotEmpty(upcoming.ThisWeek); // so that counting every visit of the card would give another number
        var due = upcoming.ObservationDue.Count + upcoming.AwaitingFeedback.Count;
        Assert.True(due >= 2);

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.Equal(Text(due), cut.Find("[data-testid=counter-visits] [data-testid=counter-value]").TextContent.Trim()));
        var counter = cut.Find("[data-testid=counter-visits]");
        Assert.Contains("Bezoeken te doen", counter.TextContent, StringComparison.Ordinal);
        Assert.Equal("/ib#agenda-visits", counter.GetAttribute("href"));
        Assert.NotNull(cut.Find("#agenda-visits"));
    }
}
