using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IbPortal.Domain.Data;

/// <summary>
/// Creates the data folder (SQLite) or the database (PostgreSQL), applies the committed migrations of the configured
/// provider and seeds the demo data when asked to, once, also when several nodes start together.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<PortalDatabaseOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>How long a node waits for another node's migration and seed before it gives up.</summary>
    public static readonly TimeSpan StartupLockTimeout = TimeSpan.FromMinutes(5);

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        try
        {
            bool postgreSql;
            await using (var probe = await dbFactory.CreateDbContextAsync(ct))
            {
                postgreSql = probe.Database.IsNpgsql();
                if (postgreSql)
                    await EnsurePostgreSqlDatabaseAsync(probe, ct);
                else
                    CreateSqliteFolder(probe);
            }

            // Nodes starting together on an empty database: one migrates and seeds, the others wait and find it done.
            // (EF takes its own migration lock as well; ours also covers the seed.)
            await using (postgreSql ? await PortalDatabaseLock.AcquireAsync(dbFactory, PortalDatabaseLock.Initialize, StartupLockTimeout, logger, ct) : null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.Database.MigrateAsync(ct);
                if (db.Database.IsSqlite())
                {
                    // Write-ahead logging: readers never block the writer, and a crash mid-write leaves a consistent file.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                }

                if (options.Value.SeedDemoData)
                    await SeedDemoBoardOnceAsync(db, ct);
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

    private async Task SeedDemoBoardOnceAsync(PortalDbContext db, CancellationToken ct)
    {
        if (await db.Boards.AnyAsync(ct))
            return;
        // One transaction: a crash halfway leaves no half-seeded board behind. The check is repeated inside it, under a
        // lock every node sees (SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: an advisory transaction lock),
        // so two nodes starting on an empty database seed one board, not two.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PortalDatabaseLock.Seed})", ct);
            if (await db.Boards.AnyAsync(ct))
                return;
            DemoDataSeeder.Seed(db, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Demo data seeded: {Pupils} pupils, {Concerns} concerns",
            await db.Pupils.CountAsync(ct), await db.Concerns.CountAsync(ct));
    }

    private static void CreateSqliteFolder(PortalDbContext db)
    {
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder) && path != ":memory:")
            Directory.CreateDirectory(folder);
    }

    /// <summary>Creates the PostgreSQL database when the server has none of that name (the lock needs one to live in).</summary>
    private static async Task EnsurePostgreSqlDatabaseAsync(PortalDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
            return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node created it a moment ago.
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two CREATE DATABASE statements at the same moment: the loser may trip over the unique index on the database
            // names (pg_database_datname_index) instead of reporting a duplicate database. Fine when the winner's is there.
            if (!await creator.ExistsAsync(ct))
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
