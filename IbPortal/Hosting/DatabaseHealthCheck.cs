using IbPortal.Domain.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IbPortal.Hosting;

/// <summary>Healthy once the database is migrated (and seeded) and answers.</summary>
internal sealed class DatabaseHealthCheck(DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Database ready")
                : HealthCheckResult.Unhealthy("Database not ready");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", ex);
        }
    }
}
