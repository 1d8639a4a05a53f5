using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Quality;

/// <summary>
/// The boat signal's arithmetic: a group's concern density (<see cref="ComputeAsync"/>) and which thresholds it reaches
/// (<see cref="Reached"/>). Shared by the detector, which raises signals, and the service, which shows the figures.
/// <para>Thresholds (<see cref="BoatSignalOptions"/>) are reached when the figure is AT OR ABOVE them. Shares use integer
/// arithmetic, so that no rounding decides: <c>open × 100 ≥ percent × pupils</c>. A group with fewer than
/// <see cref="BoatSignalOptions.MinimumPupils"/> pupils reaches nothing.</para>
/// <para>Every threshold also needs at least <see cref="SmallCounts.Threshold"/> (5) distinct pupils behind it: 5 pupils
/// with an open concern, 5 pupils at the high support level, and new concerns about 5 different pupils. A boat problem
/// is about many pupils; and so the figure of a reached threshold is never shown as "&lt;5", and naming a threshold as
/// reached never gives a hidden count away (without the floor, "reached" next to "&lt;5" of 20 pupils at 20% would mean
/// exactly 4).</para>
/// </summary>
public static class BoatSignalDensity
{
    /// <summary>The thresholds <paramref name="density"/> reaches (each one is a reason for a signal).</summary>
    public static BoatSignalReasons Reached(GroupDensity density, BoatSignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(options);
        if (density.PupilCount < options.MinimumPupils || density.PupilCount == 0)
            return BoatSignalReasons.None;
        var reasons = BoatSignalReasons.None;
        if (density.PupilsWithOpenConcerns >= SmallCounts.Threshold
            && ShareReached(density.PupilsWithOpenConcerns, density.PupilCount, options.OpenConcernSharePercent))
            reasons |= BoatSignalReasons.OpenConcernShare;
        if (density.NewConcernPupils >= SmallCounts.Threshold && density.NewConcerns >= options.NewConcerns)
            reasons |= BoatSignalReasons.NewConcerns;
        if (density.PupilsAtHighSupportLevel >= SmallCounts.Threshold
            && ShareReached(density.PupilsAtHighSupportLevel, density.PupilCount, options.HighSupportSharePercent))
            reasons |= BoatSignalReasons.HighSupportShare;
        return reasons;
    }

    /// <summary>Whether <paramref name="count"/> of <paramref name="pupils"/> is at or above <paramref name="percent"/>%.</summary>
    public static bool ShareReached(int count, int pupils, int percent) => pupils > 0 && count * 100L >= (long)percent * pupils;

    /// <summary>The whole percentage, rounded half up (for display only; thresholds never use it).</summary>
    public static int Percent(int count, int pupils) => pupils == 0 ? 0 : (int)((count * 200L + pupils) / (2L * pupils));

    /// <summary>
    /// What the signal proposes: a look at the group (a group discussion) when many pupils have open concerns or high
    /// support, a look at the teaching (a classroom visit) when new concerns pile up; both when both.
    /// </summary>
    public static BoatSignalResponses Proposal(BoatSignalReasons reasons) =>
        ((reasons & (BoatSignalReasons.OpenConcernShare | BoatSignalReasons.HighSupportShare)) != 0 ? BoatSignalResponses.GroupDiscussion : BoatSignalResponses.None)
        | (reasons.HasFlag(BoatSignalReasons.NewConcerns) ? BoatSignalResponses.ClassroomVisit : BoatSignalResponses.None);

    /// <summary>
    /// The density of each group in <paramref name="groupIds"/> on <paramref name="today"/> (the schools' local date),
    /// counting new concerns raised at or after <paramref name="newSinceUtc"/>. Four aggregate queries, whatever the
    /// number of groups.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, GroupDensity>> ComputeAsync(PortalDbContext db, IReadOnlyCollection<int> groupIds,
        DateOnly today, DateTime newSinceUtc, int highSupportLevel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(groupIds);
        var ids = groupIds.Distinct().ToList();
        if (ids.Count == 0)
            return new Dictionary<int, GroupDensity>();

        var schools = await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.Id))
            .Select(g => new { g.Id, g.SchoolId })
            .ToDictionaryAsync(g => g.Id, g => g.SchoolId, ct);

        // Each enrolled pupil with their latest support level at the group's school (null: never set).
        var enrolled = await db.Enrolments.AsNoTracking()
            .Where(e => ids.Contains(e.GroupId) && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => new
            {
                e.GroupId,
                e.PupilId,
                Level = db.SupportLevelChanges
                    .Where(s => s.PupilId == e.PupilId && s.SchoolId == e.Group!.SchoolId)
                    .OrderByDescending(s => s.ChangedAt).ThenByDescending(s => s.Id)
                    .Select(s => (int?)s.Level)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);

        var open = await db.Concerns.AsNoTracking()
            .Where(c => ids.Contains(c.GroupId) && c.Status != ConcernStatus.Closed)
            .Where(c => db.Enrolments.Any(e => e.PupilId == c.PupilId && e.GroupId == c.GroupId
                                               && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)))
            .Select(c => new { c.GroupId, c.PupilId })
            .Distinct()
            .ToListAsync(ct);

        // The window is a few weeks: its concerns are few, so they are counted here (concerns and distinct pupils).
        var freshRows = await db.Concerns.AsNoTracking()
            .Where(c => ids.Contains(c.GroupId) && c.RaisedAt >= newSinceUtc)
            .Select(c => new { c.GroupId, c.PupilId })
            .ToListAsync(ct);
        var fresh = freshRows.GroupBy(c => c.GroupId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Pupils: g.Select(c => c.PupilId).Distinct().Count()));

        var byGroup = enrolled.GroupBy(e => e.GroupId).ToDictionary(g => g.Key, g => g.DistinctBy(e => e.PupilId).ToList());
        var openByGroup = open.GroupBy(o => o.GroupId).ToDictionary(g => g.Key, g => g.Count());
        return schools.ToDictionary(s => s.Key, s =>
        {
            var pupils = byGroup.GetValueOrDefault(s.Key) ?? [];
            return new GroupDensity(
                s.Key,
                s.Value,
                pupils.Count,
                openByGroup.GetValueOrDefault(s.Key),
                fresh.GetValueOrDefault(s.Key).Count,
                pupils.Count(p => p.Level >= highSupportLevel),
                fresh.GetValueOrDefault(s.Key).Pupils);
        });
    }

    /// <summary>The ids of the groups of the current school year at <paramref name="schoolIds"/>.</summary>
    public static IQueryable<Group> CurrentGroups(PortalDbContext db, IReadOnlyCollection<int> schoolIds, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = SchoolYear.StartYearOf(today);
        var ids = schoolIds.ToList();
        return db.Groups.Where(g => ids.Contains(g.SchoolId) && g.SchoolYear!.StartYear == year);
    }

    /// <summary>The start of the new-concerns window: <paramref name="weeks"/> weeks before <paramref name="nowUtc"/>.</summary>
    public static DateTime NewConcernsSince(DateTime nowUtc, int weeks) => nowUtc.AddDays(-7 * weeks);
}
