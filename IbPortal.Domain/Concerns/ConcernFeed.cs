using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Concerns;

/// <summary>
/// Live concern events for the current user: only events about concerns this user may see pass through.
/// Used by dashboards (Blazor circuits) and the SignalR hub alike.
/// </summary>
public sealed class ConcernFeed(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IPortalEvents events,
    TimeProvider clock)
{
    public async Task<IDisposable> SubscribeAsync(Func<ConcernChanged, Task> onChange, CancellationToken ct = default)
    {
        var scope = await LoadScopeAsync(ct);
        return Subscribe(scope, onChange);
    }

    /// <summary>The scope events are filtered by; hub connections keep it for their lifetime.</summary>
    public async Task<UserScope> LoadScopeAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.subscribe");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UserScope.LoadAsync(db, staffId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct);
    }

    public IDisposable Subscribe(UserScope scope, Func<ConcernChanged, Task> onChange) =>
        events.Subscribe(e => e is ConcernChanged c && AccessRules.MayHearOf(scope, c)
            ? onChange(c)
            : Task.CompletedTask);
}
