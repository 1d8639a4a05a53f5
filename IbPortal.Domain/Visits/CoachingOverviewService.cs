using System.Globalization;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Visits.VisitAuditActions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// Who sees what of the coaching cycle (<see cref="VisitAccess"/>): the teacher's own page (their visits, reflections to
/// write, coaching goals, support requests' counts), the IB'er's teachers with their visit figures and the history of one
/// teacher, and the coverage of a school for its school leader and IB'er (who was visited when, never any content). Every
/// read is audited, every refusal too.
/// </summary>
public sealed class CoachingOverviewService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<CoachingOverviewService> logger)
{
    /// <summary>The school years coverage can be asked for (a guard against nonsense input, not a business rule).</summary>
    public const int EarliestSchoolYear = 2000;

    private static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TimeZoneInfo Zone => clock.LocalTimeZone;

    /// <summary>
    /// The signed-in teacher's own coaching: their visits, goals and support requests at the schools where they hold the
    /// teacher role. Refused (audited) for anyone without the teacher role.
    /// </summary>
    public async Task<MyCoachingOverview> GetMyCoachingAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(MyCoaching);
        var today = Today;
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var teaching = scope.IsActive ? scope.SchoolsWithRole(PortalRole.Teacher).ToList() : [];
        if (teaching.Count == 0)
            throw await audit.RefuseAsync(staffId, MyCoaching, AuditRecordKind.ClassroomVisit, null, ct);

        // Only as the teacher: an IB'er who also teaches does not get their care schools' visits here.
        var visits = await VisitRowsAsync(VisitAccess.Visible(db, scope).Where(v => v.TeacherId == staffId && teaching.Contains(v.SchoolId)), now, ct);
        var goals = await GoalRowsAsync(db, VisitAccess.VisibleGoals(db, scope).Where(g => g.TeacherId == staffId && teaching.Contains(g.SchoolId)), today, ct);
        var requests = await RequestCountsAsync(VisitAccess.VisibleRequests(db, scope).Where(r => r.TeacherId == staffId && teaching.Contains(r.SchoolId)), ct);

        await audit.RecordAsync(new AuditRecord(staffId, MyCoaching, AuditRecordKind.ClassroomVisit, null, null,
            teaching.Count == 1 ? teaching[0] : null, nameof(PortalRole.Teacher)), ct);
        logger.LogDebug("Own coaching read by staff {StaffMemberId}: {VisitCount} visits, {GoalCount} goals", staffId, visits.Count, goals.Count);

