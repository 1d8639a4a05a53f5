using System.Data.Common;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using IbPortal.Tests.Support;
using Npgsql;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>
/// PostgreSQL (needs the test server): two nodes creating the database at once, and the start-up lock on a connection of
/// its own that never goes back to a pool and whose unlock never fails a start-up.
/// </summary>
public sealed class PostgreSqlCreateAndLockTests
{
    [Fact]
    public async Task PostgreSql_a_create_database_losing_on_the_unique_index_of_database_names_finds_the_winners_database()
    {
        using var database = new PostgreSqlScratchDatabase("createrace");
        var race = new CreateRace(database);
        var initializer = new DatabaseInitializer(database.Factory(race),
            Microsoft.Extensions.Options.Options.Create(new PortalDatabaseOptions { Provider = PortalDatabaseOptions.PostgreSql, SeedDemoData = false }),
            TimeProvider.System, NullLogger<DatabaseInitializer>.Instance);

        await initializer.InitializeAsync();

        Assert.True(race.Fired);
        Assert.True(initializer.IsReady);
        Assert.True(database.Exists());
    }

    [Fact]
    public async Task PostgreSql_the_lock_is_released_when_its_connection_closes_and_that_connection_is_not_pooled()
    {
        using var database = new PostgreSqlScratchDatabase("lockpool");
        using var test = database.CreateTestDatabase(seed: false);
        // An operator's pooling settings that would keep a session (and its advisory locks) alive in the pool.
        var pooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true, NoResetOnClose = true }.ToString();
        var factory = new PooledFactory(pooled);

        int holder;
        await using (await PortalDatabaseLock.AcquireAsync(factory, PortalDatabaseLock.Initialize, TimeSpan.FromSeconds(10)))
        {
            holder = await LockHolderAsync(database, PortalDatabaseLock.Initialize) ?? throw new InvalidOperationException("no holder");
            await using var other = await PortalDatabaseLock.TryAcquireAsync(factory, PortalDatabaseLock.Initialize, TimeSpan.FromMilliseconds(200));
            Assert.Null(other);
        }

        Assert.Null(await LockHolderAsync(database, PortalDatabaseLock.Initialize));
        // The lock's connection was closed, not returned to the pool: its server process ends.
        Assert.True(await BackendGoneAsync(database, holder), $"backend {holder} of the lock's connection is still alive");
        await using var again = await PortalDatabaseLock.TryAcquireAsync(factory, PortalDatabaseLock.Initialize, TimeSpan.FromSeconds(5));
        Assert.NotNull(again);
    }

    [Fact]
    public async Task PostgreSql_an_unlock_that_fails_does_not_fail_the_start_up_and_the_lock_is_free_again()
    {
        using var database = new PostgreSqlScratchDatabase("lockunlock");
        using var test = database.CreateTestDatabase(seed: false);
        var factory = database.Factory();

        var held = await PortalDatabaseLock.AcquireAsync(factory, PortalDatabaseLock.Initialize, TimeSpan.FromSeconds(10));
        var holder = await LockHolderAsync(database, PortalDatabaseLock.Initialize) ?? throw new InvalidOperationException("no holder");
        // The server drops the lock's session (a restart, a network cut): the unlock then fails.
        await using (var admin = new NpgsqlConnection(ExternalServers.Postgres))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", holder);
            await kill.ExecuteScalarAsync();
        }
        Assert.True(await BackendGoneAsync(database, holder));

        await held.DisposeAsync();

        await using var again = await PortalDatabaseLock.TryAcquireAsync(factory, PortalDatabaseLock.Initialize, TimeSpan.FromSeconds(5));
        Assert.NotNull(again);
    }

    /// <summary>The server process holding the session advisory lock <paramref name="key"/> in the scratch database, if any.</summary>
    private static async Task<int?> LockHolderAsync(PostgreSqlScratchDatabase database, long key)
    {
        await using var connection = new NpgsqlConnection(ExternalServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
            "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = @name AND l.classid = @high AND l.objid = @low AND l.objsubid = 1",
            connection);
        command.Parameters.AddWithValue("name", database.Name);
        command.Parameters.AddWithValue("high", NpgsqlTypes.NpgsqlDbType.Oid, (uint)(key >> 32));
        command.Parameters.AddWithValue("low", NpgsqlTypes.NpgsqlDbType.Oid, (uint)(key & 0xFFFF_FFFF));
        return await command.ExecuteScalarAsync() is int pid ? pid : null;
    }

    /// <summary>Waits (up to 10 s) until the server process <paramref name="pid"/> has ended.</summary>
    private static async Task<bool> BackendGoneAsync(PostgreSqlScratchDatabase database, int pid)
    {
        await using var connection = new NpgsqlConnection(ExternalServers.Postgres);
        await connection.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid AND datname = @name", connection);
            command.Parameters.AddWithValue("pid", pid);
            command.Parameters.AddWithValue("name", database.Name);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
                return true;
            await Task.Delay(50);
        }
        return false;
    }

    private sealed class PooledFactory(string connectionString) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new Domain.Data.PostgreSql.PostgreSqlPortalDbContext(
            new DbContextOptionsBuilder<Domain.Data.PostgreSql.PostgreSqlPortalDbContext>().UseNpgsql(connectionString).Options);
    }

    /// <summary>
    /// "Another node" creates the database just before this node's CREATE DATABASE, which then fails as PostgreSQL may
    /// report a concurrent create: a unique violation on pg_database_datname_index (23505), not a duplicate database.
    /// </summary>
    private sealed class CreateRace(PostgreSqlScratchDatabase database) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Fired && command.CommandText.StartsWith("CREATE DATABASE", StringComparison.OrdinalIgnoreCase))
            {
                Fired = true;
                await using (var other = new NpgsqlConnection(ExternalServers.Postgres))
                {
                    await other.OpenAsync(cancellationToken);
#pragma warning disable CA2100 // the name is generated by the scratch database, not input
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", other);
#pragma warning restore CA2100
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                throw new PostgresException("duplicate key value violates unique constraint \"pg_database_datname_index\"", "ERROR", "ERROR",
                    PostgresErrorCodes.UniqueViolation);
            }
            return result;
        }
    }
}
