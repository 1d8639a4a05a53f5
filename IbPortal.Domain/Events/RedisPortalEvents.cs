using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IbPortal.Domain.Events;

/// <summary>
/// Live events for several servers. An event is delivered to this server's subscribers at once (through
/// <see cref="InProcessPortalEvents"/>, so one server works alone and while Redis is down), and published on a Redis
/// channel for the others, which deliver it to theirs. Redis pub/sub drops what is sent while it is unreachable, so the
/// database stays the source of truth: when the connection fails, this server raises <see cref="LiveEventsInterrupted"/>
/// for its status subscribers; once its own probe message comes back through Redis, it raises <see cref="LiveEventsResumed"/>
/// and tells the other servers, which raise it too (they may have missed what this server saved meanwhile). Screens
/// then load again from the database. Publishing never throws and never waits for Redis: the save has committed.
/// </summary>
public sealed class RedisPortalEvents : IPortalEvents, IAsyncDisposable
{
    /// <summary>Resume signals arriving this close together (every server announces its own) raise one reload.</summary>
    private static readonly TimeSpan ResumeQuietPeriod = TimeSpan.FromMilliseconds(250);

    private enum State { Connecting, Live, Interrupted }

    private readonly RedisPortalEventsOptions _options;
    private readonly ILogger<RedisPortalEvents> _logger;
    private readonly TimeProvider _time;
    private readonly InProcessPortalEvents _local;
    private readonly InProcessPortalEvents _own;
    private readonly ConcurrentDictionary<long, StatusSubscriber> _statusHandlers = new();
    private long _nextStatusHandler;
    private readonly RedisChannel _channel;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _trouble = new(0);
    private readonly Lock _gate = new();
    private readonly Task _running;
    private ConnectionMultiplexer? _redis;
    private ChannelMessageQueue? _queue;
    private State _state = State.Connecting;
    private (string Nonce, TaskCompletionSource Heard)? _probe;
    private long _resumeGeneration;
    private long _failures;
    private bool _disposed;

    public RedisPortalEvents(IOptions<RedisPortalEventsOptions> options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _options = options.Value;
        if (!_options.IsConfigured)
            throw new InvalidOperationException("RedisPortalEvents needs Redis:ConnectionString.");
        _logger = loggerFactory.CreateLogger<RedisPortalEvents>();
        _time = time;
        _local = new InProcessPortalEvents(loggerFactory.CreateLogger<InProcessPortalEvents>());
        _own = new InProcessPortalEvents(loggerFactory.CreateLogger<InProcessPortalEvents>());
        _channel = RedisChannel.Literal(_options.EventsChannel);
        _running = Task.Run(RunAsync);
    }

    /// <summary>This server's id in the messages (random per process).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public bool IsInterrupted
    {
        get { lock (_gate) return _state == State.Interrupted; }
    }

    /// <summary>Whether this server's subscription is confirmed to work (its probe came back).</summary>
    public bool IsLive
    {
        get { lock (_gate) return _state == State.Live; }
    }

    public IDisposable Subscribe(Func<PortalEvent, Task> handler) => _local.Subscribe(handler);

    public IDisposable Subscribe(Func<PortalEvent, bool> wants, Func<PortalEvent, Task> handler) => _local.Subscribe(wants, handler);

    public IDisposable SubscribeToOwn(Func<PortalEvent, Task> handler) => _own.Subscribe(handler);

    public IDisposable SubscribeToStatus(Func<LiveEventsStatus, Task> handler)
    {
        var id = Interlocked.Increment(ref _nextStatusHandler);
        _statusHandlers[id] = new StatusSubscriber(id, handler, _logger);
        return new StatusSubscription(this, id);
    }

    /// <summary>
    /// Each status subscriber apart (a slow or failing one never delays the others), and each in the order raised: an
    /// Interrupted never overtakes the Resumed before it. Called under <see cref="_gate"/>, so the order is the states'.
    /// </summary>
    private void RaiseStatus(LiveEventsStatus status)
    {
        foreach (var subscriber in _statusHandlers.Values)
            subscriber.Deliver(status);
    }

