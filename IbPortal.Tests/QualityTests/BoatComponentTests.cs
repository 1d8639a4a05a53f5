using Bunit;
using IbPortal.Dashboard;
using IbPortal.Domain.Quality;
using IbPortal.Quality;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.QualityTests;

public sealed class BoatComponentTests : PortalComponentContext
{
    private readonly BoatWorld _w;

    public BoatComponentTests() : base(Logins.CareCoordinator) => _w = new BoatWorld(Database);

    /// <summary>A fresh group of 24 at school A with 8 pupils with an open concern and 6 new concerns, and its raised signal.</summary>
    private async Task<(int Group, int Signal)> RaiseAsync(int? schoolId = null)
    {
        var group = _w.NewGroup(schoolId, pupils: 24);
        _w.OpenConcerns(group, 8);
        _w.NewConcerns(group, 6);
        var result = await _w.Detector(events: Database.Events).EvaluateGroupAsync(group);
        return (group, result.SignalId!.Value);
    }

    private static IEnumerable<AngleSharp.Dom.IElement> Signals(IRenderedComponent<BoatSignalsCard> cut) => cut.FindAll("[data-testid=boat-signal]");

    private static AngleSharp.Dom.IElement SignalOf(IRenderedComponent<BoatSignalsCard> cut, int id) =>
        cut.Find($"[data-testid=boat-signal][data-signal-id='{id}']");

