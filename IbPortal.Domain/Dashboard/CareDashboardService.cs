using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Dashboard;

public sealed record SchoolChip(int Id, string Name, string ShortName, string Color);

public sealed record CareCounters(int New, int UrgentUnacknowledged, int Acknowledged, int InProgress, int ClosedLast30Days)
{
    public int Open => New + Acknowledged + InProgress;
}

public sealed record GroupConcernCount(int GroupId, string Name, int FirstGrade, int PupilCount, int OpenConcerns, int UrgentOpen);

public sealed record SchoolGroups(SchoolChip School, IReadOnlyList<GroupConcernCount> Groups, CareCounters Counters);

public sealed record CareOverview(CareCounters Counters, IReadOnlyList<SchoolGroups> Schools)
{
    /// <summary>
    /// The overview after one concern was added at <paramref name="schoolId"/> in <paramref name="groupId"/> with
    /// <paramref name="status"/> and <paramref name="urgency"/>: what <see cref="CareDashboardService.GetOverviewAsync"/>
    /// would count next, without its queries (a live dashboard hears a raise from every teacher of its schools). A school
    /// outside this overview changes nothing; a group not in it (another school year) changes only the counters.
    /// </summary>
    public CareOverview WithAdded(int schoolId, int groupId, ConcernStatus status, Urgency urgency, bool closedRecently = false)
    {
        var index = Schools.ToList().FindIndex(s => s.School.Id == schoolId);
        if (index < 0)
            return this;
        var school = Schools[index];
        var open = status != ConcernStatus.Closed ? 1 : 0;
        var urgentNew = status == ConcernStatus.New && urgency == Urgency.Urgent ? 1 : 0;
        var groups = school.Groups
            .Select(g => g.GroupId == groupId ? g with { OpenConcerns = g.OpenConcerns + open, UrgentOpen = g.UrgentOpen + urgentNew } : g)
            .ToList();
        var schools = Schools.ToList();
        schools[index] = school with { Groups = groups, Counters = Add(school.Counters) };
        return new CareOverview(Add(Counters), schools);

        CareCounters Add(CareCounters c) => new(
            c.New + (status == ConcernStatus.New ? 1 : 0),
            c.UrgentUnacknowledged + urgentNew,
            c.Acknowledged + (status == ConcernStatus.Acknowledged ? 1 : 0),
            c.InProgress + (status == ConcernStatus.InProgress ? 1 : 0),
            c.ClosedLast30Days + (status == ConcernStatus.Closed && closedRecently ? 1 : 0));
    }
}

/// <summary>The IB'er's "Mijn overzicht": counts across the schools they coordinate care for.</summary>
public sealed class CareDashboardService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task<IReadOnlyList<SchoolChip>> GetCareSchoolsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("dashboard.schools");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var ids = scope.CareSchoolIds.ToList();
        return await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SchoolChip(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);
    }

    /// <summary>Counters and per-group open concerns for the selected schools (within the IB'er's own schools).</summary>
    public async Task<CareOverview> GetOverviewAsync(IReadOnlyCollection<int>? schoolIds, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("dashboard.overview");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var ids = scope.CareSchoolIds.Where(id => schoolIds is null || schoolIds.Contains(id)).ToList();
        if (ids.Count == 0 && !scope.Has(Staff.PortalRole.CareCoordinator))
            throw new AccessDeniedException(staffId, "dashboard.overview", null);

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var statusCounts = await db.Concerns.AsNoTracking()
            .Where(c => ids.Contains(c.SchoolId))
            .GroupBy(c => new { c.SchoolId, c.Status })
            .Select(g => new
            {
                g.Key.SchoolId,
                g.Key.Status,
                Count = g.Count(),
                Urgent = g.Count(c => c.Urgency == Urgency.Urgent),
                RecentlyClosed = g.Count(c => c.ClosedAt != null && c.ClosedAt >= since),
            })
            .ToListAsync(ct);

        var year = SchoolYear.StartYearOf(Today);
        var today = Today;
        var groups = await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.SchoolId) && g.SchoolYear!.StartYear == year)
            .Select(g => new
            {
                g.SchoolId,
                Row = new GroupConcernCount(
                    g.Id,
                    g.Name,
                    g.FirstGrade,
                    g.Enrolments.Count(e => e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)),
                    db.Concerns.Count(c => c.GroupId == g.Id && c.Status != ConcernStatus.Closed),
                    db.Concerns.Count(c => c.GroupId == g.Id && c.Status == ConcernStatus.New && c.Urgency == Urgency.Urgent)),
            })
            .ToListAsync(ct);

        var schools = await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SchoolChip(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);

        CareCounters CountersFor(Func<int, bool> school)
        {
            var rows = statusCounts.Where(r => school(r.SchoolId)).ToList();
            int Of(ConcernStatus s) => rows.Where(r => r.Status == s).Sum(r => r.Count);
            return new CareCounters(
                Of(ConcernStatus.New),
                rows.Where(r => r.Status == ConcernStatus.New).Sum(r => r.Urgent),
                Of(ConcernStatus.Acknowledged),
                Of(ConcernStatus.InProgress),
                rows.Where(r => r.Status == ConcernStatus.Closed).Sum(r => r.RecentlyClosed));
        }

        return new CareOverview(
            CountersFor(_ => true),
            schools.Select(s => new SchoolGroups(s,
                    groups.Where(g => g.SchoolId == s.Id).Select(g => g.Row)
                        .OrderBy(g => g.FirstGrade).ThenBy(g => g.Name, StringComparer.Ordinal).ToList(),
                    CountersFor(id => id == s.Id)))
                .ToList());
    }
}
