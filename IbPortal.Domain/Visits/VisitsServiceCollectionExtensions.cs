using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Visits;

public static class VisitsServiceCollectionExtensions
{
    /// <summary>Classroom visits with the kijkwijzer, coaching goals, teachers' support requests and the visit agenda.</summary>
    public static IServiceCollection AddPortalVisits(this IServiceCollection services)
    {
        services.AddScoped<CriteriaSetService>();
        services.AddScoped<ObservationService>();
        services.AddScoped<ClassroomVisitService>();
        services.AddScoped<CoachingGoalService>();
        services.AddScoped<CoachingOverviewService>();
        services.AddScoped<TeacherSupportRequestService>();
        services.AddScoped<SupportRequestFeed>();
        services.AddScoped<VisitAgendaService>();
        return services;
    }
}
