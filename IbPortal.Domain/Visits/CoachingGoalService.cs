using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Visits.VisitAuditActions;

namespace IbPortal.Domain.Visits;

/// <summary>What a new coaching goal is about and says. It belongs to a visit, a support request, or directly to a teacher.</summary>
public sealed class NewCoachingGoal
{
    /// <summary>The visit after which it was agreed (teacher and school come from the visit).</summary>
    public int? VisitId { get; set; }

    /// <summary>The support request it answers (teacher and school come from the request).</summary>
    public int? SupportRequestId { get; set; }

    /// <summary>The teacher, when neither a visit nor a request is given.</summary>
    public int? TeacherId { get; set; }

    /// <summary>The school, when neither a visit nor a request is given.</summary>
    public int? SchoolId { get; set; }

    public string? Description { get; set; }
    public DateOnly? ReviewOn { get; set; }
}

/// <summary>
/// Coaching goals for a teacher's own practice: agreed by the IB'er of the school (after a visit, in answer to a support
/// request, or on their own), changed, closed as achieved or dropped, and reopened. The teacher reads them (the overviews);
/// only the IB'er changes them. Each change is audited in the same save; refusals are audited.
/// </summary>
public sealed class CoachingGoalService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    IPortalEvents events,
    TimeProvider clock,
    ILogger<CoachingGoalService> logger)
{
    /// <summary>How far ahead a review date may lie.</summary>
    public const int MaxReviewDaysAhead = 366;

    private const string ConflictMessage =
        "Iemand anders heeft dit coachingsdoel net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Agrees a new goal. Returns its id.</summary>
    public async Task<int> AddAsync(NewCoachingGoal input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var action = input.SupportRequestId is not null ? SupportRequestAuditActions.AddGoal : GoalAdd;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        // Teacher and school come from the visit, else from the request (below), else from the input.
        int teacherId = 0, schoolId = 0;
        TeacherSupportRequest? request = null;
        if (input.VisitId is { } visitId)
        {
            var visit = await db.ClassroomVisits.AsNoTracking().Where(v => v.Id == visitId)
                .Select(v => new { v.TeacherId, v.SchoolId, v.Status, v.ObservedAt }).SingleOrDefaultAsync(ct);
            if (visit is null || !VisitAccess.MayManage(scope, visit.SchoolId))
                throw await audit.RefuseAsync(staffId, action, AuditRecordKind.ClassroomVisit, visitId, ct);
            if (visit.Status == VisitStatus.Cancelled)
                throw new DomainException("Dit klassenbezoek is geannuleerd; leg het doel vast bij een ander bezoek of bij de leerkracht.");
            if (visit.ObservedAt is null)
                throw new DomainException("Coachingsdoelen spreek je af na de observatie. Rond eerst de observatie van dit bezoek af.");
            (teacherId, schoolId) = (visit.TeacherId, visit.SchoolId);
        }
        else if (input.SupportRequestId is null)
        {
            if (input.TeacherId is not { } t || input.SchoolId is not { } s || !VisitAccess.MayManage(scope, s))
                throw await audit.RefuseAsync(staffId, action, AuditRecordKind.CoachingGoal, null, ct);
            var teaches = await db.RoleAssignments.AnyAsync(r => r.StaffMemberId == t && r.SchoolId == s && r.Role == PortalRole.Teacher
                                                                 && r.StaffMember!.IsActive, ct);
            if (!teaches)
                throw new DomainValidationException(nameof(NewCoachingGoal.TeacherId), "Kies een leerkracht van deze school.");
            (teacherId, schoolId) = (t, s);
        }

        if (input.SupportRequestId is { } requestId)
        {
            // Checked also alongside a visit: a goal may only answer a request of the same teacher at the same school.
            request = await db.TeacherSupportRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
            if (request is null || !VisitAccess.MayManage(scope, request.SchoolId))
                throw await audit.RefuseAsync(staffId, action, AuditRecordKind.SupportRequest, requestId, ct);
            if (request.Status == SupportRequestStatus.Closed)
                throw new DomainException("Deze hulpvraag is al afgesloten. Heropen haar eerst, of leg het doel vast bij de leerkracht.");
            if (input.VisitId is null)
                (teacherId, schoolId) = (request.TeacherId, request.SchoolId);
            else if (request.TeacherId != teacherId || request.SchoolId != schoolId)
                throw new DomainValidationException(nameof(NewCoachingGoal.SupportRequestId),
                    "Deze hulpvraag is van een andere leerkracht of school dan het bezoek.");
        }

        if (teacherId == staffId)
            throw new DomainException("Je kunt geen coachingsdoel voor jezelf vastleggen; dat doet een andere intern begeleider.");
        var errors = Validate(input.Description, input.ReviewOn, today);
        var active = await db.CoachingGoals.CountAsync(g => g.TeacherId == teacherId && g.SchoolId == schoolId && g.Status == CoachingGoalStatus.Active, ct);
        if (active >= CoachingGoal.MaxActivePerTeacher)
            errors[nameof(NewCoachingGoal.Description)] = TooManyMessage;
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var goal = new CoachingGoal
        {
            SchoolId = schoolId,
            TeacherId = teacherId,
            VisitId = input.VisitId,
            SupportRequestId = input.SupportRequestId,
            Description = input.Description!.Trim(),
            ReviewOn = input.ReviewOn,
            CreatedAt = Now,
            CreatedById = staffId,
        };
        db.CoachingGoals.Add(goal);
        var pickedUp = false;
        // Agreeing a goal on an open request picks it up.
        if (request is not null && request.PickUp(staffId, Now))
        {
            request.Version++;
            pickedUp = true;
            audit.Add(db, new AuditRecord(staffId, SupportRequestAuditActions.PickUp, AuditRecordKind.SupportRequest, request.Id, request.PupilId,
                schoolId, nameof(PortalRole.CareCoordinator)));
        }
        // The goal's id exists only after the first save: both saves share one transaction, so goal and audit land together.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(ConflictMessage);
            }
            audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.CoachingGoal, goal.Id, null, schoolId, nameof(PortalRole.CareCoordinator)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Coaching goal {GoalId} added for teacher {TeacherId} at school {SchoolId} by staff {StaffMemberId} (visit {VisitId}, request {RequestId})",
            goal.Id, teacherId, schoolId, staffId, input.VisitId, input.SupportRequestId);
        if (pickedUp)
            await events.PublishAsync(new SupportRequestChanged(request!.Id, schoolId, teacherId, SupportRequestChange.PickedUp, Now), ct);
        return goal.Id;
    }

    /// <summary>Changes a goal's wording or review date.</summary>
    public Task<int> UpdateAsync(int goalId, int expectedVersion, string? description, DateOnly? reviewOn, CancellationToken ct = default) =>
        ChangeAsync(goalId, expectedVersion, GoalEdit, (goal, today) =>
        {
            if (goal.Status != CoachingGoalStatus.Active)
                throw new DomainException("Dit coachingsdoel is afgerond. Heropen het eerst om het te wijzigen.");
            var errors = Validate(description, reviewOn == goal.ReviewOn ? null : reviewOn, today);
            if (errors.Count > 0)
                throw new DomainValidationException(errors);
            goal.Description = description!.Trim();
            goal.ReviewOn = reviewOn;
            return Task.CompletedTask;
        }, ct);

    /// <summary>Closes a goal: achieved, or dropped (no longer worked on).</summary>
    public Task<int> CloseAsync(int goalId, int expectedVersion, bool achieved, CancellationToken ct = default) =>
        ChangeAsync(goalId, expectedVersion, GoalClose, (goal, _) =>
        {
            if (goal.Status != CoachingGoalStatus.Active)
                throw new DomainException("Dit coachingsdoel is al afgerond.");
            goal.Status = achieved ? CoachingGoalStatus.Achieved : CoachingGoalStatus.Dropped;
            goal.ClosedAt = Now;
            return Task.CompletedTask;
        }, ct, setClosedBy: true);

    /// <summary>Makes a closed goal active again (within the limit of active goals).</summary>
    public Task<int> ReopenAsync(int goalId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(goalId, expectedVersion, GoalReopen, (goal, _) =>
        {
            if (goal.Status == CoachingGoalStatus.Active)
                throw new DomainException("Dit coachingsdoel loopt nog.");
            goal.Status = CoachingGoalStatus.Active;
            goal.ClosedAt = null;
            goal.ClosedById = null;
            return Task.CompletedTask;
        }, ct, checkLimit: true);

    /// <summary>The rules for a goal's text and review date, as Dutch messages per field (empty: fine).</summary>
    public static Dictionary<string, string> Validate(string? description, DateOnly? reviewOn, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(description))
            errors[nameof(NewCoachingGoal.Description)] = "Beschrijf het doel, bijvoorbeeld ‘Ik geef de instructie in hooguit tien minuten’.";
        else if (description.Trim().Length > CoachingGoal.DescriptionMaxLength)
            errors[nameof(NewCoachingGoal.Description)] = $"Houd het doel kort: hooguit {CoachingGoal.DescriptionMaxLength} tekens.";
        if (reviewOn is { } r && r < today)
            errors[nameof(NewCoachingGoal.ReviewOn)] = "Deze datum is al voorbij. Kies vandaag of een latere dag.";
        else if (reviewOn is { } r2 && r2 > today.AddDays(MaxReviewDaysAhead))
            errors[nameof(NewCoachingGoal.ReviewOn)] = "Kies een datum binnen een jaar vanaf vandaag.";
        return errors;
    }

    public static string TooManyMessage =>
        $"Deze leerkracht heeft al {CoachingGoal.MaxActivePerTeacher} lopende coachingsdoelen. Rond er eerst een af: een paar doelen tegelijk werkt het best.";

    /// <summary>Loads the goal tracked, checks that the user manages it and the version, applies the change, raises the
    /// version and audits it in the same save. Returns the new version.</summary>
    private async Task<int> ChangeAsync(int goalId, int expectedVersion, string action, Func<CoachingGoal, DateOnly, Task> apply,
        CancellationToken ct, bool setClosedBy = false, bool checkLimit = false)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var goal = await db.CoachingGoals.SingleOrDefaultAsync(g => g.Id == goalId, ct);
        if (goal is null || !VisitAccess.MayManage(scope, goal.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.CoachingGoal, goalId, ct);
        if (goal.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        if (checkLimit && !await db.StaffMembers.AnyAsync(m => m.Id == goal.TeacherId && m.IsActive, ct))
            throw new DomainException("Deze leerkracht werkt niet meer met IbPortal; een doel heropenen kan dan niet.");
        if (checkLimit && await db.CoachingGoals.CountAsync(g => g.TeacherId == goal.TeacherId && g.SchoolId == goal.SchoolId
                                                                  && g.Status == CoachingGoalStatus.Active, ct) >= CoachingGoal.MaxActivePerTeacher)
            throw new DomainException(TooManyMessage);

        await apply(goal, today);
        if (setClosedBy)
            goal.ClosedById = staffId;
        goal.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.CoachingGoal, goal.Id, null, goal.SchoolId, nameof(PortalRole.CareCoordinator)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }
        logger.LogInformation("Coaching goal {GoalId} changed ({Action}) by staff {StaffMemberId}; status {Status}, version {Version}",
            goal.Id, action, staffId, goal.Status, goal.Version);
        return goal.Version;
    }
}
