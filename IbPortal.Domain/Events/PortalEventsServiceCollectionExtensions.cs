using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbPortal.Domain.Events;

public static class PortalEventsServiceCollectionExtensions
{
    /// <summary>The event publisher: in-process for one server; over Redis when Redis:ConnectionString is set.</summary>
    public static IServiceCollection AddPortalEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IPortalEvents, InProcessPortalEvents>();
        return services;
    }
}
