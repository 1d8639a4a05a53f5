using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Data;

/// <summary>Creates the data folder, applies the committed migrations and seeds the demo data when asked to.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<PortalDatabaseOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (db.Database.IsSqlite())
            {
                var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(folder) && path != ":memory:")
                    Directory.CreateDirectory(folder);
            }

            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging: readers never block the writer, and a crash mid-write leaves a consistent file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            if (options.Value.SeedDemoData && !await db.Boards.AnyAsync(ct))
            {
                // One transaction: a crash halfway leaves no half-seeded board behind.
                await using (var transaction = await db.Database.BeginTransactionAsync(ct))
                {
                    DemoDataSeeder.Seed(db, clock.GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }
                logger.LogInformation("Demo data seeded: {Pupils} pupils, {Concerns} concerns",
                    await db.Pupils.CountAsync(ct), await db.Concerns.CountAsync(ct));
            }
            _ready.TrySetResult();
            logger.LogInformation("Database ready");
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Database initialisation failed");
            _ready.TrySetException(ex);
            throw;
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        if (!IsReady)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }
}