        var upcoming = visits
            .Where(v => v.Stage == VisitStage.Planned || (v.Stage == VisitStage.Cancelled && v.ScheduledAt > now))
            .OrderBy(v => v.ScheduledAt).ToList();
        var upcomingIds = upcoming.Select(v => v.Id).ToHashSet();
        return new MyCoachingOverview(
            visits.Where(v => v.ObservationFinished && !v.HasReflection).OrderBy(v => v.ScheduledAt).ToList(),
            upcoming,
            visits.Where(v => !upcomingIds.Contains(v.Id)).OrderByDescending(v => v.ScheduledAt).ToList(),
            ActiveFirst(goals).Where(g => g.IsActive).ToList(),
            ActiveFirst(goals).Where(g => !g.IsActive).ToList(),
            requests,
            today);
    }

    /// <summary>
    /// The IB'er's teachers: every active teacher with a group this school year at the IB'er's care schools
    /// (<paramref name="schoolIds"/> narrows to some of them), with this school year's visit figures, active goals and
    /// running support requests; "langst niet bezocht" first. Refused (audited) for anyone who is no IB'er.
    /// </summary>
    public async Task<CoachingTeacherList> GetTeachersAsync(IReadOnlyCollection<int>? schoolIds = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(List);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var allCare = scope.CareSchoolIds.ToList();
        if (allCare.Count == 0)
            throw await audit.RefuseAsync(staffId, List, AuditRecordKind.ClassroomVisit, null, ct);
        var care = allCare.Where(id => schoolIds is null || schoolIds.Contains(id)).ToList();
        var schools = await SchoolsAsync(db, allCare, ct);
        var year = SchoolYear.StartYearOf(today);
        if (care.Count == 0)
            return new CoachingTeacherList([], schools, year, today);

        var teachers = await TeachersAsync(db, care, year, ct);
        var (from, to) = YearBounds(year);
        var startOfToday = DiscussionTime.StartOfDayUtc(today, Zone);
        var visits = await VisitAccess.Visible(db, scope).AsNoTracking()
            .Where(v => care.Contains(v.SchoolId) && v.Status != VisitStatus.Cancelled && v.ScheduledAt >= from)
            .Select(v => new { v.Id, v.TeacherId, v.SchoolId, v.ScheduledAt, v.Status })
            .ToListAsync(ct);
        var goals = await VisitAccess.VisibleGoals(db, scope).AsNoTracking()
            .Where(g => care.Contains(g.SchoolId) && g.Status == CoachingGoalStatus.Active)
            .GroupBy(g => new { g.TeacherId, g.SchoolId })
            .Select(g => new { g.Key.TeacherId, g.Key.SchoolId, Count = g.Count() })
            .ToListAsync(ct);
        var requests = await VisitAccess.VisibleRequests(db, scope).AsNoTracking()
            .Where(r => care.Contains(r.SchoolId) && r.Status != SupportRequestStatus.Closed)
            .GroupBy(r => new { r.TeacherId, r.SchoolId })
            .Select(r => new { r.Key.TeacherId, r.Key.SchoolId, Count = r.Count() })
            .ToListAsync(ct);

        var schoolById = schools.ToDictionary(s => s.SchoolId);
        var rows = teachers.Select(t =>
        {
            var mine = visits.Where(v => v.TeacherId == t.StaffMemberId && v.SchoolId == t.SchoolId).ToList();
            var held = mine.Where(v => IsHeld(v.Status) && v.ScheduledAt < to).ToList();
            var next = mine.Where(v => v.Status == VisitStatus.Planned && v.ScheduledAt >= startOfToday).MinBy(v => v.ScheduledAt);
            var school = schoolById[t.SchoolId];
            return new CoachingTeacherRow(
                t.StaffMemberId,
                t.Name,
                t.SchoolId,
                school.Name,
                school.ShortName,
                school.Color,
                t.Groups,
                held.Count,
                held.Count == 0 ? null : DateOnly.FromDateTime(DiscussionTime.ToLocal(held.Max(v => v.ScheduledAt), Zone)),
                next is null ? null : DiscussionTime.ToLocal(next.ScheduledAt, Zone),
                next?.Id,
                goals.Where(g => g.TeacherId == t.StaffMemberId && g.SchoolId == t.SchoolId).Sum(g => g.Count),
                requests.Where(r => r.TeacherId == t.StaffMemberId && r.SchoolId == t.SchoolId).Sum(r => r.Count));
        });

        foreach (var schoolId in care)
            audit.Add(db, new AuditRecord(staffId, List, AuditRecordKind.ClassroomVisit, null, null, schoolId, nameof(PortalRole.CareCoordinator)));
        await db.SaveChangesAsync(ct);
        logger.LogDebug("Teacher list read by staff {StaffMemberId} for {SchoolCount} schools", staffId, care.Count);
        return new CoachingTeacherList(LongestNotVisitedFirst(rows), schools, year, today);
    }

    /// <summary>"Langst niet bezocht" first: never visited this year (then by name), then the oldest last visit.</summary>
    public static IReadOnlyList<CoachingTeacherRow> LongestNotVisitedFirst(IEnumerable<CoachingTeacherRow> rows) =>
        rows.OrderBy(r => r.LastVisitOn ?? DateOnly.MinValue)
            .ThenBy(r => r.Name, ByName)
            .ThenBy(r => r.SchoolShortName, ByName)
            .ToList();

    /// <summary>
    /// The IB'er's history of one teacher at the IB'er's care schools: visits, coaching goals and support requests.
    /// Refused (audited) when the teacher holds no teacher role at any of the IB'er's care schools.
    /// </summary>
    public async Task<TeacherCoachingHistory> GetTeacherHistoryAsync(int teacherId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(TeacherHistory);
        var today = Today;
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var care = scope.CareSchoolIds.ToList();
        var teachingSchools = care.Count == 0
            ? []
            : await db.RoleAssignments.AsNoTracking()
                .Where(r => r.StaffMemberId == teacherId && r.Role == PortalRole.Teacher && care.Contains(r.SchoolId))
                .Select(r => r.SchoolId).Distinct().ToListAsync(ct);
        if (teachingSchools.Count == 0)
            throw await audit.RefuseAsync(staffId, TeacherHistory, AuditRecordKind.ClassroomVisit, null, ct);

        var teacher = await db.StaffMembers.AsNoTracking().Where(s => s.Id == teacherId)
            .Select(s => new { s.DisplayName, s.IsActive }).SingleAsync(ct);
        var year = SchoolYear.StartYearOf(today);
        var groups = await db.GroupTeachers.AsNoTracking()
            .Where(g => g.StaffMemberId == teacherId && teachingSchools.Contains(g.Group!.SchoolId) && g.Group.SchoolYear!.StartYear == year)
            .Select(g => new { g.Group!.SchoolId, g.Group.Name }).ToListAsync(ct);
        var schools = await SchoolsAsync(db, teachingSchools, ct);

        // Everything about the teacher at the IB'er's care schools, also where they no longer teach.
        var visits = await VisitRowsAsync(VisitAccess.Visible(db, scope).Where(v => v.TeacherId == teacherId && care.Contains(v.SchoolId)), now, ct);
        var goals = await GoalRowsAsync(db, VisitAccess.VisibleGoals(db, scope).Where(g => g.TeacherId == teacherId && care.Contains(g.SchoolId)), today, ct);
        var requests = await VisitAccess.VisibleRequests(db, scope).AsNoTracking()
            .Where(r => r.TeacherId == teacherId && care.Contains(r.SchoolId))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new TeacherHistoryRequest(r.Id, r.SchoolId, r.School!.ShortName, r.School.Color, r.CreatedAt, r.Topic,
                r.Group == null ? null : r.Group.Name, r.Status, r.ClosedAt))
            .ToListAsync(ct);

        foreach (var schoolId in teachingSchools)
            audit.Add(db, new AuditRecord(staffId, TeacherHistory, AuditRecordKind.ClassroomVisit, null, null, schoolId, nameof(PortalRole.CareCoordinator)));
        await db.SaveChangesAsync(ct);
        logger.LogDebug("History of teacher {TeacherId} read by staff {StaffMemberId}", teacherId, staffId);

        return new TeacherCoachingHistory(
            teacherId,
            teacher.DisplayName,
            teacher.IsActive,
            schools.Select(s => new TeacherHistorySchool(s,
                    groups.Where(g => g.SchoolId == s.SchoolId).Select(g => g.Name).Order(ByName).ToList(),
                    goals.Count(g => g.SchoolId == s.SchoolId && g.IsActive)))
                .ToList(),
            visits.OrderByDescending(v => v.ScheduledAt).ToList(),
            ActiveFirst(goals),
            requests,
            today);
    }

    /// <summary>The schools whose coverage the user may see (IB'er or school leader there), by name. Not audited: no visit data.</summary>
    public async Task<IReadOnlyList<CoachingSchool>> GetCoverageSchoolsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Coverage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var ids = scope.AllSchoolIds.Where(id => VisitAccess.MaySeeCoverage(scope, id)).ToList();
        return await SchoolsAsync(db, ids, ct);
    }

    /// <summary>
    /// The coverage of <paramref name="schoolId"/> in a school year (default: the current one): per teacher the visits'
    /// day, group and stage, and the totals. For the school leader and the IB'er of that school only; refused (audited)
    /// for anyone else. Carries no content by construction (<see cref="VisitCoverage"/>).
    /// </summary>
    public async Task<VisitCoverage> GetCoverageAsync(int schoolId, int? schoolYearStart = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Coverage);
        var today = Today;
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (!VisitAccess.MaySeeCoverage(scope, schoolId))
            throw await audit.RefuseAsync(staffId, Coverage, AuditRecordKind.VisitCoverage, schoolId, ct);

        var currentYear = SchoolYear.StartYearOf(today);
        var year = schoolYearStart ?? currentYear;
        if (year < EarliestSchoolYear || year > currentYear + 1)
            throw new DomainValidationException(nameof(schoolYearStart), "Kies een schooljaar uit de lijst.");

        var school = (await SchoolsAsync(db, [schoolId], ct)).Single();
        var years = await db.SchoolYears.AsNoTracking().Select(y => y.StartYear).ToListAsync(ct);
        var teachers = await TeachersAsync(db, [schoolId], year, ct);
        var (from, to) = YearBounds(year);
        // Only the day, group and stage leave the database: no focus, notes, scores, goals or reflections.
        var visits = await db.ClassroomVisits.AsNoTracking()
            .Where(v => v.SchoolId == schoolId && v.Status != VisitStatus.Cancelled && v.ScheduledAt >= from && v.ScheduledAt < to)
            .Select(v => new { v.TeacherId, TeacherName = v.Teacher!.DisplayName, GroupName = v.Group!.Name, v.ScheduledAt, v.Status, v.ReflectedAt })
            .ToListAsync(ct);

        var visitedOnly = visits.Where(v => teachers.All(t => t.StaffMemberId != v.TeacherId))
            .GroupBy(v => v.TeacherId)
            .Select(g => new TeacherAtSchool(g.Key, g.First().TeacherName, schoolId, []));
        var rows = teachers.Concat(visitedOnly)
            .Select(t => new CoverageTeacher(t.StaffMemberId, t.Name, t.Groups,
                visits.Where(v => v.TeacherId == t.StaffMemberId)
                    .OrderBy(v => v.ScheduledAt)
                    .Select(v => new CoverageVisit(DateOnly.FromDateTime(DiscussionTime.ToLocal(v.ScheduledAt, Zone)), v.GroupName,
                        ClassroomVisit.Stage(v.Status, v.ScheduledAt, v.ReflectedAt, now)))
                    .ToList()))
            .OrderBy(t => t.LastVisitedOn ?? DateOnly.MinValue)
            .ThenBy(t => t.Name, ByName)
            .ToList();
        var totals = new CoverageTotals(
            rows.Count(t => !t.NotVisited),
            rows.Count,
            rows.Sum(t => t.VisitsHeld),
            rows.Sum(t => t.VisitsPlanned));

        await audit.RecordAsync(new AuditRecord(staffId, Coverage, AuditRecordKind.VisitCoverage, schoolId, null, schoolId,
            VisitAccess.CoverageRoleFor(scope, schoolId)), ct);
        logger.LogDebug("Coverage of school {SchoolId} for {SchoolYear} read by staff {StaffMemberId}", schoolId, year, staffId);

        return new VisitCoverage(schoolId, school.Name, school.ShortName, school.Color, year,
            years.Append(currentYear).Append(year).Distinct().OrderDescending().ToList(), rows, totals, today);
    }

    private static bool IsHeld(VisitStatus status) => status is VisitStatus.Observed or VisitStatus.FeedbackGiven;

    /// <summary>The UTC bounds [from, to) of a school year (1 August – 31 July, local days).</summary>
    private (DateTime From, DateTime To) YearBounds(int startYear) =>
        (DiscussionTime.StartOfDayUtc(SchoolYear.StartDateOf(startYear), Zone),
         DiscussionTime.StartOfDayUtc(SchoolYear.EndDateOf(startYear).AddDays(1), Zone));

    private sealed record TeacherAtSchool(int StaffMemberId, string Name, int SchoolId, IReadOnlyList<string> Groups);

    /// <summary>Active staff with the teacher role at one of <paramref name="schoolIds"/> who teach a group there in the school year.</summary>
    private static async Task<List<TeacherAtSchool>> TeachersAsync(PortalDbContext db, List<int> schoolIds, int year, CancellationToken ct)
    {
        var rows = await db.GroupTeachers.AsNoTracking()
            .Where(g => schoolIds.Contains(g.Group!.SchoolId) && g.Group.SchoolYear!.StartYear == year && g.StaffMember!.IsActive
                        && g.StaffMember.Roles.Any(r => r.Role == PortalRole.Teacher && r.SchoolId == g.Group.SchoolId))
            .Select(g => new { g.StaffMemberId, g.StaffMember!.DisplayName, g.Group!.SchoolId, GroupName = g.Group.Name })
            .ToListAsync(ct);
        return rows.GroupBy(r => new { r.StaffMemberId, r.SchoolId })
            .Select(g => new TeacherAtSchool(g.Key.StaffMemberId, g.First().DisplayName, g.Key.SchoolId,
                g.Select(r => r.GroupName).Distinct().Order(ByName).ToList()))
            .ToList();
    }

    private static async Task<List<CoachingSchool>> SchoolsAsync(PortalDbContext db, List<int> ids, CancellationToken ct) =>
        (await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new CoachingSchool(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct))
        .OrderBy(s => s.Name, ByName).ToList();

    private async Task<List<CoachingVisitRow>> VisitRowsAsync(IQueryable<ClassroomVisit> visits, DateTime now, CancellationToken ct)
    {
        var rows = await visits.AsNoTracking()
            .Select(v => new
            {
                v.Id,
                v.SchoolId,
                SchoolName = v.School!.Name,
                v.School.ShortName,
                v.School.Color,
                GroupName = v.Group!.Name,
                v.ScheduledAt,
                v.DurationMinutes,
                v.Focus,
                v.Status,
                v.ReflectedAt,
                CoordinatorName = v.Coordinator!.DisplayName,
                v.FollowUpOfId,
            })
            .ToListAsync(ct);
        return rows.Select(v => new CoachingVisitRow(
                v.Id,
                v.SchoolId,
                v.SchoolName,
                v.ShortName,
                v.Color,
                v.GroupName,
                v.ScheduledAt,
                DiscussionTime.ToLocal(v.ScheduledAt, Zone),
                v.DurationMinutes,
                v.Focus,
                ClassroomVisit.Stage(v.Status, v.ScheduledAt, v.ReflectedAt, now),
                v.CoordinatorName,
                IsHeld(v.Status),
                v.Status == VisitStatus.FeedbackGiven,
                v.ReflectedAt is not null,
                v.FollowUpOfId is not null))
            .ToList();
    }

    private async Task<List<CoachingGoalRow>> GoalRowsAsync(PortalDbContext db, IQueryable<CoachingGoal> goals, DateOnly today, CancellationToken ct)
    {
        var rows = await goals.AsNoTracking()
            .Select(g => new
            {
                g.Id,
                g.TeacherId,
                g.SchoolId,
                g.School!.ShortName,
                g.School.Color,
                g.Description,
                g.ReviewOn,
                g.Status,
                g.CreatedAt,
                CreatedByName = db.StaffMembers.Where(s => s.Id == g.CreatedById).Select(s => s.DisplayName).FirstOrDefault(),
                g.ClosedAt,
                ClosedByName = db.StaffMembers.Where(s => s.Id == g.ClosedById).Select(s => s.DisplayName).FirstOrDefault(),
                g.VisitId,
                VisitAt = g.Visit == null ? (DateTime?)null : g.Visit.ScheduledAt,
                g.SupportRequestId,
                g.Version,
            })
            .ToListAsync(ct);
        return rows.Select(g => new CoachingGoalRow(
                g.Id,
                g.TeacherId,
                g.SchoolId,
                g.ShortName,
                g.Color,
                g.Description,
                g.ReviewOn,
                g.Status,
                g.CreatedAt,
                g.CreatedByName,
                g.ClosedAt,
                g.ClosedByName,
                g.VisitId,
                g.VisitAt is { } at ? DateOnly.FromDateTime(DiscussionTime.ToLocal(at, Zone)) : null,
                g.SupportRequestId,
                g.Version,
                g.Status == CoachingGoalStatus.Active && g.ReviewOn is { } r && r <= today))
            .ToList();
    }

    /// <summary>Active goals first (the nearest review date first, then the oldest), then closed ones (latest closed first).</summary>
    private static List<CoachingGoalRow> ActiveFirst(IEnumerable<CoachingGoalRow> goals) =>
        goals.OrderByDescending(g => g.IsActive)
            .ThenBy(g => g.IsActive ? g.ReviewOn ?? DateOnly.MaxValue : DateOnly.MaxValue)
            .ThenByDescending(g => g.IsActive ? DateTime.MinValue : g.ClosedAt ?? DateTime.MinValue)
            .ThenBy(g => g.CreatedAt)
            .ThenBy(g => g.Id)
            .ToList();

    private static async Task<SupportRequestCounts> RequestCountsAsync(IQueryable<TeacherSupportRequest> requests, CancellationToken ct)
    {
        var counts = await requests.AsNoTracking()
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Of(SupportRequestStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        return new SupportRequestCounts(Of(SupportRequestStatus.Open), Of(SupportRequestStatus.InProgress), Of(SupportRequestStatus.Closed));
    }
}
