using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Quality;

/// <summary>
/// The remaining figures of the trends dashboard (issue 6, item 1): support levels, plan-goal evaluations, classroom-visit
/// coverage and consents. Same rules as the concern trend and the care speed: the viewer's schools from
/// <c>SchoolsForAsync</c> (reach, board filter, refusal audited), the query's period, and <see cref="SmallCounts"/> for
/// viewers without pupil-level rights, counting distinct pupils.
/// <para>Empty data: the per-school-year figures (levels, evaluations, coverage) list every school year that overlaps
/// the query's period, has started by today, and has groups at the trend's schools (plus, for evaluations and coverage,
/// any such year with data), in ascending order; each with zeros where nothing happened. Every per-school dictionary has
/// every school of the trend as a key (zeros included).</para>
/// </summary>
public sealed partial class QualityTrendService
{
    public const string SupportLevelsAction = "quality.support-levels";
    public const string EvaluationsAction = "quality.evaluations";
    public const string VisitCoverageAction = "quality.visit-coverage";
    public const string ConsentsAction = "quality.consents";
    public const string EnrolledPupilsAction = "quality.enrolled-pupils";

    /// <summary>
    /// Support levels per school year touched by the period: the distribution of levels 1–5 on the year's last day (or
    /// today for the current year, or the period's end if earlier) of the pupils enrolled at each school that day (an
    /// active enrolment in a group of that school and year); a pupil's level is the latest change at that school on or
    /// before that day, none is level 1. <see cref="SchoolYearLevels.MovedUp"/> / <see cref="SchoolYearLevels.MovedDown"/>
    /// count the pupils with level changes at the schools in that year and period (local date) whose level is above / below the
    /// previous one (no previous level counts as 1), as distinct pupils: a pupil who went up twice counts once (and a
    /// pupil who went up and down counts in both). A pupil at two schools counts at each (All adds the schools up). The
    /// distributions are suppressed together (<see cref="SmallCountTable"/>): levels add up to the pupils, schools to All.
    /// </summary>
    public async Task<SupportLevelTrend> GetSupportLevelsAsync(TrendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportLevelsAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, rights) = await SchoolsForAsync(db, staffId, query, SupportLevelsAction, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var (from, to) = LocalBounds(query);
        var (fromUtc, toUtc) = UtcBounds(query);
        var years = await GroupYearsAsync(db, ids, from, to, ct);
        var allRights = ids.All(rights.Contains);

        var changes = await db.SupportLevelChanges.AsNoTracking()
            .Where(c => ids.Contains(c.SchoolId))
            .Where(c => fromUtc == null || c.ChangedAt >= fromUtc)
            .Where(c => toUtc == null || c.ChangedAt < toUtc)
            .Select(c => new LevelChangeRow(c.PupilId, c.SchoolId, c.Level, c.PreviousLevel ?? SupportLevel.Minimum, c.ChangedAt))
            .ToListAsync(ct);
        var changesByYear = changes.ToLookup(c => SchoolYear.StartYearOf(DateOnly.FromDateTime(ToLocal(c.ChangedAt))));

        var result = new List<SchoolYearLevels>();
        foreach (var year in years)
        {
            var day = Min(SchoolYear.EndDateOf(year), Today);
            if (to is { } end)
                day = Min(day, end);
            var endUtc = ToUtc(day.AddDays(1));
            // Pre-aggregated in SQL: the distinct (pupil, school, level) triples counted per school and level.
            var pupils = await db.Enrolments.AsNoTracking()
                .Where(e => ids.Contains(e.Group!.SchoolId) && e.Group.SchoolYear!.StartYear == year)
                .Where(e => e.EnrolledOn <= day && (e.LeftOn == null || e.LeftOn >= day))
                .Select(e => new
                {
                    e.PupilId,
                    e.Group!.SchoolId,
                    Level = db.SupportLevelChanges
                        .Where(s => s.PupilId == e.PupilId && s.SchoolId == e.Group.SchoolId && s.ChangedAt < endUtc)
                        .OrderByDescending(s => s.ChangedAt).ThenByDescending(s => s.Id)
                        .Select(s => (int?)s.Level)
                        .FirstOrDefault(),
                })
                .Distinct()
                .GroupBy(p => new { p.SchoolId, p.Level })
                .Select(g => new { g.Key.SchoolId, g.Key.Level, Pupils = g.Count() })
                .ToListAsync(ct);
            var levels = pupils.Select(p => new LevelCount(p.SchoolId, p.Level ?? SupportLevel.Minimum, p.Pupils)).ToList();
            var yearChanges = changesByYear[year].ToList();
            var up = yearChanges.Where(c => c.Level > c.PreviousLevel).ToList();
            var down = yearChanges.Where(c => c.Level < c.PreviousLevel).ToList();
            var (all, bySchool) = Distributions(levels, ids, rights);
            result.Add(new SchoolYearLevels(
                year,
                day,
                all,
                bySchool,
                MovedPupils(up, allRights),
                MovedPupils(down, allRights)));
        }

        return new SupportLevelTrend(schools, result);
    }

