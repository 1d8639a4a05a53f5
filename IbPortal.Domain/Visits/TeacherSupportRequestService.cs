using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Visits.SupportRequestAuditActions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// Teachers' support requests (hulpvragen): a teacher asks for support with a pupil, the group or their own practice; the
/// IB'er of the school picks it up, answers and closes it (or reopens it); the teacher may withdraw it while nobody has
/// picked it up. Only the asking teacher and the IB'er of the school reach a request (<see cref="VisitAccess"/>). Every
/// change is audited in the same save and published (ids only) after the commit; reads and refusals are audited too.
/// </summary>
public sealed class TeacherSupportRequestService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IPortalEvents events,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<TeacherSupportRequestService> logger)
{
    private const string ConflictMessage =
        "Iemand anders heeft deze hulpvraag net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    public const string ResponseRequiredMessage = "Schrijf kort wat je hebt afgesproken of gedaan; de leerkracht leest dit.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the "Hulp vragen" form offers: the teacher's schools, and their groups this school year with today's pupils.</summary>
    public async Task<SupportRequestAskOptions> GetAskOptionsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Ask);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var teacherSchools = TeacherSchools(scope);
        if (teacherSchools.Count == 0)
            throw await audit.RefuseAsync(staffId, Ask, AuditRecordKind.SupportRequest, null, ct);

        var schools = await db.Schools.AsNoTracking()
            .Where(s => teacherSchools.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SupportRequestSchoolOption(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);

        var groupIds = scope.TaughtGroupIds.ToList();
        var groups = await db.Groups.AsNoTracking()
            .Where(g => groupIds.Contains(g.Id))
            .OrderBy(g => g.School!.Name).ThenBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.SchoolId, g.School!.ShortName })
            .ToListAsync(ct);
        var pupils = await db.Enrolments.AsNoTracking()
            .Where(e => groupIds.Contains(e.GroupId) && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => new { e.GroupId, e.PupilId, e.Pupil!.FirstName, e.Pupil.Infix, e.Pupil.LastName })
            .ToListAsync(ct);

        return new SupportRequestAskOptions(schools, groups
            .Select(g => new SupportRequestGroupOption(g.Id, g.Name, g.SchoolId, g.ShortName, pupils
                .Where(p => p.GroupId == g.Id)
                .Select(p => new SupportRequestPupilOption(p.PupilId, Pupils.Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName)))
                .OrderBy(p => p.FullName, StringComparer.CurrentCulture)
                .ToList()))
            .ToList());
    }

    /// <summary>
    /// The schools whose requests the user sees (as IB'er or as teacher), for the list's school filter. Names and colours
    /// only, so not audited.
    /// </summary>
    public async Task<IReadOnlyList<SupportRequestSchoolOption>> GetSchoolsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(List);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var ids = scope.CareSchoolIds.Union(TeacherSchools(scope)).ToList();
        return await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SupportRequestSchoolOption(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);
    }

    /// <summary>A teacher asks for support. Returns the new request's id.</summary>
    public async Task<int> AskAsync(NewSupportRequest input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var staffId = await currentUser.RequireStaffMemberIdAsync(Ask);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var teacherSchools = TeacherSchools(scope);
        if (teacherSchools.Count == 0)
            throw await audit.RefuseAsync(staffId, Ask, AuditRecordKind.SupportRequest, null, ct);

        // A group or school the teacher does not teach at cannot come from the form (it offers only their own): a refusal.
        int? groupSchoolId = null;
        if (input.GroupId is { } groupId)
        {
            if (!scope.Teaches(groupId))
                throw await audit.RefuseAsync(staffId, Ask, AuditRecordKind.SupportRequest, null, ct);
            groupSchoolId = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.SchoolId).SingleAsync(ct);
        }
        if (input.SchoolId is { } chosenSchool && !teacherSchools.Contains(chosenSchool))
            throw await audit.RefuseAsync(staffId, Ask, AuditRecordKind.SupportRequest, null, ct);

        var errors = new Dictionary<string, string>();
        var topic = input.Topic is { } t && Enum.IsDefined(t) ? t : (SupportTopic?)null;
        if (topic is null)
            errors[nameof(NewSupportRequest.Topic)] = "Kies waar je hulp bij wilt: met een leerling, met de groep of met je eigen aanpak.";

        var question = string.IsNullOrWhiteSpace(input.Question) ? null : input.Question.Trim();
        if (question is null)
            errors[nameof(NewSupportRequest.Question)] = "Schrijf je hulpvraag: waar loop je tegenaan, en wat zou je willen?";
        else if (question.Length > TeacherSupportRequest.QuestionMaxLength)
            errors[nameof(NewSupportRequest.Question)] =
                $"Je hulpvraag mag hoogstens {TeacherSupportRequest.QuestionMaxLength} tekens lang zijn (nu {question.Length}). Maak de tekst korter; wat je typte blijft staan.";

        if (topic is SupportTopic.Pupil or SupportTopic.Group && input.GroupId is null)
            errors[nameof(NewSupportRequest.GroupId)] = "Kies de groep waar je vraag over gaat.";

        int? pupilId = null;
        if (topic == SupportTopic.Pupil)
        {
            if (input.PupilId is not { } p)
                errors[nameof(NewSupportRequest.PupilId)] = "Kies de leerling waar je vraag over gaat.";
            else if (input.GroupId is { } g)
            {
                var enrolled = await db.Enrolments.AsNoTracking().AnyAsync(e => e.PupilId == p && e.GroupId == g
                    && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today), ct);
                if (enrolled)
                    pupilId = p;
                else
                    errors[nameof(NewSupportRequest.PupilId)] = "Deze leerling zit vandaag niet in deze groep. Kies een leerling uit de groep.";
            }
        }

        // The school: the group's; without a group (own practice) the school where the teacher teaches, or the one chosen.
        var schoolId = groupSchoolId ?? input.SchoolId;
        if (schoolId is null && teacherSchools.Count == 1)
            schoolId = teacherSchools.Single();
        if (schoolId is null && topic == SupportTopic.OwnPractice)
            errors[nameof(NewSupportRequest.SchoolId)] = "Je werkt op meer dan één school. Kies de school waar je vraag over gaat.";

        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var now = Now;
        var request = new TeacherSupportRequest
        {
            SchoolId = schoolId!.Value,
            TeacherId = staffId,
            Topic = topic!.Value,
            GroupId = input.GroupId,
            PupilId = pupilId,
            Question = question!,
            Status = SupportRequestStatus.Open,
            CreatedAt = now,
        };
        db.TeacherSupportRequests.Add(request);
        // The request's id exists only after the first save: both saves share one transaction, so request and audit land together.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, Ask, AuditRecordKind.SupportRequest, request.Id, request.PupilId, request.SchoolId,
                nameof(PortalRole.Teacher)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Support request {RequestId} asked by teacher {StaffMemberId} at school {SchoolId} (topic {Topic}, group {GroupId})",
            request.Id, staffId, request.SchoolId, request.Topic, request.GroupId);
        await events.PublishAsync(new SupportRequestChanged(request.Id, request.SchoolId, staffId, SupportRequestChange.Asked, now), ct);
        return request.Id;
    }

    /// <summary>
    /// The requests the user may see: the IB'er those of their care schools, a teacher their own. Open first, then in
    /// progress, then closed; newest first within each. Audited once as a list read.
    /// </summary>
    public async Task<IReadOnlyList<SupportRequestSummary>> ListAsync(SupportRequestQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var staffId = await currentUser.RequireStaffMemberIdAsync(List);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        if (!scope.IsActive || (scope.CareSchoolIds.Count == 0 && TeacherSchools(scope).Count == 0))
            throw await audit.RefuseAsync(staffId, List, AuditRecordKind.SupportRequest, null, ct);

        var requests = VisitAccess.VisibleRequests(db, scope);
        if (query.SchoolIds is { } schools)
        {
            var ids = schools.ToList();
            requests = requests.Where(r => ids.Contains(r.SchoolId));
        }
        if (query.Status is { } status)
            requests = requests.Where(r => r.Status == status);
        if (query.OnlyUnfinished)
            requests = requests.Where(r => r.Status == SupportRequestStatus.Open || r.Status == SupportRequestStatus.InProgress);
        requests = requests
            .OrderBy(r => r.Status == SupportRequestStatus.Open ? 0 : r.Status == SupportRequestStatus.InProgress ? 1 : 2)
            .ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(query.Take, 1, 1000));

        var list = await SummariesAsync(db, scope, requests, ct);
        int? schoolId = query.SchoolIds is { Count: 1 } one ? one.Single() : null;
        await audit.RecordAsync(new AuditRecord(staffId, List, AuditRecordKind.SupportRequest, null, null, schoolId,
            scope.CareSchoolIds.Count > 0 ? nameof(PortalRole.CareCoordinator) : nameof(PortalRole.Teacher)), ct);
        return list;
    }

    /// <summary>One request with its answer and what followed from it. Refused (and audited) when the user may not see it.</summary>
    public async Task<SupportRequestDetail> GetAsync(int requestId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Read);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var row = await VisitAccess.VisibleRequests(db, scope).AsNoTracking()
            .Where(r => r.Id == requestId)
            .Select(r => new
            {
                r.Question,
                PickedUpByName = r.PickedUpById == null ? null : db.StaffMembers.Where(s => s.Id == r.PickedUpById).Select(s => s.DisplayName).FirstOrDefault(),
                ClosedByName = r.ClosedById == null ? null : db.StaffMembers.Where(s => s.Id == r.ClosedById).Select(s => s.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            throw await audit.RefuseAsync(staffId, Read, AuditRecordKind.SupportRequest, requestId, ct);

        var summary = (await SummariesAsync(db, scope, db.TeacherSupportRequests.Where(r => r.Id == requestId), ct)).Single();
        await RecordReadAsync(staffId, scope, summary, ct);

        var now = Now;
        var visits = (await VisitAccess.Visible(db, scope).AsNoTracking()
                .Where(v => v.SupportRequestId == requestId)
                .OrderBy(v => v.ScheduledAt)
                .Select(v => new { v.Id, v.ScheduledAt, v.Status, v.ReflectedAt })
                .ToListAsync(ct))
            .Select(v => new SupportRequestVisitLink(v.Id, v.ScheduledAt, ClassroomVisit.Stage(v.Status, v.ScheduledAt, v.ReflectedAt, now)))
            .ToList();
        var goals = await VisitAccess.VisibleGoals(db, scope).AsNoTracking()
            .Where(g => g.SupportRequestId == requestId)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new SupportRequestGoalLink(g.Id, g.Description, g.Status, g.ReviewOn))
            .ToListAsync(ct);

        logger.LogInformation("Support request {RequestId} read by staff {StaffMemberId}", requestId, staffId);
        return new SupportRequestDetail(summary, row.Question, row.PickedUpByName, row.ClosedByName, visits, goals,
            CanManage: VisitAccess.MayManage(scope, summary.SchoolId),
            CanWithdraw: VisitAccess.IsTheTeacher(scope, summary.TeacherId, summary.SchoolId) && summary.Status == SupportRequestStatus.Open,
            today);
    }

    /// <summary>
    /// One request as a summary, if the user may see it, else null (no refusal: live events reach only those who may hear
    /// of them, so a miss means the request moved out of reach meanwhile). Not audited as a read of its own.
    /// </summary>
    public async Task<SupportRequestSummary?> FindSummaryAsync(int requestId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        // Like a concern's summary: a live list's refresh of a row, not a separate read (the list itself is audited when it loads).
        return (await SummariesAsync(db, scope, VisitAccess.VisibleRequests(db, scope).Where(r => r.Id == requestId), ct)).SingleOrDefault();
    }

    /// <summary>The IB'er picks a new request up. Returns the new version.</summary>
    public Task<int> PickUpAsync(int requestId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(requestId, expectedVersion, PickUp, Actor.Coordinator, (request, staffId, now) =>
        {
            if (request.Status == SupportRequestStatus.Closed)
                throw new DomainException("Deze hulpvraag is afgesloten. Heropen haar eerst.");
            if (!request.PickUp(staffId, now))
                throw new DomainException("Deze hulpvraag is al opgepakt.");
            return SupportRequestChange.PickedUp;
        }, ct);

    /// <summary>The IB'er closes a request with an answer for the teacher. Returns the new version.</summary>
    public Task<int> CloseAsync(int requestId, int expectedVersion, string? response, CancellationToken ct = default) =>
        ChangeAsync(requestId, expectedVersion, Close, Actor.Coordinator, (request, staffId, now) =>
        {
            if (request.Status == SupportRequestStatus.Closed)
                throw new DomainException("Deze hulpvraag is al afgesloten.");
            var text = string.IsNullOrWhiteSpace(response) ? null : response.Trim();
            if (text is null)
                throw new DomainValidationException("Response", ResponseRequiredMessage);
            if (text.Length > TeacherSupportRequest.ResponseMaxLength)
                throw new DomainValidationException("Response",
                    $"Je antwoord mag hoogstens {TeacherSupportRequest.ResponseMaxLength} tekens lang zijn (nu {text.Length}). Maak de tekst korter; wat je typte blijft staan.");
            request.Status = SupportRequestStatus.Closed;
            request.Response = text;
            request.ClosedAt = now;
            request.ClosedById = staffId;
            return SupportRequestChange.Closed;
        }, ct);

    /// <summary>The IB'er reopens a closed request (not one the teacher withdrew); it is in progress again. Returns the new version.</summary>
    public Task<int> ReopenAsync(int requestId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(requestId, expectedVersion, Reopen, Actor.Coordinator, (request, staffId, now) =>
        {
            if (request.Status != SupportRequestStatus.Closed)
                throw new DomainException("Deze hulpvraag is niet afgesloten.");
            if (TeacherSupportRequest.IsWithdrawn(request.Status, request.ClosedById, request.TeacherId, request.Response))
                throw new DomainException("De leerkracht heeft deze hulpvraag ingetrokken; heropenen kan niet. De leerkracht kan een nieuwe hulpvraag stellen.");
            request.Status = SupportRequestStatus.InProgress;
            request.ClosedAt = null;
            request.ClosedById = null;
            request.PickedUpAt ??= now;
            request.PickedUpById ??= staffId;
            return SupportRequestChange.Reopened;
        }, ct);

    /// <summary>The asking teacher withdraws their request while nobody picked it up. Returns the new version.</summary>
    public Task<int> WithdrawAsync(int requestId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(requestId, expectedVersion, Withdraw, Actor.AskingTeacher, (request, staffId, now) =>
        {
            if (request.Status != SupportRequestStatus.Open)
                throw new DomainException(request.Status == SupportRequestStatus.Closed
                    ? "Deze hulpvraag is al afgesloten."
                    : "De intern begeleider heeft je hulpvraag al opgepakt, dus intrekken kan niet meer. Is hij niet meer nodig? Laat het de intern begeleider weten.");
            // Withdrawn: closed by the asking teacher without an answer.
            request.Status = SupportRequestStatus.Closed;
            request.ClosedAt = now;
            request.ClosedById = staffId;
            request.Response = null;
            return SupportRequestChange.Withdrawn;
        }, ct);


    private enum Actor { Coordinator, AskingTeacher }

    private async Task<int> ChangeAsync(int requestId, int expectedVersion, string action, Actor actor,
        Func<TeacherSupportRequest, int, DateTime, SupportRequestChange> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var request = await db.TeacherSupportRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        var allowed = request is not null && (actor == Actor.Coordinator
            ? VisitAccess.MayManage(scope, request.SchoolId)
            : VisitAccess.IsTheTeacher(scope, request.TeacherId, request.SchoolId));
        if (!allowed)
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.SupportRequest, requestId, ct);
        if (actor == Actor.Coordinator && request!.TeacherId == staffId)
            throw new DomainException("Dit is je eigen hulpvraag; een andere intern begeleider pakt haar op.");
        if (request!.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);

        var now = Now;
        var from = request.Status;
        var change = apply(request, staffId, now);
        request.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.SupportRequest, request.Id, request.PupilId, request.SchoolId,
            actor == Actor.Coordinator ? nameof(PortalRole.CareCoordinator) : nameof(PortalRole.Teacher)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        logger.LogInformation("Support request {RequestId} changed ({Change}) by staff {StaffMemberId}: {FromStatus} -> {ToStatus}",
            request.Id, change, staffId, from, request.Status);
        await events.PublishAsync(new SupportRequestChanged(request.Id, request.SchoolId, request.TeacherId, change, now), ct);
        return request.Version;
    }

    private Task RecordReadAsync(int staffId, UserScope scope, SupportRequestSummary summary, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(staffId, Read, AuditRecordKind.SupportRequest, summary.Id, summary.PupilId, summary.SchoolId,
            VisitAccess.RoleFor(scope, summary.TeacherId, summary.SchoolId)), ct);

    private static List<int> TeacherSchools(UserScope scope) =>
        scope.IsActive ? scope.SchoolsWithRole(PortalRole.Teacher).ToList() : [];

    /// <summary>The summaries of <paramref name="requests"/> (in their order), with the visits and goals the user may see.</summary>
    private async Task<IReadOnlyList<SupportRequestSummary>> SummariesAsync(PortalDbContext db, UserScope scope,
        IQueryable<TeacherSupportRequest> requests, CancellationToken ct)
    {
        var rows = await requests.AsNoTracking()
            .Select(r => new
            {
                r.Id,
                r.Topic,
                r.Status,
                r.SchoolId,
                SchoolName = r.School!.Name,
                r.School.ShortName,
                r.School.Color,
                r.TeacherId,
                TeacherName = r.Teacher!.DisplayName,
                r.GroupId,
                GroupName = r.GroupId == null ? null : r.Group!.Name,
                r.PupilId,
                FirstName = r.PupilId == null ? null : r.Pupil!.FirstName,
                Infix = r.PupilId == null ? null : r.Pupil!.Infix,
                LastName = r.PupilId == null ? null : r.Pupil!.LastName,
                r.Question,
                r.Response,
                r.CreatedAt,
                r.PickedUpAt,
                r.ClosedAt,
                r.ClosedById,
                r.Version,
            })
            .ToListAsync(ct);
        if (rows.Count == 0)
            return [];

        var ids = rows.Select(r => r.Id).ToList();
        var visits = await VisitAccess.Visible(db, scope).AsNoTracking()
            .Where(v => v.SupportRequestId != null && ids.Contains(v.SupportRequestId.Value))
            .OrderBy(v => v.ScheduledAt)
            .Select(v => new { RequestId = v.SupportRequestId!.Value, v.Id })
            .ToListAsync(ct);
        var goals = await VisitAccess.VisibleGoals(db, scope).AsNoTracking()
            .Where(g => g.SupportRequestId != null && ids.Contains(g.SupportRequestId.Value))
            .OrderBy(g => g.CreatedAt)
            .Select(g => new { RequestId = g.SupportRequestId!.Value, g.Id })
            .ToListAsync(ct);

        return rows.Select(r => new SupportRequestSummary(
                r.Id, r.Topic, r.Status, TeacherSupportRequest.IsWithdrawn(r.Status, r.ClosedById, r.TeacherId, r.Response),
                r.SchoolId, r.SchoolName, r.ShortName, r.Color, r.TeacherId, r.TeacherName,
                r.GroupId, r.GroupName, r.PupilId,
                r.FirstName is null ? null : Pupils.Pupil.FullNameOf(r.FirstName, r.Infix, r.LastName ?? ""),
                SupportRequestLabels.Excerpt(r.Question), r.Response, r.CreatedAt, r.PickedUpAt, r.ClosedAt,
                visits.Where(v => v.RequestId == r.Id).Select(v => v.Id).ToList(),
                goals.Where(g => g.RequestId == r.Id).Select(g => g.Id).ToList(),
                r.Version))
            .ToList();
    }
}
