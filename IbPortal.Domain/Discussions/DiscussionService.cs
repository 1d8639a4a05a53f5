using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static IbPortal.Domain.Discussions.DiscussionAuditActions;

namespace IbPortal.Domain.Discussions;

/// <summary>
/// Pupil and group discussions (leerlingbespreking, groepsbespreking): schedule with a proposed agenda, read, list,
/// record notes, decisions and the pupils' lines, mark held or cancelled. Rights are checked here
/// (<see cref="DiscussionAccess"/>); every read writes one audit entry per pupil on the discussion, every change one
/// entry (naming the pupil when one pupil is concerned), every refusal one entry.
/// </summary>
public sealed class DiscussionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<CareOptions> careOptions,
    ILogger<DiscussionService> logger)
{
    /// <summary>How far ahead a discussion can be planned.</summary>
    public const int MaxDaysAhead = 366;

    private const string ConflictMessage =
        "Iemand anders heeft deze bespreking net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TimeZoneInfo Zone => clock.LocalTimeZone;

    /// <summary>This school year's groups at the IB'er's care schools, with their pupils today, and the schools' teachers.</summary>
    public async Task<DiscussionScheduleOptions> GetScheduleOptionsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ScheduleOptions);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var care = scope.CareSchoolIds.ToList();
        if (care.Count == 0)
            throw await audit.RefuseAsync(staffId, ScheduleOptions, AuditRecordKind.Discussion, null, ct);

        var year = SchoolYear.StartYearOf(today);
        var groups = await db.Groups.AsNoTracking()
            .Where(g => care.Contains(g.SchoolId) && g.SchoolYear!.StartYear == year)
            .OrderBy(g => g.School!.Name).ThenBy(g => g.FirstGrade).ThenBy(g => g.Name)
            .Select(g => new
            {
                g.Id,
                g.Name,
                g.SchoolId,
                SchoolName = g.School!.Name,
                g.School.ShortName,
                g.School.Color,
                DefaultTeacherId = g.Teachers
                    .Where(t => t.StaffMember!.IsActive && t.StaffMember.Roles.Any(r => r.Role == PortalRole.Teacher && r.SchoolId == g.SchoolId))
                    .OrderBy(t => t.StaffMemberId)
                    .Select(t => (int?)t.StaffMemberId)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var pupils = await EnrolledTodayAsync(db, groupIds, today, ct);
        var teachers = await TeachersAsync(db, care, ct);

        return new DiscussionScheduleOptions(
            groups.Select(g => new ScheduleGroupOption(g.Id, g.Name, g.SchoolId, g.SchoolName, g.ShortName, g.Color, g.DefaultTeacherId,
                pupils.Where(p => p.GroupId == g.Id).Select(p => p.Option).ToList())).ToList(),
            teachers,
            today);
    }

    /// <summary>
    /// The agenda a discussion with this draft would get (a preview for the form), from the pupils' open concerns and due
    /// evaluations at the group's school. Needs a group the IB'er coordinates care for; an incomplete draft yields what
    /// it can (no date: today; a pupil discussion without pupils: nothing).
    /// </summary>
    public async Task<IReadOnlyList<ProposedAgendaItem>> ProposeAgendaAsync(DiscussionDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var staffId = await currentUser.RequireStaffMemberIdAsync(ProposeAgenda);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (draft.GroupId is not { } groupId)
            return [];
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => new { g.SchoolId }).SingleOrDefaultAsync(ct);
        if (group is null || !DiscussionAccess.MayManage(scope, group.SchoolId))
            throw await audit.RefuseAsync(staffId, ProposeAgenda, AuditRecordKind.Discussion, null, ct);

        var enrolled = (await EnrolledTodayAsync(db, [groupId], today, ct)).Select(p => p.Option.PupilId).ToList();
        var pupils = draft.Kind == DiscussionKind.GroupDiscussion ? enrolled : enrolled.Where(draft.PupilIds.Contains).ToList();
        return await ProposeAsync(db, group.SchoolId, pupils, draft.Date ?? today, ct);
    }

    /// <summary>Schedules a discussion with its proposed agenda. Returns its id.</summary>
    public async Task<int> ScheduleAsync(DiscussionDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var staffId = await currentUser.RequireStaffMemberIdAsync(Schedule);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (!scope.Has(PortalRole.CareCoordinator))
            throw await audit.RefuseAsync(staffId, Schedule, AuditRecordKind.Discussion, null, ct);

        var group = draft.GroupId is { } gid
            ? await db.Groups.AsNoTracking().Where(g => g.Id == gid).Select(g => new { g.Id, g.SchoolId, g.SchoolYear!.StartYear }).SingleOrDefaultAsync(ct)
            : null;
        if (draft.GroupId is not null && (group is null || !DiscussionAccess.MayManage(scope, group.SchoolId)))
            throw await audit.RefuseAsync(staffId, Schedule, AuditRecordKind.Discussion, null, ct);

        var errors = new Dictionary<string, string>();
        if (draft.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(DiscussionDraft.Kind)] = "Kies of het een leerlingbespreking of een groepsbespreking is.";
        if (group is null)
            errors[nameof(DiscussionDraft.GroupId)] = "Kies de groep.";
        else if (group.StartYear != SchoolYear.StartYearOf(today))
            errors[nameof(DiscussionDraft.GroupId)] = "Kies een groep van dit schooljaar.";

        DateTime? scheduledAt = null;
        if (draft.Date is not { } date)
            errors[nameof(DiscussionDraft.Date)] = "Kies de datum van de bespreking.";
        else if (date < today)
            errors[nameof(DiscussionDraft.Date)] = "Deze datum is al voorbij. Kies vandaag of een latere dag.";
        else if (date > today.AddDays(MaxDaysAhead))
            errors[nameof(DiscussionDraft.Date)] = "Plan de bespreking binnen een jaar vanaf vandaag.";
        if (draft.Time is not { } time)
            errors[nameof(DiscussionDraft.Time)] = "Kies het tijdstip van de bespreking.";
        else if (draft.Date is { } d)
        {
            scheduledAt = DiscussionTime.ToUtc(d, time, Zone);
            if (scheduledAt is null)
                errors[nameof(DiscussionDraft.Time)] = "Dit tijdstip bestaat niet door de overgang naar de zomertijd. Kies een ander tijdstip.";
        }

        var pupilIds = new List<int>();
        int? teacherId = null;
        if (group is not null)
        {
            var enrolled = (await EnrolledTodayAsync(db, [group.Id], today, ct)).Select(p => p.Option.PupilId).ToList();
            if (draft.Kind == DiscussionKind.GroupDiscussion)
            {
                pupilIds = enrolled;
                if (enrolled.Count == 0)
                    errors[nameof(DiscussionDraft.PupilIds)] = "Er zitten vandaag geen leerlingen in deze groep. Kies een andere groep.";
            }
            else if (draft.Kind == DiscussionKind.PupilDiscussion)
            {
                if (draft.PupilIds.Count == 0)
                    errors[nameof(DiscussionDraft.PupilIds)] = "Kies minstens één leerling om te bespreken.";
                else if (draft.PupilIds.Any(p => !enrolled.Contains(p)))
                    errors[nameof(DiscussionDraft.PupilIds)] = "Kies alleen leerlingen die nu in deze groep zitten.";
                else
                    pupilIds = enrolled.Where(draft.PupilIds.Contains).ToList();
            }

            var teachers = await TeachersAsync(db, [group.SchoolId], ct);
            teacherId = draft.TeacherId ?? await DefaultTeacherAsync(db, group.Id, group.SchoolId, ct);
            if (teacherId is null)
                errors[nameof(DiscussionDraft.TeacherId)] = "Deze groep heeft nog geen leerkracht in IbPortal. Kies de leerkracht met wie je de bespreking houdt.";
            else if (!teachers.Any(t => t.StaffMemberId == teacherId))
                errors[nameof(DiscussionDraft.TeacherId)] = "Kies een leerkracht van deze school.";
        }
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var now = Now;
        var discussion = new Discussion
        {
            Kind = draft.Kind!.Value,
            Status = DiscussionStatus.Planned,
            SchoolId = group!.SchoolId,
            GroupId = group.Id,
            ScheduledAt = scheduledAt!.Value,
            CoordinatorId = staffId,
            TeacherId = teacherId!.Value,
            CreatedAt = now,
            UpdatedAt = now,
        };
        discussion.Pupils.AddRange(pupilIds.Select(p => new DiscussionPupil { PupilId = p }));
        var proposal = await ProposeAsync(db, group.SchoolId, pupilIds, draft.Date!.Value, ct);
        discussion.Agenda.AddRange(proposal.Select((item, i) => new AgendaItem
        {
            Position = i + 1,
            Text = item.Text,
            Source = item.Source,
            PupilId = item.PupilId,
            ConcernId = item.ConcernId,
            GoalId = item.GoalId,
        }));
        db.Discussions.Add(discussion);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            // One entry per pupil: the agenda copies each pupil's open concerns and due goals, so each pupil's trail shows it.
            foreach (var pupilId in pupilIds)
                audit.Add(db, new AuditRecord(staffId, Schedule, AuditRecordKind.Discussion, discussion.Id, pupilId, discussion.SchoolId,
                    nameof(PortalRole.CareCoordinator)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Discussion {DiscussionId} ({Kind}) scheduled for group {GroupId} of school {SchoolId} by staff {StaffMemberId} with {PupilCount} pupils and {AgendaCount} agenda items",
            discussion.Id, discussion.Kind, discussion.GroupId, discussion.SchoolId, staffId, pupilIds.Count, proposal.Count);
        return discussion.Id;
    }

    /// <summary>The discussion with its pupils, agenda and action items. Audited: one read entry per pupil on it.</summary>
    public Task<DiscussionDetail> GetAsync(int discussionId, CancellationToken ct = default) =>
        LoadDetailAsync(discussionId, auditRead: true, ct);

    /// <summary>
    /// The discussion again, for the page that shows it after the user's own change there (the read was audited when
    /// the page opened; a refusal is audited as always).
    /// </summary>
    public Task<DiscussionDetail> RefreshAsync(int discussionId, CancellationToken ct = default) =>
        LoadDetailAsync(discussionId, auditRead: false, ct);

    /// <summary>
    /// The current user's discussions in the buckets of the list page: for an IB'er those at their care schools, for a
    /// teacher those they are part of. <paramref name="schoolIds"/> narrows to some schools (null: all).
    /// Not audited per pupil: it is the user's own working list (like the concern lists); opening one is audited.
    /// </summary>
    public async Task<DiscussionOverview> GetOverviewAsync(IReadOnlyCollection<int>? schoolIds = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("discussion.list");
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var visible = DiscussionAccess.Visible(db, scope);
        if (schoolIds is not null)
        {
            var ids = schoolIds.ToList();
            visible = visible.Where(d => ids.Contains(d.SchoolId));
        }
        var planned = await SummariesAsync(db, visible.Where(d => d.Status == DiscussionStatus.Planned), ct);
        var held = await SummariesAsync(db, visible.Where(d => d.Status == DiscussionStatus.Held).OrderByDescending(d => d.ScheduledAt).Take(50), ct);
        var cancelled = await SummariesAsync(db, visible.Where(d => d.Status == DiscussionStatus.Cancelled).OrderByDescending(d => d.ScheduledAt).Take(20), ct);

        var monday = DiscussionTime.WeekStart(today);
        var sunday = DiscussionTime.WeekEnd(today);
        var schoolIdsOfUser = scope.CareSchoolIds.Concat(scope.SchoolsWithRole(PortalRole.Teacher)).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking()
            .Where(s => schoolIdsOfUser.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SchoolOption(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);

        return new DiscussionOverview(
            planned.Where(d => d.Date >= monday && d.Date <= sunday).OrderBy(d => d.ScheduledAt).ToList(),
            planned.Where(d => d.Date > sunday).OrderBy(d => d.ScheduledAt).ToList(),
            planned.Where(d => d.Date < monday).OrderBy(d => d.ScheduledAt).ToList(),
            held.OrderByDescending(d => d.ScheduledAt).ToList(),
            cancelled.OrderByDescending(d => d.ScheduledAt).ToList(),
            schools,
            scope.CareSchoolIds.Count > 0,
            today);
    }

    private DateTime StartOfDayUtc(DateOnly date) => DiscussionTime.StartOfDayUtc(date, Zone);

    /// <summary>Records notes, decisions and the pupils' lines (IB'er of the school; not after a cancellation).</summary>
    public async Task RecordAsync(int discussionId, int expectedVersion, DiscussionRecordInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var staffId = await currentUser.RequireStaffMemberIdAsync(Record);
        var errors = new Dictionary<string, string>();
        var notes = Text(input.Notes, nameof(DiscussionRecordInput.Notes), Discussion.NotesMaxLength, "De aantekeningen", errors);
        var decisions = Text(input.Decisions, nameof(DiscussionRecordInput.Decisions), Discussion.DecisionsMaxLength, "De besluiten", errors);
        var rows = input.Pupils.Select(p => new
        {
            p.PupilId,
            Needs = Text(p.EducationalNeeds, PupilField(p.PupilId, nameof(DiscussionPupilInput.EducationalNeeds)), DiscussionPupil.TextMaxLength, "De onderwijsbehoeften", errors),
            Stimulating = Text(p.StimulatingFactors, PupilField(p.PupilId, nameof(DiscussionPupilInput.StimulatingFactors)), DiscussionPupil.TextMaxLength, "De stimulerende factoren", errors),
            Hindering = Text(p.HinderingFactors, PupilField(p.PupilId, nameof(DiscussionPupilInput.HinderingFactors)), DiscussionPupil.TextMaxLength, "De belemmerende factoren", errors),
            Notes = Text(p.Notes, PupilField(p.PupilId, nameof(DiscussionPupilInput.Notes)), DiscussionPupil.TextMaxLength, "De aantekeningen bij de leerling", errors),
        }).ToList();
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        await ChangeAsync(discussionId, expectedVersion, Record, (discussion, scope, changes) =>
        {
            if (discussion.Status == DiscussionStatus.Cancelled)
                throw new DomainException("Deze bespreking is geannuleerd; er valt niets meer vast te leggen.");
            var unknown = rows.FirstOrDefault(r => discussion.Pupils.All(p => p.PupilId != r.PupilId));
            if (unknown is not null)
                throw new DomainValidationException(nameof(DiscussionRecordInput.Pupils), "Deze leerling staat niet op de bespreking. Vernieuw de pagina.");

            if (discussion.Notes != notes || discussion.Decisions != decisions)
            {
                discussion.Notes = notes;
                discussion.Decisions = decisions;
                changes.Add((Record, SinglePupil(discussion)));
            }
            foreach (var row in rows)
            {
                var line = discussion.Pupils.Single(p => p.PupilId == row.PupilId);
                if (line.EducationalNeeds == row.Needs && line.StimulatingFactors == row.Stimulating &&
                    line.HinderingFactors == row.Hindering && line.Notes == row.Notes)
                    continue;
                line.EducationalNeeds = row.Needs;
                line.StimulatingFactors = row.Stimulating;
                line.HinderingFactors = row.Hindering;
                line.Notes = row.Notes;
                changes.Add((PupilOverview, row.PupilId));
            }
        }, ct);
    }

    /// <summary>Marks a planned discussion as held, from its day on (IB'er of the school).</summary>
    public Task MarkHeldAsync(int discussionId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(discussionId, expectedVersion, MarkHeld, (discussion, _, changes) =>
        {
            RequirePlanned(discussion);
            var date = DateOnly.FromDateTime(DiscussionTime.ToLocal(discussion.ScheduledAt, Zone));
            if (date > Today)
                throw new DomainException($"Deze bespreking staat gepland op {DiscussionLabels.ShortDate(date, Today)}. Je kunt haar vanaf die dag als gehouden markeren.");
            discussion.Status = DiscussionStatus.Held;
            discussion.HeldAt = Now;
            changes.Add((MarkHeld, SinglePupil(discussion)));
        }, ct);

    /// <summary>Cancels a planned discussion (IB'er of the school). Its agenda and notes stay as they are.</summary>
    public Task CancelAsync(int discussionId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(discussionId, expectedVersion, Cancel, (discussion, _, changes) =>
        {
            RequirePlanned(discussion);
            discussion.Status = DiscussionStatus.Cancelled;
            changes.Add((Cancel, SinglePupil(discussion)));
        }, ct);

    private static void RequirePlanned(Discussion discussion)
    {
        if (discussion.Status == DiscussionStatus.Held)
            throw new DomainException("Deze bespreking is al als gehouden gemarkeerd.");
        if (discussion.Status == DiscussionStatus.Cancelled)
            throw new DomainException("Deze bespreking is geannuleerd.");
    }

    private static int? SinglePupil(Discussion discussion) => discussion.Pupils.Count == 1 ? discussion.Pupils[0].PupilId : null;

    /// <summary>Loads the discussion tracked, checks that the user manages it and the version, applies the change,
    /// raises the version and audits each change in the same SaveChanges.</summary>
    private async Task ChangeAsync(int discussionId, int expectedVersion, string action,
        Action<Discussion, UserScope, List<(string Action, int? PupilId)>> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var discussion = await db.Discussions.Include(d => d.Pupils).SingleOrDefaultAsync(d => d.Id == discussionId, ct);
        if (discussion is null || !DiscussionAccess.MayManage(scope, discussion.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Discussion, discussionId, ct);
        if (discussion.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);

        var changes = new List<(string Action, int? PupilId)>();
        apply(discussion, scope, changes);
        if (changes.Count == 0)
            return;
        discussion.Version++;
        discussion.UpdatedAt = Now;
        foreach (var (code, pupilId) in changes)
            audit.Add(db, new AuditRecord(staffId, code, AuditRecordKind.Discussion, discussion.Id, pupilId, discussion.SchoolId,
                nameof(PortalRole.CareCoordinator)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }
        logger.LogInformation("Discussion {DiscussionId} changed ({Action}, {ChangeCount} changes) by staff {StaffMemberId}; status {Status}, version {Version}",
            discussion.Id, action, changes.Count, staffId, discussion.Status, discussion.Version);
    }

    private async Task<DiscussionDetail> LoadDetailAsync(int discussionId, bool auditRead, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Read);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var d = await db.Discussions.AsNoTracking()
            .Where(x => x.Id == discussionId)
            .Select(x => new
            {
                x.Id,
                x.Kind,
                x.Status,
                x.SchoolId,
                SchoolName = x.School!.Name,
                x.School.ShortName,
                x.School.Color,
                x.GroupId,
                GroupName = x.Group!.Name,
                x.ScheduledAt,
                x.CoordinatorId,
                CoordinatorName = x.Coordinator!.DisplayName,
                x.TeacherId,
                TeacherName = x.Teacher!.DisplayName,
                x.Notes,
                x.Decisions,
                x.HeldAt,
                x.Version,
            })
            .SingleOrDefaultAsync(ct);
        if (d is null || !DiscussionAccess.MayRead(scope, d.SchoolId, d.GroupId))
            throw await audit.RefuseAsync(staffId, Read, AuditRecordKind.Discussion, discussionId, ct);

        var pupilRows = await db.DiscussionPupils.AsNoTracking()
            .Where(p => p.DiscussionId == discussionId)
            .Select(p => new { p.PupilId, p.Pupil!.FirstName, p.Pupil.Infix, p.Pupil.LastName, p.EducationalNeeds, p.StimulatingFactors, p.HinderingFactors, p.Notes })
            .ToListAsync(ct);
        var pupils = pupilRows
            .Select(p => new DiscussionPupilRow(p.PupilId, Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName),
                p.EducationalNeeds, p.StimulatingFactors, p.HinderingFactors, p.Notes))
            .OrderBy(p => p.FullName, StringComparer.Create(DiscussionLabels.Culture, true))
            .ToList();
        var names = pupils.ToDictionary(p => p.PupilId, p => p.FullName);
        var agenda = (await db.AgendaItems.AsNoTracking()
                .Where(a => a.DiscussionId == discussionId)
                .OrderBy(a => a.Position).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.Position, a.Text, a.Source, a.PupilId, a.ConcernId, a.GoalId, a.IsDone })
                .ToListAsync(ct))
            .Select(a => new AgendaItemView(a.Id, a.Position, a.Text, a.Source, a.PupilId,
                a.PupilId is { } p && names.TryGetValue(p, out var n) ? n : null, a.ConcernId, a.GoalId, a.IsDone))
            .ToList();
        var actions = await ActionItemService.ViewsAsync(db, db.ActionItems.Where(a => a.DiscussionId == discussionId), scope, today, Zone, ct);
        var canManage = DiscussionAccess.MayManage(scope, d.SchoolId);
        var owners = canManage ? await OwnerOptionsAsync(db, d.SchoolId, ct) : [];

        if (auditRead)
        {
            var role = DiscussionAccess.RoleFor(scope, d.SchoolId);
            var targets = pupils.Count == 0 ? [(int?)null] : pupils.Select(p => (int?)p.PupilId).ToList();
            foreach (var pupilId in targets)
                audit.Add(db, new AuditRecord(staffId, Read, AuditRecordKind.Discussion, d.Id, pupilId, d.SchoolId, role));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Discussion {DiscussionId} read by staff {StaffMemberId} as {Role}", d.Id, staffId, role);
        }

        var canAddAgenda = d.Status != DiscussionStatus.Cancelled &&
                           (canManage || (d.Status == DiscussionStatus.Planned && DiscussionAccess.ReadsAsTeacher(scope, d.GroupId)));
        return new DiscussionDetail(d.Id, d.Kind, d.Status, d.SchoolId, d.SchoolName, d.ShortName, d.Color, d.GroupId, d.GroupName,
            d.ScheduledAt, DiscussionTime.ToLocal(d.ScheduledAt, Zone), d.CoordinatorId, d.CoordinatorName, d.TeacherId, d.TeacherName,
            d.Notes, d.Decisions, d.HeldAt, d.Version, pupils, agenda, actions.OrderBy(a => a.CompletedAt.HasValue).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToList(),
            owners, canManage, canAddAgenda, today);
    }

    private async Task<IReadOnlyList<DiscussionSummary>> SummariesAsync(PortalDbContext db, IQueryable<Discussion> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(d => new
            {
                d.Id,
                d.Kind,
                d.Status,
                d.SchoolId,
                SchoolName = d.School!.Name,
                d.School.ShortName,
                d.School.Color,
                d.GroupId,
                GroupName = d.Group!.Name,
                d.ScheduledAt,
                d.CoordinatorId,
                CoordinatorName = d.Coordinator!.DisplayName,
                d.TeacherId,
                TeacherName = d.Teacher!.DisplayName,
                Pupils = d.Pupils.Select(p => new { p.PupilId, p.Pupil!.FirstName, p.Pupil.Infix, p.Pupil.LastName }).ToList(),
                Agenda = d.Agenda.Count,
                OpenActions = d.ActionItems.Count(a => a.CompletedAt == null),
            })
            .ToListAsync(ct);
        var comparer = StringComparer.Create(DiscussionLabels.Culture, true);
        return rows.Select(r => new DiscussionSummary(r.Id, r.Kind, r.Status, r.SchoolId, r.SchoolName, r.ShortName, r.Color, r.GroupId,
                r.GroupName, r.ScheduledAt, DiscussionTime.ToLocal(r.ScheduledAt, Zone), r.CoordinatorId, r.CoordinatorName, r.TeacherId,
                r.TeacherName,
                r.Pupils.Select(p => new PupilNameOption(p.PupilId, Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName)))
                    .OrderBy(p => p.FullName, comparer).ToList(),
                r.Agenda, r.OpenActions))
            .ToList();
    }

    /// <summary>Loads the facts (SQL narrows them) and lets <see cref="AgendaProposer"/> decide.</summary>
    private async Task<IReadOnlyList<ProposedAgendaItem>> ProposeAsync(PortalDbContext db, int schoolId, List<int> pupilIds,
        DateOnly date, CancellationToken ct)
    {
        if (pupilIds.Count == 0)
            return [];
        var dueWithinDays = careOptions.Value.DueWithinDays;
        var horizon = date.AddDays(Math.Max(0, dueWithinDays));
        var ids = pupilIds.ToList();
        var concerns = (await db.Concerns.AsNoTracking()
                .Where(c => ids.Contains(c.PupilId) && c.SchoolId == schoolId && c.Status != Concerns.ConcernStatus.Closed)
                .Select(c => new { c.Id, c.PupilId, c.SchoolId, c.Status, c.Area, c.RaisedAt })
                .ToListAsync(ct))
            .Select(c => new AgendaConcernFact(c.Id, c.PupilId, c.SchoolId, c.Status, c.Area,
                DateOnly.FromDateTime(DiscussionTime.ToLocal(c.RaisedAt, Zone))));
        var goals = (await db.PlanGoals.AsNoTracking()
                .Where(g => ids.Contains(g.Plan!.PupilId) && g.Plan.SchoolId == schoolId && g.Plan.Status == SupportPlanStatus.Active &&
                            g.ReviewOn != null && g.ReviewOn <= horizon)
                .Select(g => new
                {
                    g.Id,
                    g.Plan!.PupilId,
                    g.Plan.SchoolId,
                    g.Plan.Status,
                    g.Kind,
                    g.Position,
                    g.Description,
                    g.ReviewOn,
                    Evaluations = g.Evaluations.Select(e => new AgendaEvaluationFact(e.Id, e.EvaluatedOn, e.Result)).ToList(),
                })
                .ToListAsync(ct))
            .Select(g => new AgendaGoalFact(g.Id, g.PupilId, g.SchoolId, g.Status, g.Kind, g.Position, g.Description, g.ReviewOn, g.Evaluations));
        return AgendaProposer.Propose(schoolId, pupilIds, date, dueWithinDays, concerns, goals);
    }

    private static async Task<List<(int GroupId, PupilNameOption Option)>> EnrolledTodayAsync(PortalDbContext db, IReadOnlyCollection<int> groupIds,
        DateOnly today, CancellationToken ct)
    {
        var ids = groupIds.ToList();
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => ids.Contains(e.GroupId) && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => new { e.GroupId, e.PupilId, e.Pupil!.FirstName, e.Pupil.Infix, e.Pupil.LastName })
            .ToListAsync(ct);
        var comparer = StringComparer.Create(DiscussionLabels.Culture, true);
        return rows
            .Select(r => (r.GroupId, Option: new PupilNameOption(r.PupilId, Pupil.FullNameOf(r.FirstName, r.Infix, r.LastName))))
            .DistinctBy(r => (r.GroupId, r.Option.PupilId))
            .OrderBy(r => r.Option.FullName, comparer).ThenBy(r => r.Option.PupilId)
            .ToList();
    }

    private static async Task<int?> DefaultTeacherAsync(PortalDbContext db, int groupId, int schoolId, CancellationToken ct) =>
        await db.GroupTeachers.AsNoTracking()
            .Where(t => t.GroupId == groupId && t.StaffMember!.IsActive &&
                        t.StaffMember.Roles.Any(r => r.Role == PortalRole.Teacher && r.SchoolId == schoolId))
            .OrderBy(t => t.StaffMemberId)
            .Select(t => (int?)t.StaffMemberId)
            .FirstOrDefaultAsync(ct);

    /// <summary>Active staff with the Teacher role at the schools.</summary>
    private static async Task<IReadOnlyList<StaffOption>> TeachersAsync(PortalDbContext db, IReadOnlyCollection<int> schoolIds, CancellationToken ct)
    {
        var ids = schoolIds.ToList();
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == PortalRole.Teacher && ids.Contains(r.SchoolId) && r.StaffMember!.IsActive)
            .Select(r => new StaffOption(r.StaffMemberId, r.StaffMember!.DisplayName, r.SchoolId))
            .ToListAsync(ct);
        return rows.Distinct().OrderBy(r => r.DisplayName, StringComparer.Create(DiscussionLabels.Culture, true)).ToList();
    }

    /// <summary>Active staff with any role at the school: who can own an action item.</summary>
    internal static async Task<IReadOnlyList<StaffOption>> OwnerOptionsAsync(PortalDbContext db, int schoolId, CancellationToken ct)
    {
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.SchoolId == schoolId && r.StaffMember!.IsActive)
            .Select(r => new StaffOption(r.StaffMemberId, r.StaffMember!.DisplayName, r.SchoolId))
            .ToListAsync(ct);
        return rows.Distinct().OrderBy(r => r.DisplayName, StringComparer.Create(DiscussionLabels.Culture, true)).ToList();
    }

    /// <summary>The validation key of one field of a pupil's line: "Pupils[12].EducationalNeeds".</summary>
    public static string PupilField(int pupilId, string field) => $"Pupils[{pupilId}].{field}";

    internal static string? Text(string? value, string field, int max, string what, Dictionary<string, string> errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > max)
            errors[field] = $"{what} mag hoogstens {max} tekens lang zijn (nu {text.Length}). Maak de tekst korter; wat je typte blijft staan.";
        return text;
    }
}
