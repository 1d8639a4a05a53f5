using IbPortal.Domain.Data;
using IbPortal.Domain.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DatabaseTests;

/// <summary>
/// Both migration sets match the model: a model change without a migration for either provider fails here (no
/// database server needed; the PostgreSQL context is never connected).
/// </summary>
public sealed class MigrationModelTests
{
    private static PortalDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static PostgreSqlPortalDbContext PostgreSql() =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=never-connected.invalid;Database=ibportal").Options);

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = Sqlite();

        Assert.True(db.Database.IsSqlite());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: dotnet ef migrations add X --context PortalDbContext --output-dir Data/Migrations");
    }

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = PostgreSql();

        Assert.True(db.Database.IsNpgsql());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: dotnet ef migrations add X --context PostgreSqlPortalDbContext --output-dir Data/PostgreSql/Migrations");
    }

    [Fact]
    public void Each_provider_has_its_own_migrations_and_both_hold_the_Data_Protection_keys()
    {
        using var sqlite = Sqlite();
        using var postgreSql = PostgreSql();

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgreSqlMigrations = postgreSql.Database.GetMigrations().ToList();

        Assert.Contains(sqliteMigrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Contains(sqliteMigrations, m => m.EndsWith("_DataProtectionKeys", StringComparison.Ordinal));
        Assert.Contains(postgreSqlMigrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Empty(sqliteMigrations.Intersect(postgreSqlMigrations));
        foreach (var db in new[] { sqlite, postgreSql })
        {
            var keys = db.Model.FindEntityType(typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey));
            Assert.NotNull(keys);
            Assert.Equal("DataProtectionKeys", keys.GetTableName());
            // A key's XML is about a kilobyte: the 200-character string convention must not apply (PostgreSQL enforces it).
            Assert.True(keys.FindProperty("Xml")!.GetMaxLength() is null or >= 10_000);
        }
    }
}
