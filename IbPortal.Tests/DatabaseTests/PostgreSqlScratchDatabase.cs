using IbPortal.Domain;
using IbPortal.Domain.Data;
using IbPortal.Domain.Data.PostgreSql;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>
/// A uniquely named database on the test PostgreSQL server (<see cref="ExternalServers.Postgres"/>; fails, never skips,
/// when the server is missing). Not created here: the code under test creates it (as the app does on first start), or
/// <see cref="CreateTestDatabase"/> does. Dropped on dispose.
/// </summary>
public sealed class PostgreSqlScratchDatabase : IDisposable
{
    private readonly string _maintenance;

    public PostgreSqlScratchDatabase(string purpose)
    {
        _maintenance = ExternalServers.Postgres;
        Name = $"ibportal_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (Name.Length > 63)
            Name = Name[..63];
        ConnectionString = new NpgsqlConnectionStringBuilder(_maintenance) { Database = Name }.ToString();
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>The settings that make the app (or <c>AddPortalDomain</c>) use this database.</summary>
    public Dictionary<string, string?> Settings(bool seedDemoData = true) => new()
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Portal"] = ConnectionString,
        ["Database:SeedDemoData"] = seedDemoData ? "true" : "false",
    };

    /// <summary>The domain as the app registers it, on this database: one "node".</summary>
    public ServiceProvider Node(bool seedDemoData = true, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(seedDemoData)).Build();
        var services = new ServiceCollection().AddLogging().AddPortalDomain(configuration, Path.GetTempPath());
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public IDbContextFactory<PortalDbContext> Factory(params IInterceptor[] interceptors) =>
        new Contexts(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options);

    /// <summary>A <see cref="TestDatabase"/> (migrated with the PostgreSQL migrations, demo board seeded) on this database; dropping it on dispose.</summary>
    public TestDatabase CreateTestDatabase(bool seed = true) => new(Factory(), seed, onDispose: Dispose);

    public bool Exists()
    {
        using var connection = new NpgsqlConnection(_maintenance);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", Name);
        return (long)command.ExecuteScalar()! == 1;
    }

    public void Dispose()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(_maintenance);
        connection.Open();
#pragma warning disable CA2100 // the name is generated above, not input
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    private sealed class Contexts(DbContextOptions<PostgreSqlPortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new PostgreSqlPortalDbContext(options);
    }
}
