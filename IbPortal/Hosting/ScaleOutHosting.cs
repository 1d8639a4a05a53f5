using IbPortal.Concerns;
using IbPortal.Domain.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace IbPortal.Hosting;

/// <summary>
/// Several servers: live events over Redis (<see cref="RedisPortalEvents"/>, registered by the domain) and the SignalR
/// Redis backplane, both when Redis:ConnectionString is set.
/// <para>
/// The backplane serves the concern hub only. Blazor's own circuit hub stays in process: a circuit lives on the server
/// that holds its state (sticky sessions), never needs a send from another server, and with a backplane every new
/// circuit would have to subscribe in Redis first — so pages would stop opening while Redis is down.
/// </para>
/// </summary>
public static class ScaleOutHosting
{
    public static void AddPortalScaleOut(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetSection(RedisPortalEventsOptions.Section).Get<RedisPortalEventsOptions>()
                    ?? new RedisPortalEventsOptions();
        if (!redis.IsConfigured)
            return;
        builder.Services.AddOptions<RedisOptions>().Configure(o =>
        {
            o.Configuration = ConfigurationOptions.Parse(redis.ConnectionString!);
            o.Configuration.AbortOnConnectFail = false; // start, and keep trying, while Redis is down
            o.Configuration.ChannelPrefix = RedisChannel.Literal($"{redis.ChannelPrefix}:signalr:");
            o.Configuration.ClientName ??= "ibportal-signalr";
        });
        // Only this hub's lifetime manager: AddSignalR's open generic DefaultHubLifetimeManager<> keeps serving Blazor's hub.
        builder.Services.AddSingleton<HubLifetimeManager<ConcernHub>, RedisHubLifetimeManager<ConcernHub>>();
    }
}
