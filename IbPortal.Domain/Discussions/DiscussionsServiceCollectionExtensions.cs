using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Discussions;

public static class DiscussionsServiceCollectionExtensions
{
    /// <summary>Pupil and group discussions, their agendas and action items.</summary>
    public static IServiceCollection AddPortalDiscussions(this IServiceCollection services)
    {
        services.AddScoped<DiscussionService>();
        services.AddScoped<DiscussionAgendaService>();
        services.AddScoped<ActionItemService>();
        return services;
    }
}
