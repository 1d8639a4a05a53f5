using IbPortal.Domain;
using IbPortal.Domain.Data;
using IbPortal.Domain.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>Database:Provider picks SQLite (the default) or PostgreSQL; a wrong setting stops the app with a clear message.</summary>
public sealed class DatabaseProviderConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPortalDomain(configuration, Path.GetTempPath()).BuildServiceProvider();
    }

    [Fact]
    public async Task Sqlite_is_the_default_and_takes_the_command_timeout()
    {
        await using var services = Build(new()
        {
            ["ConnectionStrings:Portal"] = "Data Source=portal-config-test.db",
            ["Database:CommandTimeoutSeconds"] = "7",
        });

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        Assert.Equal(typeof(PortalDbContext), db.GetType());
        Assert.True(db.Database.IsSqlite());
        Assert.Equal(7, db.Database.GetCommandTimeout());
        Assert.Equal(Path.Combine(Path.GetTempPath(), "portal-config-test.db"),
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    [InlineData("POSTGRESQL")]
    public async Task PostgreSql_is_chosen_case_insensitively_and_reaches_every_service_through_the_PortalDbContext_factory(string provider)
    {
        await using var services = Build(new()
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Portal"] = "Host=db.invalid;Port=5432;Database=ibportal;Username=ibportal",
            ["Database:CommandTimeoutSeconds"] = "45",
        });

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await using var scope = services.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.IsType<PostgreSqlPortalDbContext>(db);
        Assert.True(db.Database.IsNpgsql());
        Assert.Equal(45, db.Database.GetCommandTimeout());
        Assert.Contains("Host=db.invalid", db.Database.GetConnectionString(), StringComparison.Ordinal);
        Assert.IsType<PostgreSqlPortalDbContext>(scoped);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void PostgreSql_without_a_connection_string_stops_with_a_message_naming_the_key(string? connectionString)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = connectionString,
        }));

        Assert.Contains("ConnectionStrings:Portal", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_with_the_SQLite_connection_string_left_in_place_stops_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Portal"] = "Data Source=data/ibportal.db",
        }));

        Assert.Contains("ConnectionStrings:Portal is not an Npgsql connection string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_provider_stops_with_a_message_naming_the_supported_ones()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Database:Provider"] = "Oracle" }));

        Assert.Equal("Database:Provider 'Oracle' is not supported; use 'Sqlite' or 'PostgreSql'.", ex.Message);
    }
}
