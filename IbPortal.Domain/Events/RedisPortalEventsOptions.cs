namespace IbPortal.Domain.Events;

/// <summary>Configuration section "Redis": several servers share live events (and the SignalR backplane) through it.</summary>
public sealed class RedisPortalEventsOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration ("redis1:6379,password=…"); empty: one server, events in process.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of this portal's Redis channels (events: "{prefix}:events"; SignalR: "{prefix}:signalr…").</summary>
    public string ChannelPrefix { get; set; } = "ibportal";

    /// <summary>While live events are interrupted: how often to check whether they flow again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe (a message to itself through Redis) may take to come back before it counts as failed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    public string EventsChannel => $"{ChannelPrefix}:events";
}
