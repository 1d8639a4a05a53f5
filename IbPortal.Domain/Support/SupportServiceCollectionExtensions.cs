using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Support;

public static class SupportServiceCollectionExtensions
{
    public static IServiceCollection AddPortalSupport(this IServiceCollection services)
    {
        return services;
    }
}
