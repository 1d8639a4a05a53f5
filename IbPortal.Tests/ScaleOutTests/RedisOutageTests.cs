using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;

namespace IbPortal.Tests.ScaleOutTests;

/// <summary>Two nodes on a redis-server of the test's own, which the test kills and starts again on the same port.</summary>
public sealed class RedisOutageTests : IDisposable
{
    private readonly RedisTestServer _redis = new();

    private static ConcernChanged Concern(int id) =>
        new(id, 1, 2, 3, 4, ConcernChange.Raised, ConcernStatus.New, Urgency.Normal, new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc));

    [Fact]
    public async Task While_Redis_is_down_publishing_still_reaches_this_node_and_after_its_restart_both_nodes_resume()
    {
        var prefix = RedisTestNode.UniquePrefix();
        await using var a = new RedisTestNode(_redis.ConnectionString, prefix);
        await using var b = new RedisTestNode(_redis.ConnectionString, prefix);
        await a.WaitLiveAsync();
        await b.WaitLiveAsync();
        Assert.False(a.Events.IsInterrupted);
        // The first time events flow each node raises one resume; only what follows the outage counts below.
        await Wait.UntilAsync(() => a.CountStatus<LiveEventsResumed>() == 1 && b.CountStatus<LiveEventsResumed>() == 1,
            "both nodes' start-up resume");
        var before = a.Statuses.Count;

        _redis.Kill();
        await Wait.UntilAsync(() => a.CountStatus<LiveEventsInterrupted>() == 1 && b.CountStatus<LiveEventsInterrupted>() == 1,
            "both nodes to hear that live events are interrupted");
        Assert.True(a.Events.IsInterrupted);
        Assert.True(b.Events.IsInterrupted);

        // Saving goes on: publishing neither throws nor waits for Redis, and this node's subscribers hear it.
        await a.Events.PublishAsync(Concern(401)).WaitAsync(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => a.Count<ConcernChanged>(c => c.ConcernId == 401) == 1, "node A to hear its own event while Redis is down");
        Assert.Equal(1, a.HeardOwn.OfType<ConcernChanged>().Count(c => c.ConcernId == 401));

        _redis.Start();
        await Wait.UntilAsync(() => a.CountStatus<LiveEventsResumed>() >= 2 && b.CountStatus<LiveEventsResumed>() >= 2,
            "both nodes to raise LiveEventsResumed", TimeSpan.FromSeconds(30));
        // Resumed is raised only while the node's own events flow (never while it is still interrupted).
        Assert.False(a.Events.IsInterrupted);
        Assert.False(b.Events.IsInterrupted);
        var statuses = a.Statuses.Skip(before).ToList();
        Assert.IsType<LiveEventsInterrupted>(statuses[0]);
        Assert.IsType<LiveEventsResumed>(statuses[^1]);
        Assert.Equal((0, 1), a.Events.SubscriberCounts());
        Assert.Equal((0, 1), b.Events.SubscriberCounts());

        // Across nodes again, each way, exactly once.
        await a.WaitLiveAsync();
        await b.WaitLiveAsync();
        await a.Events.PublishAsync(Concern(402));
        await b.Events.PublishAsync(Concern(403));
        await Wait.UntilAsync(() => b.Count<ConcernChanged>(c => c.ConcernId == 402) == 1, "node B to hear node A after the restart");
        await Wait.UntilAsync(() => a.Count<ConcernChanged>(c => c.ConcernId == 403) == 1, "node A to hear node B after the restart");
        await a.Events.PublishAsync(Concern(499)); // a marker: a duplicate of 402 would have come before it
        await Wait.UntilAsync(() => b.Count<ConcernChanged>(c => c.ConcernId == 499) == 1, "node B to hear the marker");
        Assert.Equal(1, b.Count<ConcernChanged>(c => c.ConcernId == 402));
        Assert.Equal(1, a.Count<ConcernChanged>(c => c.ConcernId == 402));
        // Event 401 never reaches node B (no backlog replays it late): B's screens catch up from the database on the resume.
        Assert.Equal(0, b.Count<ConcernChanged>(c => c.ConcernId == 401));
    }

    [Fact]
    public async Task A_node_that_starts_while_Redis_is_down_works_alone_and_joins_when_Redis_comes()
    {
        var prefix = RedisTestNode.UniquePrefix();
        _redis.Kill();
        await using var a = new RedisTestNode(_redis.ConnectionString, prefix);

        await Wait.UntilAsync(() => a.Events.IsInterrupted, "node A to find live events interrupted");
        await a.Events.PublishAsync(Concern(501)).WaitAsync(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => a.Count<ConcernChanged>(c => c.ConcernId == 501) == 1, "node A to hear its own event");

        _redis.Start();
        await Wait.UntilAsync(() => a.CountStatus<LiveEventsResumed>() == 1, "node A to resume", TimeSpan.FromSeconds(30));
        // The subscribe that failed while Redis was down left no unread queue behind (it would fill up with every message).
        Assert.Equal((0, 1), a.Events.SubscriberCounts());
        await using var b = new RedisTestNode(_redis.ConnectionString, prefix);
        await b.WaitLiveAsync();
        await a.Events.PublishAsync(Concern(502));
        await Wait.UntilAsync(() => b.Count<ConcernChanged>(c => c.ConcernId == 502) == 1, "node B to hear node A");
    }

    public void Dispose() => _redis.Dispose();
}
