using IbPortal.Domain.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Quality;

/// <summary>
/// Listens for concern changes and support-level changes and lets <see cref="BoatSignalDetector"/> evaluate the
/// concern's group, or the pupil's current group(s) at that school, so that a group raises its boat signal the moment
/// it gets busy. A failing evaluation is logged (ids only) and never reaches the publisher: the teacher's submit (or
/// the IB'er's level change) has already committed, and it must not fail because of the boat signal. (The in-process
/// publisher delivers on its own task anyway; this handler catches everything itself too, so that a publisher that
/// delivers inline is safe as well.)
/// </summary>
public sealed class BoatSignalMonitor(IPortalEvents events, BoatSignalDetector detector, ILogger<BoatSignalMonitor> logger)
    : IHostedService, IDisposable
{
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Only this server's own events: with several servers each event is heard on every server, and the group must be
        // evaluated once (on the server where the change was saved), not once per server.
        _subscription = events.SubscribeToOwn(OnEventAsync);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and cancels running evaluations; safe after <see cref="Dispose"/> (a host may dispose its
    /// services before it stops them).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        if (Volatile.Read(ref _disposed) == 0)
            await _stopping.CancelAsync();
    }

    private async Task OnEventAsync(PortalEvent portalEvent)
    {
        switch (portalEvent)
        {
            case ConcernChanged change:
                await GuardedAsync(async ct =>
                {
                    var result = await detector.EvaluateGroupAsync(change.GroupId, ct);
                    logger.LogDebug("Boat signal evaluation of group {GroupId} after concern {ConcernId} ({Change}): {Outcome}",
                        change.GroupId, change.ConcernId, change.Change, result.Outcome);
                }, ex => logger.LogError(ex, "Boat signal evaluation of group {GroupId} after concern {ConcernId} failed",
                    change.GroupId, change.ConcernId));
                break;
            case SupportLevelChanged level:
                await GuardedAsync(async ct =>
                {
                    // The pupil's current group(s) at that school: their share at a high support level may have changed.
                    foreach (var (groupId, result) in await detector.EvaluatePupilGroupsAsync(level.PupilId, level.SchoolId, ct))
                        logger.LogDebug("Boat signal evaluation of group {GroupId} after a support level change of pupil {PupilId}: {Outcome}",
                            groupId, level.PupilId, result.Outcome);
                }, ex => logger.LogError(ex, "Boat signal evaluation after a support level change of pupil {PupilId} at school {SchoolId} failed",
                    level.PupilId, level.SchoolId));
                break;
        }
    }

    /// <summary>Runs an evaluation; a failure is logged (ids only) and never reaches the publisher.</summary>
    private async Task GuardedAsync(Func<CancellationToken, Task> evaluate, Action<Exception> logFailure)
    {
        if (Volatile.Read(ref _disposed) == 1)
            return;
        try
        {
            await evaluate(_stopping.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                   && (Volatile.Read(ref _disposed) == 1 || _stopping.IsCancellationRequested))
        {
            // The host is stopping.
        }
#pragma warning disable CA1031 // a failing evaluation must never surface in the publisher or crash the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logFailure(ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _subscription?.Dispose();
        _subscription = null;
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
