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
    /// count the level changes at the schools in that year and period (local date) whose level is above / below the
    /// previous one (no previous level counts as 1). A pupil at two schools counts at each (All adds the schools up).
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
            result.Add(new SchoolYearLevels(
                year,
                day,
                Distribution(levels, allRights),
                ids.ToDictionary(id => id, id => Distribution(levels.Where(l => l.SchoolId == id).ToList(), rights.Contains(id))),
                PupilCount(up, r => r.PupilId, allRights),
                PupilCount(down, r => r.PupilId, allRights)));
        }

        return new SupportLevelTrend(schools, result);
    }

    /// <summary>
    /// Evaluations of the goals of the HGW plans at the schools, evaluated (local date) in the period, per school year of
    /// the evaluation date and per school, by result. Each count is suppressed by its distinct pupils.
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
        var allRights = ids.All(rights.Contains);
        var result = years.Select(year =>
        {
            var yearRows = byYear[year].ToList();
            return new SchoolYearEvaluations(
                year,
                Evaluations(yearRows, allRights),
                ids.ToDictionary(id => id, id => Evaluations(yearRows.Where(r => r.SchoolId == id).ToList(), rights.Contains(id))));
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
    /// Consents requested (local time) in the period, at the schools. Awaiting: still <see cref="ConsentState.Requested"/>
    /// today. Given: given, including those withdrawn later (they were given first). Refused: refused. Turnaround: for
    /// the answered ones (given, withdrawn or refused, with a decision date), the decision date minus the local date of
    /// the request, in whole days, as median and 90th percentile. Each figure is suppressed by its distinct pupils.
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

        return new ConsentTrend(
            schools,
            Consents(rows, ids.All(rights.Contains)),
            ids.ToDictionary(id => id, id => Consents(rows.Where(r => r.SchoolId == id).ToList(), rights.Contains(id))));
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

    private static CountFigure PupilCount<T>(IReadOnlyCollection<T> rows, Func<T, int> pupil, bool hasRights) =>
        SmallCounts.Count(rows.Count, rows.Select(pupil).Distinct().Count(), hasRights);

    private static LevelDistribution Distribution(List<LevelCount> counts, bool hasRights) =>
        new(
            SmallCounts.Count(counts.Sum(c => c.Pupils), hasRights),
            Enumerable.Range(SupportLevel.Minimum, SupportLevel.Maximum - SupportLevel.Minimum + 1)
                .ToDictionary(level => level, level => SmallCounts.Count(counts.Where(c => c.Level == level).Sum(c => c.Pupils), hasRights)));

    private static EvaluationCounts Evaluations(IReadOnlyList<EvaluationRow> rows, bool hasRights)
    {
        CountFigure Of(EvaluationResult result) => PupilCount(rows.Where(r => r.Result == result).ToList(), r => r.PupilId, hasRights);
        return new EvaluationCounts(
            Of(EvaluationResult.Achieved),
            Of(EvaluationResult.PartlyAchieved),
            Of(EvaluationResult.NotAchieved),
            PupilCount(rows, r => r.PupilId, hasRights));
    }

    private ConsentFigures Consents(IReadOnlyList<ConsentRow> rows, bool hasRights)
    {
        CountFigure Where(Func<ConsentRow, bool> predicate) => PupilCount(rows.Where(predicate).ToList(), r => r.PupilId, hasRights);
        var answered = rows
            .Where(r => r.State is ConsentState.Given or ConsentState.Withdrawn or ConsentState.Refused && r.DecidedOn is not null)
            .ToList();
        var days = answered
            .Select(r => TimeSpan.FromDays(r.DecidedOn!.Value.DayNumber - DateOnly.FromDateTime(ToLocal(r.RequestedAt)).DayNumber))
            .ToList();
        return new ConsentFigures(
            PupilCount(rows, r => r.PupilId, hasRights),
            Where(r => r.State == ConsentState.Requested),
            Where(r => r.State is ConsentState.Given or ConsentState.Withdrawn),
            Where(r => r.State == ConsentState.Refused),
            SmallCounts.Durations(days, answered.Select(r => r.PupilId).Distinct().Count(), hasRights));
    }

    private sealed record LevelCount(int SchoolId, int Level, int Pupils);

    private sealed record LevelChangeRow(int PupilId, int SchoolId, int Level, int PreviousLevel, DateTime ChangedAt);

    private sealed record EvaluationRow(int PupilId, int SchoolId, EvaluationResult Result, DateOnly EvaluatedOn);

    private sealed record ConsentRow(int PupilId, int SchoolId, ConsentState State, DateTime RequestedAt, DateOnly? DecidedOn);
}
