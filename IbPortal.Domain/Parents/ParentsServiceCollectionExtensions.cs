using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Parents;

public static class ParentsServiceCollectionExtensions
{
    /// <summary>Parents as partners: guardians, parent conversations, consent and external experts.</summary>
    public static IServiceCollection AddPortalParents(this IServiceCollection services)
    {
        services.AddScoped<GuardianService>();
        services.AddScoped<ParentConversationService>();
        services.AddScoped<ConsentService>();
        services.AddScoped<ExternalExpertService>();
        return services;
    }
}
