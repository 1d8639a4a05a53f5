using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Privacy;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Retention;
using IbPortal.Domain.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbPortal.Domain;

public static class PortalDomainServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";
    public const string DefaultSqliteConnectionString = "Data Source=data/ibportal.db";

    /// <summary>
    /// Registers the domain: the DbContext factory (one context per operation), the scoped domain services
    /// and the in-process event publisher. Relative SQLite paths are resolved against <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddPortalDomain(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<PortalDatabaseOptions>(configuration.GetSection(PortalDatabaseOptions.Section));
        var options = configuration.GetSection(PortalDatabaseOptions.Section).Get<PortalDatabaseOptions>() ?? new PortalDatabaseOptions();
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use 'Sqlite'.");

        var connectionString = ResolveSqlite(configuration.GetConnectionString(ConnectionStringName) ?? DefaultSqliteConnectionString, contentRoot);
        services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite(connectionString,
            sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds)));

        services.TryAddSingleton<TimeProvider>(PortalTimeProvider.For(configuration["Portal:TimeZone"]));
        services.AddPortalEvents(configuration);
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<AuditTrail>();

        services.AddScoped<CurrentUser>();
        services.AddScoped<ConcernService>();
        services.AddScoped<ConcernFeed>();
        services.AddScoped<PupilService>();
        services.AddScoped<CareDashboardService>();
        services.AddScoped<CareAgendaService>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<StaffDirectory>();
        services.AddPortalRetention(configuration);
        services.AddPortalPupilFile();
        services.AddPortalAuditAndStaffAdmin();
        services.AddPortalCare(configuration);
        return services;
    }

    /// <summary>Makes a relative SQLite "Data Source" absolute under <paramref name="contentRoot"/>.</summary>
    public static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        return builder.ToString();
    }
}
