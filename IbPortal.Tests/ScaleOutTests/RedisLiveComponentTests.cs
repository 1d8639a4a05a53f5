using System.Globalization;
using Bunit;
using IbPortal.Components.Shared;
using IbPortal.Dashboard;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Teachers;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Microsoft.Extensions.DependencyInjection;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.ScaleOutTests;

/// <summary>
/// Live components while live events between servers are interrupted (Redis down): they say so, reload every minute,
/// and reload when the events resume — catching up on what was saved on another server meanwhile.
/// </summary>
public class RedisLiveComponentTests : PortalComponentContext
{
    private readonly LossyEvents _events;

    public RedisLiveComponentTests() : base(Logins.CareCoordinator)
    {
        _events = new LossyEvents(Database.Events);
        Services.AddSingleton<IPortalEvents>(_events);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<int> RaiseAsync(string teacher, string observation) =>
        Database.Concerns(teacher).RaiseAsync(new NewConcern
        {
            PupilId = Database.PupilOf(teacher),
            Area = DevelopmentArea.Cognitive,
            Observation = observation,
        });

    private IRenderedComponent<CareDashboard> RenderDashboard()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=concern-card]")));
        cut.WaitForAssertion(() => Assert.True(_events.Subscriptions >= 6)); // the dashboard and its two live cards: a feed and the status each
        return cut;
    }

    [Fact]
    public async Task The_dashboard_notes_the_interruption_and_on_resume_shows_what_it_missed()
    {
        var cut = RenderDashboard();
        Assert.Empty(cut.FindAll("[data-testid=live-updates-interrupted]"));
        var requestsBefore = cut.Find("[data-testid=counter-support-requests] [data-testid=counter-value]").TextContent.Trim();

        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.Contains(LiveEventsComponent<ConcernChanged>.InterruptedText,
            cut.Find("[data-testid=live-updates-interrupted]").TextContent));

        // Saved on another server while Redis is down: this server never hears of them.
        var concern = await RaiseAsync(Logins.TeacherB, "Tijdens de storing: rekenen stagneert.");
        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Tijdens de storing: de groep is onrustig.");
        Assert.Empty(cut.FindAll($"[data-testid=concern-card][data-concern-id='{Id(concern)}']"));

        await _events.ResumeAsync();
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.MaxResumeJitter); // each reloads after a random moment

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=live-updates-interrupted]"));
            Assert.Single(cut.FindAll($"[data-testid=concern-card][data-concern-id='{Id(concern)}']"));
            Assert.Equal(Id(int.Parse(requestsBefore, CultureInfo.InvariantCulture) + 1),
                cut.Find("[data-testid=counter-support-requests] [data-testid=counter-value]").TextContent.Trim());
        });
    }

    [Fact]
    public async Task While_interrupted_the_dashboard_reloads_every_minute()
    {
        var cut = RenderDashboard();
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));
        var concern = await RaiseAsync(Logins.TeacherB, "Tijdens de storing: lezen gaat achteruit.");
        Assert.Empty(cut.FindAll($"[data-testid=concern-card][data-concern-id='{Id(concern)}']"));

        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.ReloadWhileInterrupted);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid=concern-card][data-concern-id='{Id(concern)}']")));
        Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")); // still interrupted: the note stays
    }

    [Fact]
    public void A_page_opened_while_interrupted_shows_the_note_at_once()
    {
        _events.Interrupted = true;

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));
    }

    [Fact]
    public async Task My_group_shows_a_concern_the_teacher_raised_on_another_server_after_the_resume()
    {
        SignInAs(Logins.TeacherA);
        var cut = Render<MyGroup>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=teacher-group]")));
        cut.WaitForAssertion(() => Assert.True(_events.Subscriptions >= 2));
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));

        var concern = await RaiseAsync(Logins.TeacherA, "Op de andere server: schrijven blijft moeizaam.");
        Assert.Empty(cut.FindAll($"[data-testid=my-concerns] [data-concern-id='{Id(concern)}']"));
        await _events.ResumeAsync();
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.MaxResumeJitter); // each reloads after a random moment

        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll($"[data-testid=my-concerns] [data-concern-id='{Id(concern)}']"));
            Assert.Empty(cut.FindAll("[data-testid=live-updates-interrupted]"));
        });
    }

    [Fact]
    public async Task The_support_requests_page_shows_a_request_asked_on_another_server_after_the_resume()
    {
        var cut = Render<SupportRequestsPage>();
        cut.WaitForAssertion(() => Assert.True(_events.Subscriptions >= 2));
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));
        var before = cut.FindAll("[data-testid=support-request-list] > *").Count;

        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Op de andere server: hoe houd ik de instructie kort?");
        Assert.Equal(before, cut.FindAll("[data-testid=support-request-list] > *").Count);
        await _events.ResumeAsync();
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.MaxResumeJitter); // each reloads after a random moment

        cut.WaitForAssertion(() => Assert.Equal(before + 1, cut.FindAll("[data-testid=support-request-list] > *").Count));
    }

    [Fact]
    public async Task On_resume_a_reload_that_meets_a_database_fault_keeps_the_note_and_is_tried_again()
    {
        var reloads = new FlakyReloads { FailuresLeft = 1 };
        var cut = RenderFlaky(reloads);
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));

        await _events.ResumeAsync();
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.MaxResumeJitter);
        cut.WaitForAssertion(() => Assert.Equal(1, reloads.Attempts));
        Assert.Equal(0, reloads.Succeeded);
        Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")); // still stale: the note stays

        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.RetryFailedReload);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(1, reloads.Succeeded);
            Assert.Empty(cut.FindAll("[data-testid=live-updates-interrupted]"));
        });
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.ReloadWhileInterrupted);
        Assert.Equal(2, reloads.Attempts); // reloading stopped once it succeeded
    }

    [Fact]
    public async Task On_resume_a_busy_component_reloads_once_it_is_done()
    {
        var reloads = new FlakyReloads { Busy = true };
        var cut = RenderFlaky(reloads);
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));

        await _events.ResumeAsync();
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.MaxResumeJitter);
        Assert.Equal(0, reloads.Attempts);
        Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]"));

        reloads.Busy = false;
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.RetryFailedReload);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(1, reloads.Succeeded);
            Assert.Empty(cut.FindAll("[data-testid=live-updates-interrupted]"));
        });
    }

    [Fact]
    public async Task While_interrupted_a_failing_minute_reload_is_tried_again_the_next_minute()
    {
        var reloads = new FlakyReloads { FailuresLeft = 1 };
        var cut = RenderFlaky(reloads);
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));

        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.ReloadWhileInterrupted);
        cut.WaitForAssertion(() => Assert.Equal(1, reloads.Attempts));
        Database.Clock.Advance(LiveEventsComponent<ConcernChanged>.ReloadWhileInterrupted);

        cut.WaitForAssertion(() => Assert.Equal(1, reloads.Succeeded));
        Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]"));
    }

    private IRenderedComponent<FlakyLiveComponent> RenderFlaky(FlakyReloads reloads)
    {
        var cut = Render<FlakyLiveComponent>(p => p.Add(c => c.Reloads, reloads));
        cut.WaitForAssertion(() => Assert.True(_events.Subscriptions >= 2));
        return cut;
    }

    /// <summary>What a live component's reload meets: a database fault (an exhausted pool) a few times, or a busy component.</summary>
    public sealed class FlakyReloads
    {
        private int _attempts;
        private int _succeeded;

        public int FailuresLeft { get; set; }

        public bool Busy { get; set; }

        public int Attempts => Volatile.Read(ref _attempts);

        public int Succeeded => Volatile.Read(ref _succeeded);

        public Task ReloadAsync()
        {
            Interlocked.Increment(ref _attempts);
            if (FailuresLeft-- > 0)
                throw new Npgsql.NpgsqlException("The connection pool has been exhausted", new TimeoutException());
            Interlocked.Increment(ref _succeeded);
            return Task.CompletedTask;
        }
    }

    /// <summary>A live component whose reload is <see cref="FlakyReloads"/>.</summary>
    public sealed class FlakyLiveComponent : IbPortal.Concerns.LiveConcernsComponent
    {
        [Microsoft.AspNetCore.Components.Parameter] public FlakyReloads Reloads { get; set; } = default!;

        protected override Task OnConcernChangedAsync(ConcernChanged change) => Task.CompletedTask;

        protected override Task ReloadLiveDataAsync() => Reloads.ReloadAsync();

        protected override bool CanReloadLiveData => !Reloads.Busy;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, LiveUpdatesNote);
    }

    [Fact]
    public async Task Leaving_the_page_ends_the_status_subscription_too()
    {
        var cut = RenderDashboard();
        await _events.InterruptAsync();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=live-updates-interrupted]")));

        await DisposeComponentsAsync();

        Assert.Equal(0, Database.Events.SubscriberCount);
        Assert.Equal(0, _events.StatusSubscriberCount);
    }

    /// <summary>
    /// The publisher as a server sees it while Redis is down: the status subscribers hear of it; domain events saved
    /// "elsewhere" during the interruption never reach the subscribers (dropped on their side, as Redis pub/sub drops them).
    /// </summary>
    private sealed class LossyEvents(RecordingEvents inner) : IPortalEvents
    {
        private int _subscriptions;

        public bool Interrupted { get; set; }

        public bool IsInterrupted => Interrupted;

        /// <summary>Subscriptions made so far (a live component makes two: its feed's, then the status one).</summary>
        public int Subscriptions => Volatile.Read(ref _subscriptions);

        public Task PublishAsync(PortalEvent portalEvent, CancellationToken ct = default) => inner.PublishAsync(portalEvent, ct);

        public IDisposable Subscribe(Func<PortalEvent, Task> handler)
        {
            // A component subscribes to its feed first, then to everything for the status events.
            var subscription = inner.Subscribe(e => Interrupted ? Task.CompletedTask : handler(e));
            Interlocked.Increment(ref _subscriptions);
            return subscription;
        }

        private readonly List<Func<LiveEventsStatus, Task>> _statusHandlers = [];

        public int StatusSubscriberCount { get { lock (_statusHandlers) return _statusHandlers.Count; } }

        public IDisposable SubscribeToStatus(Func<LiveEventsStatus, Task> handler)
        {
            lock (_statusHandlers)
                _statusHandlers.Add(handler);
            Interlocked.Increment(ref _subscriptions);
            return new Unsubscribe(() => { lock (_statusHandlers) _statusHandlers.Remove(handler); });
        }

        private async Task RaiseAsync(LiveEventsStatus status)
        {
            Func<LiveEventsStatus, Task>[] handlers;
            lock (_statusHandlers)
                handlers = [.. _statusHandlers];
            foreach (var handler in handlers)
                await handler(status);
        }

        public Task InterruptAsync()
        {
            Interrupted = true;
            return RaiseAsync(new LiveEventsInterrupted(DateTime.UtcNow));
        }

        public Task ResumeAsync()
        {
            Interrupted = false;
            return RaiseAsync(new LiveEventsResumed(DateTime.UtcNow));
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
