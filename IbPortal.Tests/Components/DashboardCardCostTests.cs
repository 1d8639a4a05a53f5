using System.Globalization;
using Bunit;
using IbPortal.Dashboard;
using IbPortal.Domain.Concerns;
using IbPortal.Quality;
using IbPortal.Tests.QualityTests;
using IbPortal.Tests.Support;
using IbPortal.Tests.VisitTests;
using IbPortal.Visits;
using Microsoft.AspNetCore.Components;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.Components;

/// <summary>
/// What the dashboard's cards "Hulpvragen van leerkrachten", "Klassenbezoeken" and "Bootsignalen" cost a circuit:
/// the number of components each keeps alive (issue 7), and that the dashboard re-rendering with the same schools — on
/// every live concern event — does not re-render them, while their own changes still do.
/// </summary>
public sealed class DashboardCardCostTests : PortalComponentContext
{
    // Pinned upper bounds on the components below each card (the card itself not counted), with the data of the tests
    // below. Raising one needs a reason: every component costs each connected IB'er's circuit a few KB.
    private const int SupportRequestsCardBound = 0; // was 20: the frame (MudPaper, MudText, MudChip, MudSpacer, MudLink), and per row a SupportRequestRow, SchoolTag, SupportRequestStatusChip, MudChip, MudIcon
    private const int UpcomingVisitsCardBound = 0; // was 13: the frame (5), and per visit a SchoolTag and per waiting one a MudChip
    private const int BoatSignalsCardBound = 7; // was 13: the frame (6, with a MudIcon); left: the signal, a BoatSignalItem with its SchoolTag, MudButtons …

    private readonly BoatWorld _w;

    public DashboardCardCostTests() : base(Logins.CareCoordinator) => _w = new BoatWorld(Database);

    private int[] BothSchools => [Database.SchoolId(Logins.SchoolA), Database.SchoolId(Logins.SchoolB)];

    private static int ComponentsBelow<T>(IRenderedComponent<T> cut) where T : class, IComponent => cut.FindComponents<IComponent>().Count;

    /// <summary>Three unfinished requests, one of them picked up (a status chip), as on the dashboard of the heap dump.</summary>
    private async Task ThreeRequestsAsync()
    {
        S.CloseAllRequests(Database);
        await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Vraag op de Vlinderboom");
        var pickedUp = await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Al opgepakt");
        await S.Requests(Database, Logins.CareCoordinator).PickUpAsync(pickedUp, 0);
        await S.AskAboutPupilAsync(Database, Logins.TeacherB);
    }

    private async Task<int> RaiseBoatSignalAsync()
    {
        var group = _w.NewGroup(_w.SchoolA, pupils: 24);
        _w.OpenConcerns(group, 8);
        _w.NewConcerns(group, 6);
        var result = await _w.Detector(events: Database.Events).EvaluateGroupAsync(group);
        return result.SignalId!.Value;
    }

    [Fact]
    public async Task The_support_requests_card_keeps_few_components()
    {
        await ThreeRequestsAsync();

        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=support-request-row]").Count));
        Assert.NotNull(cut.Find("[data-testid=support-request-status]"));

