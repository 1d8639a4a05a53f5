using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Partnership;

public static class PartnershipServiceCollectionExtensions
{
    /// <summary>Referrals to the samenwerkingsverband: one scoped service per circuit or request.</summary>
    public static IServiceCollection AddPortalPartnership(this IServiceCollection services)
    {
        services.AddScoped<ReferralService>();
        return services;
    }
}
