using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Visits;

/// <summary>
/// The week or month agenda of classroom visits and pupil/group discussions the user may read (<see cref="VisitAccess"/>,
/// <see cref="DiscussionAccess"/>): the IB'er's of their schools, a teacher's own visits and their groups' discussions.
/// A working view without notes or pupil names: only refusals are audited.
/// </summary>
public sealed class VisitAgendaService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<VisitAgendaService> logger)
{
    /// <summary>At most six weeks at once (a month grid).</summary>
    public const int MaxDays = 42;

    /// <summary>Discussions have no length of their own; the agenda shows them this long.</summary>
    public const int DiscussionMinutes = 45;

    public async Task<AgendaPeriod> GetAsync(AgendaQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(VisitAuditActions.Agenda);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var careSchools = scope.CareSchoolIds;
        var teachSchools = scope.SchoolsWithRole(PortalRole.Teacher);
        if (!scope.IsActive || (careSchools.Count == 0 && teachSchools.Count == 0))
            throw await audit.RefuseAsync(staffId, VisitAuditActions.Agenda, AuditRecordKind.VisitAgenda, null, ct);

        if (query.To < query.From)
            throw new DomainValidationException(nameof(AgendaQuery.To), "De einddatum ligt voor de begindatum. Kies een latere einddatum.");
        if (query.To.DayNumber - query.From.DayNumber + 1 > MaxDays)
            throw new DomainValidationException(nameof(AgendaQuery.To), $"De agenda toont hooguit {MaxDays} dagen tegelijk. Kies een kortere periode.");

        var schoolIds = careSchools.Union(teachSchools).ToList();
        if (query.SchoolIds is { } only)
            schoolIds = schoolIds.Intersect(only).ToList();

        var zone = clock.LocalTimeZone;
        var fromUtc = DiscussionTime.StartOfDayUtc(query.From, zone);
        var toUtc = DiscussionTime.StartOfDayUtc(query.To.AddDays(1), zone);
        var now = clock.GetUtcNow().UtcDateTime;

        var visits = VisitAccess.Visible(db, scope).AsNoTracking()
            .Where(v => v.ScheduledAt >= fromUtc && v.ScheduledAt < toUtc && schoolIds.Contains(v.SchoolId));
        if (!query.IncludeCancelled)
            visits = visits.Where(v => v.Status != VisitStatus.Cancelled);
        var visitRows = await visits
            .Select(v => new { v.Id, v.ScheduledAt, v.DurationMinutes, v.SchoolId, v.GroupId, GroupName = v.Group!.Name, v.TeacherId, TeacherName = v.Teacher!.DisplayName, CoordinatorName = v.Coordinator!.DisplayName, v.Status, v.ReflectedAt })
            .ToListAsync(ct);

        var discussions = DiscussionAccess.Visible(db, scope).AsNoTracking()
            .Where(d => d.ScheduledAt >= fromUtc && d.ScheduledAt < toUtc && schoolIds.Contains(d.SchoolId));
        if (!query.IncludeCancelled)
            discussions = discussions.Where(d => d.Status != DiscussionStatus.Cancelled);
        var discussionRows = await discussions
            .Select(d => new { d.Id, d.Kind, d.ScheduledAt, d.SchoolId, d.GroupId, GroupName = d.Group!.Name, d.TeacherId, TeacherName = d.Teacher!.DisplayName, CoordinatorName = d.Coordinator!.DisplayName, d.Status })
            .ToListAsync(ct);

        var entries = new List<AgendaEntry>(visitRows.Count + discussionRows.Count);
        foreach (var v in visitRows)
        {
            var stage = ClassroomVisit.Stage(v.Status, v.ScheduledAt, v.ReflectedAt, now);
            var end = v.ScheduledAt.AddMinutes(v.DurationMinutes);
            // The visited teacher reads their own visit (also one who is an IB'er elsewhere): the IB'er's name, not their own.
            var forCoordinator = v.TeacherId != staffId && scope.IsCareCoordinatorOf(v.SchoolId);
            var withName = v.TeacherId == staffId ? v.CoordinatorName : v.TeacherName;
            entries.Add(new AgendaEntry(AgendaEntryKind.Visit, v.Id, v.ScheduledAt, end,
                DiscussionTime.ToLocal(v.ScheduledAt, zone), DiscussionTime.ToLocal(end, zone),
                v.SchoolId, v.GroupId, v.GroupName, v.TeacherId == staffId ? AgendaLabels.OwnVisitTitle : v.TeacherName, v.TeacherName, stage, null,
                VisitStageLabels.Of(stage, forCoordinator), $"/bezoeken/{v.Id}", withName, AgendaLabels.AwaitsReader(stage, forCoordinator)));
        }
        foreach (var d in discussionRows)
        {
            var kind = d.Kind == DiscussionKind.GroupDiscussion ? AgendaEntryKind.GroupDiscussion : AgendaEntryKind.PupilDiscussion;
            var end = d.ScheduledAt.AddMinutes(DiscussionMinutes);
            entries.Add(new AgendaEntry(kind, d.Id, d.ScheduledAt, end,
                DiscussionTime.ToLocal(d.ScheduledAt, zone), DiscussionTime.ToLocal(end, zone),
                d.SchoolId, d.GroupId, d.GroupName, $"{d.Kind.Label()} groep {d.GroupName}", d.TeacherName, null, d.Status, d.Status.Label(),
                $"/besprekingen/{d.Id}", d.TeacherId == staffId ? d.CoordinatorName : d.TeacherName, AwaitsReader: false));
        }

        var allSchools = careSchools.Union(teachSchools).ToList();
        var schools = await db.Schools.AsNoTracking()
            .Where(s => allSchools.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new AgendaSchool(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);

        logger.LogDebug("Agenda {From}..{To} for staff {StaffMemberId}: {VisitCount} visits, {DiscussionCount} discussions",
            query.From, query.To, staffId, visitRows.Count, discussionRows.Count);
        return new AgendaPeriod(query.From, query.To, today,
            entries.OrderBy(e => e.StartUtc).ThenBy(e => e.Kind).ThenBy(e => e.Id).ToList(),
            schools, CanPlan: careSchools.Count > 0);
    }
}