        var components = ComponentsBelow(cut);
        Assert.True(components <= SupportRequestsCardBound, $"SupportRequestsCard with 3 rows: {components} components, at most {SupportRequestsCardBound}");
    }

    [Fact]
    public async Task The_visits_card_keeps_few_components()
    {
        await Database.PlanVisitAsync(Logins.TeacherA);
        var observed = await Database.ObservedVisitAsync(Logins.TeacherB);

        var cut = Render<UpcomingVisitsCard>(p => p.Add(c => c.SchoolIds, BothSchools));
        cut.WaitForElement($"[data-testid=agenda-visit][data-visit-id='{observed}'] [data-testid=agenda-visit-waiting]");
        Assert.Equal(5, cut.FindAll("[data-testid=agenda-visit]").Count); // the two above and the seed's three

        var components = ComponentsBelow(cut);
        Assert.True(components <= UpcomingVisitsCardBound, $"UpcomingVisitsCard with 5 visits: {components} components, at most {UpcomingVisitsCardBound}");
    }

    [Fact]
    public async Task The_boat_signals_card_keeps_few_components()
    {
        await RaiseBoatSignalAsync();

        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=boat-signal]")));

        var components = ComponentsBelow(cut);
        Assert.True(components <= BoatSignalsCardBound, $"BoatSignalsCard with 1 signal: {components} components, at most {BoatSignalsCardBound}");
    }

    [Fact]
    public async Task The_dashboard_re_rendering_with_the_same_schools_does_not_re_render_the_support_requests_card_but_its_own_changes_do()
    {
        await ThreeRequestsAsync();
        int reported = -1;
        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools).Add(c => c.CountChanged, (int n) => reported = n));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=support-request-row]").Count));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        var renders = cut.RenderCount;

        // The same schools in another collection and order, and a new callback: what each dashboard render passes.
        cut.Render(p => p.Add(c => c.SchoolIds, BothSchools.Reverse().ToList()).Add(c => c.CountChanged, (int n) => reported = n));
        Assert.Equal(renders, cut.RenderCount);

        // A request asked live: the card renders it, fresh.
        Database.Clock.Advance(TimeSpan.FromMinutes(3));
        var asked = await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Live gevraagd");
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=support-request-row]").Count));
        Assert.True(cut.RenderCount > renders);
        Assert.Equal(4, reported);
        var row = cut.Find($"[data-testid=support-request-row][data-request-id='{asked.ToString(CultureInfo.InvariantCulture)}']");
        Assert.NotNull(row.QuerySelector("[data-testid=new-badge]"));

        // Opening the fresh row takes its badge away (the user's action renders the card).
        renders = cut.RenderCount;
        row.Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=new-badge]")));
        Assert.True(cut.RenderCount > renders);

        // Other schools render.
        renders = cut.RenderCount;
        cut.Render(p => p.Add(c => c.SchoolIds, [Database.SchoolId(Logins.SchoolA)]));
        Assert.True(cut.RenderCount > renders);
        Assert.Equal(2, cut.FindAll("[data-testid=support-request-row]").Count);
        Assert.Equal(2, reported);

        // A dashboard render a minute later moves "n min geleden" on, as the dashboard's clock means it to.
        renders = cut.RenderCount;
        Assert.Contains("3 min geleden", cut.Find("[data-testid=support-request-row]").TextContent, StringComparison.Ordinal);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        cut.Render(p => p.Add(c => c.SchoolIds, [Database.SchoolId(Logins.SchoolA)]));
        Assert.True(cut.RenderCount > renders);
        Assert.Contains("4 min geleden", cut.Find("[data-testid=support-request-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_re_rendering_with_the_same_schools_does_not_re_render_the_visits_card_but_other_schools_do()
    {
        var atA = await Database.PlanVisitAsync(Logins.TeacherA);
        var observedB = await Database.ObservedVisitAsync(Logins.TeacherB);
        var cut = Render<UpcomingVisitsCard>(p => p.Add(c => c.SchoolIds, BothSchools));
        cut.WaitForElement($"[data-testid=agenda-visit][data-visit-id='{observedB}']");
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.SchoolIds, BothSchools.Reverse().ToList()));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.SchoolIds, [Database.SchoolId(Logins.SchoolA)]));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=agenda-visit][data-visit-id='{observedB}']")));
        Assert.True(cut.RenderCount > renders);
        Assert.Single(cut.FindAll($"[data-testid=agenda-visit][data-visit-id='{atA}']"));
    }

    [Fact]
    public async Task The_dashboard_re_rendering_with_the_same_schools_does_not_re_render_the_boat_signals_card_but_a_raised_signal_does()
    {
        IReadOnlySet<int>? reported = null;
        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]).Add(c => c.OpenGroupsChanged, (IReadOnlySet<int> g) => reported = g));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=boat-signals-empty]")));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        cut.WaitForAssertion(() => Assert.NotNull(reported));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.SchoolIds, new List<int> { _w.SchoolA }).Add(c => c.OpenGroupsChanged, (IReadOnlySet<int> g) => reported = g));
        Assert.Equal(renders, cut.RenderCount);

        var id = await RaiseBoatSignalAsync();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-testid=boat-signal][data-signal-id='{id.ToString(CultureInfo.InvariantCulture)}'] [data-testid=new-badge]")));
        Assert.True(cut.RenderCount > renders);
        Assert.Single(reported!);

        // All schools (the demo's open signal is at school B) render.
        renders = cut.RenderCount;
        cut.Render(p => p.Add(c => c.SchoolIds, [_w.SchoolA, _w.SchoolB]));
        Assert.True(cut.RenderCount > renders);
        Assert.True(cut.FindAll("[data-testid=boat-signal]").Count > 1);
    }

    [Fact]
    public async Task A_live_concern_re_renders_the_dashboard_but_not_its_cards()
    {
        await ThreeRequestsAsync();
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=support-request-row]").Count));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=agenda-visit]")));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=boat-signal]")));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount >= 3)); // the dashboard and both live cards
        var requests = cut.FindComponent<SupportRequestsCard>();
        var visits = cut.FindComponent<UpcomingVisitsCard>();
        var boat = cut.FindComponent<BoatSignalsCard>();
        var before = (cut.RenderCount, requests.RenderCount, visits.RenderCount, boat.RenderCount);
        var concerns = cut.FindAll("[data-testid=concern-card]").Count;

        await Database.Concerns(Logins.TeacherB).RaiseAsync(new NewConcern
        {
            PupilId = Database.PupilOf(Logins.TeacherB),
            Area = DevelopmentArea.Cognitive,
            Observation = "Rekenen stagneert.",
            Urgency = Urgency.Normal,
        });

        cut.WaitForAssertion(() => Assert.Equal(concerns + 1, cut.FindAll("[data-testid=concern-card]").Count));
        Assert.True(cut.RenderCount > before.Item1);
        Assert.Equal(before.Item2, requests.RenderCount);
        Assert.Equal(before.Item3, visits.RenderCount);
        Assert.Equal(before.Item4, boat.RenderCount);
    }
}
