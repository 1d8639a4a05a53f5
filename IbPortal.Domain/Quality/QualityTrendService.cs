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

        // One table per school year with its months: a month's figures add up to the year's (which are the same cells as
        // the per-school-year line), so a single hidden month is not the year minus the other months.
        var local = rows.Select(r => (Row: r, Local: ToLocal(r.RaisedAt))).ToList();
        var months = new List<MonthConcerns>();
        var years = new List<SchoolYearConcerns>();
        foreach (var year in local.GroupBy(x => SchoolYear.StartYearOf(DateOnly.FromDateTime(x.Local))).OrderBy(g => g.Key))
        {
            var table = new SmallCountTable();
            var yearCells = Cells(year.Select(x => x.Row).ToList(), rights, table);
            var monthCells = year
                .GroupBy(x => (x.Local.Year, x.Local.Month))
                .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
                .Select(g => (g.Key, Cells: Cells(g.Select(x => x.Row).ToList(), rights, table)))
                .ToList();
            yearCells.SumOf(monthCells.Select(m => m.Cells).ToList(), table);
            years.Add(new SchoolYearConcerns(year.Key, yearCells.Read(table)));
            months.AddRange(monthCells.Select(m => new MonthConcerns(m.Key.Year, m.Key.Month, m.Cells.Read(table))));
        }

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
    /// the number of concerns, their distinct pupils and whether the viewer holds pupil rights at all their schools;
    /// added to <paramref name="table"/> to be suppressed together (<see cref="SmallCountTable"/>).
    /// </summary>
    private static ConcernCells Cells(IReadOnlyList<ConcernRow> rows, IReadOnlySet<int> rights, SmallCountTable table)
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
        // groups to the grade. Sub-areas are multi-valued (no sum within a period).
        var cells = new ConcernCells(
            total.AddTo(table),
            byArea.ToDictionary(x => x.Key, x => x.Value.AddTo(table)),
            bySchool.ToDictionary(x => x.Key, x => x.Value.AddTo(table)),
            byGroup.ToDictionary(x => x.Key, x => x.Value.AddTo(table)),
            byGrade.ToDictionary(x => x.Key, x => x.Value.AddTo(table)),
            bySubArea.ToDictionary(x => x.Key, x => x.Value.AddTo(table)));
        table.Sum(cells.Total, cells.ByArea.Values);
        table.Sum(cells.Total, cells.BySchool.Values);
        table.Sum(cells.Total, cells.ByGrade.Values);
        foreach (var groups in cells.ByGroup.GroupBy(g => groupSchools[g.Key]))
            table.Sum(cells.BySchool[groups.Key], groups.Select(g => g.Value));
        // A group has one grade (its first): a grade is the sum of its groups over all schools.
        foreach (var groups in cells.ByGroup.GroupBy(g => groupGrades[g.Key]))
            table.Sum(cells.ByGrade[groups.Key], groups.Select(g => g.Value));
        return cells;
    }

    /// <summary>The cells of one period's counts in a <see cref="SmallCountTable"/>.</summary>
    private sealed record ConcernCells(
        int Total,
        Dictionary<DevelopmentArea, int> ByArea,
        Dictionary<int, int> BySchool,
        Dictionary<int, int> ByGroup,
        Dictionary<int, int> ByGrade,
        Dictionary<SubAreas, int> BySubArea)
    {
        /// <summary>
        /// Declares this period (a school year) the sum of <paramref name="periods"/> (its months), figure by figure:
        /// each concern is in one month, so also a sub-area's concerns add up.
        /// </summary>
        public void SumOf(IReadOnlyList<ConcernCells> periods, SmallCountTable table)
        {
            table.Sum(Total, periods.Select(p => p.Total));
            static void Each<TKey>(Dictionary<TKey, int> year, IEnumerable<Dictionary<TKey, int>> months, SmallCountTable table)
                where TKey : notnull
            {
                var monthList = months.ToList();
                foreach (var (key, cell) in year)
                    table.Sum(cell, monthList.Where(m => m.ContainsKey(key)).Select(m => m[key]));
            }

            Each(ByArea, periods.Select(p => p.ByArea), table);
            Each(BySchool, periods.Select(p => p.BySchool), table);
            Each(ByGroup, periods.Select(p => p.ByGroup), table);
            Each(ByGrade, periods.Select(p => p.ByGrade), table);
            Each(BySubArea, periods.Select(p => p.BySubArea), table);
        }

        /// <summary>The figures as this viewer may see them.</summary>
        public ConcernCounts Read(SmallCountTable table) => new(
            table.Figure(Total),
            ByArea.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            BySchool.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            ByGroup.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            ByGrade.ToDictionary(x => x.Key, x => table.Figure(x.Value)),
            SingleSubAreas.Where(BySubArea.ContainsKey).ToDictionary(flag => flag, flag => table.Figure(BySubArea[flag])));
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
