using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>The pupil file and the inzage export.</summary>
    public static IServiceCollection AddPortalPupilFile(this IServiceCollection services)
    {
        services.AddScoped<PupilFileService>();
        services.AddScoped<InzageService>();
        return services;
    }

    /// <summary>Audit trail search and export, and staff role administration.</summary>
    public static IServiceCollection AddPortalAuditAndStaffAdmin(this IServiceCollection services)
    {
        services.AddScoped<global::IbPortal.Domain.Staff.StaffAdminService>();
        services.AddScoped<global::IbPortal.Domain.Audit.AuditSearchService>();
        return services;
    }
}
