using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Quality;

/// <summary>
/// The quality cycle of a school (plan-do-check-act, issue 6 item 4): quality goals per school year, with planned actions
/// (owner, due date), checks (findings, the tied indicator's value then, a verdict) and adjustments.
/// <para>Who: the school's quality coordinator, school leader and IB'er (who keeps the school's quality system
/// developing) read and manage it; everyone else is refused, and the refusal is audited under
/// <see cref="AuditRecordKind.QualityGoal"/>. Every change is audited in the same SaveChanges (ids only: the goal as
/// the record, its school and the role). Allowed reads are not audited: the cycle holds no pupil data.</para>
/// <para>Goals that are no longer active (achieved, partly, not achieved, dropped) take no new actions, checks or
/// adjustments until they are set back to active.</para>
/// </summary>
public sealed class QualityCycleService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    QualityIndicatorService indicators,
    ILogger<QualityCycleService> logger)
{
    /// <summary>The roles that manage a school's quality cycle, in the order the audit names them.</summary>
    public static readonly PortalRole[] ManagingRoles = [PortalRole.QualityCoordinator, PortalRole.SchoolLeader, PortalRole.CareCoordinator];

    /// <summary>The furthest a goal can be planned ahead: next school year.</summary>
    public const int YearsAhead = 1;

    /// <summary>The furthest back a goal can be recorded (a school that writes down earlier years).</summary>
    public const int YearsBack = 10;

    private const string ConflictMessage =
        "Iemand anders heeft dit net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- Reads ----

    /// <summary>The schools whose quality cycle this person manages, and the school years with goals there (plus this one).</summary>
    public async Task<QualityCycleScope> GetScopeAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.Scope);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var ids = ManagedSchools(scope).ToList();
        if (ids.Count == 0)
            throw await audit.RefuseAsync(staffId, QualityCycleAuditActions.Scope, AuditRecordKind.QualityGoal, null, ct);

        var current = SchoolYear.StartYearOf(Today);
        var schools = await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new QualityCycleSchool(s.Id, s.Name, s.ShortName, s.Color,
                db.QualityGoals.Count(g => g.SchoolId == s.Id && g.SchoolYearStart == current)))
            .ToListAsync(ct);
        var years = await db.QualityGoals.AsNoTracking()
            .Where(g => ids.Contains(g.SchoolId))
            .Select(g => g.SchoolYearStart)
            .Distinct()
            .ToListAsync(ct);
        var all = years.Append(current).Append(current - 1).Append(current + 1).Distinct().Order().ToList();
        return new QualityCycleScope(schools, all, current, Today);
    }

    /// <summary>The goals of one school and school year, as cards: active goals first, then in the order they were made.</summary>
    public async Task<QualityGoalList> ListGoalsAsync(int schoolId, int schoolYearStart, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.List);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        if (!Manages(scope, schoolId))
            throw await audit.RefuseAsync(staffId, QualityCycleAuditActions.List, AuditRecordKind.QualityGoal, null, ct);

        var school = await SchoolAsync(db, schoolId, ct);
        var details = await DetailsAsync(db, db.QualityGoals.Where(g => g.SchoolId == schoolId && g.SchoolYearStart == schoolYearStart),
            withCandidates: false, ct);
        var today = Today;
        var goals = details
            .Select(d => new QualityGoalSummary(d.Id, d.School.Id, d.SchoolYearStart, d.Title, d.IndicatorText, d.Indicator, d.Baseline, d.Target,
                d.LastMeasuredValue, d.Status, d.Stage, d.ActionCounts, d.Checks.Count, d.Adjustments.Count,
                d.Actions.Where(a => a.Status == QualityActionStatus.Planned).Select(a => (DateOnly?)a.DueOn).Min(),
                d.Checks.Select(c => (DateOnly?)c.CheckedOn).Max()))
            .OrderBy(g => g.Status == QualityGoalStatus.Active ? 0 : 1)
            .ThenBy(g => g.Id)
            .ToList();
        return new QualityGoalList(school, schoolYearStart, goals, today);
    }

    /// <summary>One goal with its actions (by due date), checks and adjustments (newest first), and the possible owners.</summary>
    public async Task<QualityGoalDetail> GetGoalAsync(int goalId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _) = await ReachGoalAsync(db, staffId, goalId, QualityCycleAuditActions.Read, ct);
        return (await DetailsAsync(db, db.QualityGoals.Where(g => g.Id == goalId), withCandidates: true, ct)).Single();
    }

    /// <summary>
    /// The staff who can own an action at <paramref name="schoolId"/>: everyone active with a role at that school,
    /// by name.
    /// </summary>
    public async Task<IReadOnlyList<QualityOwnerOption>> GetOwnerCandidatesAsync(int schoolId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        if (!Manages(scope, schoolId))
            throw await audit.RefuseAsync(staffId, QualityCycleAuditActions.Read, AuditRecordKind.QualityGoal, null, ct);
        return await CandidatesAsync(db, schoolId, ct);
    }

    /// <summary>The yearly overview of one school: every goal of the year in full, and the totals.</summary>
    public async Task<QualityYearOverview> GetYearOverviewAsync(int schoolId, int schoolYearStart, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.Overview);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        if (!Manages(scope, schoolId))
            throw await audit.RefuseAsync(staffId, QualityCycleAuditActions.Overview, AuditRecordKind.QualityGoal, null, ct);

        var school = await SchoolAsync(db, schoolId, ct);
        var goals = (await DetailsAsync(db, db.QualityGoals.Where(g => g.SchoolId == schoolId && g.SchoolYearStart == schoolYearStart),
                withCandidates: false, ct))
            .OrderBy(g => g.Id)
            .ToList();
        var actions = goals.SelectMany(g => g.Actions).ToList();
        var counts = QualityCycleStages.Count(actions.Select(a => (a.Status, a.DueOn)), Today);
        var summary = new QualityYearSummary(
            goals.Count,
            goals.Count(g => g.Status == QualityGoalStatus.Active),
            goals.Count(g => g.Status == QualityGoalStatus.Achieved),
            goals.Count(g => g.Status == QualityGoalStatus.PartlyAchieved),
            goals.Count(g => g.Status == QualityGoalStatus.NotAchieved),
            goals.Count(g => g.Status == QualityGoalStatus.Dropped),
            counts.Done,
            counts.Open,
            counts.Overdue,
            counts.Cancelled,
            goals.Sum(g => g.Checks.Count),
            goals.Sum(g => g.Adjustments.Count));
        return new QualityYearOverview(school, schoolYearStart, goals, summary, Today);
    }

    // ---- Plan ----

    /// <summary>A new goal for <paramref name="schoolId"/>; returns its id.</summary>
    public async Task<int> CreateGoalAsync(int schoolId, QualityGoalInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.Create);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        if (!Manages(scope, schoolId) || !await db.Schools.AnyAsync(s => s.Id == schoolId, ct))
            throw await audit.RefuseAsync(staffId, QualityCycleAuditActions.Create, AuditRecordKind.QualityGoal, null, ct);
        var valid = ValidateGoal(input);

        var now = Now;
        var goal = new QualityGoal
        {
            SchoolId = schoolId,
            SchoolYearStart = valid.SchoolYearStart,
            Title = valid.Title,
            Description = valid.Description,
            IndicatorText = valid.IndicatorText,
            Indicator = valid.Indicator,
            Baseline = valid.Baseline,
            Target = valid.Target,
            Status = QualityGoalStatus.Active,
            CreatedAt = now,
            CreatedById = staffId,
            UpdatedAt = now,
        };
        db.QualityGoals.Add(goal);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, Record(scope, QualityCycleAuditActions.Create, goal.Id, schoolId));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Quality goal {GoalId} created for school {SchoolId}, school year {SchoolYearStart}, by staff {StaffMemberId}",
            goal.Id, schoolId, goal.SchoolYearStart, staffId);
        return goal.Id;
    }

    /// <summary>Changes what the goal says (title, description, indicator, school year).</summary>
    public async Task EditGoalAsync(int goalId, int expectedVersion, QualityGoalInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var valid = ValidateGoal(input);
        await ChangeGoalAsync(goalId, expectedVersion, QualityCycleAuditActions.Edit, async (db, goal) =>
        {
            if (valid.SchoolYearStart != goal.SchoolYearStart)
            {
                var start = SchoolYear.StartDateOf(valid.SchoolYearStart);
                // An open action due before the new year's start would break the rule for due dates.
                if (await db.QualityActions.AnyAsync(a => a.GoalId == goal.Id && a.Status == QualityActionStatus.Planned && a.DueOn < start, ct))
                    throw new DomainValidationException(nameof(QualityGoalInput.SchoolYearStart),
                        $"Er staan nog acties open met een datum vóór het begin van {SchoolYear.NameOf(valid.SchoolYearStart)}. Verzet of rond die eerst af.");
            }
            goal.Title = valid.Title;
            goal.Description = valid.Description;
            goal.IndicatorText = valid.IndicatorText;
            goal.Indicator = valid.Indicator;
            goal.Baseline = valid.Baseline;
            goal.Target = valid.Target;
            goal.SchoolYearStart = valid.SchoolYearStart;
        }, ct);
    }

    /// <summary>Sets the goal's status: active again, or achieved, partly achieved, not achieved, dropped.</summary>
    public async Task SetGoalStatusAsync(int goalId, int expectedVersion, QualityGoalStatus? status, CancellationToken ct = default)
    {
        if (status is not { } value || !Enum.IsDefined(value))
            throw new DomainValidationException("Status", "Kies hoe het doel ervoor staat.");
        await ChangeGoalAsync(goalId, expectedVersion, QualityCycleAuditActions.SetStatus, (_, goal) =>
        {
            if (goal.Status == value)
                throw new DomainException($"Dit doel staat al op '{QualityCycleLabels.Status(value)}'.");
            goal.Status = value;
            return Task.CompletedTask;
        }, ct);
    }

    // ---- Do ----

    /// <summary>Plans an action for an active goal; returns its id.</summary>
    public async Task<int> AddActionAsync(int goalId, QualityActionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.ActionAdd);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (scope, goal) = await ReachGoalAsync(db, staffId, goalId, QualityCycleAuditActions.ActionAdd, ct);
        var valid = await ValidateActionAsync(db, goal, input, ct);
        RequireActive(goal);

        var action = new QualityAction
        {
            GoalId = goal.Id,
            Description = valid.Description,
            OwnerId = valid.OwnerId,
            DueOn = valid.DueOn,
            Status = QualityActionStatus.Planned,
            CreatedAt = Now,
        };
        db.QualityActions.Add(action);
        goal.UpdatedAt = Now;
        audit.Add(db, Record(scope, QualityCycleAuditActions.ActionAdd, goal.Id, goal.SchoolId));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("Quality action {ActionId} planned for goal {GoalId} (owner {OwnerId}) by staff {StaffMemberId}",
            action.Id, goal.Id, action.OwnerId, staffId);
        return action.Id;
    }

    /// <summary>Changes a planned action's description, owner or due date.</summary>
    public Task EditActionAsync(int actionId, int expectedVersion, QualityActionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeActionAsync(actionId, expectedVersion, QualityCycleAuditActions.ActionEdit, async (db, goal, action) =>
        {
            var valid = await ValidateActionAsync(db, goal, input, ct);
            if (action.Status != QualityActionStatus.Planned)
                throw new DomainException("Deze actie is al afgerond of geschrapt; wijzigen kan niet meer.");
            action.Description = valid.Description;
            action.OwnerId = valid.OwnerId;
            action.DueOn = valid.DueOn;
        }, ct);
    }

    /// <summary>Marks a planned action as done today.</summary>
    public Task CompleteActionAsync(int actionId, int expectedVersion, CancellationToken ct = default) =>
        ChangeActionAsync(actionId, expectedVersion, QualityCycleAuditActions.ActionDone, (_, _, action) =>
        {
            if (action.Status != QualityActionStatus.Planned)
                throw new DomainException("Deze actie is al afgerond of geschrapt.");
            action.Status = QualityActionStatus.Done;
            action.DoneOn = Today;
            return Task.CompletedTask;
        }, ct);

    /// <summary>Cancels a planned action (it stays visible, struck out).</summary>
    public Task CancelActionAsync(int actionId, int expectedVersion, CancellationToken ct = default) =>
        ChangeActionAsync(actionId, expectedVersion, QualityCycleAuditActions.ActionCancel, (_, _, action) =>
        {
            if (action.Status != QualityActionStatus.Planned)
                throw new DomainException("Deze actie is al afgerond of geschrapt.");
            action.Status = QualityActionStatus.Cancelled;
            return Task.CompletedTask;
        }, ct);

    // ---- Check ----

    /// <summary>
    /// Records a check today. When the goal is tied to an indicator, its value is measured now (as this viewer may see
    /// it: a suppressed value is stored as none). Returns the check's id.
    /// </summary>
    public async Task<int> RecordCheckAsync(int goalId, QualityCheckInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var findings = Text(input.Findings, nameof(QualityCheckInput.Findings), QualityCheck.FindingsMaxLength,
            "Schrijf op wat jullie zien: wat ging goed, wat niet?", "De bevindingen", errors);
        if (input.Result is not { } result || !Enum.IsDefined(result))
            errors[nameof(QualityCheckInput.Result)] = "Kies hoe het doel ervoor staat: op koers, achter op het doel of bereikt.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.CheckRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (scope, goal) = await ReachGoalAsync(db, staffId, goalId, QualityCycleAuditActions.CheckRecord, ct);
        RequireActive(goal);

        double? measured = null;
        if (goal.Indicator != QualityIndicator.None)
        {
            // Measured as the quality coordinator and the school leader would see it: they read the stored value too, so a
            // value based on fewer than five pupils is not kept, whoever records the check.
            var measurement = await indicators.MeasureAsync(goal.SchoolId, goal.SchoolYearStart, goal.Indicator, asAggregateViewer: true, ct);
            measured = measurement.Suppressed ? null : measurement.Value;
        }

        var now = Now;
        var check = new QualityCheck
        {
            GoalId = goal.Id,
            CheckedOn = Today,
            MeasuredValue = measured,
            Findings = findings!,
            Result = input.Result!.Value,
            RecordedById = staffId,
            RecordedAt = now,
        };
        db.QualityChecks.Add(check);
        goal.UpdatedAt = now;
        audit.Add(db, Record(scope, QualityCycleAuditActions.CheckRecord, goal.Id, goal.SchoolId));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("Quality check {CheckId} recorded for goal {GoalId} ({Result}) by staff {StaffMemberId}",
            check.Id, goal.Id, check.Result, staffId);
        return check.Id;
    }

    // ---- Act ----

    /// <summary>Records an adjustment today, optionally after one of the goal's checks. Returns its id.</summary>
    public async Task<int> RecordAdjustmentAsync(int goalId, QualityAdjustmentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var decision = Text(input.Decision, nameof(QualityAdjustmentInput.Decision), QualityAdjustment.DecisionMaxLength,
            "Schrijf op wat jullie besluiten aan te passen.", "Het besluit", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var staffId = await currentUser.RequireStaffMemberIdAsync(QualityCycleAuditActions.AdjustmentRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (scope, goal) = await ReachGoalAsync(db, staffId, goalId, QualityCycleAuditActions.AdjustmentRecord, ct);
        if (input.CheckId is { } checkId && !await db.QualityChecks.AnyAsync(c => c.Id == checkId && c.GoalId == goal.Id, ct))
            throw new DomainValidationException(nameof(QualityAdjustmentInput.CheckId), "Kies een evaluatie van dit doel, of geen.");
        RequireActive(goal);

        var now = Now;
        var adjustment = new QualityAdjustment
        {
            GoalId = goal.Id,
            CheckId = input.CheckId,
            Decision = decision!,
            DecidedOn = Today,
            RecordedById = staffId,
            RecordedAt = now,
        };
        db.QualityAdjustments.Add(adjustment);
        goal.UpdatedAt = now;
        audit.Add(db, Record(scope, QualityCycleAuditActions.AdjustmentRecord, goal.Id, goal.SchoolId));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("Quality adjustment {AdjustmentId} recorded for goal {GoalId} (check {CheckId}) by staff {StaffMemberId}",
            adjustment.Id, goal.Id, adjustment.CheckId, staffId);
        return adjustment.Id;
    }

    // ---- Helpers ----

    private static IEnumerable<int> ManagedSchools(UserScope scope) =>
        scope.IsActive ? ManagingRoles.SelectMany(scope.SchoolsWithRole).Distinct() : [];

    private static bool Manages(UserScope scope, int schoolId) =>
        scope.IsActive && ManagingRoles.Any(r => scope.Roles.Contains((r, schoolId)));

    private static string? RoleAt(UserScope scope, int schoolId) =>
        ManagingRoles.Where(r => scope.Roles.Contains((r, schoolId))).Select(r => r.ToString()).FirstOrDefault();

    private static AuditRecord Record(UserScope scope, string action, int goalId, int schoolId) =>
        new(scope.StaffMemberId, action, AuditRecordKind.QualityGoal, goalId, null, schoolId, RoleAt(scope, schoolId));

    private static void RequireActive(QualityGoal goal)
    {
        if (goal.Status != QualityGoalStatus.Active)
            throw new DomainException(
                $"Dit doel staat op '{QualityCycleLabels.Status(goal.Status)}'. Zet het eerst weer op 'Actief' om acties, evaluaties of bijstellingen toe te voegen.");
    }

    /// <summary>The goal (tracked) when this person manages its school; refuses and audits otherwise (also when it does not exist).</summary>
    private async Task<(UserScope Scope, QualityGoal Goal)> ReachGoalAsync(PortalDbContext db, int staffId, int goalId, string action, CancellationToken ct)
    {
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var goal = await db.QualityGoals.SingleOrDefaultAsync(g => g.Id == goalId, ct);
        if (goal is null || !Manages(scope, goal.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.QualityGoal, goalId, ct);
        return (scope, goal);
    }

    private async Task ChangeGoalAsync(int goalId, int expectedVersion, string action, Func<PortalDbContext, QualityGoal, Task> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (scope, goal) = await ReachGoalAsync(db, staffId, goalId, action, ct);
        if (goal.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);

        await apply(db, goal);
        goal.Version++;
        goal.UpdatedAt = Now;
        audit.Add(db, Record(scope, action, goal.Id, goal.SchoolId));
        await SaveAsync(db, ct);
        logger.LogInformation("Quality goal {GoalId} changed ({Action}) by staff {StaffMemberId}", goalId, action, staffId);
    }

    private async Task ChangeActionAsync(int actionId, int expectedVersion, string auditAction,
        Func<PortalDbContext, QualityGoal, QualityAction, Task> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(auditAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var action = await db.QualityActions.Include(a => a.Goal).SingleOrDefaultAsync(a => a.Id == actionId, ct);
        if (action?.Goal is not { } goal || !Manages(scope, goal.SchoolId))
            throw await audit.RefuseAsync(staffId, auditAction, AuditRecordKind.QualityGoal, action?.GoalId, ct);
        if (action.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        RequireActive(goal);

        await apply(db, goal, action);
        action.Version++;
        goal.UpdatedAt = Now;
        audit.Add(db, Record(scope, auditAction, goal.Id, goal.SchoolId));
        await SaveAsync(db, ct);
        logger.LogInformation("Quality action {ActionId} of goal {GoalId} changed ({Action}) by staff {StaffMemberId}",
            actionId, goal.Id, auditAction, staffId);
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }
    }

    private static async Task<QualityCycleSchool> SchoolAsync(PortalDbContext db, int schoolId, CancellationToken ct) =>
        await db.Schools.AsNoTracking()
            .Where(s => s.Id == schoolId)
            .Select(s => new QualityCycleSchool(s.Id, s.Name, s.ShortName, s.Color))
            .SingleAsync(ct);

    private static async Task<IReadOnlyList<QualityOwnerOption>> CandidatesAsync(PortalDbContext db, int schoolId, CancellationToken ct)
    {
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.SchoolId == schoolId && r.StaffMember!.IsActive)
            .Select(r => new { r.StaffMemberId, r.StaffMember!.DisplayName, r.Role })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => (r.StaffMemberId, r.DisplayName))
            .Select(g => new QualityOwnerOption(g.Key.StaffMemberId, g.Key.DisplayName,
                string.Join(", ", g.Select(r => r.Role).Distinct().Order().Select(RoleText))))
            .OrderBy(o => o.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true))
            .ThenBy(o => o.StaffMemberId)
            .ToList();
    }

    private static string RoleText(PortalRole role) => role switch
    {
        PortalRole.Teacher => "leerkracht",
        PortalRole.CareCoordinator => "intern begeleider",
        PortalRole.QualityCoordinator => "kwaliteitscoördinator",
        PortalRole.SchoolLeader => "schoolleider",
        PortalRole.Administrator => "beheerder",
        PortalRole.PrivacyOfficer => "privacyfunctionaris",
        _ => role.ToString(),
    };

    /// <summary>Goals in full (no tracking): actions by due date, checks and adjustments newest first.</summary>
    private async Task<IReadOnlyList<QualityGoalDetail>> DetailsAsync(PortalDbContext db, IQueryable<QualityGoal> goals, bool withCandidates, CancellationToken ct)
    {
        var rows = await goals.AsNoTracking()
            .Select(g => new
            {
                g.Id,
                School = new QualityCycleSchool(g.SchoolId, g.School!.Name, g.School.ShortName, g.School.Color),
                g.SchoolYearStart,
                g.Title,
                g.Description,
                g.IndicatorText,
                g.Indicator,
                g.Baseline,
                g.Target,
                g.Status,
                g.Version,
                CreatedByName = g.CreatedBy!.DisplayName,
                g.CreatedAt,
                g.UpdatedAt,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var today = Today;
        var actions = (await db.QualityActions.AsNoTracking()
                .Where(a => ids.Contains(a.GoalId))
                .Select(a => new { a.GoalId, a.Id, a.Description, a.OwnerId, OwnerName = a.Owner!.DisplayName, a.DueOn, a.Status, a.DoneOn, a.Version })
                .ToListAsync(ct))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .ToLookup(a => a.GoalId,
                a => new QualityActionItem(a.Id, a.Description, a.OwnerId, a.OwnerName, a.DueOn, a.Status, a.DoneOn,
                    QualityCycleStages.IsOverdue(a.Status, a.DueOn, today), a.Version));
        var checks = (await db.QualityChecks.AsNoTracking()
                .Where(c => ids.Contains(c.GoalId))
                .Select(c => new { c.GoalId, c.Id, c.CheckedOn, c.MeasuredValue, c.Findings, c.Result, Name = c.RecordedBy!.DisplayName, c.RecordedAt })
                .ToListAsync(ct))
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .ToList();
        var adjustments = (await db.QualityAdjustments.AsNoTracking()
                .Where(a => ids.Contains(a.GoalId))
                .Select(a => new { a.GoalId, a.Id, a.DecidedOn, a.Decision, a.CheckId, CheckOn = (DateOnly?)a.Check!.CheckedOn, Name = a.RecordedBy!.DisplayName, a.RecordedAt })
                .ToListAsync(ct))
            .OrderByDescending(a => a.RecordedAt).ThenByDescending(a => a.Id)
            .ToList();

        var candidates = new Dictionary<int, IReadOnlyList<QualityOwnerOption>>();
        if (withCandidates)
            foreach (var schoolId in rows.Select(r => r.School.Id).Distinct())
                candidates[schoolId] = await CandidatesAsync(db, schoolId, ct);

        return rows.Select(g =>
        {
            var goalActions = actions[g.Id].ToList();
            var goalChecks = checks.Where(c => c.GoalId == g.Id).ToList();
            var goalAdjustments = adjustments.Where(a => a.GoalId == g.Id).ToList();
            var last = goalChecks.FirstOrDefault();
            var stage = QualityCycleStages.Of(g.Status, goalActions.Select(a => a.Status), last?.RecordedAt, last?.Id,
                goalAdjustments.Select(a => (a.CheckId, a.RecordedAt)));
            return new QualityGoalDetail(g.Id, g.School, g.SchoolYearStart, g.Title, g.Description, g.IndicatorText, g.Indicator, g.Baseline,
                g.Target, g.Status, stage, g.Version, g.CreatedByName, g.CreatedAt, g.UpdatedAt,
                goalActions,
                goalChecks.Select(c => new QualityCheckItem(c.Id, c.CheckedOn, c.MeasuredValue, c.Findings, c.Result, c.Name)).ToList(),
                goalAdjustments.Select(a => new QualityAdjustmentItem(a.Id, a.DecidedOn, a.Decision, a.CheckId, a.CheckOn, a.Name)).ToList(),
                candidates.TryGetValue(g.School.Id, out var list) ? list : [],
                today);
        }).ToList();
    }

    private sealed record ValidGoal(string Title, string? Description, string IndicatorText, QualityIndicator Indicator, double? Baseline,
        double? Target, int SchoolYearStart);

    private ValidGoal ValidateGoal(QualityGoalInput input)
    {
        var errors = new Dictionary<string, string>();
        var title = Text(input.Title, nameof(QualityGoalInput.Title), QualityGoal.TitleMaxLength,
            "Geef het doel een titel: wat wil de school verbeteren?", "De titel", errors);
        var description = Text(input.Description, nameof(QualityGoalInput.Description), QualityGoal.DescriptionMaxLength,
            null, "De toelichting", errors);
        var indicatorText = Text(input.IndicatorText, nameof(QualityGoalInput.IndicatorText), QualityGoal.IndicatorTextMaxLength,
            "Beschrijf waaraan jullie zien dat het doel bereikt is.", "'Waaraan zien we het?'", errors);

        var indicator = input.Indicator;
        if (!Enum.IsDefined(indicator))
            errors[nameof(QualityGoalInput.Indicator)] = "Kies een cijfer uit de lijst, of 'alleen in woorden'.";
        else if (indicator == QualityIndicator.None)
        {
            if (input.Baseline is not null)
                errors[nameof(QualityGoalInput.Baseline)] = "Een beginwaarde hoort bij een cijfer. Kies eerst het cijfer, of laat de beginwaarde leeg.";
            if (input.Target is not null)
                errors[nameof(QualityGoalInput.Target)] = "Een streefwaarde hoort bij een cijfer. Kies eerst het cijfer, of laat de streefwaarde leeg.";
        }
        else
        {
            CheckNumber(input.Baseline, indicator, nameof(QualityGoalInput.Baseline), "De beginwaarde", errors);
            CheckNumber(input.Target, indicator, nameof(QualityGoalInput.Target), "De streefwaarde", errors);
            if (input.Target is null && !errors.ContainsKey(nameof(QualityGoalInput.Target)))
                errors[nameof(QualityGoalInput.Target)] = "Vul de streefwaarde in: waar willen jullie aan het eind van het jaar staan?";
            else if (input.Baseline is { } b && input.Target is { } t && b == t && !errors.ContainsKey(nameof(QualityGoalInput.Target)))
                errors[nameof(QualityGoalInput.Target)] = "De streefwaarde is gelijk aan de beginwaarde. Wat willen jullie bereiken?";
        }

        var current = SchoolYear.StartYearOf(Today);
        if (input.SchoolYearStart is not { } year)
            errors[nameof(QualityGoalInput.SchoolYearStart)] = "Kies het schooljaar van het doel.";
        else if (year > current + YearsAhead)
            errors[nameof(QualityGoalInput.SchoolYearStart)] =
                $"Plan hoogstens één schooljaar vooruit: tot en met {SchoolYear.NameOf(current + YearsAhead)}.";
        else if (year < current - YearsBack)
            errors[nameof(QualityGoalInput.SchoolYearStart)] =
                $"Kies een schooljaar vanaf {SchoolYear.NameOf(current - YearsBack)}.";

        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ValidGoal(title!, description, indicatorText!, indicator, input.Baseline, input.Target, input.SchoolYearStart!.Value);
    }

    private static void CheckNumber(double? value, QualityIndicator indicator, string field, string what, Dictionary<string, string> errors)
    {
        if (value is not { } v)
            return;
        if (!double.IsFinite(v))
            errors[field] = $"{what} is geen geldig getal. Vul een getal in, bijvoorbeeld 4 of 2,5.";
        else if (v < 0)
            errors[field] = $"{what} kan niet negatief zijn.";
        else if (QualityCycleLabels.IsPercent(indicator) && v > 100)
            errors[field] = $"{what} is een percentage: vul een getal van 0 tot en met 100 in.";
        else if (v > 100_000)
            errors[field] = $"{what} is wel erg groot. Klopt het getal?";
    }

    private sealed record ValidAction(string Description, int OwnerId, DateOnly DueOn);

    private static async Task<ValidAction> ValidateActionAsync(PortalDbContext db, QualityGoal goal, QualityActionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var description = Text(input.Description, nameof(QualityActionInput.Description), QualityAction.DescriptionMaxLength,
            "Beschrijf de actie: wat gaan jullie doen?", "De actie", errors);
        if (input.OwnerId is not { } ownerId)
            errors[nameof(QualityActionInput.OwnerId)] = "Kies wie de actie trekt.";
        else if (!await db.RoleAssignments.AnyAsync(r => r.StaffMemberId == ownerId && r.SchoolId == goal.SchoolId && r.StaffMember!.IsActive, ct))
            errors[nameof(QualityActionInput.OwnerId)] = "Kies iemand die op deze school werkt.";
        var start = SchoolYear.StartDateOf(goal.SchoolYearStart);
        var last = SchoolYear.EndDateOf(goal.SchoolYearStart + 1);
        if (input.DueOn is not { } due)
            errors[nameof(QualityActionInput.DueOn)] = "Kies de datum waarop de actie klaar moet zijn.";
        else if (due < start)
            errors[nameof(QualityActionInput.DueOn)] =
                $"Kies een datum vanaf het begin van het schooljaar {SchoolYear.NameOf(goal.SchoolYearStart)} ({Care.DutchDates.InDocument(start)}).";
        else if (due > last)
            errors[nameof(QualityActionInput.DueOn)] = $"Kies een datum tot en met {Care.DutchDates.InDocument(last)}.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ValidAction(description!, input.OwnerId!.Value, input.DueOn!.Value);
    }

    /// <summary>The trimmed text, or null when empty; an error when required and empty, or too long.</summary>
    private static string? Text(string? value, string field, int max, string? requiredMessage, string what, Dictionary<string, string> errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (requiredMessage is not null)
                errors[field] = requiredMessage;
        }
        else if (text.Length > max)
            errors[field] = $"{what} mag hoogstens {max} tekens lang zijn (nu {text.Length}). Maak de tekst korter; wat je typte blijft staan.";
        return text;
    }
}
