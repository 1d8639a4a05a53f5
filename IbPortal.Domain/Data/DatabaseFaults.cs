using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IbPortal.Domain.Data;

/// <summary>What kind of database trouble an exception is, as far as a form should tell the user.</summary>
public enum DatabaseFault
{
    /// <summary>Not a database availability problem (a bug, a constraint, a validation): handle it as such.</summary>
    None,

    /// <summary>
    /// The database is there but another connection holds it (SQLite busy/locked; a PostgreSQL lock, deadlock,
    /// serialization or statement timeout). The statement or transaction was rolled back: nothing was saved, and
    /// trying again later is safe.
    /// </summary>
    Busy,

    /// <summary>
    /// The database could not be reached or the connection broke (SQLite cannot open the file; PostgreSQL down,
    /// refused, a network timeout or an exhausted pool). Whether a commit in flight took effect is unknown.
    /// </summary>
    Unreachable,
}

/// <summary>
/// Recognises "the database is busy or unreachable" in an exception, however EF Core wrapped it
/// (<c>DbUpdateException</c>, <c>RetryLimitExceededException</c>, …), for SQLite and PostgreSQL alike.
/// </summary>
public static class DatabaseFaults
{
    // https://www.sqlite.org/rescode.html
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;

    // https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static readonly HashSet<string> PostgresBusyStates =
    [
        "55P03", // lock_not_available (lock_timeout, NOWAIT)
        "55006", // object_in_use
        "57014", // query_canceled (statement_timeout)
        "40001", // serialization_failure
        "40P01", // deadlock_detected
        "53300", // too_many_connections
    ];

    /// <summary>The first database fault found in <paramref name="exception"/> or its inner exceptions.</summary>
    public static DatabaseFault Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var fault = ClassifyOne(e);
            if (fault != DatabaseFault.None)
                return fault;
            if (e is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Classify(inner) is var innerFault and not DatabaseFault.None)
                        return innerFault;
                }
            }
        }
        return DatabaseFault.None;
    }

    /// <summary>
    /// True when <paramref name="exception"/> (or one of its inner exceptions) is a unique-index violation on
    /// <paramref name="index"/>: SQLite names the index's columns in its message ("Table.Column"), PostgreSQL the index.
    /// A lost insert race, for callers that then read what the winner stored.
    /// </summary>
    public static bool IsUniqueViolation(Exception? exception, string index, string sqliteColumn)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite && sqlite.Message.Contains(sqliteColumn, StringComparison.Ordinal))
                return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres && postgres.ConstraintName == index)
                return true;
        }
        return false;
    }

    /// <summary>True when the database is busy/locked or unreachable (see <see cref="Classify"/>).</summary>
    public static bool IsBusyOrUnreachable(Exception? exception) => Classify(exception) != DatabaseFault.None;

    private static DatabaseFault ClassifyOne(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => DatabaseFault.Busy,
        SqliteException { SqliteErrorCode: SqliteCantOpen } => DatabaseFault.Unreachable,
        PostgresException postgres when PostgresBusyStates.Contains(postgres.SqlState) => DatabaseFault.Busy,
        PostgresException { IsTransient: true } => DatabaseFault.Unreachable,   // 08xxx connection, 57P0x shutdown, 53xxx resources
        PostgresException => DatabaseFault.None,                                  // a constraint, a syntax error: not availability
        NpgsqlException { IsTransient: true } => DatabaseFault.Unreachable,     // socket errors, timeouts, pool exhausted
        NpgsqlException { InnerException: TimeoutException or SocketException } => DatabaseFault.Unreachable,
        _ => DatabaseFault.None,
    };
}
