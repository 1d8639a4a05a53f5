using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IbPortal.Domain.Audit;

/// <summary>Refuses any SaveChanges that would modify or delete an audit entry. The database triggers refuse it too.</summary>
public sealed class AppendOnlyAuditInterceptor : SaveChangesInterceptor
{
    public static readonly AppendOnlyAuditInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
            return;
        if (context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit trail is append-only: audit entries cannot be changed or deleted.");
    }
}
