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

        cut.WaitForAssertion(() => Assert.Equal(before + 1, cut.FindAll("[data-testid=support-request-list] > *").Count));
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
