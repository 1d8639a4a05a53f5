using IbPortal.Domain.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Hosting;

/// <summary>Data Protection keys (sign-in cookies, antiforgery, circuits) kept in the portal database, shared by every node.</summary>
public static class DataProtectionHosting
{
    /// <summary>One application name on every node: cookies protected on one node are read on the others.</summary>
    public const string ApplicationName = "IbPortal";

    public static void AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPortalDataProtection();
    }

    /// <summary>The same on a bare service collection that already has the domain (AddPortalDomain).</summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services)
    {
        // The key repository resolves a scoped PortalDbContext: SQLite's AddDbContextFactory registers one, and the
        // PostgreSQL registration adds one over its factory (AddPortalDomain).
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        services.AddHostedService<DataProtectionKeyBootstrap>();
        return services;
    }
}

/// <summary>
/// Before the app serves its first request (and after the database is migrated), loads the key ring, creating the
/// first key when the database has none, under a lock every node sees. Two nodes starting together on an empty
/// database so end up with one key between them, instead of each protecting cookies with a key the other has not yet
/// read.
/// </summary>
public sealed class DataProtectionKeyBootstrap(
    IDataProtectionProvider dataProtection,
    IDbContextFactory<PortalDbContext> dbFactory,
    ILogger<DataProtectionKeyBootstrap> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using (await PortalDatabaseLock.AcquireAsync(dbFactory, PortalDatabaseLock.DataProtectionKeys,
                         DatabaseInitializer.StartupLockTimeout, cancellationToken))
        {
            // Protecting anything makes the key ring load, and creates (and stores) a key when there is none.
            dataProtection.CreateProtector("IbPortal.KeyRingBootstrap").Protect([1]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        logger.LogInformation("Data Protection key ring ready: {Keys} key(s) in the database",
            await db.DataProtectionKeys.CountAsync(cancellationToken));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
