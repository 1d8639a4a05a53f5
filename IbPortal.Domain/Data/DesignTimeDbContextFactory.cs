using IbPortal.Domain.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IbPortal.Domain.Data;

/// <summary>
/// Lets `dotnet ef migrations add X --context PortalDbContext --output-dir Data/Migrations` build the SQLite model
/// without starting the web app (see <see cref="PortalDbContext"/> for both commands).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// Lets `dotnet ef migrations add X --context PostgreSqlPortalDbContext --output-dir Data/PostgreSql/Migrations` build
/// the PostgreSQL model; adding a migration does not connect, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=localhost;Database=ibportal_design").Options);
}
