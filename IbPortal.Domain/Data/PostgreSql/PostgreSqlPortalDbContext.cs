using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Data.PostgreSql;

/// <summary>
/// <see cref="PortalDbContext"/> on PostgreSQL: the same model, with its own migrations (Data/PostgreSql/Migrations),
/// so that each provider keeps a migration set that matches it. Services never see this type; they get it through
/// <c>IDbContextFactory&lt;PortalDbContext&gt;</c> (<see cref="PostgreSqlContextFactory"/>).
/// </summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options);

/// <summary>Hands out PostgreSQL contexts to everything that asks for <c>IDbContextFactory&lt;PortalDbContext&gt;</c>.</summary>
internal sealed class PostgreSqlContextFactory(IDbContextFactory<PostgreSqlPortalDbContext> inner) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
