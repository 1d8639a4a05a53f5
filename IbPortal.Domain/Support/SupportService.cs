using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Pupils;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Support;

/// <summary>
/// A pupil's support trajectory: the overview (level per school with its history, plans with goals and evaluations,
/// OPPs), level changes, and what needs attention across schools. Access through <see cref="CareAccess"/>: the
/// school's IB'er manages, the pupil's current teacher at that school reads. New records go to the pupil's current
/// school. Reads, changes and refusals are audited (ids only).
/// </summary>
public sealed class SupportService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<CareOptions> options,
    ILogger<SupportService> logger,
    IPortalEvents events)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private int DueWithinDays => options.Value.DueWithinDays;

    /// <summary>
    /// Everything of the pupil's support the user may see, one section per school where they reach it (current school
    /// first). Refused (and audited) when the user reaches the pupil's support at no school.
    /// </summary>
    public async Task<SupportOverview> GetOverviewAsync(int pupilId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.Read);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var candidateSchools = await db.Enrolments.AsNoTracking().Where(e => e.PupilId == pupilId).Select(e => e.Group!.SchoolId)
            .Union(db.SupportLevelChanges.Where(c => c.PupilId == pupilId).Select(c => c.SchoolId))
            .Union(db.SupportPlans.Where(p => p.PupilId == pupilId).Select(p => p.SchoolId))
            .Union(db.DevelopmentPlans.Where(o => o.PupilId == pupilId).Select(o => o.SchoolId))
            .ToListAsync(ct);
        var schoolIds = candidateSchools.Distinct().Where(s => CareAccess.MayRead(scope, pupilId, s)).ToList();
        if (schoolIds.Count == 0)
            throw await audit.RefuseAsync(staffId, SupportAuditActions.Read, AuditRecordKind.PupilFile, pupilId, ct);

        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        var schools = await db.Schools.AsNoTracking()
            .Where(s => schoolIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.ShortName, s.Color })
            .ToListAsync(ct);

        var levels = await db.SupportLevelChanges.AsNoTracking()
            .Where(c => c.PupilId == pupilId && schoolIds.Contains(c.SchoolId))
            .Select(c => new
            {
                c.SchoolId,
                Item = new LevelChangeItem(c.Id, c.Level, c.PreviousLevel, c.Reason, c.ChangedAt, c.ChangedById, c.ChangedBy!.DisplayName, c.ConsentId),
            })
            .ToListAsync(ct);

        var plans = await db.SupportPlans.AsNoTracking().AsSplitQuery()
            .Where(p => p.PupilId == pupilId && schoolIds.Contains(p.SchoolId))
            .Select(p => new
            {
                p.Id,
                p.SchoolId,
                p.Status,
                p.StartsOn,
                p.ClosedOn,
                p.ClosingNote,
                p.EducationalNeeds,
                p.DiscussionId,
                p.CreatedAt,
                CreatedByName = p.CreatedBy!.DisplayName,
                p.Version,
                Goals = p.Goals.Select(g => new
                {
                    g.Id,
                    g.Kind,
                    g.Position,
                    g.Description,
                    g.ReviewOn,
                    Evaluations = g.Evaluations.Select(e => new GoalEvaluationView(e.Id, e.Result, e.EvaluatedOn, e.Notes,
                        e.EvaluatedBy!.DisplayName, e.RecordedAt)).ToList(),
                }).ToList(),
            })
            .ToListAsync(ct);

        var developmentPlans = await db.DevelopmentPlans.AsNoTracking().AsSplitQuery()
            .Where(o => o.PupilId == pupilId && schoolIds.Contains(o.SchoolId))
            .Select(o => new
            {
                o.Id,
                o.SchoolId,
                o.Reason,
                o.Perspective,
                o.AgreedWithParentsOn,
                o.LastEvaluatedOn,
                o.NextEvaluationOn,
                o.EndedOn,
                o.CreatedAt,
                CreatedByName = o.CreatedBy!.DisplayName,
                o.Version,
                Evaluations = o.Evaluations.Select(e => new DevelopmentPlanEvaluationView(e.Id, e.EvaluatedOn, e.Notes,
                    e.EvaluatedBy!.DisplayName, e.RecordedAt)).ToList(),
            })
            .ToListAsync(ct);

        var days = DueWithinDays;
        var sections = new List<SchoolSupport>();
        foreach (var school in schools)
        {
            var role = CareAccess.RoleFor(scope, pupilId, school.Id)!;
            var history = levels.Where(l => l.SchoolId == school.Id).Select(l => l.Item)
                .OrderByDescending(l => l.ChangedAt).ThenByDescending(l => l.Id).ToList();
            var planViews = plans.Where(p => p.SchoolId == school.Id)
                .Select(p =>
                {
                    var goals = p.Goals
                        .OrderBy(g => g.Position).ThenBy(g => g.Id)
                        .Select(g => new PlanGoalView(g.Id, g.Kind, g.Position, g.Description, g.ReviewOn,
                            SupportQueries.GoalStateOf(p.Status, g.ReviewOn, g.Evaluations.Select(e => (e.Result, e.EvaluatedOn)), today, days),
                            g.Evaluations.OrderBy(e => e.EvaluatedOn).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id).ToList()))
                        .ToList();
                    return new SupportPlanView(p.Id, p.Status, p.StartsOn, p.ClosedOn, p.ClosingNote, p.EducationalNeeds, p.DiscussionId,
                        p.CreatedAt, p.CreatedByName, p.Version,
                        goals.Where(g => g.Kind == GoalKind.QuickWin).ToList(),
                        goals.Where(g => g.Kind == GoalKind.LongTerm).ToList());
                })
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .ToList();
            var oppViews = developmentPlans.Where(o => o.SchoolId == school.Id)
                .Select(o => new DevelopmentPlanView(o.Id, o.Reason, o.Perspective, o.AgreedWithParentsOn, o.LastEvaluatedOn,
                    o.NextEvaluationOn, o.EndedOn, o.CreatedAt, o.CreatedByName, o.Version,
                    SupportQueries.IsDevelopmentPlanEvaluationDue(o.EndedOn, o.NextEvaluationOn, today, days),
                    SupportQueries.IsDevelopmentPlanEvaluationDue(o.EndedOn, o.NextEvaluationOn, today, days)
                        && SupportQueries.IsOverdue(o.NextEvaluationOn!.Value, today),
                    o.Evaluations.OrderBy(e => e.EvaluatedOn).ThenBy(e => e.Id).ToList()))
                .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
                .ToList();

            sections.Add(new SchoolSupport(
                school.Id, school.Name, school.ShortName, school.Color,
                IsCurrentSchool: placement?.SchoolId == school.Id,
                CanManage: CareAccess.MayManage(scope, school.Id),
                role,
                history.FirstOrDefault()?.Level ?? SupportLevel.Minimum,
                history,
                planViews.FirstOrDefault(p => p.IsActive),
                planViews.Where(p => !p.IsActive).ToList(),
                oppViews.FirstOrDefault(o => o.IsActive),
                oppViews.Where(o => !o.IsActive).ToList()));

            audit.Add(db, new AuditRecord(staffId, SupportAuditActions.Read, AuditRecordKind.SupportLevel, history.FirstOrDefault()?.Id,
                pupilId, school.Id, role));
            foreach (var plan in planViews)
                audit.Add(db, new AuditRecord(staffId, SupportAuditActions.PlanRead, AuditRecordKind.SupportPlan, plan.Id, pupilId, school.Id, role));
            foreach (var opp in oppViews)
                audit.Add(db, new AuditRecord(staffId, SupportAuditActions.DevelopmentPlanRead, AuditRecordKind.DevelopmentPlan, opp.Id,
                    pupilId, school.Id, role));
        }
        await db.SaveChangesAsync(ct);

        logger.LogInformation("Support of pupil {PupilId} read by staff {StaffMemberId} at {SchoolCount} school(s)", pupilId, staffId, sections.Count);
        var ordered = sections
            .OrderByDescending(s => s.IsCurrentSchool)
            .ThenBy(s => s.SchoolName, StringComparer.CurrentCulture)
            .ToList();
        return new SupportOverview(pupilId, today, days, ordered);
    }

    /// <summary>
    /// Records a change of the pupil's support level at their current school, with its reason. Only that school's
    /// IB'er. A change to the current level is refused; a move up to level 4 or higher needs the parents' valid consent
    /// for <see cref="ConsentPurposes.ExternalExpertPurpose"/> (else <see cref="ConsentRequiredException"/> and nothing
    /// is saved). Going down never needs consent. Publishes <see cref="SupportLevelChanged"/> after the commit. Returns
    /// the id of the change.
    /// </summary>
    public async Task<int> ChangeLevelAsync(int pupilId, int? level, string? reason, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.LevelChange);
        var input = new SupportInput();
        if (level is not { } newLevel || !SupportLevel.IsValid(newLevel))
            input.Add(SupportFields.Level, "Kies een niveau van 1 tot en met 5.");
        var text = input.Required(SupportFields.Reason, reason, SupportLevelChange.ReasonMaxLength,
            "Schrijf op waarom het niveau verandert: wat zie je, en wat is er nodig?", "De reden");
        input.ThrowIfAny();

        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var placement = await SupportPlanService.ManagedPlacementAsync(audit, db, scope, pupilId, SupportAuditActions.LevelChange, today, ct);

        var current = await SupportQueries.CurrentLevelAsync(db, pupilId, placement.SchoolId, ct);
        if (level == current)
            SupportInput.Throw(SupportFields.Level,
                $"De leerling zit al op niveau {current} ({SupportLabels.LevelName(current)}). Kies een ander niveau.");

        int? consentId = null;
        if (level > current && level >= SupportLevel.ExternalExpert)
        {
            try
            {
                var consent = await ConsentRules.RequireAsync(db, pupilId, placement.SchoolId, ConsentPurposes.ExternalExpertPurpose, today, ct);
                ConsentRules.RelyOn(db, consent);
                consentId = consent.Id;
            }
            catch (ConsentRequiredException ex)
            {
                logger.LogInformation("Level change of pupil {PupilId} at school {SchoolId} to {Level} by staff {StaffMemberId} waits for consent ({ConsentState})",
                    pupilId, placement.SchoolId, level, staffId, ex.LatestState);
                throw;
            }
        }

        var change = new SupportLevelChange
        {
            PupilId = pupilId,
            SchoolId = placement.SchoolId,
            Level = level!.Value,
            PreviousLevel = current,
            Reason = text!,
            ConsentId = consentId,
            ChangedAt = Now,
            ChangedById = staffId,
        };
        db.SupportLevelChanges.Add(change);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(ConsentRules.ChangedMeanwhile);
            }
            audit.Add(db, new AuditRecord(staffId, SupportAuditActions.LevelChange, AuditRecordKind.SupportLevel, change.Id, pupilId,
                placement.SchoolId, CareAccess.RoleFor(scope, pupilId, placement.SchoolId)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Support level of pupil {PupilId} at school {SchoolId} changed {FromLevel} -> {ToLevel} by staff {StaffMemberId} (change {LevelChangeId}, consent {ConsentId})",
            pupilId, placement.SchoolId, current, change.Level, staffId, change.Id, consentId);
        // After the commit, so that listeners (the boat signal) read the new level.
        await events.PublishAsync(new SupportLevelChanged(pupilId, placement.SchoolId, change.ChangedAt), ct);
        return change.Id;
    }

    /// <summary>
    /// What needs attention in support across <paramref name="schoolIds"/> (null: every school), within what the user
    /// may see: goal evaluations and OPP evaluations due (overdue included), and pupils at level 3 or higher without a
    /// current plan. A list for the dashboard: it filters, it never refuses.
    /// </summary>
    public async Task<SupportAttention> GetAttentionAsync(IReadOnlyCollection<int>? schoolIds = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("support.attention");
        var today = Today;
        var days = DueWithinDays;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var ids = schoolIds?.ToList();

        var plans = CareAccess.Visible(db, db.SupportPlans, scope, today);
        var opps = CareAccess.Visible(db, db.DevelopmentPlans, scope, today);
        var levels = CareAccess.Visible(db, db.SupportLevelChanges, scope, today);
        if (ids is not null)
        {
            plans = plans.Where(p => ids.Contains(p.SchoolId));
            opps = opps.Where(o => ids.Contains(o.SchoolId));
            levels = levels.Where(c => ids.Contains(c.SchoolId));
        }

        var goals = await SupportQueries.GoalEvaluationsDue(plans.AsNoTracking(), today, days).ToListAsync(ct);
        var oppsDue = await SupportQueries.DevelopmentPlanEvaluationsDue(opps.AsNoTracking(), today, days).ToListAsync(ct);
        var withoutPlan = await SupportQueries.PupilsWithoutCurrentPlan(db, levels.AsNoTracking(), today).ToListAsync(ct);

        var keys = goals.Select(g => (g.PupilId, g.SchoolId))
            .Concat(oppsDue.Select(o => (o.PupilId, o.SchoolId)))
            .Concat(withoutPlan.Select(p => (p.PupilId, p.SchoolId)))
            .Distinct().ToList();
        var pupils = await DuePupilsAsync(db, keys, today, ct);

        return new SupportAttention(today, days,
            goals.Select(g => new DueGoalItem(pupils[(g.PupilId, g.SchoolId)], g, g.IsOverdueOn(today))).ToList(),
            oppsDue.Select(o => new DueDevelopmentPlanItem(pupils[(o.PupilId, o.SchoolId)], o, o.IsOverdueOn(today))).ToList(),
            withoutPlan.Select(p => new PupilWithoutPlanItem(pupils[(p.PupilId, p.SchoolId)], p.Level, p.LevelSince)).ToList());
    }

    private static async Task<Dictionary<(int PupilId, int SchoolId), DuePupil>> DuePupilsAsync(PortalDbContext db,
        IReadOnlyCollection<(int PupilId, int SchoolId)> keys, DateOnly today, CancellationToken ct)
    {
        var pupilIds = keys.Select(k => k.PupilId).Distinct().ToList();
        var schoolIds = keys.Select(k => k.SchoolId).Distinct().ToList();
        var names = await db.Pupils.AsNoTracking()
            .Where(p => pupilIds.Contains(p.Id))
            .Select(p => new { p.Id, p.FirstName, p.Infix, p.LastName })
            .ToDictionaryAsync(p => p.Id, p => Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName), ct);
        var schools = await db.Schools.AsNoTracking()
            .Where(s => schoolIds.Contains(s.Id))
            .Select(s => new { s.Id, s.ShortName, s.Color })
            .ToDictionaryAsync(s => s.Id, ct);
        var groups = await db.Enrolments.AsNoTracking()
            .Where(e => pupilIds.Contains(e.PupilId) && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => new { e.PupilId, e.GroupId, e.Group!.Name, e.Group.SchoolId })
            .ToListAsync(ct);
        return keys.ToDictionary(k => k, k =>
        {
            var group = groups.FirstOrDefault(g => g.PupilId == k.PupilId && g.SchoolId == k.SchoolId);
            var school = schools[k.SchoolId];
            return new DuePupil(k.PupilId, names.GetValueOrDefault(k.PupilId, ""), group?.GroupId, group?.Name, k.SchoolId, school.ShortName, school.Color);
        });
    }
}
