using System.Runtime.CompilerServices;
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
    TimeProvider clock,
    LiveScopeCache liveScopes,
    ConcernFeed.SharedSummaries summaries)
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
        events.Subscribe(e => e is ConcernChanged c && AccessRules.MayHearOf(scope, c), e => onChange((ConcernChanged)e));

    /// <summary>
    /// The concern an event is about, as it is now, when the current user may see it; otherwise null. The same rule as
    /// <see cref="ConcernService.FindSummaryAsync"/>, decided on the user's live scope (<see cref="LiveScopeCache"/>, at
    /// most half a minute old) and the concern's own school, author and pupil. The summary is loaded once per event on
    /// this server, however many screens hear it: every IB'er of the school hears each raise.
    /// </summary>
    public async Task<ConcernSummary?> SummaryOfAsync(ConcernChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.read-summary");
        var scope = await liveScopes.GetAsync(staffId);
        if (!AccessRules.MayHearOf(scope, change))
            return null;
        var summary = await summaries.OfAsync(change);
        // Decided again on what the database says, not only on the ids the event carries.
        return summary is not null && MaySee(scope, summary) ? summary : null;
    }

    private static bool MaySee(UserScope scope, ConcernSummary summary) =>
        scope.IsCareCoordinatorOf(summary.SchoolId) ||
        (scope.IsActive && summary.AuthorId == scope.StaffMemberId) ||
        scope.TeachesPupilAt(summary.PupilId, summary.SchoolId);

    /// <summary>
    /// One summary load per event on this server (a singleton): the event object is the key, so the load is shared by
    /// every screen that hears that event and forgotten with it. Holds no rights of its own: only
    /// <see cref="SummaryOfAsync"/> hands a summary out, after the user's access check.
    /// </summary>
    public sealed class SharedSummaries(IDbContextFactory<PortalDbContext> dbFactory)
    {
        private readonly ConditionalWeakTable<ConcernChanged, Task<ConcernSummary?>> _loads = new();

        internal Task<ConcernSummary?> OfAsync(ConcernChanged change) =>
            _loads.GetValue(change, c => LoadAsync(c.ConcernId));

        private async Task<ConcernSummary?> LoadAsync(int concernId)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var list = await ConcernService.SummariesAsync(db.Concerns.Where(c => c.Id == concernId), CancellationToken.None);
            return list.SingleOrDefault();
        }
    }
}
