using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbPortal.Domain.Events;

public static class PortalEventsServiceCollectionExtensions
{
    /// <summary>The event publisher: in-process for one server; over Redis when Redis:ConnectionString is set.</summary>
    public static IServiceCollection AddPortalEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisPortalEventsOptions.Section);
        services.Configure<RedisPortalEventsOptions>(section);
        if (string.IsNullOrWhiteSpace(section[nameof(RedisPortalEventsOptions.ConnectionString)]))
        {
            services.TryAddSingleton<IPortalEvents, InProcessPortalEvents>();
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisPortalEvents>();
        services.TryAddSingleton<IPortalEvents>(sp => sp.GetRequiredService<RedisPortalEvents>());
        return services;
    }
}
