using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Parents;

public static class ParentsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalParents(this IServiceCollection services)
    {
        return services;
    }
}
