using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Support;

public static class SupportServiceCollectionExtensions
{
    /// <summary>The support trajectory: overview and levels, HGW plans with goals and evaluations, OPPs.</summary>
    public static IServiceCollection AddPortalSupport(this IServiceCollection services)
    {
        services.AddScoped<SupportService>();
        services.AddScoped<SupportPlanService>();
        services.AddScoped<DevelopmentPlanService>();
        return services;
    }
}
