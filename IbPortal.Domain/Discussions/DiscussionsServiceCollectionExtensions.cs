using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Discussions;

public static class DiscussionsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalDiscussions(this IServiceCollection services)
    {
        return services;
    }
}
