using IbPortal.Concerns;
using IbPortal.Domain.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace IbPortal.Hosting;

/// <summary>
/// Several servers: live events over Redis (<see cref="RedisPortalEvents"/>, registered by the domain) and the SignalR
/// Redis backplane, both when Redis:ConnectionString is set.
/// <para>
/// The backplane serves the concern hub only. Blazor's own circuit hub stays in process: a circuit lives on the server
/// that holds its state (sticky sessions), never needs a send from another server, and with a backplane every new
/// circuit would have to subscribe in Redis first — so pages would stop opening while Redis is down. New concern-hub
/// connections do need that subscription: they fail while Redis is down (their clients retry).
/// </para>
/// </summary>
public static class ScaleOutHosting
{
    public const string HealthCheckName = "redis";

    public static void AddPortalScaleOut(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetSection(RedisPortalEventsOptions.Section).Get<RedisPortalEventsOptions>()
                    ?? new RedisPortalEventsOptions();
        if (!redis.IsConfigured)
            return;
        var configuration = Parse(redis.ConnectionString!);
        builder.Services.AddOptions<RedisOptions>().Configure(o =>
        {
            o.Configuration = configuration.Clone();
            o.Configuration.AbortOnConnectFail = false; // start, and keep trying, while Redis is down
            // While disconnected, fail at once rather than queue and replay on reconnect: a replayed send reaches
            // clients late and out of date (they reload on LiveEventsResumed anyway), and a queued subscribe would
            // keep a new hub connection waiting until the timeout instead of failing it so that its client retries.
            o.Configuration.BacklogPolicy = BacklogPolicy.FailFast;
            o.Configuration.ChannelPrefix = RedisChannel.Literal($"{redis.ChannelPrefix}:signalr:");
            o.Configuration.ClientName ??= "ibportal-signalr";
        });
        // Only this hub's lifetime manager: AddSignalR's open generic DefaultHubLifetimeManager<> keeps serving Blazor's hub.
        builder.Services.AddSingleton<HubLifetimeManager<ConcernHub>, RedisHubLifetimeManager<ConcernHub>>();
        builder.Services.AddHealthChecks().AddCheck<RedisLiveEventsHealthCheck>(HealthCheckName);
    }

    /// <summary>A wrong connection string stops the start with a message that names the setting and the faulty keyword.</summary>
    private static ConfigurationOptions Parse(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"{RedisPortalEventsOptions.Section}:{nameof(RedisPortalEventsOptions.ConnectionString)} is not a valid StackExchange.Redis configuration: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// Degraded (still HTTP 200: the server works, alone) while live events between servers are interrupted; healthy otherwise.
/// </summary>
internal sealed class RedisLiveEventsHealthCheck(RedisPortalEvents events) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(events.IsInterrupted
            ? HealthCheckResult.Degraded("Live events between servers interrupted (Redis unreachable); this server works alone")
            : HealthCheckResult.Healthy(events.IsLive ? "Live events over Redis flow" : "Connecting to Redis"));
}
