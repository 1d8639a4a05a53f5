using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Care;

public static class CareServiceCollectionExtensions
{
    /// <summary>Pupil care the HGW way: discussions, support, parents and consent, the samenwerkingsverband.</summary>
    public static IServiceCollection AddPortalCare(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CareOptions>(configuration.GetSection(CareOptions.Section));
        services.AddSingleton<ConsentPurposes>();
        services.AddPortalDiscussions();
        services.AddPortalSupport();
        services.AddPortalParents();
        services.AddPortalPartnership();
        services.AddPortalVisits();
        services.AddPortalQuality(configuration);
        return services;
    }
}
