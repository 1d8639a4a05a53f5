namespace IbPortal.Tests.Support;

/// <summary>
/// The PostgreSQL and Redis servers that ./test.sh starts on loopback ports (IbPortal.Tests/test-servers.sh). A test
/// that needs one and finds it missing fails with this message, also and especially under CI=true; it never skips.
/// </summary>
public static class ExternalServers
{
    /// <summary>Npgsql connection string to the test server's maintenance database ("postgres").</summary>
    public static string Postgres => Require("IBPORTAL_TEST_POSTGRES", "PostgreSQL");

    /// <summary>StackExchange.Redis configuration ("127.0.0.1:56379") of the shared test Redis.</summary>
    public static string Redis => Require("IBPORTAL_TEST_REDIS", "Redis");

    /// <summary>The redis-server binary, for tests that start (and stop) a Redis of their own.</summary>
    public static string RedisServerBinary => Require("IBPORTAL_TEST_REDIS_SERVER", "Redis (redis-server)");

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{what} is not available to the tests: {variable} is not set. Run ./test.sh, which installs and starts " +
                "PostgreSQL and Redis on loopback ports, or start them with `eval \"$(IbPortal.Tests/test-servers.sh start)\"`.");
}
