using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Visits;

/// <summary>
/// Live support-request events for the current user: only events about requests this user may see pass through (the
/// asking teacher, the IB'er of the school; <see cref="VisitAccess.MayHearOf"/>). Events carry ids only; the receiver
/// loads what it may see through <see cref="TeacherSupportRequestService"/>.
/// </summary>
public sealed class SupportRequestFeed(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IPortalEvents events,
    TimeProvider clock)
{
    public async Task<IDisposable> SubscribeAsync(Func<SupportRequestChanged, Task> onChange, CancellationToken ct = default)
    {
        var scope = await LoadScopeAsync(ct);
        return Subscribe(scope, onChange);
    }

    /// <summary>The scope events are filtered by, loaded once for the subscription's lifetime.</summary>
    public async Task<UserScope> LoadScopeAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportRequestAuditActions.Subscribe);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UserScope.LoadAsync(db, staffId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct);
    }

    public IDisposable Subscribe(UserScope scope, Func<SupportRequestChanged, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        return events.Subscribe(e => e is SupportRequestChanged c && VisitAccess.MayHearOf(scope, c), e => onChange((SupportRequestChanged)e));
    }
}
