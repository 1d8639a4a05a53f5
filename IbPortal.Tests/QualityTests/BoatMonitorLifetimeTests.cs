using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.QualityTests;

/// <summary>The monitor's lifetime: a host may dispose its services before it stops them.</summary>
public sealed class BoatMonitorLifetimeTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatMonitorLifetimeTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Stopping_after_being_disposed_does_not_throw_and_no_event_is_heard_any_more()
    {
        var events = new InProcessPortalEvents(NullLogger<InProcessPortalEvents>.Instance);
        var monitor = new BoatSignalMonitor(events, _w.Detector(events: events), NullLogger<BoatSignalMonitor>.Instance);
        await monitor.StartAsync(CancellationToken.None);
        Assert.Equal(1, events.SubscriberCount);

        monitor.Dispose();
        await monitor.StopAsync(CancellationToken.None);
        monitor.Dispose();

        Assert.Equal(0, events.SubscriberCount);
    }
}
