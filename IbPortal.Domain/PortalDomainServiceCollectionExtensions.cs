using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Data;
using IbPortal.Domain.Data.PostgreSql;
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
using Npgsql;

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
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (options.IsPostgreSql)
            AddPostgreSql(services, PostgreSqlConnectionString(configured), options.CommandTimeoutSeconds);
        else if (string.Equals(options.Provider, PortalDatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = ResolveSqlite(configured ?? DefaultSqliteConnectionString, contentRoot);
            services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite(connectionString,
                sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds)));
        }
        else
        {
            throw new InvalidOperationException(
                $"{PortalDatabaseOptions.Section}:Provider '{options.Provider}' is not supported; use '{PortalDatabaseOptions.Sqlite}' or '{PortalDatabaseOptions.PostgreSql}'.");
        }

        services.TryAddSingleton<TimeProvider>(PortalTimeProvider.For(configuration["Portal:TimeZone"]));
        services.AddPortalEvents(configuration);
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<AuditTrail>();

        services.AddScoped<CurrentUser>();
        services.AddScoped<ConcernService>();
        services.AddScoped<ConcernFeed>();
        services.AddSingleton<ConcernFeed.SharedSummaries>();
        services.AddSingleton<LiveScopeCache>();
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

    /// <summary>
    /// PostgreSQL: the derived context with its own migrations, handed to every service as a
    /// <c>IDbContextFactory&lt;PortalDbContext&gt;</c>; a scoped PortalDbContext too (as AddDbContextFactory registers
    /// for SQLite), which Data Protection's key repository resolves.
    /// </summary>
    private static void AddPostgreSql(IServiceCollection services, string connectionString, int commandTimeoutSeconds)
    {
        services.AddDbContextFactory<PostgreSqlPortalDbContext>(o => o.UseNpgsql(connectionString,
            npgsql => npgsql.CommandTimeout(commandTimeoutSeconds)));
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp =>
            new PostgreSqlContextFactory(sp.GetRequiredService<IDbContextFactory<PostgreSqlPortalDbContext>>()));
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
    }

    /// <summary>The Npgsql connection string in ConnectionStrings:Portal, or a message that says what is missing.</summary>
    public static string PostgreSqlConnectionString(string? configured)
    {
        const string key = "ConnectionStrings:" + ConnectionStringName;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{PortalDatabaseOptions.PostgreSql}' but {key} is not set. Set it to an Npgsql " +
                "connection string, e.g. \"Host=db.example;Port=5432;Database=ibportal;Username=ibportal;Password=…\".");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{PortalDatabaseOptions.PostgreSql}' but {key} is not an Npgsql connection string " +
                $"({ex.Message}). Use e.g. \"Host=db.example;Port=5432;Database=ibportal;Username=ibportal;Password=…\".", ex);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{PortalDatabaseOptions.PostgreSql}' but {key} names no Host. Use e.g. " +
                "\"Host=db.example;Port=5432;Database=ibportal;Username=ibportal;Password=…\".");
        }
        return configured;
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
