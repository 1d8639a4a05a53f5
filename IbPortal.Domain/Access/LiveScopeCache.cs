using System.Collections.Concurrent;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Access;

/// <summary>
/// The scopes that decide which <b>live pushes</b> reach a user, shared by all of that user's screens on this server and
/// loaded again once they are older than <see cref="MaxAge"/>. Pages and actions never use it: they load the scope fresh
/// (<see cref="UserScope"/>), so a change of roles takes effect at once there, and within <see cref="MaxAge"/> for what
/// open screens hear. One IB'er's dashboard hears every concern at their schools; without this, each event would load
/// the same scope again for each of their screens.
/// </summary>
public sealed class LiveScopeCache(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    private sealed record Entry(Task<UserScope> Scope, DateTimeOffset LoadedAt, DateOnly Day);

    /// <summary>The staff member's scope, at most <see cref="MaxAge"/> old and of today. A failed load is not kept.</summary>
    public Task<UserScope> GetAsync(int staffMemberId)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (_entries.TryGetValue(staffMemberId, out var entry) && IsFresh(entry, now, today))
            return entry.Scope;
        var fresh = new Entry(LoadAsync(staffMemberId, today), now, today);
        // Two screens asking at once may both load; the later one wins, both answers are right.
        _entries[staffMemberId] = fresh;
        return fresh.Scope;
    }

    /// <summary>Forget a staff member's scope (their roles or groups changed on this server).</summary>
    public void Forget(int staffMemberId) => _entries.TryRemove(staffMemberId, out _);

    private static bool IsFresh(Entry entry, DateTimeOffset now, DateOnly today) =>
        entry.Day == today && now - entry.LoadedAt < MaxAge && !entry.Scope.IsFaulted && !entry.Scope.IsCanceled;

    private async Task<UserScope> LoadAsync(int staffMemberId, DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await UserScope.LoadAsync(db, staffMemberId, today, CancellationToken.None);
    }
}
