using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Partnership;

public static class PartnershipServiceCollectionExtensions
{
    public static IServiceCollection AddPortalPartnership(this IServiceCollection services)
    {
        return services;
    }
}
