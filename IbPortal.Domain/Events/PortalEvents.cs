using IbPortal.Domain.Concerns;

namespace IbPortal.Domain.Events;

/// <summary>Something happened in the domain. Events carry ids, never content; receivers load what they may see.</summary>
public abstract record PortalEvent(DateTime OccurredAt);

/// <summary>A concern was raised or changed.</summary>
public sealed record ConcernChanged(
    int ConcernId,
    int SchoolId,
    int GroupId,
    int PupilId,
    int AuthorId,
    ConcernChange Change,
    ConcernStatus Status,
    Urgency Urgency,
    DateTime OccurredAt) : PortalEvent(OccurredAt);

/// <summary>What happened to a teacher's support request.</summary>
public enum SupportRequestChange
{
    Asked = 1,
    PickedUp = 2,
    Closed = 3,
    Reopened = 4,
    Withdrawn = 5,
}

/// <summary>A teacher asked for support, or the request moved on. Ids only.</summary>
public sealed record SupportRequestChanged(
    int RequestId,
    int SchoolId,
    int TeacherId,
    SupportRequestChange Change,
    DateTime OccurredAt) : PortalEvent(OccurredAt);

/// <summary>A pupil's support level at a school was changed (after the commit). Ids only: no level, no reason.</summary>
public sealed record SupportLevelChanged(
    int PupilId,
    int SchoolId,
    DateTime OccurredAt) : PortalEvent(OccurredAt);

/// <summary>What happened to a group's boat signal.</summary>
public enum BoatSignalChange
{
    Raised = 1,
    Acted = 2,
    Dismissed = 3,
}

/// <summary>A group raised a boat signal, or the IB'er acted on or dismissed it. Ids only.</summary>
public sealed record BoatSignalChanged(
    int SignalId,
    int SchoolId,
    int GroupId,
    BoatSignalChange Change,
    DateTime OccurredAt) : PortalEvent(OccurredAt);

/// <summary>
/// The state of live events on this server, raised by the publisher itself for this server's status subscribers
/// (<see cref="IPortalEvents.SubscribeToStatus"/>), never sent to other servers. Not a domain event: the database stays
/// the source of truth, and these say when what a screen shows may have fallen behind it.
/// </summary>
public abstract record LiveEventsStatus(DateTime OccurredAt);

/// <summary>
/// Live events between servers stopped (Redis cannot be reached): what is saved on another server is not heard here
/// until <see cref="LiveEventsResumed"/>. Events of this server still arrive.
/// </summary>
public sealed record LiveEventsInterrupted(DateTime OccurredAt) : LiveEventsStatus(OccurredAt);

/// <summary>
/// Live events flow again after an interruption, here or on another server: events published meanwhile were lost, so
/// whatever a screen shows must be loaded again from the database.
/// </summary>
public sealed record LiveEventsResumed(DateTime OccurredAt) : LiveEventsStatus(OccurredAt);

/// <summary>
/// Publishes domain events after their transaction committed, and lets subscribers in this process hear them.
/// One server uses <see cref="InProcessPortalEvents"/>; several servers use a Redis-backed implementation.
/// </summary>
public interface IPortalEvents
{
    Task PublishAsync(PortalEvent portalEvent, CancellationToken ct = default);

    /// <summary>Subscribes a handler; dispose the result to unsubscribe (components do so in Dispose).</summary>
    IDisposable Subscribe(Func<PortalEvent, Task> handler);

    /// <summary>
    /// Subscribes a handler to the events <paramref name="wants"/> accepts. The filter runs as the event is published, so
    /// it must be quick and pure (a type test and a look at the ids against a scope); only what it accepts is scheduled for
    /// the handler. With a thousand screens open, most events concern few of them.
    /// </summary>
    IDisposable Subscribe(Func<PortalEvent, bool> wants, Func<PortalEvent, Task> handler) =>
        Subscribe(e => wants(e) ? handler(e) : Task.CompletedTask);

    /// <summary>
    /// Subscribes a handler to the events published on this server only, not those heard from other servers: for work
    /// that must happen once per event across all servers (the boat-signal evaluation). One server hears only its own.
    /// </summary>
    IDisposable SubscribeToOwn(Func<PortalEvent, Task> handler) => Subscribe(handler);

    /// <summary>
    /// Whether live events between servers are interrupted right now (between <see cref="LiveEventsInterrupted"/> and
    /// <see cref="LiveEventsResumed"/>); never for one server.
    /// </summary>
    bool IsInterrupted => false;

    /// <summary>
    /// Subscribes a handler to <see cref="LiveEventsInterrupted"/> and <see cref="LiveEventsResumed"/> (apart from the
    /// domain events, so that they cost the domain events' subscribers nothing). One server: they never happen.
    /// </summary>
    IDisposable SubscribeToStatus(Func<LiveEventsStatus, Task> handler) => NoSubscription.Instance;
}

/// <summary>A subscription to something that never happens.</summary>
internal sealed class NoSubscription : IDisposable
{
    public static readonly NoSubscription Instance = new();

    public void Dispose()
    {
    }
}