    /// <summary>One status subscriber: deliveries run one after the other, off the caller's thread.</summary>
    private sealed class StatusSubscriber(long id, Func<LiveEventsStatus, Task> handler, ILogger logger)
    {
        private readonly Lock _order = new();
        private Task _last = Task.CompletedTask;

        public void Deliver(LiveEventsStatus status)
        {
            lock (_order)
                _last = _last.ContinueWith(_ => DeliverAsync(status), CancellationToken.None,
                    TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
        }

        private async Task DeliverAsync(LiveEventsStatus status)
        {
            try
            {
                await handler(status).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a failing handler must not keep the others (or its next status) from being heard
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Delivering {Status} to status subscription {SubscriptionId} failed", status.GetType().Name, id);
            }
        }
    }

    private sealed class StatusSubscription(RedisPortalEvents owner, long id) : IDisposable
    {
        public void Dispose() => owner._statusHandlers.TryRemove(id, out _);
    }

    public Task PublishAsync(PortalEvent portalEvent, CancellationToken ct = default)
    {
        _local.PublishAsync(portalEvent, ct);
        _own.PublishAsync(portalEvent, ct);
        string message;
        try
        {
            message = PortalEventMessages.Write(NodeId, portalEvent);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or JsonException)
        {
            _logger.LogError(ex, "Live event {EventType} could not be written for other servers: {PortalEvent}",
                portalEvent.GetType().Name, portalEvent);
            return Task.CompletedTask;
        }
        // Not awaited: the caller's save has committed, and must not wait for (or fail on) Redis.
        _ = SendAsync(message, portalEvent);
        return Task.CompletedTask;
    }

