using IbPortal.Domain.Retention;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>The retention job treats "the database is busy" as "try again next run" on both providers.</summary>
public sealed class RetentionBusyDetectionTests
{
    private static PostgresException Postgres(string sqlState) => new("test", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData(PostgresErrorCodes.LockNotAvailable)]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.QueryCanceled)]
    public void PostgreSql_lock_and_timeout_errors_count_as_busy(string sqlState)
    {
        Assert.True(RetentionJob.IsBusy(new InvalidOperationException("wrapped", Postgres(sqlState))));
    }

    [Fact]
    public void Busy_detection_knows_both_providers_and_nothing_else()
    {
        Assert.True(RetentionJob.IsBusy(new SqliteException("busy", 5)));
        Assert.True(RetentionJob.IsBusy(new NpgsqlException("read", new TimeoutException())));
        Assert.False(RetentionJob.IsBusy(Postgres(PostgresErrorCodes.UniqueViolation)));
        Assert.False(RetentionJob.IsBusy(new SqliteException("constraint", 19)));
        Assert.False(RetentionJob.IsBusy(new InvalidOperationException("other")));
    }
}
