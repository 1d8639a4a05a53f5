using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Data;

/// <summary>
/// A lock that every node sharing the portal database sees, for start-up steps that must run one node at a time
/// (migrating, seeding, creating the first Data Protection key). PostgreSQL: a session advisory lock on a connection of
/// its own. SQLite: an exclusive lock on a file beside the database (nodes sharing a SQLite file share a disk); an
/// in-memory database has one process, so there the lock is process-wide.
/// </summary>
public sealed class PortalDatabaseLock : IAsyncDisposable
{
    /// <summary>Migrations and the demo seed.</summary>
    public const long Initialize = 0x1B_507_7A1_0001;

    /// <summary>The demo seed's transaction (a transaction-scoped PostgreSQL lock, taken inside <see cref="Initialize"/>).</summary>
    public const long Seed = 0x1B_507_7A1_0003;

    /// <summary>The first Data Protection key.</summary>
    public const long DataProtectionKeys = 0x1B_507_7A1_0002;

    private static readonly SemaphoreSlim InMemory = new(1, 1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly PortalDbContext? _db;
    private readonly long _key;
    private readonly FileStream? _file;
    private readonly bool _inMemory;

    private PortalDatabaseLock(PortalDbContext? db, long key, FileStream? file, bool inMemory)
    {
        _db = db;
        _key = key;
        _file = file;
        _inMemory = inMemory;
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until this node holds the lock named by <paramref name="key"/>.</summary>
    public static async Task<PortalDatabaseLock> AcquireAsync(IDbContextFactory<PortalDbContext> dbFactory, long key, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsNpgsql())
        {
            try
            {
                db.Database.SetCommandTimeout(timeout);
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", ct);
                return new PortalDatabaseLock(db, key, null, false);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        string connectionString;
        await using (db)
            connectionString = db.Database.GetConnectionString() ?? "";
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is "" or ":memory:" || sqlite.Mode == SqliteOpenMode.Memory)
        {
            if (!await InMemory.WaitAsync(timeout, ct))
                throw new TimeoutException($"The database start-up lock {key:x} was not free within {timeout.TotalSeconds:0} s.");
            return new PortalDatabaseLock(null, key, null, true);
        }
        return new PortalDatabaseLock(null, key, await LockFileAsync($"{Path.GetFullPath(sqlite.DataSource)}.lock-{key:x}", timeout, ct), false);
    }

    private static async Task<FileStream> LockFileAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException ex)
            {
                if (DateTime.UtcNow >= deadline)
                    throw new TimeoutException($"The database start-up lock {path} was not free within {timeout.TotalSeconds:0} s.", ex);
                // Another node holds it: wait until it lets go.
                await Task.Delay(Poll, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            try
            {
                await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({_key})");
            }
            finally
            {
                // Closing the connection ends the session's locks too (Npgsql resets pooled connections).
                await _db.Database.CloseConnectionAsync();
                await _db.DisposeAsync();
            }
        }
        if (_file is not null)
            await _file.DisposeAsync();
        if (_inMemory)
            InMemory.Release();
    }
}
