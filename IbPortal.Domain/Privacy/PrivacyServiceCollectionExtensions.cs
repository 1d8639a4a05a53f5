using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Domain.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>The pupil file and the inzage export.</summary>
    public static IServiceCollection AddPortalPupilFile(this IServiceCollection services) => services;

    /// <summary>Audit trail search and export, and staff role administration.</summary>
    public static IServiceCollection AddPortalAuditAndStaffAdmin(this IServiceCollection services) => services;
}
