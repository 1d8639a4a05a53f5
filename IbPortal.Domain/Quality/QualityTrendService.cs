using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Quality;

/// <summary>
/// Trends for the quality view (issue 6, item 1): concerns over time and care-process speed.
/// <para>Who: the quality coordinator and the school leader see the aggregates of their schools, with small counts
/// suppressed (<see cref="SmallCounts"/>); the IB'er sees their care schools unsuppressed (they have pupil-level rights
/// there). Everyone else is refused, and the refusal is audited. Allowed reads are not audited: they hold no pupil
/// data (ids of schools and groups and counts only).</para>
/// <para>Refusals are recorded under <see cref="AuditRecordKind.Concern"/> without a record id: there is no kind for
/// the quality view, and concerns are what these figures are made of.</para>
/// </summary>
public sealed partial class QualityTrendService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock)
{
    public const string ConcernTrendAction = "quality.concern-trend";
    public const string CareSpeedAction = "quality.care-speed";
    public const string ScopeAction = "quality.scope";

    private static readonly PortalRole[] AggregateRoles = [PortalRole.QualityCoordinator, PortalRole.SchoolLeader];

    private static readonly SubAreas[] SingleSubAreas =
        Enum.GetValues<SubAreas>().Where(f => f != SubAreas.None).ToArray();

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The boards, schools and school years this viewer can choose from; refuses (and audits) anyone else.</summary>
    public async Task<TrendScope> GetScopeAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ScopeAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, _) = await SchoolsForAsync(db, staffId, new TrendQuery(), ScopeAction, ct);
        var schoolIds = schools.Select(s => s.Id).ToList();
        var boardIds = schools.Select(s => s.BoardId).Distinct().ToList();
        var boards = await db.Boards.AsNoTracking()
            .Where(b => boardIds.Contains(b.Id))
            .OrderBy(b => b.Name)
            .Select(b => new TrendBoard(b.Id, b.Name))
            .ToListAsync(ct);
        var years = await db.Groups.AsNoTracking()
            .Where(g => schoolIds.Contains(g.SchoolId))
            .Select(g => g.SchoolYear!.StartYear)
            .Distinct()
            .OrderBy(y => y)
            .ToListAsync(ct);
        return new TrendScope(boards, schools, years, SchoolYear.StartYearOf(Today));
    }

    public async Task<ConcernTrend> GetConcernTrendAsync(TrendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(ConcernTrendAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, rights) = await SchoolsForAsync(db, staffId, query, ConcernTrendAction, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var (fromUtc, toUtc) = UtcBounds(query);

        var rows = await db.Concerns.AsNoTracking()
            .Where(c => ids.Contains(c.SchoolId))
            .Where(c => fromUtc == null || c.RaisedAt >= fromUtc)
            .Where(c => toUtc == null || c.RaisedAt < toUtc)
            .Select(c => new ConcernRow(c.PupilId, c.SchoolId, c.GroupId, c.Group!.FirstGrade, c.Area, c.SubAreas, c.RaisedAt))
            .ToListAsync(ct);

        var groupIds = rows.Select(r => r.GroupId).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking()
            .Where(g => groupIds.Contains(g.Id))
            .OrderBy(g => g.SchoolId).ThenBy(g => g.FirstGrade).ThenBy(g => g.Name)
            .Select(g => new TrendGroup(g.Id, g.SchoolId, g.Name, g.FirstGrade, g.LastGrade))
            .ToListAsync(ct);

        var local = rows.Select(r => (Row: r, Local: ToLocal(r.RaisedAt))).ToList();
        var months = local
            .GroupBy(x => (x.Local.Year, x.Local.Month))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
            .Select(g => new MonthConcerns(g.Key.Year, g.Key.Month, Counts(g.Select(x => x.Row).ToList(), rights)))
            .ToList();
        var years = local
            .GroupBy(x => SchoolYear.StartYearOf(DateOnly.FromDateTime(x.Local)))
            .OrderBy(g => g.Key)
            .Select(g => new SchoolYearConcerns(g.Key, Counts(g.Select(x => x.Row).ToList(), rights)))
            .ToList();

        return new ConcernTrend(schools, groups, months, years);
    }

    public async Task<CareSpeed> GetCareSpeedAsync(TrendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(CareSpeedAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, rights) = await SchoolsForAsync(db, staffId, query, CareSpeedAction, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var (fromUtc, toUtc) = UtcBounds(query);
        var now = clock.GetUtcNow().UtcDateTime;

        // One query: each concern with the moment of each first step (correlated subqueries, no pupil data).
        var rows = await db.Concerns.AsNoTracking()
            .Where(c => ids.Contains(c.SchoolId))
            .Where(c => fromUtc == null || c.RaisedAt >= fromUtc)
            .Where(c => toUtc == null || c.RaisedAt < toUtc)
            .Select(c => new SpeedRow(
                c.PupilId,
                c.SchoolId,
                c.RaisedAt,
                c.AcknowledgedAt ?? c.History
                    .Where(h => h.Change == ConcernChange.Acknowledged)
                    .OrderBy(h => h.At)
                    .Select(h => (DateTime?)h.At)
                    .FirstOrDefault(),
                db.DiscussionPupils
                    .Where(p => p.PupilId == c.PupilId
                                && p.Discussion!.SchoolId == c.SchoolId
                                && p.Discussion.Status != DiscussionStatus.Cancelled
                                && p.Discussion.ScheduledAt >= c.RaisedAt
                                && p.Discussion.ScheduledAt <= now)
                    .OrderBy(p => p.Discussion!.ScheduledAt)
                    .Select(p => (DateTime?)p.Discussion!.ScheduledAt)
                    .FirstOrDefault(),
                db.SupportLevelChanges
                    .Where(s => s.PupilId == c.PupilId && s.SchoolId == c.SchoolId && s.ChangedAt >= c.RaisedAt)
                    .OrderBy(s => s.ChangedAt)
                    .Select(s => (DateTime?)s.ChangedAt)
                    .FirstOrDefault(),
                db.SupportPlans
                    .Where(s => s.PupilId == c.PupilId && s.SchoolId == c.SchoolId && s.CreatedAt >= c.RaisedAt)
                    .OrderBy(s => s.CreatedAt)
                    .Select(s => (DateTime?)s.CreatedAt)
                    .FirstOrDefault()))
            .ToListAsync(ct);

        var all = Speed(rows, ids.All(rights.Contains));
        var bySchool = ids.ToDictionary(id => id, id => Speed(rows.Where(r => r.SchoolId == id).ToList(), rights.Contains(id)));
        return new CareSpeed(schools, all, bySchool);
    }

    private static CareSpeedFigures Speed(IReadOnlyList<SpeedRow> rows, bool hasRights)
    {
        DurationFigure Step(Func<SpeedRow, DateTime?> at)
        {
            var reached = rows.Where(r => at(r) is not null).ToList();
            var durations = reached.Select(r => at(r)!.Value - r.RaisedAt).ToList();
            return SmallCounts.Durations(durations, reached.Select(r => r.PupilId).Distinct().Count(), hasRights);
        }

        return new CareSpeedFigures(
            Step(r => r.AcknowledgedAt),
            Step(r => r.FirstDiscussionAt),
            Step(r => Earliest(r.FirstLevelChangeAt, r.FirstPlanAt)));
    }

    private static DateTime? Earliest(DateTime? a, DateTime? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>
    /// The counts of one period in a single pass over its rows (the all-years trend of a board holds thousands): per key
    /// the number of concerns, their distinct pupils and whether the viewer holds pupil rights at all their schools; then
    /// suppressed together (<see cref="SmallCountTable"/>).
    /// </summary>
    private static ConcernCounts Counts(IReadOnlyList<ConcernRow> rows, IReadOnlySet<int> rights)
    {
        var total = new Tally();
        var byArea = new Dictionary<DevelopmentArea, Tally>();
        var bySchool = new Dictionary<int, Tally>();
        var byGroup = new Dictionary<int, Tally>();
        var byGrade = new Dictionary<int, Tally>();
        var bySubArea = new Dictionary<SubAreas, Tally>();
        var groupSchools = new Dictionary<int, int>();
        var groupGrades = new Dictionary<int, int>();
        foreach (var row in rows)
        {
            var hasRights = rights.Contains(row.SchoolId);
            total.Add(row.PupilId, hasRights);
            Tally.For(byArea, row.Area).Add(row.PupilId, hasRights);
            Tally.For(bySchool, row.SchoolId).Add(row.PupilId, hasRights);
            Tally.For(byGroup, row.GroupId).Add(row.PupilId, hasRights);
            groupSchools[row.GroupId] = row.SchoolId;
            groupGrades[row.GroupId] = row.Grade;
            Tally.For(byGrade, row.Grade).Add(row.PupilId, hasRights);
            if (row.SubAreas == SubAreas.None)
                continue;
            foreach (var flag in SingleSubAreas)
            {
                if ((row.SubAreas & flag) != 0)
                    Tally.For(bySubArea, flag).Add(row.PupilId, hasRights);
            }
        }

        // Suppressed together: areas, schools and grades add up to the total, a school's groups to the school, a grade's
        // groups to the grade. Sub-areas
        // are multi-valued (no sum).
        var table = new SmallCountTable();
        var totalCell = total.AddTo(table);
        var areaCells = byArea.ToDictionary(x => x.Key, x => x.Value.AddTo(table));
        var schoolCells = bySchool.ToDictionary(x => x.Key, x => x.Value.AddTo(table));
        var groupCells = byGroup.ToDictionary(x => x.Key, x => x.Value.AddTo(table));
        var gradeCells = byGrade.ToDictionary(x => x.Key, x => x.Value.AddTo(table));
        var subAreaCells = bySubArea.ToDictionary(x => x.Key, x => x.Value.AddTo(table));
        table.Sum(totalCell, areaCells.Values);
        table.Sum(totalCell, schoolCells.Values);
        table.Sum(totalCell, gradeCells.Values);
        foreach (var groups in groupCells.GroupBy(g => groupSchools[g.Key]))
            table.Sum(schoolCells[groups.Key], groups.Select(g => g.Value));
        // A group has one grade (its first): a grade is the sum of its groups over all schools.
        foreach (var groups in groupCells.GroupBy(g => groupGrades[g.Key]))
            table.Sum(gradeCells[groups.Key], groups.Select(g => g.Value));

        return new ConcernCounts(
            table.Figure(totalCell),
            areaCells.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            schoolCells.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            groupCells.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            gradeCells.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            SingleSubAreas.Where(subAreaCells.ContainsKey).ToDictionary(flag => flag, flag => table.Figure(subAreaCells[flag])));
    }

    /// <summary>A running count of concerns with their distinct pupils, suppressed unless every one is at a school with pupil rights.</summary>
    private sealed class Tally
    {
        private readonly HashSet<int> _pupils = [];
        private int _count;
        private bool _allRights = true;

        public static Tally For<TKey>(Dictionary<TKey, Tally> tallies, TKey key) where TKey : notnull
        {
            if (!tallies.TryGetValue(key, out var tally))
                tallies[key] = tally = new Tally();
            return tally;
        }

        public void Add(int pupilId, bool hasRights)
        {
            _count++;
            _pupils.Add(pupilId);
            _allRights &= hasRights;
        }

        public int AddTo(SmallCountTable table) => table.Add(_count, _pupils, _allRights);
    }

    /// <summary>
    /// The schools this viewer sees in this query, and those where they hold pupil-level rights (IB'er). Refuses (and
    /// audits) a viewer without a quality role, and a query naming a school outside the viewer's reach.
    /// </summary>
    private async Task<(IReadOnlyList<TrendSchool> Schools, IReadOnlySet<int> Rights)> SchoolsForAsync(
        PortalDbContext db, int staffId, TrendQuery query, string action, CancellationToken ct)
    {
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var careSchools = scope.IsActive ? scope.CareSchoolIds : new HashSet<int>();
        var reach = scope.IsActive
            ? careSchools.Concat(AggregateRoles.SelectMany(scope.SchoolsWithRole)).ToHashSet()
            : [];
        IReadOnlySet<int> rights = query.AsAggregateViewer ? new HashSet<int>() : careSchools;
        if (reach.Count == 0 || (query.SchoolIds is { } asked && !asked.All(reach.Contains)))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Concern, null, ct);

        var ids = query.SchoolIds is { } wanted ? reach.Where(wanted.Contains).ToList() : reach.ToList();
        var schools = await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Where(s => query.BoardId == null || s.BoardId == query.BoardId)
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.ShortName, s.Color, s.BoardId })
            .ToListAsync(ct);
        return (schools.Select(s => new TrendSchool(s.Id, s.Name, s.ShortName, s.Color, rights.Contains(s.Id), s.BoardId)).ToList(), rights);
    }

    /// <summary>The query's period as UTC bounds [from, to): local midnights in the schools' time zone.</summary>
    private (DateTime? FromUtc, DateTime? ToUtc) UtcBounds(TrendQuery query)
    {
        var (from, to) = LocalBounds(query);
        return (from is { } a ? ToUtc(a) : null, to is { } b ? ToUtc(b.AddDays(1)) : null);
    }

    /// <summary>The query's period as local dates (inclusive), bounded by its school year if it names one.</summary>
    private static (DateOnly? From, DateOnly? To) LocalBounds(TrendQuery query)
    {
        var from = query.From;
        var to = query.To;
        if (query.SchoolYearStart is { } year)
        {
            var start = SchoolYear.StartDateOf(year);
            var end = SchoolYear.EndDateOf(year);
            from = from is { } f && f > start ? f : start;
            to = to is { } t && t < end ? t : end;
        }

        return (from, to);
    }

    private DateTime ToUtc(DateOnly localDate)
    {
        var zone = clock.LocalTimeZone;
        var midnight = localDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight inside a DST gap does not exist; the first moment after it does.
        while (zone.IsInvalidTime(midnight))
            midnight = midnight.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }

    private DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);

    private sealed record ConcernRow(int PupilId, int SchoolId, int GroupId, int Grade, DevelopmentArea Area, SubAreas SubAreas, DateTime RaisedAt);

    private sealed record SpeedRow(
        int PupilId,
        int SchoolId,
        DateTime RaisedAt,
        DateTime? AcknowledgedAt,
        DateTime? FirstDiscussionAt,
        DateTime? FirstLevelChangeAt,
        DateTime? FirstPlanAt);
}
