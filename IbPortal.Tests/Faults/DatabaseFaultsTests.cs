using System.Net;
using System.Net.Sockets;
using IbPortal.Domain.Data;
using IbPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IbPortal.Tests.Faults;

/// <summary><see cref="DatabaseFaults"/> on real driver exceptions: a locked SQLite file, PostgreSQL timeouts, a closed port.</summary>
public sealed class DatabaseFaultsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ibportal-faults-" + Guid.NewGuid().ToString("N"));

    public DatabaseFaultsTests() => Directory.CreateDirectory(_folder);

    private string ConnectionString(int timeoutSeconds = 30) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_folder, "faults.db"),
        Pooling = false,
        DefaultTimeout = timeoutSeconds,
    }.ToString();

    [Fact]
    public async Task Sqlite_write_against_a_file_locked_by_another_connection_is_busy_also_when_wrapped()
    {
        await using (var setup = new SqliteConnection(ConnectionString()))
        {
            await setup.OpenAsync();
            await Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE T (Id INTEGER PRIMARY KEY, Text TEXT NOT NULL);");
        }
        await using var holder = new SqliteConnection(ConnectionString());
        await holder.OpenAsync();
        await Execute(holder, "BEGIN EXCLUSIVE;");

        await using var writer = new SqliteConnection(ConnectionString(timeoutSeconds: 1));
        await writer.OpenAsync();
        var busy = await Assert.ThrowsAsync<SqliteException>(() => Execute(writer, "INSERT INTO T (Text) VALUES ('x');"));
        var beginBusy = await Assert.ThrowsAsync<SqliteException>(() => writer.BeginTransactionAsync().AsTask());

        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(busy));
        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(beginBusy));
        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(new DbUpdateException("An error occurred while saving the entity changes.", busy)));
        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(new InvalidOperationException("retry limit", new DbUpdateException("save", busy))));
        Assert.True(DatabaseFaults.IsBusyOrUnreachable(busy));
    }

    [Fact]
    public async Task Sqlite_constraint_violation_is_not_a_database_fault()
    {
        await using var db = new SqliteConnection(ConnectionString());
        await db.OpenAsync();
        await Execute(db, "CREATE TABLE T (Id INTEGER PRIMARY KEY, Text TEXT NOT NULL);");
        var constraint = await Assert.ThrowsAsync<SqliteException>(() => Execute(db, "INSERT INTO T (Text) VALUES (NULL);"));

        Assert.Equal(19, constraint.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(DatabaseFault.None, DatabaseFaults.Classify(new DbUpdateException("save", constraint)));
        Assert.Equal(DatabaseFault.None, DatabaseFaults.Classify(new InvalidOperationException("a bug")));
        Assert.False(DatabaseFaults.IsBusyOrUnreachable(null));
    }

    [Fact]
    public async Task Sqlite_file_that_cannot_be_opened_is_unreachable()
    {
        var missing = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "no-such-folder", "portal.db"),
            Pooling = false,
        }.ToString();
        await using var db = new SqliteConnection(missing);
        var cannotOpen = await Assert.ThrowsAsync<SqliteException>(() => db.OpenAsync());

        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(cannotOpen));
    }

    [Fact]
    public async Task Postgres_statement_and_lock_timeouts_are_busy()
    {
        await using var dataSource = NpgsqlDataSource.Create(ExternalServers.Postgres);
        await using var holder = await dataSource.OpenConnectionAsync();
        await using var waiter = await dataSource.OpenConnectionAsync();
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        await PgExecute(holder, $"SELECT pg_advisory_lock({key});");

        await PgExecute(waiter, "SET lock_timeout = '200ms';");
        var lockTimeout = await Assert.ThrowsAsync<PostgresException>(() => PgExecute(waiter, $"SELECT pg_advisory_lock({key});"));
        await PgExecute(waiter, "SET lock_timeout = 0; SET statement_timeout = '200ms';");
        var statementTimeout = await Assert.ThrowsAsync<PostgresException>(() => PgExecute(waiter, "SELECT pg_sleep(5);"));

        Assert.Equal("55P03", lockTimeout.SqlState);
        Assert.Equal("57014", statementTimeout.SqlState);
        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(new DbUpdateException("save", lockTimeout)));
        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(statementTimeout));
    }

    [Fact]
    public async Task Postgres_constraint_violation_is_not_a_database_fault()
    {
        await using var dataSource = NpgsqlDataSource.Create(ExternalServers.Postgres);
        await using var db = await dataSource.OpenConnectionAsync();
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => PgExecute(db,
            "CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);"));

        Assert.Equal("23505", duplicate.SqlState);
        Assert.Equal(DatabaseFault.None, DatabaseFaults.Classify(new DbUpdateException("save", duplicate)));
    }

    [Fact]
    public async Task Postgres_server_that_is_not_listening_is_unreachable()
    {
        var builder = new NpgsqlConnectionStringBuilder(ExternalServers.Postgres) { Port = ClosedPort(), Timeout = 3, Pooling = false };
        await using var db = new NpgsqlConnection(builder.ConnectionString);
        var refused = await Assert.ThrowsAsync<NpgsqlException>(() => db.OpenAsync());

        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(refused));
        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(new InvalidOperationException("retry limit", refused)));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task PgExecute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans its temp folder
        }
    }
}