    private async Task SendAsync(string message, PortalEvent portalEvent)
    {
        try
        {
            if (_redis is not { } redis)
            {
                _logger.LogWarning("Live event {EventType} could not be sent to other servers (not connected to Redis yet): {PortalEvent}",
                    portalEvent.GetType().Name, portalEvent);
                Interrupt("not connected yet");
                return;
            }
            await PublishOnceMoreIfItFailsAsync(redis, message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // whatever Redis throws, the save has committed: log it, never lose it unobserved
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The other servers miss this event; they reload when this server's events flow again.
            _logger.LogWarning("Live event {EventType} could not be sent to other servers ({Failure}): {PortalEvent}",
                portalEvent.GetType().Name, ex.GetType().Name, portalEvent);
            Interrupt("publish failed");
        }
    }

    /// <summary>
    /// One failed publish (a timeout under load) is tried once more before it counts as an interruption: an
    /// interruption makes every screen on every server reload.
    /// </summary>
    private async Task PublishOnceMoreIfItFailsAsync(ConnectionMultiplexer redis, string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException && redis.IsConnected)
        {
            _logger.LogDebug("Publishing on {Channel} failed ({Failure}); trying once more", _channel.ToString(), ex.GetType().Name);
            await redis.GetSubscriber().PublishAsync(_channel, message).ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            await ConnectAsync().ConfigureAwait(false);
            var failedProbes = 0;
            while (!stopping.IsCancellationRequested)
            {
                if (IsLive)
                {
                    await _trouble.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }
                if (_queue is null && _redis is { IsConnected: true })
                    await SubscribeAsync().ConfigureAwait(false);
                // A failure while the probe travels (the connection dropped just after it came back) must not be lost:
                // go live only if none came in since the probe started.
                var failuresBefore = Interlocked.Read(ref _failures);
                if (await ProbeAsync(stopping).ConfigureAwait(false))
                {
                    failedProbes = 0;
                    if (await TryGoLiveAsync(failuresBefore).ConfigureAwait(false))
                        continue;
                    await Task.Delay(_options.RetryInterval, _time, stopping).ConfigureAwait(false);
                    continue; // probe again
                }
                Interrupt("probe failed");
                // Connected, yet our own probe does not come back: subscribe anew.
                if (++failedProbes % 3 == 0 && _redis is { IsConnected: true })
                    await SubscribeAsync().ConfigureAwait(false);
                await Task.Delay(_options.RetryInterval, _time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // disposed
        }
#pragma warning disable CA1031 // the watcher must not crash the host; events still flow within this server
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Watching the Redis connection for live events stopped");
        }
    }

    private async Task ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(_options.ConnectionString!);
        configuration.AbortOnConnectFail = false; // start (and keep trying) while Redis is down
        // While disconnected, fail a publish at once rather than queue it and replay it on reconnect: a late replay
        // delivers stale events to the other servers, whereas a failed publish interrupts live events here, and on
        // the resume every screen reloads from the database — which has everything, in order.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "ibportal-events";
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        _redis.ConnectionFailed += (_, e) =>
        {
            _logger.LogWarning("Redis connection for live events failed: {EndPoint} {ConnectionType} {FailureType}",
                e.EndPoint?.ToString(), e.ConnectionType, e.FailureType);
            Interrupt("connection failed");
        };
        _redis.ConnectionRestored += (_, e) =>
            _logger.LogInformation("Redis connection for live events restored: {EndPoint} {ConnectionType}",
                e.EndPoint?.ToString(), e.ConnectionType);
        await SubscribeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// (Re)subscribes with one queue. The client registers a queue before it sends SUBSCRIBE, and keeps it when that
    /// fails — unread, it would pile up every message after the reconnect — so all of this connection's subscriptions
    /// to the channel go first (it has no others), and again after a failure.
    /// </summary>
    private async Task SubscribeAsync()
    {
        var subscriber = _redis!.GetSubscriber();
        _queue = null;
        await UnsubscribeAllAsync(subscriber).ConfigureAwait(false);
        try
        {
            // A queue keeps the order in which this server hears the messages.
            var queue = await subscriber.SubscribeAsync(_channel).ConfigureAwait(false);
            queue.OnMessage(OnMessage);
            _queue = queue;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Subscribing to {Channel} failed ({Failure}); retrying", _channel.ToString(), ex.GetType().Name);
            await UnsubscribeAllAsync(subscriber).ConfigureAwait(false);
        }
    }

    private async Task UnsubscribeAllAsync(ISubscriber subscriber)
    {
        try
        {
            // The client drops its own registrations first; telling Redis may fail while it is down (no matter).
            await subscriber.UnsubscribeAsync(_channel).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug("Unsubscribing from {Channel} failed ({Failure})", _channel.ToString(), ex.GetType().Name);
        }
    }

    /// <summary>For tests: how many handlers and queues this connection has registered on the events channel.</summary>
    internal (int Handlers, int Queues) SubscriberCounts()
    {
        if (_redis is null)
            return (0, 0);
        var method = typeof(ConnectionMultiplexer).GetMethod("GetSubscriberCounts",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("ConnectionMultiplexer.GetSubscriberCounts not found (StackExchange.Redis changed).");
        object?[] arguments = [_channel, 0, 0];
        method.Invoke(_redis, arguments);
        return ((int)arguments[1]!, (int)arguments[2]!);
    }

    /// <summary>Publishes a probe and waits to hear it back: then this server both sends and hears.</summary>
    private async Task<bool> ProbeAsync(CancellationToken stopping)
    {
        if (_redis is not { IsConnected: true } redis || _queue is null)
            return false;
        var nonce = Guid.NewGuid().ToString("N");
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _probe = (nonce, heard);
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, PortalEventMessages.WriteControl(NodeId, PortalEventMessages.ProbeType, nonce))
                .WaitAsync(_options.ProbeTimeout, _time, stopping).ConfigureAwait(false);
            await heard.Task.WaitAsync(_options.ProbeTimeout, _time, stopping).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_gate)
                _probe = null;
        }
    }

