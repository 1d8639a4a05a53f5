using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Events;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Visits.VisitAuditActions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// Classroom visits (klassenbezoeken) and the cycle after the visit: the IB'er of the school plans a visit (from a
/// concern, a teacher's support request or an earlier visit, or on its own), reschedules or cancels it, records the
/// feedback conversation; the visited teacher writes their reflection. Rights come from <see cref="VisitAccess"/>; every
/// change is audited in the same save, every read of a visit and every refusal is audited. Coaching goals on a visit are
/// agreed through <see cref="CoachingGoalService"/>; the observation itself through <see cref="ObservationService"/>.
/// </summary>
public sealed class ClassroomVisitService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    IPortalEvents events,
    TimeProvider clock,
    ILogger<ClassroomVisitService> logger)
{
    /// <summary>The time a new visit is proposed at (a lesson in the morning).</summary>
    public static readonly TimeOnly DefaultTime = new(9, 0);

    private const string ConflictMessage =
        "Iemand anders heeft dit klassenbezoek net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private const string CareCoordinatorRole = nameof(PortalRole.CareCoordinator);
    private const string TeacherRole = nameof(PortalRole.Teacher);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TimeZoneInfo Zone => clock.LocalTimeZone;

    // ---------------------------------------------------------------- planning

    /// <summary>
    /// This school year's groups at the IB'er's care schools with the teachers who teach them, all teachers of those
    /// schools, and a draft prefilled from <paramref name="prefill"/>. Each prefill source must be one the IB'er manages;
    /// otherwise the call is refused (and audited). Reading a concern, request or earlier visit for the prefill is audited.
    /// </summary>
    public async Task<VisitPlanOptions> GetPlanOptionsAsync(VisitPlanPrefill? prefill = null, CancellationToken ct = default)
    {
        prefill ??= new VisitPlanPrefill();
        var staffId = await currentUser.RequireStaffMemberIdAsync(PlanOptions);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var care = scope.CareSchoolIds.ToList();
        if (care.Count == 0)
            throw await audit.RefuseAsync(staffId, PlanOptions, AuditRecordKind.ClassroomVisit, null, ct);

        var groups = await GroupOptionsAsync(db, care, today, ct);
        var teachers = await TeachersAsync(db, care, ct);

        int? groupId = null, teacherId = null, concernId = null, requestId = null, followUpOfId = null;
        var focus = new List<string>();
        var sources = new List<VisitPlanSource>();
        var reads = new List<AuditRecord>();

        if (prefill.FollowUpOfId is { } earlierId)
        {
            var earlier = await db.ClassroomVisits.AsNoTracking().Where(v => v.Id == earlierId)
                .Select(v => new { v.Id, v.SchoolId, v.TeacherId, v.GroupId, v.Status, v.ScheduledAt })
                .SingleOrDefaultAsync(ct);
            if (earlier is null || !VisitAccess.MayManage(scope, earlier.SchoolId))
                throw await audit.RefuseAsync(staffId, PlanOptions, AuditRecordKind.ClassroomVisit, earlierId, ct);
            var goals = await db.CoachingGoals.AsNoTracking()
                .Where(g => g.VisitId == earlierId && g.Status == CoachingGoalStatus.Active)
                .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
                .Select(g => g.Description)
                .ToListAsync(ct);
            var date = DiscussionLabels.ShortDate(DateOnly.FromDateTime(DiscussionTime.ToLocal(earlier.ScheduledAt, Zone)), today);
            teacherId = earlier.TeacherId;
            groupId = groups.Any(g => g.GroupId == earlier.GroupId) ? earlier.GroupId : FirstGroupOf(groups, earlier.TeacherId, earlier.SchoolId);
            string? notice = null;
            if (earlier.Status == VisitStatus.Cancelled)
                notice = "Dat bezoek is geannuleerd, dus dit wordt geen vervolgbezoek. Je kunt het wel als nieuw bezoek plannen.";
            else
                followUpOfId = earlier.Id;
            focus.Add(goals.Count == 0
                ? $"Vervolg op het klassenbezoek van {date}."
                : $"Vervolg op het klassenbezoek van {date}. Coachingsdoelen: {string.Join("; ", goals.Select(g => $"‘{g}’"))}.");
            sources.Add(new VisitPlanSource(VisitPlanSourceKind.FollowUp, earlier.Id, $"Vervolg op het klassenbezoek van {date}", notice));
            reads.Add(new AuditRecord(staffId, PlanOptions, AuditRecordKind.ClassroomVisit, earlier.Id, null, earlier.SchoolId, CareCoordinatorRole));
        }

        if (prefill.SupportRequestId is { } rid)
        {
            var request = await db.TeacherSupportRequests.AsNoTracking().Where(r => r.Id == rid)
                .Select(r => new { r.Id, r.SchoolId, r.TeacherId, r.GroupId, r.PupilId, PupilFirstName = r.Pupil != null ? r.Pupil.FirstName : null, r.Topic, r.Status })
                .SingleOrDefaultAsync(ct);
            if (request is null || !VisitAccess.MayManage(scope, request.SchoolId))
                throw await audit.RefuseAsync(staffId, PlanOptions, AuditRecordKind.SupportRequest, rid, ct);
            teacherId ??= request.TeacherId;
            groupId ??= request.GroupId is { } g && groups.Any(x => x.GroupId == g) ? g : FirstGroupOf(groups, request.TeacherId, request.SchoolId);
            string? notice = null;
            if (request.Status == SupportRequestStatus.Closed)
                notice = "Deze hulpvraag is al afgesloten; het bezoek wordt er niet aan gekoppeld.";
            else
                requestId = request.Id;
            var about = request.Topic switch
            {
                SupportTopic.Pupil => "de hulpvraag over een leerling",
                SupportTopic.Group => "de hulpvraag over de groep",
                _ => "de hulpvraag over de eigen aanpak in de klas",
            };
            focus.Add($"Naar aanleiding van {about}.");
            var aboutForIb = request.PupilFirstName is { } name && request.Topic == SupportTopic.Pupil ? $"de hulpvraag over {name}" : about;
            sources.Add(new VisitPlanSource(VisitPlanSourceKind.SupportRequest, request.Id, $"Naar aanleiding van {aboutForIb}", notice));
            reads.Add(new AuditRecord(staffId, PlanOptions, AuditRecordKind.SupportRequest, request.Id, request.PupilId, request.SchoolId, CareCoordinatorRole));
        }

        if (prefill.ConcernId is { } cid)
        {
            var concern = await db.Concerns.AsNoTracking().Where(c => c.Id == cid)
                .Select(c => new { c.Id, c.SchoolId, c.GroupId, c.PupilId, c.Pupil!.FirstName, c.Area })
                .SingleOrDefaultAsync(ct);
            if (concern is null || !VisitAccess.MayManage(scope, concern.SchoolId))
                throw await audit.RefuseAsync(staffId, PlanOptions, AuditRecordKind.Concern, cid, ct);
            var concernGroup = groups.Any(g => g.GroupId == concern.GroupId)
                ? concern.GroupId
                : await CurrentGroupOfPupilAsync(db, concern.PupilId, concern.SchoolId, today, ct);
            groupId ??= concernGroup;
            teacherId ??= groups.FirstOrDefault(g => g.GroupId == concernGroup)?.DefaultTeacherId;
            concernId = concern.Id;
            // The focus is read by the visited teacher and stays after retention removes the concern: no pupil's name in it.
            // The name is only on the form's source line, which the IB'er sees.
            focus.Add($"Naar aanleiding van een signalering ({AreaText(concern.Area)}).");
            sources.Add(new VisitPlanSource(VisitPlanSourceKind.Concern, concern.Id,
                $"Naar aanleiding van de signalering over {concern.FirstName} ({AreaText(concern.Area)})", null));
            reads.Add(new AuditRecord(staffId, PlanOptions, AuditRecordKind.Concern, concern.Id, concern.PupilId, concern.SchoolId, CareCoordinatorRole));
        }

        // An explicit teacher or group wins over what a source suggests.
        if (prefill.GroupId is { } pg)
        {
            var group = await db.Groups.AsNoTracking().Where(g => g.Id == pg).Select(g => new { g.SchoolId }).SingleOrDefaultAsync(ct);
            if (group is null || !VisitAccess.MayManage(scope, group.SchoolId))
                throw await audit.RefuseAsync(staffId, PlanOptions, AuditRecordKind.ClassroomVisit, null, ct);
            // A group of an earlier school year is reachable but cannot be visited: it is simply not preselected.
            if (groups.Any(g => g.GroupId == pg))
            {
                groupId = pg;
                if (prefill.TeacherId is null)
                    teacherId = groups.First(g => g.GroupId == pg).DefaultTeacherId;
            }
        }
        if (prefill.TeacherId is { } pt)
        {
            if (!teachers.Any(t => t.StaffMemberId == pt))
                throw await audit.RefuseAsync(staffId, PlanOptions, AuditRecordKind.ClassroomVisit, null, ct);
            teacherId = pt;
            // Keep the group when the teacher can be visited there (an explicit group, or one they teach); else the
            // teacher's own group.
            var teacherSchools = teachers.Where(t => t.StaffMemberId == pt).Select(t => t.SchoolId).ToHashSet();
            var current = groups.FirstOrDefault(g => g.GroupId == groupId);
            var atTheirSchool = current is not null && teacherSchools.Contains(current.SchoolId);
            if (!(atTheirSchool && (prefill.GroupId is not null || current!.TeacherIds.Contains(pt))))
                groupId = groups.FirstOrDefault(g => g.TeacherIds.Contains(pt) && teacherSchools.Contains(g.SchoolId))?.GroupId
                          ?? (atTheirSchool ? current!.GroupId : null);
        }

        foreach (var read in reads)
            await audit.RecordAsync(read, ct);

        var draft = new VisitDraft
        {
            GroupId = groupId,
            TeacherId = teacherId,
            Date = NextSchoolDay(today),
            Time = DefaultTime,
            DurationMinutes = ClassroomVisit.DefaultDurationMinutes,
            Focus = focus.Count == 0 ? null : Shorten(string.Join(" ", focus), ClassroomVisit.FocusMaxLength),
            ConcernId = concernId,
            SupportRequestId = requestId,
            FollowUpOfId = followUpOfId,
        };
        return new VisitPlanOptions(groups, teachers, draft, sources, today);
    }

    /// <summary>Plans a visit (IB'er of the group's school). Planning from an open support request picks it up. Returns the visit's id.</summary>
    public async Task<int> PlanAsync(VisitDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var staffId = await currentUser.RequireStaffMemberIdAsync(Plan);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (!scope.Has(PortalRole.CareCoordinator))
            throw await audit.RefuseAsync(staffId, Plan, AuditRecordKind.ClassroomVisit, null, ct);

        var group = draft.GroupId is { } gid
            ? await db.Groups.AsNoTracking().Where(g => g.Id == gid).Select(g => new { g.Id, g.SchoolId, g.SchoolYear!.StartYear }).SingleOrDefaultAsync(ct)
            : null;
        if (draft.GroupId is not null && (group is null || !VisitAccess.MayManage(scope, group.SchoolId)))
            throw await audit.RefuseAsync(staffId, Plan, AuditRecordKind.ClassroomVisit, null, ct);

        // The linked records must be the IB'er's own before anything about them is said.
        var concern = draft.ConcernId is { } cid
            ? await db.Concerns.AsNoTracking().Where(c => c.Id == cid).Select(c => new { c.Id, c.SchoolId, c.PupilId }).SingleOrDefaultAsync(ct)
            : null;
        if (draft.ConcernId is { } refusedConcern && (concern is null || !VisitAccess.MayManage(scope, concern.SchoolId)))
            throw await audit.RefuseAsync(staffId, Plan, AuditRecordKind.Concern, refusedConcern, ct);
        var request = draft.SupportRequestId is { } rid ? await db.TeacherSupportRequests.SingleOrDefaultAsync(r => r.Id == rid, ct) : null;
        if (draft.SupportRequestId is { } refusedRequest && (request is null || !VisitAccess.MayManage(scope, request.SchoolId)))
            throw await audit.RefuseAsync(staffId, Plan, AuditRecordKind.SupportRequest, refusedRequest, ct);
        var earlier = draft.FollowUpOfId is { } fid
            ? await db.ClassroomVisits.AsNoTracking().Where(v => v.Id == fid).Select(v => new { v.Id, v.SchoolId, v.TeacherId, v.Status, v.ObservedAt }).SingleOrDefaultAsync(ct)
            : null;
        if (draft.FollowUpOfId is { } refusedVisit && (earlier is null || !VisitAccess.MayManage(scope, earlier.SchoolId)))
            throw await audit.RefuseAsync(staffId, Plan, AuditRecordKind.ClassroomVisit, refusedVisit, ct);

        var errors = new Dictionary<string, string>();
        if (group is null)
            errors[nameof(VisitDraft.GroupId)] = "Kies de groep waar je op bezoek gaat.";
        else if (group.StartYear != SchoolYear.StartYearOf(today))
            errors[nameof(VisitDraft.GroupId)] = "Kies een groep van dit schooljaar.";

        int? teacherId = null;
        if (group is not null)
        {
            teacherId = draft.TeacherId ?? await DefaultTeacherAsync(db, group.Id, group.SchoolId, ct);
            if (teacherId is null)
                errors[nameof(VisitDraft.TeacherId)] = "Deze groep heeft nog geen leerkracht in IbPortal. Kies de leerkracht die je bezoekt.";
            else if (!await IsTeacherAtAsync(db, teacherId.Value, group.SchoolId, ct))
                errors[nameof(VisitDraft.TeacherId)] = "Kies een leerkracht van deze school.";
            else if (teacherId == staffId)
                errors[nameof(VisitDraft.TeacherId)] = "Je kunt geen klassenbezoek bij jezelf plannen. Kies een andere leerkracht.";
        }

        var (scheduledAt, duration) = ValidateWhen(draft.Date, draft.Time, draft.DurationMinutes, today, errors);
        var focus = ValidateFocus(draft.Focus, errors);

        if (concern is not null && group is not null && concern.SchoolId != group.SchoolId)
            errors[nameof(VisitDraft.ConcernId)] = "Deze signalering hoort bij een andere school dan de gekozen groep. Kies een groep van die school.";
        else if (concern is not null && group is not null && !await db.Enrolments.AnyAsync(e => e.PupilId == concern.PupilId && e.GroupId == group.Id
                     && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today), ct))
            errors[nameof(VisitDraft.ConcernId)] = "De leerling van deze signalering zit niet in de gekozen groep. Kies de groep van de leerling.";
        if (request is not null)
        {
            if (group is not null && request.SchoolId != group.SchoolId)
                errors[nameof(VisitDraft.SupportRequestId)] = "Deze hulpvraag hoort bij een andere school dan de gekozen groep. Kies een groep van die school.";
            else if (teacherId is not null && request.TeacherId != teacherId)
                errors[nameof(VisitDraft.SupportRequestId)] = "Deze hulpvraag is van een andere leerkracht. Kies die leerkracht, of plan het bezoek los van de hulpvraag.";
            else if (request.Status == SupportRequestStatus.Closed)
                errors[nameof(VisitDraft.SupportRequestId)] = "Deze hulpvraag is al afgesloten. Heropen haar eerst, of plan het bezoek los van de hulpvraag.";
        }
        if (earlier is not null)
        {
            if (group is not null && earlier.SchoolId != group.SchoolId)
                errors[nameof(VisitDraft.FollowUpOfId)] = "Het eerdere bezoek was op een andere school. Kies een groep van die school.";
            else if (teacherId is not null && earlier.TeacherId != teacherId)
                errors[nameof(VisitDraft.FollowUpOfId)] = "Het eerdere bezoek was bij een andere leerkracht. Een vervolgbezoek is bij dezelfde leerkracht.";
            else if (earlier.Status == VisitStatus.Cancelled)
                errors[nameof(VisitDraft.FollowUpOfId)] = "Het eerdere bezoek is geannuleerd. Plan dit bezoek los, zonder vervolg.";
            else if (earlier.ObservedAt is null)
                errors[nameof(VisitDraft.FollowUpOfId)] = "Het eerdere bezoek is nog niet geobserveerd. Plan een vervolgbezoek zodra die observatie is afgerond.";
        }
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var now = Now;
        var visit = new ClassroomVisit
        {
            SchoolId = group!.SchoolId,
            GroupId = group.Id,
            TeacherId = teacherId!.Value,
            CoordinatorId = staffId,
            ScheduledAt = scheduledAt!.Value,
            DurationMinutes = duration,
            Focus = focus!,
            ConcernId = concern?.Id,
            SupportRequestId = request?.Id,
            FollowUpOfId = earlier?.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ClassroomVisits.Add(visit);
        var pickedUp = false;
        // Planning a visit in answer to an open request picks it up.
        if (request is not null && request.PickUp(staffId, now))
        {
            request.Version++;
            pickedUp = true;
            audit.Add(db, new AuditRecord(staffId, SupportRequestAuditActions.PickUp, AuditRecordKind.SupportRequest, request.Id, request.PupilId,
                request.SchoolId, CareCoordinatorRole));
        }

        // The visit's id exists only after the first save: both saves share one transaction, so visit and audit land together.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(
                    "Iemand anders heeft deze hulpvraag net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je koos staat er nog.");
            }
            audit.Add(db, new AuditRecord(staffId, Plan, AuditRecordKind.ClassroomVisit, visit.Id, concern?.PupilId ?? request?.PupilId, visit.SchoolId,
                CareCoordinatorRole));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Classroom visit {VisitId} planned for teacher {TeacherId} in group {GroupId} of school {SchoolId} by staff {StaffMemberId} (concern {ConcernId}, request {RequestId}, follow-up of {FollowUpOfId})",
            visit.Id, visit.TeacherId, visit.GroupId, visit.SchoolId, staffId, visit.ConcernId, visit.SupportRequestId, visit.FollowUpOfId);
        if (pickedUp)
            await events.PublishAsync(new SupportRequestChanged(request!.Id, request.SchoolId, request.TeacherId, SupportRequestChange.PickedUp, now), ct);
        return visit.Id;
    }

    /// <summary>Moves a planned visit (IB'er of the school; not once the observation is finished). Returns the new version.</summary>
    public Task<int> RescheduleAsync(int visitId, int expectedVersion, DateOnly? date, TimeOnly? time, int? durationMinutes, CancellationToken ct = default) =>
        ChangeAsync(visitId, expectedVersion, Reschedule, Manages, CareCoordinatorRole, (visit, today) =>
        {
            RequirePlanned(visit);
            var errors = new Dictionary<string, string>();
            var (scheduledAt, duration) = ValidateWhen(date, time, durationMinutes, today, errors);
            if (errors.Count > 0)
                throw new DomainValidationException(errors);
            visit.ScheduledAt = scheduledAt!.Value;
            visit.DurationMinutes = duration;
        }, ct);

    /// <summary>Cancels a planned visit (IB'er of the school; not once the observation is finished). Returns the new version.</summary>
    public Task<int> CancelAsync(int visitId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(visitId, expectedVersion, Cancel, Manages, CareCoordinatorRole, (visit, _) =>
        {
            RequirePlanned(visit);
            visit.Status = VisitStatus.Cancelled;
            visit.CancelledAt = Now;
        }, ct);

    // ---------------------------------------------------------------- after the visit

    /// <summary>
    /// Records (or edits) the notes of the feedback conversation, once the observation is finished (IB'er of the school).
    /// Coaching goals on the visit are agreed with <see cref="CoachingGoalService.AddAsync"/>. Returns the new version.
    /// </summary>
    public Task<int> RecordFeedbackAsync(int visitId, int expectedVersion, FeedbackInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var notes = DiscussionService.Text(input.Notes, nameof(FeedbackInput.Notes), ClassroomVisit.NotesMaxLength, "Het verslag van het nagesprek", errors);
        if (notes is null && errors.Count == 0)
            errors[nameof(FeedbackInput.Notes)] = "Schrijf kort op wat jullie in het nagesprek bespraken en afspraken.";
        return ChangeAsync(visitId, expectedVersion, RecordFeedback, Manages, CareCoordinatorRole, (visit, _) =>
        {
            if (visit.Status == VisitStatus.Cancelled)
                throw new DomainException("Dit klassenbezoek is geannuleerd; er valt geen nagesprek vast te leggen.");
            if (visit.Status == VisitStatus.Planned)
                throw new DomainException("Rond eerst de observatie af; daarna leg je het nagesprek vast.");
            if (errors.Count > 0)
                throw new DomainValidationException(errors);
            visit.FeedbackNotes = notes;
            visit.Status = VisitStatus.FeedbackGiven;
            visit.FeedbackAt ??= Now;
        }, ct);
    }

    /// <summary>
    /// The visited teacher writes (or revises) their reflection, once the observation is finished. Nobody else does, not
    /// even the IB'er. Returns the new version.
    /// </summary>
    public Task<int> SaveReflectionAsync(int visitId, int expectedVersion, ReflectionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var wentWell = DiscussionService.Text(input.WentWell, nameof(ReflectionInput.WentWell), ClassroomVisit.ReflectionMaxLength, "Wat ging goed", errors);
        var toImprove = DiscussionService.Text(input.ToImprove, nameof(ReflectionInput.ToImprove), ClassroomVisit.ReflectionMaxLength, "Wat kan beter", errors);
        var support = DiscussionService.Text(input.SupportNeeded, nameof(ReflectionInput.SupportNeeded), ClassroomVisit.ReflectionMaxLength, "Welke steun je nodig hebt", errors);
        if (wentWell is null && toImprove is null && support is null)
            errors[nameof(ReflectionInput.WentWell)] = "Vul minstens één vraag in, bijvoorbeeld wat er goed ging.";
        return ChangeAsync(visitId, expectedVersion, Reflect, (scope, visit) => VisitAccess.IsTheTeacher(scope, visit.TeacherId, visit.SchoolId), TeacherRole,
            (visit, _) =>
            {
                if (visit.Status == VisitStatus.Cancelled)
                    throw new DomainException("Dit klassenbezoek is geannuleerd; er valt niets op te reflecteren.");
                if (visit.Status == VisitStatus.Planned)
                    throw new DomainException("Je kunt je reflectie schrijven zodra de intern begeleider de observatie heeft afgerond.");
                if (errors.Count > 0)
                    throw new DomainValidationException(errors);
                visit.ReflectionWentWell = wentWell;
                visit.ReflectionToImprove = toImprove;
                visit.ReflectionSupportNeeded = support;
                visit.ReflectedAt = Now;
            }, ct);
    }

    // ---------------------------------------------------------------- reading

    /// <summary>The visit for the IB'er of the school or the visited teacher. Audited as a read.</summary>
    public Task<VisitDetail> GetAsync(int visitId, CancellationToken ct = default) => LoadDetailAsync(visitId, auditRead: true, ct);

    /// <summary>The visit again, for the page that shows it after the user's own change there (the read was audited when
    /// the page opened; a refusal is audited as always).</summary>
    public Task<VisitDetail> RefreshAsync(int visitId, CancellationToken ct = default) => LoadDetailAsync(visitId, auditRead: false, ct);

    /// <summary>
    /// The IB'er's visits at their care schools by stage (<paramref name="schoolIds"/> narrows to some of them; null: all).
    /// Audited once as a list; refused (and audited) for anyone who coordinates care nowhere.
    /// </summary>
    public async Task<VisitOverview> GetOverviewAsync(IReadOnlyCollection<int>? schoolIds = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(List);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var care = scope.CareSchoolIds.ToList();
        if (care.Count == 0)
            throw await audit.RefuseAsync(staffId, List, AuditRecordKind.ClassroomVisit, null, ct);
        var ids = schoolIds is null ? care : care.Where(schoolIds.Contains).ToList();

        var now = Now;
        var recent = now.AddDays(-VisitOverview.RecentDays);
        // A reflection still awaited after a year is no longer asked for in the overview (the visit stays in the teacher's history).
        var awaitedSince = now.AddDays(-VisitOverview.AwaitedReflectionDays);
        var visits = await SummariesAsync(db, db.ClassroomVisits.Where(v => ids.Contains(v.SchoolId) &&
            (v.Status == VisitStatus.Planned || v.Status == VisitStatus.Observed ||
             (v.Status == VisitStatus.FeedbackGiven && ((v.ReflectedAt == null && v.FeedbackAt >= awaitedSince) || v.ReflectedAt >= recent || v.FeedbackAt >= recent)) ||
             (v.Status == VisitStatus.Cancelled && (v.CancelledAt >= recent || v.ScheduledAt >= recent)))), now, ct);
        var schools = await db.Schools.AsNoTracking()
            .Where(s => care.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SchoolOption(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);

        await audit.RecordAsync(new AuditRecord(staffId, List, AuditRecordKind.ClassroomVisit, null, null, ids.Count == 1 ? ids[0] : null, CareCoordinatorRole), ct);
        logger.LogInformation("Classroom visit overview read by staff {StaffMemberId} for {SchoolCount} schools ({VisitCount} visits)", staffId, ids.Count, visits.Count);

        var sunday = DiscussionTime.WeekEnd(today);
        var planned = visits.Where(v => v.Stage == VisitStage.Planned).OrderBy(v => v.ScheduledAt).ToList();
        return new VisitOverview(
            planned.Where(v => v.Date <= sunday).ToList(),
            planned.Where(v => v.Date > sunday).ToList(),
            visits.Where(v => v.Stage == VisitStage.ObservationDue).OrderBy(v => v.ScheduledAt).ToList(),
            visits.Where(v => v.Stage == VisitStage.AwaitingFeedback).OrderBy(v => v.ScheduledAt).ToList(),
            visits.Where(v => v.Stage == VisitStage.AwaitingReflection).OrderByDescending(v => v.ScheduledAt).ToList(),
            visits.Where(v => v.Stage == VisitStage.Completed).OrderByDescending(v => v.ScheduledAt).ToList(),
            visits.Where(v => v.Stage == VisitStage.Cancelled).OrderByDescending(v => v.ScheduledAt).ToList(),
            schools,
            today);
    }

    /// <summary>
    /// For the IB'er dashboard's card: this week's visits still to come, and those awaiting the observation or the feedback
    /// conversation, at <paramref name="schoolIds"/> (narrowed to the IB'er's care schools). A working view that shows no
    /// notes: only a refusal is audited (like the dashboard's care agenda).
    /// </summary>
    public async Task<UpcomingVisits> GetUpcomingAsync(IReadOnlyCollection<int> schoolIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schoolIds);
        var staffId = await currentUser.RequireStaffMemberIdAsync(List);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        if (scope.CareSchoolIds.Count == 0)
            throw await audit.RefuseAsync(staffId, List, AuditRecordKind.ClassroomVisit, null, ct);
        var ids = scope.CareSchoolIds.Where(schoolIds.Contains).ToList();
        var now = Now;
        var endOfWeek = DiscussionTime.StartOfDayUtc(DiscussionTime.WeekEnd(today).AddDays(1), Zone);
        var visits = await SummariesAsync(db, db.ClassroomVisits.Where(v => ids.Contains(v.SchoolId) &&
            ((v.Status == VisitStatus.Planned && v.ScheduledAt < endOfWeek) || v.Status == VisitStatus.Observed)), now, ct);
        return new UpcomingVisits(
            visits.Where(v => v.Stage == VisitStage.Planned).OrderBy(v => v.ScheduledAt).ToList(),
            visits.Where(v => v.Stage == VisitStage.ObservationDue).OrderBy(v => v.ScheduledAt).ToList(),
            visits.Where(v => v.Stage == VisitStage.AwaitingFeedback).OrderBy(v => v.ScheduledAt).ToList(),
            today);
    }

    // ---------------------------------------------------------------- helpers

    private static bool Manages(UserScope scope, ClassroomVisit visit) => VisitAccess.MayManage(scope, visit.SchoolId);

    private static void RequirePlanned(ClassroomVisit visit)
    {
        if (visit.Status == VisitStatus.Cancelled)
            throw new DomainException("Dit klassenbezoek is al geannuleerd.");
        if (visit.Status != VisitStatus.Planned)
            throw new DomainException("De observatie van dit bezoek is al afgerond; verzetten of annuleren kan niet meer.");
        if (visit.CriteriaSetId is not null || visit.ReflectedAt is not null)
            throw new DomainException("De observatie van dit bezoek is al begonnen; verzetten of annuleren kan niet meer. Rond de observatie af.");
    }

    /// <summary>The date, time and duration rules shared by planning and rescheduling, as Dutch messages per field.</summary>
    private (DateTime? ScheduledAt, int Duration) ValidateWhen(DateOnly? date, TimeOnly? time, int? durationMinutes, DateOnly today,
        Dictionary<string, string> errors)
    {
        DateTime? scheduledAt = null;
        if (date is not { } d)
            errors[nameof(VisitDraft.Date)] = "Kies de datum van het bezoek.";
        else if (d < today)
            errors[nameof(VisitDraft.Date)] = "Deze datum is al voorbij. Kies vandaag of een latere dag.";
        else if (d > today.AddYears(1))
            errors[nameof(VisitDraft.Date)] = "Plan het bezoek binnen een jaar vanaf vandaag.";
        if (time is not { } t)
            errors[nameof(VisitDraft.Time)] = "Kies het tijdstip van het bezoek.";
        else if (date is { } day)
        {
            scheduledAt = DiscussionTime.ToUtc(day, t, Zone);
            if (scheduledAt is null)
                errors[nameof(VisitDraft.Time)] = "Dit tijdstip bestaat niet door de overgang naar de zomertijd. Kies een ander tijdstip.";
        }
        var duration = durationMinutes ?? ClassroomVisit.DefaultDurationMinutes;
        if (duration is < ClassroomVisit.MinDurationMinutes or > ClassroomVisit.MaxDurationMinutes)
            errors[nameof(VisitDraft.DurationMinutes)] =
                $"Kies een duur van {ClassroomVisit.MinDurationMinutes} tot {ClassroomVisit.MaxDurationMinutes} minuten.";
        return (scheduledAt, duration);
    }

    private static string? ValidateFocus(string? value, Dictionary<string, string> errors)
    {
        var focus = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (focus is null)
            errors[nameof(VisitDraft.Focus)] = "Schrijf op waar je op let tijdens het bezoek, bijvoorbeeld ‘instructie in de kleine kring’.";
        else if (focus.Length > ClassroomVisit.FocusMaxLength)
            errors[nameof(VisitDraft.Focus)] =
                $"Houd de focus kort: hooguit {ClassroomVisit.FocusMaxLength} tekens (nu {focus.Length}). Wat je typte blijft staan.";
        return focus;
    }

    /// <summary>Loads the visit tracked, checks the user's right and the version, applies the change, raises the version
    /// and audits it in the same save. Returns the new version.</summary>
    private async Task<int> ChangeAsync(int visitId, int expectedVersion, string action, Func<UserScope, ClassroomVisit, bool> mayChange,
        string role, Action<ClassroomVisit, DateOnly> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var visit = await db.ClassroomVisits.SingleOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || !mayChange(scope, visit))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.ClassroomVisit, visitId, ct);
        if (visit.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);

        apply(visit, today);
        visit.Version++;
        visit.UpdatedAt = Now;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.ClassroomVisit, visit.Id, null, visit.SchoolId, role));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }
        logger.LogInformation("Classroom visit {VisitId} changed ({Action}) by staff {StaffMemberId}; status {Status}, version {Version}",
            visit.Id, action, staffId, visit.Status, visit.Version);
        return visit.Version;
    }

    private async Task<VisitDetail> LoadDetailAsync(int visitId, bool auditRead, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Read);
        var today = Today;
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var v = await db.ClassroomVisits.AsNoTracking()
            .Where(x => x.Id == visitId)
            .Select(x => new
            {
                x.Id,
                x.Status,
                x.SchoolId,
                SchoolName = x.School!.Name,
                x.School.ShortName,
                x.School.Color,
                x.GroupId,
                GroupName = x.Group!.Name,
                x.TeacherId,
                TeacherName = x.Teacher!.DisplayName,
                x.CoordinatorId,
                CoordinatorName = x.Coordinator!.DisplayName,
                x.ScheduledAt,
                x.DurationMinutes,
                x.Focus,
                x.ConcernId,
                ConcernPupilId = x.Concern != null ? (int?)x.Concern.PupilId : null,
                x.SupportRequestId,
                RequestPupilId = x.SupportRequest != null ? x.SupportRequest.PupilId : null,
                x.FollowUpOfId,
                x.CriteriaSetId,
                x.ObservedAt,
                x.FeedbackNotes,
                x.FeedbackAt,
                x.ReflectionWentWell,
                x.ReflectionToImprove,
                x.ReflectionSupportNeeded,
                x.ReflectedAt,
                x.CancelledAt,
                x.Version,
            })
            .SingleOrDefaultAsync(ct);
        if (v is null || !VisitAccess.MayRead(scope, v.TeacherId, v.SchoolId))
            throw await audit.RefuseAsync(staffId, Read, AuditRecordKind.ClassroomVisit, visitId, ct);

        var links = await db.ClassroomVisits.AsNoTracking()
            .Where(x => x.FollowUpOfId == visitId || x.Id == v.FollowUpOfId)
            .Select(x => new { x.Id, x.FollowUpOfId, x.Status, x.ScheduledAt, x.ReflectedAt })
            .ToListAsync(ct);
        VisitLink Link(int id, VisitStatus status, DateTime at, DateTime? reflectedAt) =>
            new(id, DiscussionTime.ToLocal(at, Zone), ClassroomVisit.Stage(status, at, reflectedAt, now));
        var followUpOf = links.Where(l => l.Id == v.FollowUpOfId).Select(l => Link(l.Id, l.Status, l.ScheduledAt, l.ReflectedAt)).FirstOrDefault();
        var followUps = links.Where(l => l.FollowUpOfId == visitId).OrderBy(l => l.ScheduledAt)
            .Select(l => Link(l.Id, l.Status, l.ScheduledAt, l.ReflectedAt)).ToList();
        var goals = await db.CoachingGoals.AsNoTracking()
            .Where(g => g.VisitId == visitId)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new VisitGoalView(g.Id, g.Description, g.ReviewOn, g.Status, g.CreatedAt, g.ClosedAt, g.Version))
            .ToListAsync(ct);
        // The teacher's goals still running from earlier visits at this school: context for a follow-up. The visit's
        // readers (its IB'er, the visited teacher) are exactly those who may read these goals.
        var earlierGoals = (await db.CoachingGoals.AsNoTracking()
                .Where(g => g.TeacherId == v.TeacherId && g.SchoolId == v.SchoolId && g.Status == CoachingGoalStatus.Active &&
                            g.VisitId != null && g.VisitId != visitId && g.Visit!.ScheduledAt < v.ScheduledAt)
                .OrderBy(g => g.Visit!.ScheduledAt).ThenBy(g => g.CreatedAt).ThenBy(g => g.Id)
                .Select(g => new { g.Id, g.Description, g.ReviewOn, VisitId = g.VisitId!.Value, g.Visit!.ScheduledAt })
                .ToListAsync(ct))
            .Select(g => new EarlierGoalView(g.Id, g.Description, g.ReviewOn, g.VisitId, DateOnly.FromDateTime(DiscussionTime.ToLocal(g.ScheduledAt, Zone))))
            .ToList();

        var role = VisitAccess.RoleFor(scope, v.TeacherId, v.SchoolId);
        if (auditRead)
        {
            await audit.RecordAsync(new AuditRecord(staffId, Read, AuditRecordKind.ClassroomVisit, v.Id, v.ConcernPupilId ?? v.RequestPupilId, v.SchoolId, role), ct);
            logger.LogInformation("Classroom visit {VisitId} read by staff {StaffMemberId} as {Role}", v.Id, staffId, role);
        }

        var reflection = v.ReflectedAt is { } reflectedAt
            ? new VisitReflection(v.ReflectionWentWell, v.ReflectionToImprove, v.ReflectionSupportNeeded, reflectedAt,
                DateOnly.FromDateTime(DiscussionTime.ToLocal(reflectedAt, Zone)))
            : null;
        return new VisitDetail(v.Id, v.Status, ClassroomVisit.Stage(v.Status, v.ScheduledAt, v.ReflectedAt, now),
            v.SchoolId, v.SchoolName, v.ShortName, v.Color, v.GroupId, v.GroupName, v.TeacherId, v.TeacherName, v.CoordinatorId, v.CoordinatorName,
            v.ScheduledAt, DiscussionTime.ToLocal(v.ScheduledAt, Zone), v.DurationMinutes, v.Focus, v.ConcernId, v.SupportRequestId,
            followUpOf, followUps, v.ObservedAt, v.FeedbackNotes, v.FeedbackAt,
            v.FeedbackAt is { } feedbackAt ? DateOnly.FromDateTime(DiscussionTime.ToLocal(feedbackAt, Zone)) : null, goals, earlierGoals, reflection, v.CancelledAt, v.Version,
            VisitAccess.MayManage(scope, v.SchoolId), VisitAccess.IsTheTeacher(scope, v.TeacherId, v.SchoolId), today,
            ObservationBegun: v.CriteriaSetId is not null);
    }

    private async Task<List<VisitSummary>> SummariesAsync(PortalDbContext db, IQueryable<ClassroomVisit> query, DateTime now, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(v => new
            {
                v.Id,
                v.Status,
                v.SchoolId,
                SchoolName = v.School!.Name,
                v.School.ShortName,
                v.School.Color,
                v.GroupId,
                GroupName = v.Group!.Name,
                v.TeacherId,
                TeacherName = v.Teacher!.DisplayName,
                v.ScheduledAt,
                v.DurationMinutes,
                v.Focus,
                v.FollowUpOfId,
                v.ConcernId,
                v.SupportRequestId,
                v.ReflectedAt,
            })
            .ToListAsync(ct);
        return rows.Select(r => new VisitSummary(r.Id, r.Status, ClassroomVisit.Stage(r.Status, r.ScheduledAt, r.ReflectedAt, now),
                r.SchoolId, r.SchoolName, r.ShortName, r.Color, r.GroupId, r.GroupName, r.TeacherId, r.TeacherName,
                r.ScheduledAt, DiscussionTime.ToLocal(r.ScheduledAt, Zone), r.DurationMinutes, r.Focus,
                r.FollowUpOfId is not null, r.ConcernId is not null, r.SupportRequestId is not null))
            .ToList();
    }

    /// <summary>This school year's groups at the schools, each with the active staff holding the Teacher role there who teach it.</summary>
    private static async Task<IReadOnlyList<VisitGroupOption>> GroupOptionsAsync(PortalDbContext db, IReadOnlyCollection<int> schoolIds, DateOnly today,
        CancellationToken ct)
    {
        var ids = schoolIds.ToList();
        var year = SchoolYear.StartYearOf(today);
        var rows = await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.SchoolId) && g.SchoolYear!.StartYear == year)
            .OrderBy(g => g.School!.Name).ThenBy(g => g.FirstGrade).ThenBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.SchoolId, SchoolName = g.School!.Name, g.School.ShortName, g.School.Color })
            .ToListAsync(ct);
        var groupIds = rows.Select(g => g.Id).ToList();
        var teaching = await db.GroupTeachers.AsNoTracking()
            .Where(t => groupIds.Contains(t.GroupId) && t.StaffMember!.IsActive &&
                        t.StaffMember.Roles.Any(r => r.Role == PortalRole.Teacher && r.SchoolId == t.Group!.SchoolId))
            .Select(t => new { t.GroupId, t.StaffMemberId })
            .ToListAsync(ct);
        return rows.Select(g => new VisitGroupOption(g.Id, g.Name, g.SchoolId, g.SchoolName, g.ShortName, g.Color,
                teaching.Where(t => t.GroupId == g.Id).Select(t => t.StaffMemberId).Order().ToList()))
            .ToList();
    }

    /// <summary>Active staff with the Teacher role at the schools.</summary>
    private static async Task<IReadOnlyList<StaffOption>> TeachersAsync(PortalDbContext db, IReadOnlyCollection<int> schoolIds, CancellationToken ct)
    {
        var ids = schoolIds.ToList();
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == PortalRole.Teacher && ids.Contains(r.SchoolId) && r.StaffMember!.IsActive)
            .Select(r => new StaffOption(r.StaffMemberId, r.StaffMember!.DisplayName, r.SchoolId))
            .ToListAsync(ct);
        return rows.Distinct().OrderBy(r => r.DisplayName, StringComparer.Create(DiscussionLabels.Culture, true)).ThenBy(r => r.StaffMemberId).ToList();
    }

    private static Task<bool> IsTeacherAtAsync(PortalDbContext db, int staffId, int schoolId, CancellationToken ct) =>
        db.RoleAssignments.AnyAsync(r => r.StaffMemberId == staffId && r.SchoolId == schoolId && r.Role == PortalRole.Teacher && r.StaffMember!.IsActive, ct);

    private static async Task<int?> DefaultTeacherAsync(PortalDbContext db, int groupId, int schoolId, CancellationToken ct) =>
        await db.GroupTeachers.AsNoTracking()
            .Where(t => t.GroupId == groupId && t.StaffMember!.IsActive &&
                        t.StaffMember.Roles.Any(r => r.Role == PortalRole.Teacher && r.SchoolId == schoolId))
            .OrderBy(t => t.StaffMemberId)
            .Select(t => (int?)t.StaffMemberId)
            .FirstOrDefaultAsync(ct);

    private static async Task<int?> CurrentGroupOfPupilAsync(PortalDbContext db, int pupilId, int schoolId, DateOnly today, CancellationToken ct)
    {
        var year = SchoolYear.StartYearOf(today);
        return await db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupilId && e.Group!.SchoolId == schoolId && e.Group.SchoolYear!.StartYear == year &&
                        e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .OrderBy(e => e.GroupId)
            .Select(e => (int?)e.GroupId)
            .FirstOrDefaultAsync(ct);
    }

    private static int? FirstGroupOf(IReadOnlyList<VisitGroupOption> groups, int teacherId, int schoolId) =>
        groups.FirstOrDefault(g => g.SchoolId == schoolId && g.TeacherIds.Contains(teacherId))?.GroupId;

    private static DateOnly NextSchoolDay(DateOnly today)
    {
        var day = today.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            day = day.AddDays(1);
        return day;
    }

    private static string AreaText(DevelopmentArea area) => area switch
    {
        DevelopmentArea.Cognitive => "cognitief",
        DevelopmentArea.SocialEmotional => "sociaal-emotioneel",
        _ => "cognitief en sociaal-emotioneel",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
