using IbPortal.Hosting;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>`seed --provider PostgreSql --connection …`: the generated city in PostgreSQL (needs the test server).</summary>
public sealed class PostgreSqlSeedCommandTests
{
    [Fact]
    public async Task PostgreSql_seed_command_creates_and_fills_a_new_database_and_refuses_one_with_data()
    {
        using var database = new PostgreSqlScratchDatabase("seedcmd");
        string[] args = ["seed", "--schools", "2", "--pupils", "40", "--years", "1", "--random-seed", "3",
            "--provider", "PostgreSql", "--connection", database.ConnectionString];

        var output = new StringWriter();
        Assert.Equal(0, await SeedCommand.RunAsync(args, output));
        Assert.Contains("| Schools | 2 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("| Pupils | 40 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL database {database.Name}", output.ToString(), StringComparison.Ordinal);

        var refused = new StringWriter();
        Assert.Equal(SeedCommand.RefusedExitCode, await SeedCommand.RunAsync(args, refused));
        Assert.Contains("already holds data", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_seed_command_without_a_connection_says_which_option_is_missing()
    {
        var output = new StringWriter();

        Assert.Equal(SeedCommand.RefusedExitCode, await SeedCommand.RunAsync(["seed", "--provider", "postgresql"], output));

        Assert.Contains("--connection is not set", output.ToString(), StringComparison.Ordinal);
    }
}
