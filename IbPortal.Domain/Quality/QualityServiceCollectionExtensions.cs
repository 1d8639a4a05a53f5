using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Quality;

public static class QualityServiceCollectionExtensions
{
    /// <summary>Quality at group, school and board level: trends and their privacy rules.</summary>
    public static IServiceCollection AddPortalQuality(this IServiceCollection services)
    {
        services.AddScoped<QualityTrendService>();
        return services;
    }
}
