using IbPortal.Domain.Access;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Visits;

/// <summary>
/// The kijkwijzer's versions in the database, shared by <see cref="CriteriaSetService"/> and <see cref="ObservationService"/>:
/// the board's current version (created from <see cref="ObservationCriteriaDefaults"/> on first use) and one version
/// with its areas and criteria in order. No access checks here: the callers check first.
/// </summary>
internal static class KijkwijzerStore
{
    /// <summary>The board of the first of <paramref name="schoolIds"/> (a board's staff work within one board).</summary>
    public static async Task<int?> BoardOfAsync(PortalDbContext db, IEnumerable<int> schoolIds, CancellationToken ct)
    {
        var ids = schoolIds.ToList();
        if (ids.Count == 0)
            return null;
        return await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.BoardId)
            .Select(s => (int?)s.BoardId)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The id and number of the board's current (highest) version, or null when it has none yet.</summary>
    public static async Task<(int Id, int Version)?> CurrentAsync(PortalDbContext db, int boardId, CancellationToken ct)
    {
        var current = await db.ObservationCriteriaSets.AsNoTracking()
            .Where(s => s.BoardId == boardId)
            .OrderByDescending(s => s.Version)
            .Select(s => new { s.Id, s.Version })
            .FirstOrDefaultAsync(ct);
        return current is null ? null : (current.Id, current.Version);
    }

    /// <summary>
    /// The id of the board's current version; when the board has none yet, its first version is created from the
    /// defaults. When two users trigger that at the same moment, the unique index lets one win and the other uses it.
    /// </summary>
    public static async Task<int> EnsureCurrentIdAsync(IDbContextFactory<PortalDbContext> dbFactory, int boardId, DateTime now,
        ILogger logger, CancellationToken ct)
    {
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await CurrentAsync(read, boardId, ct) is { } existing)
                return existing.Id;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var set = ObservationCriteriaDefaults.CreateFor(boardId, now);
        db.ObservationCriteriaSets.Add(set);
        try
        {
            await UniqueRace.SaveAsync(
                () => db.SaveChangesAsync(ct),
                async () =>
                {
                    await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                    return await CurrentAsync(fresh, boardId, ct) is not null;
                },
                "De kijkwijzer is intussen al aangemaakt.");
        }
        catch (DomainException ex) when (ex.InnerException is DbUpdateException)
        {
            // Someone else created the first version at the same moment: use theirs.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return (await CurrentAsync(fresh, boardId, ct))?.Id
                   ?? throw new InvalidOperationException($"Board {boardId} has no kijkwijzer after a lost race.", ex);
        }
        logger.LogInformation("Kijkwijzer version 1 ({CriteriaSetId}) created from the defaults for board {BoardId}", set.Id, boardId);
        return set.Id;
    }

    /// <summary>One version with its areas and criteria in order; null when it does not exist.</summary>
    public static async Task<CriteriaSetView?> LoadAsync(PortalDbContext db, int setId, bool mayPublish, CancellationToken ct)
    {
        var set = await db.ObservationCriteriaSets.AsNoTracking()
            .Where(s => s.Id == setId)
            .Select(s => new
            {
                s.Id,
                s.BoardId,
                s.Version,
                s.Name,
                s.ChangeNote,
                s.PublishedAt,
                PublishedBy = db.StaffMembers.Where(m => m.Id == s.PublishedById).Select(m => m.DisplayName).FirstOrDefault(),
                Current = db.ObservationCriteriaSets.Where(o => o.BoardId == s.BoardId).Max(o => o.Version),
            })
            .SingleOrDefaultAsync(ct);
        if (set is null)
            return null;

        var areas = await db.ObservationAreas.AsNoTracking()
            .Where(a => a.CriteriaSetId == setId)
            .OrderBy(a => a.Position).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Position, a.Name })
            .ToListAsync(ct);
        var criteria = (await db.ObservationCriteria.AsNoTracking()
                .Where(c => c.Area!.CriteriaSetId == setId)
                .Select(c => new { c.Id, c.AreaId, c.Position, c.Text })
                .ToListAsync(ct))
            .OrderBy(c => c.Position).ThenBy(c => c.Id)
            .ToLookup(c => c.AreaId);
        return new CriteriaSetView(set.Id, set.BoardId, set.Version, set.Name, set.ChangeNote, set.PublishedAt, set.PublishedBy,
            set.Version == set.Current,
            areas.Select(a => new CriteriaAreaView(a.Id, a.Position, a.Name,
                criteria[a.Id].Select(c => new CriterionView(c.Id, c.Position, c.Text)).ToList())).ToList(),
            mayPublish);
    }
}