    /// <summary>
    /// Evaluations of the goals of the HGW plans at the schools, evaluated (local date) in the period, per school year of
    /// the evaluation date and per school, by result. Each count is suppressed by its distinct pupils, then
    /// complementarily: results add up to the total, schools to All (<see cref="SmallCountTable"/>).
    /// </summary>
    public async Task<EvaluationTrend> GetEvaluationsAsync(TrendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(EvaluationsAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, rights) = await SchoolsForAsync(db, staffId, query, EvaluationsAction, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var (from, to) = LocalBounds(query);

        // The rows (ids, result and date only): suppression needs the distinct pupils of every cell.
        var rows = await db.GoalEvaluations.AsNoTracking()
            .Where(e => ids.Contains(e.Goal!.Plan!.SchoolId))
            .Where(e => from == null || e.EvaluatedOn >= from)
            .Where(e => to == null || e.EvaluatedOn <= to)
            .Select(e => new EvaluationRow(e.Goal!.Plan!.PupilId, e.Goal.Plan.SchoolId, e.Result, e.EvaluatedOn))
            .ToListAsync(ct);

        var byYear = rows.ToLookup(r => SchoolYear.StartYearOf(r.EvaluatedOn));
        var years = (await GroupYearsAsync(db, ids, from, to, ct)).Concat(byYear.Select(g => g.Key)).Distinct().Order().ToList();
        var result = years.Select(year =>
        {
            var (all, bySchool) = Crossed(byYear[year].ToList(), ids, rights, r => r.SchoolId, r => r.PupilId, EvaluationParts);
            static EvaluationCounts Of(CrossedFigures f) => new(f.Parts[0], f.Parts[1], f.Parts[2], f.Total);
            return new SchoolYearEvaluations(year, Of(all), ids.ToDictionary(id => id, id => Of(bySchool[id])));
        }).ToList();
        return new EvaluationTrend(schools, result);
    }

    /// <summary>
    /// Classroom-visit coverage per school year and school: the teachers of the school's groups of that year, how many of
    /// them had a visit at that school whose observation was held (observed, not cancelled) in that year and the period
    /// (local date of the observation), and how many such visits were held at the school (of any teacher). All adds the
    /// schools up: a teacher of groups at two schools counts at each. Staff, not pupils: never suppressed.
    /// </summary>
    public async Task<VisitCoverageTrend> GetVisitCoverageAsync(TrendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(VisitCoverageAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, _) = await SchoolsForAsync(db, staffId, query, VisitCoverageAction, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var (from, to) = LocalBounds(query);
        var (fromUtc, toUtc) = UtcBounds(query);
        var years = await GroupYearsAsync(db, ids, from, to, ct);
        var minYear = years.Count > 0 ? years[0] : 0;
        var maxYear = years.Count > 0 ? years[^1] : 0;

        var teachers = await db.GroupTeachers.AsNoTracking()
            .Where(t => ids.Contains(t.Group!.SchoolId))
            .Where(t => t.Group!.SchoolYear!.StartYear >= minYear && t.Group.SchoolYear.StartYear <= maxYear)
            .Select(t => new { t.Group!.SchoolId, t.Group.SchoolYear!.StartYear, t.StaffMemberId })
            .Distinct()
            .ToListAsync(ct);
        var visits = await db.ClassroomVisits.AsNoTracking()
            .Where(v => ids.Contains(v.SchoolId) && v.ObservedAt != null && v.Status != VisitStatus.Cancelled)
            .Where(v => fromUtc == null || v.ObservedAt >= fromUtc)
            .Where(v => toUtc == null || v.ObservedAt < toUtc)
            .Select(v => new { v.SchoolId, v.TeacherId, v.ObservedAt })
            .ToListAsync(ct);
        var held = visits
            .Select(v => (v.SchoolId, v.TeacherId, Year: SchoolYear.StartYearOf(DateOnly.FromDateTime(ToLocal(v.ObservedAt!.Value)))))
            .Where(v => v.Year <= SchoolYear.StartYearOf(Today))
            .ToList();

        var result = years.Concat(held.Select(v => v.Year)).Distinct().Order().Select(year =>
        {
            VisitCoverageFigures Coverage(int schoolId)
            {
                var staff = teachers.Where(t => t.SchoolId == schoolId && t.StartYear == year).Select(t => t.StaffMemberId).ToHashSet();
                var visitsHere = held.Where(v => v.SchoolId == schoolId && v.Year == year).ToList();
                var visited = visitsHere.Select(v => v.TeacherId).Where(staff.Contains).Distinct().Count();
                return new VisitCoverageFigures(staff.Count, visited, visitsHere.Count);
            }

            var bySchool = ids.ToDictionary(id => id, Coverage);
            var all = new VisitCoverageFigures(
                bySchool.Values.Sum(f => f.Teachers), bySchool.Values.Sum(f => f.TeachersVisited), bySchool.Values.Sum(f => f.VisitsHeld));
            return new SchoolYearCoverage(year, all, bySchool);
        }).ToList();
        return new VisitCoverageTrend(schools, result);
    }

    /// <summary>
    /// Consents requested (local time) in the period, at the schools, as they stood on the period's last day (today when
    /// the period runs on; so last year up to the same day compares fairly with this year so far). Awaiting: not answered
    /// by that day (still <see cref="ConsentState.Requested"/>, or answered later). Given: given by then, including those
    /// withdrawn later (they were given first). Refused: refused by then. Turnaround: for the answered ones (given,
    /// withdrawn or refused, with a decision date by then), the decision date minus the local date of the request, in
    /// whole days, as median and 90th percentile. Each figure is suppressed by its distinct pupils, then
    /// complementarily (<see cref="SmallCountTable"/>).
    /// </summary>
    public async Task<ConsentTrend> GetConsentsAsync(TrendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(ConsentsAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, rights) = await SchoolsForAsync(db, staffId, query, ConsentsAction, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var (fromUtc, toUtc) = UtcBounds(query);

        var rows = await db.Consents.AsNoTracking()
            .Where(c => ids.Contains(c.SchoolId))
            .Where(c => fromUtc == null || c.RequestedAt >= fromUtc)
            .Where(c => toUtc == null || c.RequestedAt < toUtc)
            .Select(c => new ConsentRow(c.PupilId, c.SchoolId, c.State, c.RequestedAt, c.DecidedOn))
            .ToListAsync(ct);

        // The state as of the period's last day (today when it runs on): an answer given after it was still awaited then.
        var (_, to) = LocalBounds(query);
        var asOf = to is { } end && end < Today ? end : Today;
        var parts = ConsentParts(asOf);
        var (all, bySchool) = Crossed(rows, ids, rights, r => r.SchoolId, r => r.PupilId, parts);
        return new ConsentTrend(
            schools,
            Consents(rows, all, ids.All(rights.Contains), asOf),
            ids.ToDictionary(id => id, id => Consents(rows.Where(r => r.SchoolId == id).ToList(), bySchool[id], rights.Contains(id), asOf)));
    }

    /// <summary>
    /// The number of distinct pupils with an enrolment in a group of the school in that school year (the base of
    /// "concerns per 100 pupils"), as this viewer may see it.
    /// </summary>
    public async Task<CountFigure> GetEnrolledPupilsAsync(int schoolId, int schoolYearStart, bool asAggregateViewer = false, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(EnrolledPupilsAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (schools, rights) = await SchoolsForAsync(db, staffId, new TrendQuery([schoolId], AsAggregateViewer: asAggregateViewer), EnrolledPupilsAction, ct);
        if (schools.Count == 0)
            return SmallCounts.Count(0, false);
        var pupils = await db.Enrolments.AsNoTracking()
            .Where(e => e.Group!.SchoolId == schoolId && e.Group.SchoolYear!.StartYear == schoolYearStart)
            .Select(e => e.PupilId)
            .Distinct()
            .CountAsync(ct);
        return SmallCounts.Count(pupils, rights.Contains(schoolId));
    }

    /// <summary>
    /// The school years with groups at these schools that overlap [from, to] (local dates, null: unbounded) and have
    /// started by today, ascending.
    /// </summary>
    private async Task<List<int>> GroupYearsAsync(PortalDbContext db, List<int> ids, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var last = SchoolYear.StartYearOf(to is { } t && t < Today ? t : Today);
        var first = from is { } f ? SchoolYear.StartYearOf(f) : int.MinValue;
        return await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.SchoolId))
            .Select(g => g.SchoolYear!.StartYear)
            .Where(y => y >= first && y <= last)
            .Distinct()
            .OrderBy(y => y)
            .ToListAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Distinct pupils with at least one such level change, suppressed by those pupils.</summary>
    private static CountFigure MovedPupils(IReadOnlyCollection<LevelChangeRow> changes, bool hasRights) =>
        SmallCounts.Count(changes.Select(c => (c.PupilId, c.SchoolId)).Distinct().Count(), hasRights);

    private static readonly int[] AllLevels =
        Enumerable.Range(SupportLevel.Minimum, SupportLevel.Maximum - SupportLevel.Minimum + 1).ToArray();

    /// <summary>
    /// The distribution of all schools and per school, suppressed together: per school the levels add up to its pupils,
    /// per level the schools add up to All's, All's levels and the schools' pupils add up to All's pupils.
    /// </summary>
    private static (LevelDistribution All, Dictionary<int, LevelDistribution> BySchool) Distributions(
        List<LevelCount> counts, List<int> ids, IReadOnlySet<int> rights)
    {
        var table = new SmallCountTable();
        int Of(IEnumerable<LevelCount> cells, bool hasRights) => table.Add(cells.Sum(c => c.Pupils), hasRights);
        var allRights = ids.All(rights.Contains);
        var allTotal = Of(counts, allRights);
        var allLevels = AllLevels.ToDictionary(l => l, l => Of(counts.Where(c => c.Level == l), allRights));
        var schoolTotals = ids.ToDictionary(id => id, id => Of(counts.Where(c => c.SchoolId == id), rights.Contains(id)));
        var schoolLevels = ids.ToDictionary(id => id, id => AllLevels.ToDictionary(
            l => l, l => Of(counts.Where(c => c.SchoolId == id && c.Level == l), rights.Contains(id))));
        table.Sum(allTotal, allLevels.Values);
        table.Sum(allTotal, schoolTotals.Values);
        foreach (var id in ids)
            table.Sum(schoolTotals[id], schoolLevels[id].Values);
        foreach (var level in AllLevels)
            table.Sum(allLevels[level], ids.Select(id => schoolLevels[id][level]));

        LevelDistribution Distribution(int total, Dictionary<int, int> levels) =>
            new(table.Figure(total), levels.ToDictionary(x => x.Key, x => table.Figure(x.Value)));
        return (Distribution(allTotal, allLevels), ids.ToDictionary(id => id, id => Distribution(schoolTotals[id], schoolLevels[id])));
    }

    private static readonly Func<EvaluationRow, bool>[] EvaluationParts =
    [
        r => r.Result == EvaluationResult.Achieved,
        r => r.Result == EvaluationResult.PartlyAchieved,
        r => r.Result == EvaluationResult.NotAchieved,
    ];

    /// <summary>Awaiting, given (or withdrawn later), refused, and any other state: together every request.</summary>
    private static Func<ConsentRow, bool>[] ConsentParts(DateOnly asOf)
    {
        bool Answered(ConsentRow r) => r.DecidedOn is not { } decided || decided <= asOf;
        return
        [
            r => r.State == ConsentState.Requested
                 || (r.State is ConsentState.Given or ConsentState.Withdrawn or ConsentState.Refused && !Answered(r)),
            r => r.State is ConsentState.Given or ConsentState.Withdrawn && Answered(r),
            r => r.State == ConsentState.Refused && Answered(r),
            r => r.State is not (ConsentState.Requested or ConsentState.Given or ConsentState.Withdrawn or ConsentState.Refused),
        ];
    }

    /// <summary>A total and its parts as this viewer may see them.</summary>
    private sealed record CrossedFigures(CountFigure Total, IReadOnlyList<CountFigure> Parts);

    /// <summary>
    /// Rows split into parts (the predicates, which must cover every row exactly once), for all schools and per school,
    /// each figure counting rows and suppressed by distinct pupils, then suppressed together (<see cref="SmallCountTable"/>):
    /// the parts add up to the total, the schools to All, and each part's schools to All's part.
    /// </summary>
    private static (CrossedFigures All, Dictionary<int, CrossedFigures> BySchool) Crossed<TRow>(
        IReadOnlyList<TRow> rows, List<int> ids, IReadOnlySet<int> rights, Func<TRow, int> school, Func<TRow, int> pupil,
        IReadOnlyList<Func<TRow, bool>> parts)
    {
        var table = new SmallCountTable();
        int Of(IEnumerable<TRow> cells, bool hasRights)
        {
            var list = cells.ToList();
            return table.Add(list.Count, list.Select(pupil).ToHashSet(), hasRights);
        }

        var allRights = ids.All(rights.Contains);
        var allTotal = Of(rows, allRights);
        var allParts = parts.Select(p => Of(rows.Where(p), allRights)).ToList();
        var schoolTotals = ids.ToDictionary(id => id, id => Of(rows.Where(r => school(r) == id), rights.Contains(id)));
        var schoolParts = ids.ToDictionary(id => id, id => parts.Select(p => Of(rows.Where(r => school(r) == id && p(r)), rights.Contains(id))).ToList());
        table.Sum(allTotal, allParts);
        table.Sum(allTotal, schoolTotals.Values);
        foreach (var id in ids)
            table.Sum(schoolTotals[id], schoolParts[id]);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = i;
            table.Sum(allParts[part], ids.Select(id => schoolParts[id][part]));
        }

        CrossedFigures Figures(int total, List<int> cells) => new(table.Figure(total), cells.Select(table.Figure).ToList());
        return (Figures(allTotal, allParts), ids.ToDictionary(id => id, id => Figures(schoolTotals[id], schoolParts[id])));
    }

    /// <summary>
    /// The consent figures from the suppressed parts; the turnaround of those answered by <paramref name="asOf"/>. The
    /// turnaround's count (answered) is given + refused: when either is hidden, the turnaround is hidden too.
    /// </summary>
    private ConsentFigures Consents(IReadOnlyList<ConsentRow> rows, CrossedFigures figures, bool hasRights, DateOnly asOf)
    {
        var answered = rows
            .Where(r => r.State is ConsentState.Given or ConsentState.Withdrawn or ConsentState.Refused
                        && r.DecidedOn is { } decided && decided <= asOf)
            .ToList();
        var days = answered
            .Select(r => TimeSpan.FromDays(r.DecidedOn!.Value.DayNumber - DateOnly.FromDateTime(ToLocal(r.RequestedAt)).DayNumber))
            .ToList();
        var turnaround = figures.Parts[1].Suppressed || figures.Parts[2].Suppressed
            ? new DurationFigure(new CountFigure(null, true), null, null)
            : SmallCounts.Durations(days, answered.Select(r => r.PupilId).Distinct().Count(), hasRights);
        return new ConsentFigures(figures.Total, figures.Parts[0], figures.Parts[1], figures.Parts[2], turnaround);
    }

    private sealed record LevelCount(int SchoolId, int Level, int Pupils);

    private sealed record LevelChangeRow(int PupilId, int SchoolId, int Level, int PreviousLevel, DateTime ChangedAt);

    private sealed record EvaluationRow(int PupilId, int SchoolId, EvaluationResult Result, DateOnly EvaluatedOn);

    private sealed record ConsentRow(int PupilId, int SchoolId, ConsentState State, DateTime RequestedAt, DateOnly? DecidedOn);
}
