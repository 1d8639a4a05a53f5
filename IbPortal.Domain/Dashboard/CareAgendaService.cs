using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Dashboard;

public sealed record AgendaDiscussion(int Id, DiscussionKind Kind, DiscussionStatus Status, int SchoolId, string GroupName,
    DateTime ScheduledAt, string TeacherName, int PupilCount, string? PupilName);

public sealed record AgendaActionItem(int Id, int SchoolId, string Description, string OwnerName, DateOnly DueOn, bool IsOverdue,
    int? DiscussionId, int? PupilId, string? PupilName);

/// <summary>A review that is due: a plan goal (<see cref="GoalId"/> set) or an OPP's yearly evaluation.</summary>
public sealed record AgendaEvaluation(int PupilId, string PupilName, int SchoolId, DateOnly DueOn, bool IsOverdue, int? GoalId,
    string What);

public sealed record AgendaConsent(int Id, int PupilId, string PupilName, int SchoolId, string Purpose, DateTime RequestedAt);

public sealed record AgendaPupil(int PupilId, string PupilName, int SchoolId, string GroupName, int Level, DateTime LevelSince);

/// <summary>What needs the IB'er across their schools, besides new concerns.</summary>
public sealed record CareAgenda(
    IReadOnlyList<AgendaDiscussion> DiscussionsThisWeek,
    IReadOnlyList<AgendaActionItem> ActionItemsDue,
    IReadOnlyList<AgendaEvaluation> EvaluationsDue,
    IReadOnlyList<AgendaConsent> ConsentsAwaited,
    IReadOnlyList<AgendaPupil> PupilsWithoutPlan,
    DateOnly DueBy);

/// <summary>
/// The IB'er's care agenda on "Mijn overzicht", across the schools they coordinate: discussions this week (Monday to
/// Sunday), open action items that are overdue or due within <see cref="CareOptions.DueWithinDays"/>, plan and OPP
/// evaluations due in that window, consents requested and not yet answered, and pupils at support level 3 or higher
/// without an active plan. Like the concern lists it is the IB'er's working view, not audited row by row.
/// </summary>
public sealed class CareAgendaService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    TimeProvider clock,
    ConsentPurposes purposes,
    SupportService supportService,
    Audit.AuditTrail audit,
    IOptions<CareOptions> options)
{
    public const string Action = "dashboard.care-agenda";

    public async Task<CareAgenda> GetAsync(IReadOnlyCollection<int>? schoolIds, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Action);
        var now = clock.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (!scope.Has(Staff.PortalRole.CareCoordinator))
            throw await audit.RefuseAsync(staffId, Action, Audit.AuditRecordKind.CareAgenda, null, ct);
        var ids = scope.CareSchoolIds.Where(id => schoolIds is null || schoolIds.Contains(id)).ToList();
        var dueBy = today.AddDays(Math.Max(0, options.Value.DueWithinDays));

        // This week, Monday 00:00 to next Monday 00:00 in the schools' zone (also across a daylight-saving change).
        var monday = DiscussionTime.WeekStart(today);
        var weekStart = DiscussionTime.StartOfDayUtc(monday, clock.LocalTimeZone);
        var weekEnd = DiscussionTime.StartOfDayUtc(monday.AddDays(7), clock.LocalTimeZone);
        var discussions = (await db.Discussions.AsNoTracking()
                .Where(d => ids.Contains(d.SchoolId) && d.Status != DiscussionStatus.Cancelled && d.ScheduledAt >= weekStart && d.ScheduledAt < weekEnd)
                .OrderBy(d => d.ScheduledAt)
                .Select(d => new
                {
                    d.Id, d.Kind, d.Status, d.SchoolId, Group = d.Group!.Name, d.ScheduledAt, Teacher = d.Teacher!.DisplayName,
                    Count = d.Pupils.Count,
                    Pupil = d.Pupils.Select(p => new { p.Pupil!.FirstName, p.Pupil.Infix, p.Pupil.LastName }).FirstOrDefault(),
                })
                .ToListAsync(ct))
            .Select(d => new AgendaDiscussion(d.Id, d.Kind, d.Status, d.SchoolId, d.Group, d.ScheduledAt, d.Teacher, d.Count,
                d.Kind == DiscussionKind.PupilDiscussion && d.Pupil is { } p ? Pupils.Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName) : null))
            .ToList();

        var actions = (await db.ActionItems.AsNoTracking()
                .Where(a => ids.Contains(a.SchoolId) && a.CompletedAt == null && a.DueOn <= dueBy)
                .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
                .Select(a => new
                {
                    a.Id, a.SchoolId, a.Description, Owner = a.Owner!.DisplayName, a.DueOn, a.DiscussionId, a.PupilId,
                    Pupil = a.Pupil == null ? null : new { a.Pupil.FirstName, a.Pupil.Infix, a.Pupil.LastName },
                })
                .ToListAsync(ct))
            .Select(a => new AgendaActionItem(a.Id, a.SchoolId, a.Description, a.Owner, a.DueOn, a.DueOn < today, a.DiscussionId, a.PupilId,
                a.Pupil is { } p ? Pupils.Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName) : null))
            .ToList();

        // Support's own due rules, filtered by what this user may see: the plan screens and this list always agree.
        var support = await supportService.GetAttentionAsync(ids, ct);
        var evaluations = support.GoalEvaluations
            .Select(g => new AgendaEvaluation(g.Pupil.PupilId, g.Pupil.PupilName, g.Pupil.SchoolId, g.Goal.ReviewOn, g.IsOverdue, g.Goal.GoalId,
                $"Evaluatie doel: {g.Goal.Description}"))
            .Concat(support.DevelopmentPlanEvaluations
                .Select(o => new AgendaEvaluation(o.Pupil.PupilId, o.Pupil.PupilName, o.Pupil.SchoolId, o.DevelopmentPlan.NextEvaluationOn,
                    o.IsOverdue, null, "Jaarlijkse evaluatie OPP")))
            .OrderBy(e => e.DueOn).ThenBy(e => e.PupilName, StringComparer.CurrentCulture)
            .ToList();

        var consents = (await ConsentRules.Awaited(db.Consents.AsNoTracking())
                .Where(c => ids.Contains(c.SchoolId))
                .OrderBy(c => c.RequestedAt)
                .Select(c => new { c.Id, c.PupilId, c.SchoolId, c.Purpose, c.RequestedAt, c.Pupil!.FirstName, c.Pupil.Infix, c.Pupil.LastName })
                .ToListAsync(ct))
            .Select(c => new AgendaConsent(c.Id, c.PupilId, Pupils.Pupil.FullNameOf(c.FirstName, c.Infix, c.LastName), c.SchoolId,
                purposes.NameOf(c.Purpose), c.RequestedAt))
            .ToList();

        var withoutPlan = support.PupilsWithoutPlan
            .Select(p => new AgendaPupil(p.Pupil.PupilId, p.Pupil.PupilName, p.Pupil.SchoolId, p.Pupil.GroupName ?? "", p.Level, p.LevelSince))
            .OrderByDescending(p => p.Level).ThenBy(p => p.LevelSince)
            .ToList();

        return new CareAgenda(discussions, actions, evaluations, consents, withoutPlan, dueBy);
    }

}