    /// <summary>
    /// To Live, unless a failure was reported since <paramref name="failuresBefore"/> was read (then false: probe again).
    /// From Interrupted, this server's screens reload and the others are told to (they may have missed what it saved);
    /// from the first connection, only this server's: a page opened before the first probe may have missed events.
    /// </summary>
    private async Task<bool> TryGoLiveAsync(long failuresBefore)
    {
        State before;
        lock (_gate)
        {
            if (Interlocked.Read(ref _failures) != failuresBefore || _disposed)
                return false;
            before = _state;
            _state = State.Live;
        }
        if (before == State.Connecting)
        {
            _logger.LogInformation("Live events over Redis flow on node {NodeId} (channel {Channel})", NodeId, _channel.ToString());
            ScheduleResumed();
            return true;
        }
        _logger.LogInformation("Live events over Redis flow again on node {NodeId}; screens reload", NodeId);
        ScheduleResumed();
        try
        {
            await PublishOnceMoreIfItFailsAsync(_redis!, PortalEventMessages.WriteControl(NodeId, PortalEventMessages.ResumedType))
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Telling other servers that node {NodeId} resumed failed ({Failure})", NodeId, ex.GetType().Name);
            Interrupt("publish failed");
        }
        return true;
    }

    /// <summary>
    /// Every failure counts (a probe in flight then does not go live), and from Live (or the first connection attempt)
    /// to Interrupted the status subscribers hear it once.
    /// </summary>
    private void Interrupt(string reason)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            Interlocked.Increment(ref _failures);
            if (_state == State.Interrupted)
                return;
            _state = State.Interrupted;
            RaiseStatus(new LiveEventsInterrupted(_time.GetUtcNow().UtcDateTime));
            _trouble.Release(); // under the gate: never after DisposeAsync disposed it
        }
        _logger.LogWarning("Live events over Redis interrupted on node {NodeId} ({Reason})", NodeId, reason);
    }

    /// <summary>
    /// Raises <see cref="LiveEventsResumed"/> once the resume signals stopped arriving for a moment — and only if this
    /// server's own events flow by then: a resume heard from another server while this one is (again) interrupted
    /// raises nothing; this server raises its own when it goes live.
    /// </summary>
    private void ScheduleResumed()
    {
        var generation = Interlocked.Increment(ref _resumeGeneration);
        CancellationToken stopping;
        lock (_gate)
        {
            if (_disposed)
                return;
            stopping = _stopping.Token; // read under the gate: DisposeAsync disposes the source under it
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(ResumeQuietPeriod, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (Interlocked.Read(ref _resumeGeneration) != generation)
                return;
            lock (_gate)
            {
                if (_state == State.Live && !_disposed)
                    RaiseStatus(new LiveEventsResumed(_time.GetUtcNow().UtcDateTime));
            }
        }, CancellationToken.None);
    }

    private void OnMessage(ChannelMessage channelMessage)
    {
        PortalEventMessage message;
        try
        {
            message = PortalEventMessages.Read((string)channelMessage.Message!);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            _logger.LogWarning("Ignoring a live event message on {Channel} that could not be read ({Failure})",
                _channel.ToString(), ex.GetType().Name);
            return;
        }
        if (message.NodeId == NodeId)
        {
            if (message.Type == PortalEventMessages.ProbeType)
            {
                lock (_gate)
                {
                    if (_probe is { } probe && probe.Nonce == message.Nonce)
                        probe.Heard.TrySetResult();
                }
            }
            return; // our own events reached our subscribers when they were published
        }
        switch (message)
        {
            case { Event: { } portalEvent }:
                _local.PublishAsync(portalEvent);
                break;
            case { Type: PortalEventMessages.ResumedType }:
                _logger.LogInformation("Node {OtherNodeId} resumed live events; screens on node {NodeId} reload", message.NodeId, NodeId);
                ScheduleResumed();
                break;
            case { Type: PortalEventMessages.ProbeType }:
                break;
            default:
                _logger.LogInformation("Ignoring live event of unknown type {EventType} from node {OtherNodeId}", message.Type, message.NodeId);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        if (_redis is { } redis)
        {
            await redis.CloseAsync().ConfigureAwait(false);
            await redis.DisposeAsync().ConfigureAwait(false);
        }
        lock (_gate)
        {
            _stopping.Dispose();
            _trouble.Dispose();
        }
    }
}