    [Fact]
    public async Task Card_shows_each_open_signal_with_school_group_reasons_in_words_and_the_proposal()
    {
        var (_, id) = await RaiseAsync();

        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));

        cut.WaitForAssertion(() => Assert.NotEmpty(Signals(cut)));
        var signal = SignalOf(cut, id);
        Assert.Contains(Logins.SchoolA, signal.QuerySelector(".school-tag")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Groep Boot", signal.QuerySelector("[data-testid=boat-signal-group]")!.TextContent, StringComparison.Ordinal);
        var reasons = signal.QuerySelectorAll("[data-testid=boat-signal-reasons] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["8 van 24 leerlingen hebben een open signalering (33%)", "6 nieuwe signaleringen in 4 weken"], reasons);
        Assert.Equal("Voorstel: een groepsbespreking en een klassenbezoek", signal.QuerySelector("[data-testid=boat-signal-proposal]")!.TextContent.Trim());
        Assert.NotNull(signal.QuerySelector("[data-testid=boat-plan-discussion]"));
        Assert.NotNull(signal.QuerySelector("[data-testid=boat-plan-visit]"));
        Assert.Null(signal.QuerySelector("[data-testid=new-badge]")); // there when the page opened: not new
        // The demo's open signal is at school B, which is not selected.
        Assert.All(Signals(cut), s => Assert.Contains(Logins.SchoolA, s.QuerySelector(".school-tag")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Card_without_signals_says_what_will_happen()
    {
        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));

        cut.WaitForAssertion(() => Assert.Contains("Geen groep valt nu op", cut.Find("[data-testid=boat-signals-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Signals(cut));
    }

    [Fact]
    public async Task A_raised_signal_slides_into_the_card_live_with_a_new_badge()
    {
        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA, _w.SchoolB]));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));
        var before = Signals(cut).Count();

        var (_, id) = await RaiseAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(before + 1, Signals(cut).Count());
            Assert.NotNull(SignalOf(cut, id).QuerySelector("[data-testid=new-badge]"));
        });
    }

    [Fact]
    public async Task Dismissing_asks_for_a_reason_and_keeps_the_signal_until_one_is_given()
    {
        var (_, id) = await RaiseAsync();
        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));
        cut.WaitForAssertion(() => SignalOf(cut, id));

        SignalOf(cut, id).QuerySelector("[data-testid=boat-signal-dismiss]")!.Click();
        cut.Find("[data-testid=boat-dismiss-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Schrijf kort waarom je dit bootsignaal afwijst.", cut.Find("[data-testid=boat-dismiss-dialog]").TextContent,
            StringComparison.Ordinal));
        Assert.Equal(BoatSignalStatus.Open, _w.Signal(id).Status);

        cut.Find("[data-testid=boat-dismiss-reason] textarea").Input("De groep is na de schoolreis weer rustig.");
        cut.Find("[data-testid=boat-dismiss-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=boat-signal][data-signal-id='{id}']")));
        var signal = _w.Signal(id);
        Assert.Equal((BoatSignalStatus.Dismissed, "De groep is na de schoolreis weer rustig."), (signal.Status, signal.Note));
    }

    [Fact]
    public async Task Planning_a_group_discussion_records_the_choice_and_opens_the_planning_page_for_the_group()
    {
        var (group, id) = await RaiseAsync();
        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));
        cut.WaitForAssertion(() => SignalOf(cut, id));

        SignalOf(cut, id).QuerySelector("[data-testid=boat-plan-discussion]")!.Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/besprekingen/nieuw?groep={group}&soort=groep", navigation.Uri, StringComparison.Ordinal));
        Assert.Equal((BoatSignalStatus.Acted, BoatSignalResponses.GroupDiscussion), (_w.Signal(id).Status, _w.Signal(id).Response));
    }

    [Fact]
    public async Task Planning_a_visit_opens_the_visit_page_with_the_group_and_its_teacher()
    {
        var (group, id) = await RaiseAsync();
        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));
        cut.WaitForAssertion(() => SignalOf(cut, id));

        SignalOf(cut, id).QuerySelector("[data-testid=boat-plan-visit]")!.Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/bezoeken/nieuw?groep={group}&leerkracht={_w.TeacherAId}", navigation.Uri, StringComparison.Ordinal));
        Assert.Equal(BoatSignalResponses.ClassroomVisit, _w.Signal(id).Response);
    }

    [Fact]
    public async Task Dashboard_shows_the_card_and_marks_the_tile_of_a_group_with_an_open_signal_live()
    {
        int demoB, group5;
        using (var ctx = Database.CreateContext())
        {
            demoB = ctx.Groups.Single(g => g.School!.ShortName == Logins.SchoolB && g.Name == "6").Id;
            group5 = ctx.Groups.Single(g => g.School!.ShortName == Logins.SchoolA && g.Name == "5").Id;
        }
        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() =>
        {
            Assert.NotNull(cut.Find("[data-testid=boat-signals-card]"));
            var tile = cut.Find($"[data-testid=group-tile][data-group-id='{demoB}']");
            Assert.Contains("bootsignaal", tile.QuerySelector("[data-testid=group-boat]")!.TextContent, StringComparison.Ordinal);
        });
        Assert.Null(cut.Find($"[data-testid=group-tile][data-group-id='{group5}']").QuerySelector("[data-testid=group-boat]"));
        // The dashboard itself, the support-requests card and the boat-signals card hear events.
        cut.WaitForAssertion(() => Assert.Equal(3, Database.Events.SubscriberCount));

        // One new concern about another pupil in the demo's busy group 5 at VB crosses the new-concerns threshold.
        await Database.Concerns(Logins.TeacherA).RaiseAsync(new Domain.Concerns.NewConcern
        {
            PupilId = Database.NewPupilIn(Logins.TeacherA),
            Area = Domain.Concerns.DevelopmentArea.Cognitive,
            Observation = "Boot: rekent met de vingers.",
        });
        await _w.Detector(events: Database.Events).EvaluateGroupAsync(group5);

        cut.WaitForAssertion(() =>
        {
            Assert.NotNull(cut.Find($"[data-testid=group-tile][data-group-id='{group5}'] [data-testid=group-boat]"));
            Assert.Contains(cut.FindAll("[data-testid=boat-signal]"), s => s.QuerySelector("[data-testid=new-badge]") is not null);
        });
    }

    [Fact]
    public void A_signal_raised_after_the_card_loaded_but_before_it_subscribed_still_shows()
    {
        var group = _w.NewGroup(pupils: 20);
        int? missed = null;
        // The signal is raised (and its event published to nobody) just before the card's subscription is in place.
        Services.AddSingleton<Domain.Events.IPortalEvents>(new BeforeSubscribing(Database.Events, () => missed ??= _w.AddSignal(group)));

        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));

        cut.WaitForAssertion(() => Assert.NotNull(missed));
        cut.WaitForAssertion(() => Assert.NotNull(SignalOf(cut, missed!.Value)));
    }

    [Fact]
    public async Task An_older_slower_load_of_the_panel_never_lands_after_a_newer_one()
    {
        var atA = _w.NewGroup(_w.SchoolA);
        var atB = _w.NewGroup(_w.SchoolB);
        var gated = new GatedFactory(Database.Factory);
        Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext>>(gated);
        var cut = Render<BoatSignalsPanel>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=boat-density-row][data-group-id='{atA}']")));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));

        // A live event starts a reload for school A that hangs; meanwhile the user switches to school B.
        var release = gated.HoldNext();
        var slow = Database.Events.PublishAsync(new Domain.Events.BoatSignalChanged(0, _w.SchoolA, atA, Domain.Events.BoatSignalChange.Raised, _w.Now));
        cut.Render(p => p.Add(c => c.SchoolIds, [_w.SchoolB]));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=boat-density-row][data-group-id='{atB}']")));

        release();
        await slow.WaitAsync(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() =>
        {
            Assert.NotEmpty(cut.FindAll($"[data-testid=boat-density-row][data-group-id='{atB}']"));
            Assert.Empty(cut.FindAll($"[data-testid=boat-density-row][data-group-id='{atA}']"));
        });
    }

    /// <summary>A context factory that can hold the next context until released (to make one load slower than the next).</summary>
    private sealed class GatedFactory(Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext> inner)
        : Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext>
    {
        private TaskCompletionSource? _gate;

        public Action HoldNext()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _gate, gate);
            return () => gate.TrySetResult();
        }

        public Domain.Data.PortalDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<Domain.Data.PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _gate, null) is { } gate)
                await gate.Task.WaitAsync(cancellationToken);
            return inner.CreateDbContext();
        }
    }

    /// <summary>Runs <paramref name="before"/> each time someone subscribes, then subscribes them to <paramref name="inner"/>.</summary>
    private sealed class BeforeSubscribing(Domain.Events.IPortalEvents inner, Action before) : Domain.Events.IPortalEvents
    {
        public Task PublishAsync(Domain.Events.PortalEvent portalEvent, CancellationToken ct = default) => inner.PublishAsync(portalEvent, ct);

        public IDisposable Subscribe(Func<Domain.Events.PortalEvent, Task> handler)
        {
            before();
            return inner.Subscribe(handler);
        }
    }

    [Fact]
    public async Task Quality_view_panel_is_read_only_for_the_quality_coordinator_with_small_counts_suppressed()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 5);  // 25%: reached, with 5 pupils
        _w.HighSupport(group, 3);   // 15%: not reached, shown as "<5"
        var id = (await _w.Detector(events: Database.Events).EvaluateGroupAsync(group)).SignalId!.Value;
        SignInAs(Logins.Quality);

        var cut = Render<BoatSignalsPanel>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=boat-density-row]")));
        var row = cut.Find($"[data-testid=boat-density-row][data-group-id='{group}']");
        Assert.Contains("<5", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("5 (25%) · bereikt", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("open signaleringen", row.QuerySelector("[data-testid=boat-density-reached]")!.TextContent.Trim());
        var signal = cut.Find($"[data-testid=boat-signal][data-signal-id='{id}']");
        Assert.Equal(["5 van 20 leerlingen hebben een open signalering (25%)"],
            signal.QuerySelectorAll("[data-testid=boat-signal-reasons] li").Select(li => li.TextContent.Trim()));
        var table = cut.FindComponent<ExportButtons>().Instance.Table;
        var exported = Assert.Single(table.Rows, r => r[1].Text == "groep Boot 1"); // the world's first fresh group
        Assert.Equal(("<5", "open signaleringen"), (exported[5].Text, exported[6].Text));
        Assert.Empty(cut.FindAll("[data-testid=boat-plan-discussion]"));
        Assert.Empty(cut.FindAll("[data-testid=boat-signal-dismiss]"));
    }

    [Fact]
    public void A_signal_raised_after_the_panel_loaded_but_before_it_subscribed_still_shows()
    {
        var group = _w.NewGroup(pupils: 20);
        int? missed = null;
        Services.AddSingleton<Domain.Events.IPortalEvents>(new BeforeSubscribing(Database.Events, () => missed ??= _w.AddSignal(group)));

        var cut = Render<BoatSignalsPanel>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));

        cut.WaitForAssertion(() => Assert.NotNull(missed));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-testid=boat-signal][data-signal-id='{missed!.Value}']")));
    }

    [Theory]
    [InlineData(false)] // the first load fails
    [InlineData(true)]  // the reload right after subscribing fails
    public void A_card_whose_signals_cannot_be_loaded_says_so_and_keeps_running(bool failFromSubscribing)
    {
        var factory = new FailingFactory(Database.Factory) { Failing = !failFromSubscribing };
        Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext>>(factory);
        var subscribed = false;
        Services.AddSingleton<Domain.Events.IPortalEvents>(new BeforeSubscribing(Database.Events, () => factory.Failing = subscribed = true));

        var cut = Render<BoatSignalsCard>(p => p.Add(c => c.SchoolIds, [_w.SchoolA]));

        cut.WaitForAssertion(() => Assert.Equal(BoatSignalsCard.LoadErrorText, cut.Find("[data-testid=boat-signals-error]").TextContent.Trim()));
        Assert.Equal(failFromSubscribing, subscribed);
    }

    /// <summary>A context factory that cannot create contexts while <see cref="Failing"/> (the database is away).</summary>
    private sealed class FailingFactory(Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext> inner)
        : Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext>
    {
        public volatile bool Failing;

        public Domain.Data.PortalDbContext CreateDbContext() => inner.CreateDbContext();

        public Task<Domain.Data.PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            Failing
                ? Task.FromException<Domain.Data.PortalDbContext>(new InvalidOperationException("The database is away."))
                : Task.FromResult(inner.CreateDbContext());
    }
}
