using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using IbPortal.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Parents;

/// <summary>
/// Conversations with parents as partners: planned first (date, both sides' expectations asked beforehand, agenda),
/// then recorded (what was discussed, the goals agreed, linked to the goals of the pupil's active HGW plan, and the
/// next date). The school's IB'er plans and records; the pupil's current teacher reads. Every read, change and refusal
/// is audited; logs carry ids only.
/// </summary>
public sealed class ParentConversationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<ParentConversationService> logger)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The pupil's parent conversations at the school the user reaches, newest first, with the active plan's goals.</summary>
    public async Task<ParentConversationList> ListAsync(int pupilId, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ConversationList;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var reach = await ParentAccess.ReadReachAsync(db, scope, pupilId, Today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.ParentConversation, pupilId, ct);

        var rows = await db.ParentConversations.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == reach.SchoolId)
            .OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.HeldOn,
                c.ParentExpectations,
                c.SchoolExpectations,
                c.Agenda,
                c.Discussed,
                c.AgreedGoals,
                c.NextOn,
                RecordedBy = db.StaffMembers.Where(s => s.Id == c.RecordedById).Select(s => s.DisplayName).FirstOrDefault(),
                c.UpdatedAt,
                c.Version,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var links = await db.ParentConversationGoals.AsNoTracking()
            .Where(l => ids.Contains(l.ConversationId))
            .Select(l => new { l.ConversationId, l.GoalId, l.Goal!.Kind, l.Goal.Description, l.Goal.Position })
            .ToListAsync(ct);
        var goals = await ActivePlanGoals(db, pupilId, reach.SchoolId)
            .Select(g => new PlanGoalOption(g.Id, g.Kind, g.Description, g.ReviewOn))
            .ToListAsync(ct);

        await audit.RecordAsync(new AuditRecord(staffId, action, AuditRecordKind.ParentConversation, null, pupilId, reach.SchoolId, reach.Role), ct);
        logger.LogInformation("Parent conversations of pupil {PupilId} at school {SchoolId} read by staff {StaffMemberId}",
            pupilId, reach.SchoolId, staffId);

        var items = rows.Select(r => new ParentConversationItem(r.Id, r.HeldOn, r.ParentExpectations, r.SchoolExpectations, r.Agenda,
                r.Discussed, r.AgreedGoals,
                links.Where(l => l.ConversationId == r.Id)
                    .OrderBy(l => l.Kind).ThenBy(l => l.Position)
                    .Select(l => new LinkedGoal(l.GoalId, l.Kind, l.Description))
                    .ToList(),
                r.NextOn, r.RecordedBy ?? "", r.UpdatedAt, r.Version))
            .ToList();
        return new ParentConversationList(pupilId, reach.SchoolId, reach.CanManage, reach.CanAdd, items, goals);
    }

    /// <summary>Plans a conversation at the pupil's current school (its IB'er only).</summary>
    public async Task<int> PlanAsync(int pupilId, ConversationPlanInput input, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ConversationPlan;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var plan = ValidatePlan(input);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var reach = await ParentAccess.AddReachAsync(db, scope, pupilId, Today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.ParentConversation, pupilId, ct);

        var now = Now;
        var conversation = new ParentConversation
        {
            PupilId = pupilId,
            SchoolId = reach.SchoolId,
            HeldOn = plan.HeldOn,
            ParentExpectations = plan.ParentExpectations,
            SchoolExpectations = plan.SchoolExpectations,
            Agenda = plan.Agenda,
            RecordedById = staffId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ParentConversations.Add(conversation);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.ParentConversation, conversation.Id, pupilId, reach.SchoolId, reach.Role));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Parent conversation {ConversationId} planned for pupil {PupilId} at school {SchoolId} by staff {StaffMemberId}",
            conversation.Id, pupilId, reach.SchoolId, staffId);
        return conversation.Id;
    }

    /// <summary>Changes the planning (date, expectations, agenda), if nobody changed the conversation since <paramref name="expectedVersion"/>.</summary>
    public Task UpdatePlanAsync(int conversationId, int expectedVersion, ConversationPlanInput input, CancellationToken ct = default)
    {
        var plan = ValidatePlan(input);
        return ChangeAsync(conversationId, expectedVersion, ParentAuditActions.ConversationUpdatePlan, (_, conversation, _) =>
        {
            if (conversation.Discussed is not null && conversation.NextOn <= plan.HeldOn)
                throw new DomainValidationException(nameof(ConversationPlanInput.HeldOn),
                    $"Het volgende gesprek staat op {ParentText.Day(conversation.NextOn.Value)}; de datum van dit gesprek moet daarvóór liggen.");
            conversation.HeldOn = plan.HeldOn;
            conversation.ParentExpectations = plan.ParentExpectations;
            conversation.SchoolExpectations = plan.SchoolExpectations;
            conversation.Agenda = plan.Agenda;
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>
    /// Records (or corrects) the report of a conversation that took place: what was discussed, the goals agreed (in
    /// words and as goals of the pupil's active plan at that school) and the next date, after the conversation.
    /// </summary>
    public Task RecordAsync(int conversationId, int expectedVersion, ConversationReportInput input, CancellationToken ct = default)
    {
        var report = ValidateReport(input, Today);
        return ChangeAsync(conversationId, expectedVersion, ParentAuditActions.ConversationRecord, async (db, conversation, token) =>
        {
            var goalIds = report.GoalIds;
            await db.Entry(conversation).Collection(c => c.LinkedGoals).LoadAsync(token);
            // A goal linked before stays allowed after its plan closed; a new link must be a goal of the active plan.
            var added = goalIds.Where(id => conversation.LinkedGoals.All(l => l.GoalId != id)).ToList();
            if (added.Count > 0)
            {
                var known = await ActivePlanGoals(db, conversation.PupilId, conversation.SchoolId)
                    .Where(g => added.Contains(g.Id))
                    .Select(g => g.Id)
                    .ToListAsync(token);
                if (known.Count != added.Count)
                    throw new DomainValidationException(nameof(ConversationReportInput.GoalIds),
                        "Kies alleen doelen uit het actieve plan van deze leerling op deze school.");
            }

            conversation.HeldOn = report.HeldOn;
            conversation.Discussed = report.Discussed;
            conversation.AgreedGoals = report.AgreedGoals;
            conversation.NextOn = report.NextOn;
            conversation.LinkedGoals.RemoveAll(l => !goalIds.Contains(l.GoalId));
            foreach (var goalId in goalIds.Where(id => conversation.LinkedGoals.All(l => l.GoalId != id)))
                conversation.LinkedGoals.Add(new ParentConversationGoal { GoalId = goalId });
        }, ct);
    }

    private static IQueryable<PlanGoal> ActivePlanGoals(PortalDbContext db, int pupilId, int schoolId) =>
        db.PlanGoals.AsNoTracking()
            .Where(g => g.Plan!.PupilId == pupilId && g.Plan.SchoolId == schoolId && g.Plan.Status == SupportPlanStatus.Active)
            .OrderBy(g => g.Kind).ThenBy(g => g.Position).ThenBy(g => g.Id);

    private async Task ChangeAsync(int conversationId, int expectedVersion, string action,
        Func<PortalDbContext, ParentConversation, CancellationToken, Task> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);

        var conversation = await db.ParentConversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !CareAccess.MayManage(scope, conversation.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.ParentConversation, conversationId, ct);
        if (conversation.Version != expectedVersion)
            throw Conflict();

        await apply(db, conversation, ct);
        conversation.UpdatedAt = Now;
        conversation.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.ParentConversation, conversation.Id, conversation.PupilId,
            conversation.SchoolId, CareAccess.RoleFor(scope, conversation.PupilId, conversation.SchoolId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
        logger.LogInformation("Parent conversation {ConversationId} of pupil {PupilId} changed ({Action}) by staff {StaffMemberId}",
            conversation.Id, conversation.PupilId, action, staffId);
    }

    private static ConcurrencyConflictException Conflict() =>
        new("Iemand anders heeft dit oudergesprek net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.");

    private sealed record ValidPlan(DateOnly HeldOn, string? ParentExpectations, string? SchoolExpectations, string? Agenda);

    private static ValidPlan ValidatePlan(ConversationPlanInput input)
    {
        var errors = new Dictionary<string, string>();
        if (input.HeldOn is null)
            errors[nameof(ConversationPlanInput.HeldOn)] = "Kies de datum van het gesprek.";
        var parents = ParentText.Optional(input.ParentExpectations, nameof(ConversationPlanInput.ParentExpectations),
            ParentConversation.TextMaxLength, "De verwachtingen van de ouders", errors);
        var school = ParentText.Optional(input.SchoolExpectations, nameof(ConversationPlanInput.SchoolExpectations),
            ParentConversation.TextMaxLength, "De verwachtingen van school", errors);
        var agenda = ParentText.Optional(input.Agenda, nameof(ConversationPlanInput.Agenda), ParentConversation.TextMaxLength, "De agenda", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ValidPlan(input.HeldOn!.Value, parents, school, agenda);
    }

    private sealed record ValidReport(DateOnly HeldOn, string Discussed, string? AgreedGoals, IReadOnlyList<int> GoalIds, DateOnly? NextOn);

    private static ValidReport ValidateReport(ConversationReportInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (input.HeldOn is not { } heldOn)
            errors[nameof(ConversationReportInput.HeldOn)] = "Kies de datum waarop het gesprek was.";
        else if (heldOn > today)
            errors[nameof(ConversationReportInput.HeldOn)] =
                "Dit gesprek heeft nog niet plaatsgevonden. Leg het verslag vast na het gesprek, of pas de datum aan.";
        var discussed = ParentText.Required(input.Discussed, nameof(ConversationReportInput.Discussed), ParentConversation.TextMaxLength,
            "Wat er besproken is", "Beschrijf wat er besproken is.", errors);
        var agreed = ParentText.Optional(input.AgreedGoals, nameof(ConversationReportInput.AgreedGoals), ParentConversation.TextMaxLength,
            "De afgesproken doelen", errors);
        if (input.NextOn is { } next && input.HeldOn is { } held && next <= held)
            errors[nameof(ConversationReportInput.NextOn)] = "Het volgende gesprek moet na dit gesprek zijn. Kies een latere datum.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ValidReport(input.HeldOn!.Value, discussed!, agreed, (input.GoalIds ?? []).Distinct().ToList(), input.NextOn);
    }
}
