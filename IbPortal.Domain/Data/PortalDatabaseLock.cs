using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IbPortal.Domain.Data;

/// <summary>
/// A lock that every node sharing the portal database sees, for steps that must run one node at a time (migrating,
/// seeding, creating the first Data Protection key, the retention run). PostgreSQL: a session advisory lock on a
/// connection of its own, outside the pool (<c>Pooling=false</c>), so that closing it always ends the session and with
/// it the lock, whatever the operator's pool settings (<c>No Reset On Close</c>). SQLite: an exclusive lock on a file
/// beside the database (nodes sharing a SQLite file share a disk); an in-memory database lives in one process, so there
/// the lock is one of that process, per database.
/// </summary>
public sealed class PortalDatabaseLock : IAsyncDisposable
{
    /// <summary>Migrations and the demo seed.</summary>
    public const long Initialize = 0x1B_507_7A1_0001;

    /// <summary>The demo seed's transaction (a transaction-scoped PostgreSQL lock, taken inside <see cref="Initialize"/>).</summary>
    public const long Seed = 0x1B_507_7A1_0003;

    /// <summary>The first Data Protection key.</summary>
    public const long DataProtectionKeys = 0x1B_507_7A1_0002;

    /// <summary>A retention run (scheduled or a privacy officer's): one node at a time.</summary>
    public const long Retention = 0x1B_507_7A1_0004;

    /// <summary>In-memory SQLite: a database of ":memory:" is its connection; a named shared one is its name.</summary>
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<long, SemaphoreSlim>> InMemoryByConnection = new();
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<long, SemaphoreSlim>> InMemoryByName = new(StringComparer.Ordinal);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly NpgsqlConnection? _connection;
    private readonly long _key;
    private readonly FileStream? _file;
    private readonly SemaphoreSlim? _inMemory;
    private readonly ILogger? _logger;

    private PortalDatabaseLock(NpgsqlConnection? connection, long key, FileStream? file, SemaphoreSlim? inMemory, ILogger? logger)
    {
        _connection = connection;
        _key = key;
        _file = file;
        _inMemory = inMemory;
        _logger = logger;
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until this node holds the lock named by <paramref name="key"/>.</summary>
    /// <exception cref="TimeoutException">Another node held it all that time.</exception>
    public static Task<PortalDatabaseLock> AcquireAsync(IDbContextFactory<PortalDbContext> dbFactory, long key, TimeSpan timeout,
        CancellationToken ct = default) =>
        AcquireAsync(dbFactory, key, timeout, null, ct);

    /// <inheritdoc cref="AcquireAsync(IDbContextFactory{PortalDbContext}, long, TimeSpan, CancellationToken)"/>
    /// <param name="logger">Hears a failed unlock (ids only); the lock is released anyway.</param>
    public static async Task<PortalDatabaseLock> AcquireAsync(IDbContextFactory<PortalDbContext> dbFactory, long key, TimeSpan timeout,
        ILogger? logger, CancellationToken ct = default) =>
        await TryAcquireAsync(dbFactory, key, timeout, logger, ct)
        ?? throw new TimeoutException($"The database lock {key:x} was not free within {timeout.TotalSeconds:0} s.");

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>, which may be zero) until this node holds the lock named by
    /// <paramref name="key"/>; null when another node held it all that time.
    /// </summary>
    public static async Task<PortalDatabaseLock?> TryAcquireAsync(IDbContextFactory<PortalDbContext> dbFactory, long key, TimeSpan timeout,
        ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        string connectionString;
        bool postgreSql;
        object? inMemoryConnection = null;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            postgreSql = db.Database.IsNpgsql();
            connectionString = db.Database.GetConnectionString() ?? "";
            if (!postgreSql)
                inMemoryConnection = db.Database.GetDbConnection();
        }

        if (postgreSql)
            return await PostgreSqlAsync(connectionString, key, timeout, logger, ct);

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is "" or ":memory:" || sqlite.Mode == SqliteOpenMode.Memory)
        {
            var locks = sqlite.DataSource is "" or ":memory:"
                ? InMemoryByConnection.GetValue(inMemoryConnection!, _ => new ConcurrentDictionary<long, SemaphoreSlim>())
                : InMemoryByName.GetOrAdd(sqlite.DataSource, _ => new ConcurrentDictionary<long, SemaphoreSlim>());
            var semaphore = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
            return await semaphore.WaitAsync(timeout, ct) ? new PortalDatabaseLock(null, key, null, semaphore, logger) : null;
        }
        var file = await LockFileAsync($"{Path.GetFullPath(sqlite.DataSource)}.lock-{key:x}", timeout, ct);
        return file is null ? null : new PortalDatabaseLock(null, key, file, null, logger);
    }

    private static async Task<PortalDatabaseLock?> PostgreSqlAsync(string connectionString, long key, TimeSpan timeout, ILogger? logger,
        CancellationToken ct)
    {
        // A connection of its own, never pooled: closing it ends the session, and a session's advisory locks end with it.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
                {
                    command.Parameters.AddWithValue("key", key);
                    if (await command.ExecuteScalarAsync(ct) is true)
                        return new PortalDatabaseLock(connection, key, null, null, logger);
                }
                if (DateTime.UtcNow >= deadline)
                {
                    await connection.DisposeAsync();
                    return null;
                }
                // Another node holds it: wait until it lets go.
                await Task.Delay(Poll, ct);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream?> LockFileAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException)
            {
                if (DateTime.UtcNow >= deadline)
                    return null;
                // Another node holds it: wait until it lets go.
                await Task.Delay(Poll, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                command.Parameters.AddWithValue("key", _key);
                await command.ExecuteScalarAsync();
            }
#pragma warning disable CA1031 // closing the connection below ends the session and its lock anyway; an unlock error must not fail the work it guarded, nor hide that work's own exception
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger?.LogWarning(ex, "Database lock {LockKey:x}: the unlock failed; closing its connection releases it", _key);
            }
            finally
            {
                await _connection.DisposeAsync();
            }
        }
        if (_file is not null)
            await _file.DisposeAsync();
        _inMemory?.Release();
    }
}
