using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using IbPortal.Domain.Pupils;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Support;

/// <summary>
/// The HGW plan (handelingsgericht werken): quick wins first, then longer-term goals with review dates, then the
/// pupil's educational needs; goals are evaluated, and the plan is closed with a note. At most one plan per pupil and
/// school is active. Only the school's IB'er makes and changes plans; the pupil's teacher reads them in the overview
/// (<see cref="SupportService.GetOverviewAsync"/>). Every change raises the plan's version (optimistic concurrency).
/// </summary>
public sealed class SupportPlanService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<SupportPlanService> logger)
{
    private const string ConflictMessage =
        "Iemand anders heeft dit plan net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// What the new-plan form shows: the pupil, the current school and level, whether a plan is running, and the
    /// discussion the plan comes from (null when <paramref name="discussionId"/> is not a discussion of this pupil at
    /// that school). Only the IB'er of the pupil's current school; others are refused (audited).
    /// </summary>
    public async Task<PlanStart> GetPlanStartAsync(int pupilId, int? discussionId = null, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.PlanPrepare);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var placement = await ManagedPlacementAsync(audit, db, scope, pupilId, SupportAuditActions.PlanPrepare, today, ct);

        var pupil = await db.Pupils.AsNoTracking().Where(p => p.Id == pupilId)
            .Select(p => new { p.FirstName, p.Infix, p.LastName }).SingleAsync(ct);
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == placement.SchoolId)
            .Select(s => new { s.Name, s.ShortName, s.Color }).SingleAsync(ct);
        var level = await SupportQueries.CurrentLevelAsync(db, pupilId, placement.SchoolId, ct);
        var activePlanId = await db.SupportPlans.AsNoTracking()
            .Where(p => p.PupilId == pupilId && p.SchoolId == placement.SchoolId && p.Status == SupportPlanStatus.Active)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var discussion = discussionId is { } id
            ? await DiscussionsOf(db, pupilId, placement.SchoolId).Where(d => d.Id == id)
                .Select(d => new PlanDiscussion(d.Id, d.Kind, d.ScheduledAt)).FirstOrDefaultAsync(ct)
            : null;

        await audit.RecordAsync(new AuditRecord(staffId, SupportAuditActions.PlanPrepare, AuditRecordKind.SupportPlan, activePlanId, pupilId,
            placement.SchoolId, CareAccess.RoleFor(scope, pupilId, placement.SchoolId)), ct);
        return new PlanStart(pupilId, Pupil.FullNameOf(pupil.FirstName, pupil.Infix, pupil.LastName), placement.SchoolId, school.Name,
            school.ShortName, school.Color, level, activePlanId is not null, discussion);
    }

    /// <summary>
    /// Makes the plan at the pupil's current school. Needs at least one quick win or longer-term goal; each
    /// longer-term goal needs a review date, today or later. Refused with a Dutch message while another plan is active.
    /// Returns the plan id.
    /// </summary>
    public async Task<int> CreateAsync(NewSupportPlan plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.PlanCreate);
        var today = Today;

        var input = new SupportInput();
        var quickWins = new List<string>();
        for (var i = 0; i < plan.QuickWins.Count; i++)
        {
            if (input.Optional(SupportFields.QuickWin(i), plan.QuickWins[i], PlanGoal.DescriptionMaxLength, "Een quick win") is { } text)
                quickWins.Add(text);
        }
        var goals = new List<(string Description, DateOnly ReviewOn)>();
        for (var i = 0; i < plan.Goals.Count; i++)
        {
            var goal = plan.Goals[i];
            if (SupportInput.Normalize(goal.Description) is null && goal.ReviewOn is null)
                continue;
            var text = input.Required(SupportFields.GoalDescription(i), goal.Description, PlanGoal.DescriptionMaxLength,
                "Beschrijf het doel, of haal de datum weg.", "Een doel");
            var review = ValidReviewDate(input, SupportFields.GoalReviewOn(i), goal.ReviewOn, required: true, previous: null, today);
            if (text is not null && review is { } r)
                goals.Add((text, r));
        }
        if (quickWins.Count == 0 && goals.Count == 0 && !input.HasErrors)
            input.Add(SupportFields.QuickWins, "Begin met minstens één quick win of doel: wat helpt deze leerling morgen al?");
        var needs = input.Optional(SupportFields.EducationalNeeds, plan.EducationalNeeds, SupportPlan.EducationalNeedsMaxLength,
            "De onderwijsbehoeften");
        input.ThrowIfAny();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var placement = await ManagedPlacementAsync(audit, db, scope, plan.PupilId, SupportAuditActions.PlanCreate, today, ct);

        if (plan.DiscussionId is { } discussionId &&
            !await DiscussionsOf(db, plan.PupilId, placement.SchoolId).AnyAsync(d => d.Id == discussionId, ct))
            SupportInput.Throw(SupportFields.DiscussionId,
                "Deze bespreking hoort niet bij deze leerling op deze school. Maak het plan zonder bespreking, of kies de goede bespreking.");

        if (await db.SupportPlans.AnyAsync(p => p.PupilId == plan.PupilId && p.SchoolId == placement.SchoolId && p.Status == SupportPlanStatus.Active, ct))
            throw new DomainException("Er loopt al een ondersteuningsplan voor deze leerling op deze school. Pas dat plan aan, of sluit het eerst af en begin dan een nieuw plan.");

        var now = Now;
        var entity = new SupportPlan
        {
            PupilId = plan.PupilId,
            SchoolId = placement.SchoolId,
            Status = SupportPlanStatus.Active,
            StartsOn = today,
            EducationalNeeds = needs,
            DiscussionId = plan.DiscussionId,
            CreatedAt = now,
            CreatedById = staffId,
            UpdatedAt = now,
        };
        entity.Goals.AddRange(quickWins.Select((text, i) => new PlanGoal { Kind = GoalKind.QuickWin, Position = i, Description = text }));
        entity.Goals.AddRange(goals.Select((g, i) => new PlanGoal { Kind = GoalKind.LongTerm, Position = i, Description = g.Description, ReviewOn = g.ReviewOn }));
        await UniqueRace.SaveAsync(async () =>
        {
            db.SupportPlans.Add(entity);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                audit.Add(db, new AuditRecord(staffId, SupportAuditActions.PlanCreate, AuditRecordKind.SupportPlan, entity.Id, entity.PupilId,
                    entity.SchoolId, CareAccess.RoleFor(scope, entity.PupilId, entity.SchoolId)));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }, async () =>
        {
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            return await check.SupportPlans.AnyAsync(p => p.PupilId == entity.PupilId && p.SchoolId == entity.SchoolId && p.Status == SupportPlanStatus.Active && p.Id != entity.Id, ct);
        }, "Er is net een ander ondersteuningsplan voor deze leerling gestart. Open dat plan en pas het aan; wat je typte staat er nog.");

        logger.LogInformation("Support plan {PlanId} made for pupil {PupilId} at school {SchoolId} by staff {StaffMemberId} ({QuickWinCount} quick wins, {GoalCount} goals, discussion {DiscussionId})",
            entity.Id, entity.PupilId, entity.SchoolId, staffId, quickWins.Count, goals.Count, entity.DiscussionId);
        return entity.Id;
    }

    /// <summary>Adds a quick win or a longer-term goal (which needs a review date, today or later) at the end of its list. Returns its id.</summary>
    public async Task<int> AddGoalAsync(int planId, int expectedVersion, GoalKind kind, string? description, DateOnly? reviewOn,
        CancellationToken ct = default)
    {
        var input = new SupportInput();
        if (!Enum.IsDefined(kind))
            input.Add(SupportFields.Description, "Kies of het een quick win of een doel voor de langere termijn is.");
        var text = input.Required(SupportFields.Description, description, PlanGoal.DescriptionMaxLength,
            kind == GoalKind.QuickWin ? "Beschrijf de quick win: wat helpt deze leerling morgen al?" : "Beschrijf het doel.", "De tekst");
        var review = ValidReviewDate(input, SupportFields.ReviewOn, reviewOn, required: kind == GoalKind.LongTerm, previous: null, Today);
        input.ThrowIfAny();

        var goal = await ChangeAsync(planId, expectedVersion, SupportAuditActions.GoalAdd, (plan, _) =>
        {
            var position = plan.Goals.Where(g => g.Kind == kind).Select(g => g.Position + 1).DefaultIfEmpty(0).Max();
            var added = new PlanGoal { Kind = kind, Position = position, Description = text!, ReviewOn = review };
            plan.Goals.Add(added);
            return added;
        }, ct);
        return goal.Id;
    }

    /// <summary>
    /// Changes a goal's text and review date. A goal that was evaluated keeps its review date (the next one comes from
    /// an evaluation): only its text changes. A changed review date may not lie in the past.
    /// </summary>
    public async Task EditGoalAsync(int planId, int expectedVersion, int goalId, string? description, DateOnly? reviewOn,
        CancellationToken ct = default)
    {
        var input = new SupportInput();
        var text = input.Required(SupportFields.Description, description, PlanGoal.DescriptionMaxLength, "De tekst mag niet leeg zijn.", "De tekst");
        input.ThrowIfAny();
        var today = Today;

        await ChangeAsync(planId, expectedVersion, SupportAuditActions.GoalEdit, (plan, _) =>
        {
            var goal = GoalOf(plan, goalId);
            if (goal.Evaluations.Count > 0)
            {
                if (reviewOn != goal.ReviewOn)
                    SupportInput.Throw(SupportFields.ReviewOn,
                        "Dit doel is al geëvalueerd: je kunt alleen de tekst nog aanpassen. Een nieuwe evaluatiedatum leg je vast bij de evaluatie.");
            }
            else
            {
                var check = new SupportInput();
                goal.ReviewOn = ValidReviewDate(check, SupportFields.ReviewOn, reviewOn, required: goal.Kind == GoalKind.LongTerm,
                    previous: goal.ReviewOn, today);
                check.ThrowIfAny();
            }
            goal.Description = text!;
            return goal;
        }, ct);
    }

    /// <summary>Removes a goal that has no evaluations; the plan keeps at least one quick win or goal.</summary>
    public Task RemoveGoalAsync(int planId, int expectedVersion, int goalId, CancellationToken ct = default) =>
        ChangeAsync(planId, expectedVersion, SupportAuditActions.GoalRemove, (plan, db) =>
        {
            var goal = GoalOf(plan, goalId);
            if (goal.Evaluations.Count > 0)
                throw new DomainException("Dit doel is al geëvalueerd en blijft daarom in het plan staan. Je kunt de tekst nog aanpassen.");
            if (plan.Goals.Count == 1)
                throw new DomainException("Een plan heeft minstens één quick win of doel. Voeg eerst een ander toe, of sluit het plan af.");
            if (db.ParentConversationGoals.Any(l => l.GoalId == goal.Id))
                throw new DomainException("Dit doel is met de ouders afgesproken in een oudergesprek en blijft daarom in het plan staan. Je kunt de tekst nog aanpassen.");
            plan.Goals.Remove(goal);
            db.PlanGoals.Remove(goal);
            return goal;
        }, ct);

    /// <summary>Changes the educational needs (onderwijsbehoeften); empty clears them.</summary>
    public async Task SetEducationalNeedsAsync(int planId, int expectedVersion, string? educationalNeeds, CancellationToken ct = default)
    {
        var input = new SupportInput();
        var needs = input.Optional(SupportFields.EducationalNeeds, educationalNeeds, SupportPlan.EducationalNeedsMaxLength, "De onderwijsbehoeften");
        input.ThrowIfAny();
        await ChangeAsync(planId, expectedVersion, SupportAuditActions.NeedsEdit, (plan, _) =>
        {
            plan.EducationalNeeds = needs;
            return null;
        }, ct);
    }

    /// <summary>
    /// Records an evaluation of a goal: result, date (not in the future, not before the plan started) and notes. An
    /// achieved goal is done; a goal that is partly or not achieved needs a new review date (after the evaluation, not
    /// in the past), which becomes its review date.
    /// </summary>
    public async Task EvaluateGoalAsync(int planId, int expectedVersion, int goalId, GoalEvaluationInput evaluation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.GoalEvaluate);
        var today = Today;
        var input = new SupportInput();
        if (evaluation.Result is not { } result || !Enum.IsDefined(result))
            input.Add(SupportFields.Result, "Kies de uitkomst: behaald, deels behaald of niet behaald.");
        if (evaluation.EvaluatedOn is not { } evaluatedOn)
            input.Add(SupportFields.EvaluatedOn, "Kies de datum van de evaluatie.");
        else if (evaluatedOn > today)
            input.Add(SupportFields.EvaluatedOn, "De evaluatie kan niet in de toekomst liggen. Kies vandaag of een eerdere datum.");
        var notes = input.Optional(SupportFields.Notes, evaluation.Notes, GoalEvaluation.NotesMaxLength, "De toelichting");
        var needsNextReview = evaluation.Result is EvaluationResult.PartlyAchieved or EvaluationResult.NotAchieved;
        if (needsNextReview)
        {
            if (evaluation.NextReviewOn is not { } next)
                input.Add(SupportFields.NextReviewOn, "Het doel is nog niet behaald: kies wanneer je het opnieuw evalueert.");
            else if (next < today)
                input.Add(SupportFields.NextReviewOn, "De nieuwe evaluatiedatum ligt in het verleden. Kies vandaag of een latere datum.");
            else if (evaluation.EvaluatedOn is { } on && next <= on)
                input.Add(SupportFields.NextReviewOn, "De nieuwe evaluatiedatum moet na de datum van deze evaluatie liggen.");
        }
        input.ThrowIfAny();

        await ChangeAsync(planId, expectedVersion, SupportAuditActions.GoalEvaluate, (plan, _) =>
        {
            var goal = GoalOf(plan, goalId);
            if (goal.Evaluations.Any(e => e.Result == EvaluationResult.Achieved))
                throw new DomainException("Dit doel is al behaald; een nieuwe evaluatie is niet nodig.");
            if (evaluation.EvaluatedOn!.Value < plan.StartsOn)
                SupportInput.Throw(SupportFields.EvaluatedOn,
                    $"De evaluatie kan niet vóór de start van het plan ({SupportDates.Text(plan.StartsOn)}) liggen.");
            goal.Evaluations.Add(new GoalEvaluation
            {
                Result = evaluation.Result!.Value,
                EvaluatedOn = evaluation.EvaluatedOn.Value,
                Notes = notes,
                EvaluatedById = staffId,
                RecordedAt = Now,
            });
            if (needsNextReview)
                goal.ReviewOn = evaluation.NextReviewOn;
            return goal;
        }, ct);
    }

    /// <summary>Closes the plan with a note on what it brought; a new plan can then be made.</summary>
    public async Task ClosePlanAsync(int planId, int expectedVersion, string? closingNote, CancellationToken ct = default)
    {
        var input = new SupportInput();
        var note = input.Required(SupportFields.ClosingNote, closingNote, SupportPlan.ClosingNoteMaxLength,
            "Schrijf kort op waarom je het plan afsluit en wat het heeft opgeleverd.", "De afsluitende notitie");
        input.ThrowIfAny();
        var today = Today;
        await ChangeAsync(planId, expectedVersion, SupportAuditActions.PlanClose, (plan, _) =>
        {
            plan.Status = SupportPlanStatus.Closed;
            plan.ClosedOn = today;
            plan.ClosingNote = note;
            return null;
        }, ct);
    }

    private async Task<PlanGoal> ChangeAsync(int planId, int expectedVersion, string action, Func<SupportPlan, PortalDbContext, PlanGoal?> apply,
        CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var plan = await db.SupportPlans.Include(p => p.Goals).ThenInclude(g => g.Evaluations).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null || !CareAccess.MayManage(scope, plan.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.SupportPlan, planId, ct);
        if (plan.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        if (plan.Status != SupportPlanStatus.Active)
            throw new DomainException("Dit plan is afgesloten; wijzigen kan niet meer. Begin zo nodig een nieuw plan.");

        var goal = apply(plan, db);
        plan.Version++;
        plan.UpdatedAt = Now;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.SupportPlan, plan.Id, plan.PupilId, plan.SchoolId,
            CareAccess.RoleFor(scope, plan.PupilId, plan.SchoolId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        logger.LogInformation("Support plan {PlanId} of pupil {PupilId} changed ({Action}, goal {GoalId}) by staff {StaffMemberId}",
            plan.Id, plan.PupilId, action, goal?.Id, staffId);
        return goal!;
    }

    private static PlanGoal GoalOf(SupportPlan plan, int goalId) =>
        plan.Goals.SingleOrDefault(g => g.Id == goalId)
        ?? throw new DomainException("Dit doel staat niet (meer) in het plan. Ververs de pagina en probeer het opnieuw.");

    /// <summary>A review date: required for a longer-term goal; a new or changed one may not lie in the past.</summary>
    private static DateOnly? ValidReviewDate(SupportInput input, string field, DateOnly? value, bool required, DateOnly? previous, DateOnly today)
    {
        if (value is not { } date)
        {
            if (required)
                input.Add(field, "Kies een evaluatiedatum: wanneer kijk je of dit doel gehaald is?");
            return null;
        }
        if (date < today && date != previous)
        {
            input.Add(field, "De evaluatiedatum ligt in het verleden. Kies vandaag of een latere datum.");
            return null;
        }
        return date;
    }

    /// <summary>The discussions at the school that include the pupil.</summary>
    internal static IQueryable<Discussions.Discussion> DiscussionsOf(PortalDbContext db, int pupilId, int schoolId) =>
        db.Discussions.AsNoTracking().Where(d => d.SchoolId == schoolId && d.Pupils.Any(p => p.PupilId == pupilId));

    /// <summary>The pupil's current school when the user is its IB'er; otherwise a refusal (audited, naming the pupil).</summary>
    internal static async Task<CarePlacement> ManagedPlacementAsync(AuditTrail audit, PortalDbContext db, UserScope scope, int pupilId,
        string action, DateOnly today, CancellationToken ct)
    {
        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        if (placement is not null && CareAccess.MayManage(scope, placement.SchoolId))
            return placement;
        throw await audit.RefuseAsync(scope.StaffMemberId, action, AuditRecordKind.PupilFile, pupilId, ct);
    }
}
