using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.DomainTests;

/// <summary>In-process delivery: a subscriber's filter decides at publish time whether a delivery is scheduled at all.</summary>
public class InProcessPortalEventsTests
{
    private static ConcernChanged Raised(int schoolId) =>
        new(1, schoolId, 2, 3, 4, ConcernChange.Raised, ConcernStatus.New, Urgency.Normal, DateTime.UtcNow);

    [Fact]
    public async Task Only_the_subscribers_whose_filter_accepts_an_event_get_it()
    {
        var events = new InProcessPortalEvents(NullLogger<InProcessPortalEvents>.Instance);
        var atOne = new TaskCompletionSource<PortalEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var atTwo = 0;
        using var one = events.Subscribe(e => e is ConcernChanged { SchoolId: 1 }, e => { atOne.TrySetResult(e); return Task.CompletedTask; });
        using var two = events.Subscribe(e => e is ConcernChanged { SchoolId: 2 }, _ => { Interlocked.Increment(ref atTwo); return Task.CompletedTask; });

        var published = Raised(1);
        await events.PublishAsync(published);

        Assert.Same(published, await atOne.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Task.Delay(100);
        Assert.Equal(0, Volatile.Read(ref atTwo));
    }

    [Fact]
    public async Task A_filter_that_throws_costs_only_its_own_subscriber_the_event()
    {
        var events = new InProcessPortalEvents(NullLogger<InProcessPortalEvents>.Instance);
        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var broken = 0;
        using var bad = events.Subscribe(_ => throw new InvalidOperationException("kapot"), _ => { Interlocked.Increment(ref broken); return Task.CompletedTask; });
        using var good = events.Subscribe(_ => true, _ => { other.TrySetResult(); return Task.CompletedTask; });

        await events.PublishAsync(Raised(1)); // does not throw

        await other.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, Volatile.Read(ref broken));
    }

    [Fact]
    public async Task A_disposed_filtered_subscription_hears_nothing_more()
    {
        var events = new InProcessPortalEvents(NullLogger<InProcessPortalEvents>.Instance);
        var heard = 0;
        var subscription = events.Subscribe(_ => true, _ => { Interlocked.Increment(ref heard); return Task.CompletedTask; });
        Assert.Equal(1, events.SubscriberCount);

        subscription.Dispose();
        await events.PublishAsync(Raised(1));
        await Task.Delay(100);

        Assert.Equal(0, events.SubscriberCount);
        Assert.Equal(0, Volatile.Read(ref heard));
    }
}
