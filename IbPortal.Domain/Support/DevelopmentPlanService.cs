using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Support;

/// <summary>
/// The OPP (ontwikkelingsperspectiefplan): made for a pupil at level 4 or 5, or at any level by the school's choice;
/// agreed with the parents, then evaluated yearly (the next evaluation falls a year after the agreement, then a year
/// after each evaluation); ended when no longer needed. One active OPP per pupil and school. Only the school's IB'er
/// makes and changes it; the teacher reads it in the overview.
/// </summary>
public sealed class DevelopmentPlanService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<DevelopmentPlanService> logger)
{
    private const string ConflictMessage =
        "Iemand anders heeft dit OPP net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Makes an OPP at the pupil's current school. <see cref="DevelopmentPlanReason.SupportLevel"/> needs the pupil at
    /// level 4 or 5 there; <see cref="DevelopmentPlanReason.SchoolChoice"/> is possible at any level. Returns its id.
    /// </summary>
    public async Task<int> CreateAsync(NewDevelopmentPlan plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.DevelopmentPlanCreate);
        var input = new SupportInput();
        if (plan.Reason is not { } reason || !Enum.IsDefined(reason))
            input.Add(SupportFields.Reason, "Kies waarom de leerling een OPP krijgt: vanwege niveau 4 of 5, of als keuze van de school.");
        var perspective = input.Required(SupportFields.Perspective, plan.Perspective, DevelopmentPlan.PerspectiveMaxLength,
            "Beschrijf het ontwikkelingsperspectief: waar werkt de leerling naartoe, en waarom?", "Het ontwikkelingsperspectief");
        input.ThrowIfAny();

        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var placement = await SupportPlanService.ManagedPlacementAsync(audit, db, scope, plan.PupilId, SupportAuditActions.DevelopmentPlanCreate,
            today, ct);

        if (plan.Reason == DevelopmentPlanReason.SupportLevel)
        {
            var level = await SupportQueries.CurrentLevelAsync(db, plan.PupilId, placement.SchoolId, ct);
            if (level < SupportLevel.ExternalExpert)
                SupportInput.Throw(SupportFields.Reason,
                    $"De leerling zit op niveau {level}. Een OPP vanwege het ondersteuningsniveau hoort bij niveau 4 of 5; kies anders ‘keuze van de school’.");
        }
        if (await db.DevelopmentPlans.AnyAsync(o => o.PupilId == plan.PupilId && o.SchoolId == placement.SchoolId && o.EndedOn == null, ct))
            throw new DomainException("Deze leerling heeft op deze school al een lopend OPP. Werk dat OPP bij, of beëindig het eerst.");

        var now = Now;
        var entity = new DevelopmentPlan
        {
            PupilId = plan.PupilId,
            SchoolId = placement.SchoolId,
            Reason = plan.Reason!.Value,
            Perspective = perspective!,
            CreatedAt = now,
            CreatedById = staffId,
            UpdatedAt = now,
        };
        await UniqueRace.SaveAsync(async () =>
        {
            db.DevelopmentPlans.Add(entity);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                audit.Add(db, new AuditRecord(staffId, SupportAuditActions.DevelopmentPlanCreate, AuditRecordKind.DevelopmentPlan, entity.Id,
                    entity.PupilId, entity.SchoolId, CareAccess.RoleFor(scope, entity.PupilId, entity.SchoolId)));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }, async () =>
        {
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            return await check.DevelopmentPlans.AnyAsync(o => o.PupilId == entity.PupilId && o.SchoolId == entity.SchoolId && o.EndedOn == null && o.Id != entity.Id, ct);
        }, "Er is net een ander OPP voor deze leerling vastgelegd. Werk dat OPP bij; wat je typte staat er nog.");

        logger.LogInformation("Development plan {DevelopmentPlanId} made for pupil {PupilId} at school {SchoolId} by staff {StaffMemberId} ({Reason})",
            entity.Id, entity.PupilId, entity.SchoolId, staffId, entity.Reason);
        return entity.Id;
    }

    /// <summary>
    /// Records when the parents agreed with the OPP (not in the future); the first yearly evaluation falls a year
    /// later. It can be corrected until the first evaluation.
    /// </summary>
    public Task RecordAgreementAsync(int developmentPlanId, int expectedVersion, DateOnly? agreedOn, CancellationToken ct = default)
    {
        var today = Today;
        if (agreedOn is not { } date)
            throw new DomainValidationException(SupportFields.AgreedOn, "Kies de datum waarop de ouders met het OPP instemden.");
        if (date > today)
            throw new DomainValidationException(SupportFields.AgreedOn, "Die datum ligt in de toekomst. Leg de instemming vast als de ouders ingestemd hebben.");

        return ChangeAsync(developmentPlanId, expectedVersion, SupportAuditActions.DevelopmentPlanAgree, plan =>
        {
            if (plan.LastEvaluatedOn is not null)
                throw new DomainException("Dit OPP is al geëvalueerd; de instemming van de ouders staat vast.");
            plan.AgreedWithParentsOn = date;
            plan.NextEvaluationOn = date.AddYears(1);
        }, ct);
    }

    /// <summary>
    /// Records the yearly evaluation (date not in the future, after the agreement and the previous evaluation; notes
    /// optional); the next one falls a year later.
    /// </summary>
    public async Task RecordEvaluationAsync(int developmentPlanId, int expectedVersion, DateOnly? evaluatedOn, string? notes,
        CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(SupportAuditActions.DevelopmentPlanEvaluate);
        var today = Today;
        var input = new SupportInput();
        if (evaluatedOn is not { } date)
            input.Add(SupportFields.EvaluatedOn, "Kies de datum van de evaluatie.");
        else if (date > today)
            input.Add(SupportFields.EvaluatedOn, "De evaluatie kan niet in de toekomst liggen. Kies vandaag of een eerdere datum.");
        var text = input.Optional(SupportFields.Notes, notes, DevelopmentPlanEvaluation.NotesMaxLength, "De toelichting");
        input.ThrowIfAny();

        await ChangeAsync(developmentPlanId, expectedVersion, SupportAuditActions.DevelopmentPlanEvaluate, plan =>
        {
            if (plan.AgreedWithParentsOn is not { } agreed)
                throw new DomainException("Leg eerst vast wanneer de ouders met het OPP instemden; de jaarlijkse evaluatie telt vanaf die datum.");
            if (evaluatedOn!.Value < agreed)
                SupportInput.Throw(SupportFields.EvaluatedOn,
                    $"De evaluatie kan niet vóór de instemming van de ouders ({SupportDates.Text(agreed)}) liggen.");
            if (plan.LastEvaluatedOn is { } last && evaluatedOn.Value <= last)
                SupportInput.Throw(SupportFields.EvaluatedOn,
                    $"De vorige evaluatie was op {SupportDates.Text(last)}. Kies een latere datum.");
            plan.Evaluations.Add(new DevelopmentPlanEvaluation
            {
                EvaluatedOn = evaluatedOn.Value,
                Notes = text,
                EvaluatedById = staffId,
                RecordedAt = Now,
            });
            plan.LastEvaluatedOn = evaluatedOn.Value;
            plan.NextEvaluationOn = evaluatedOn.Value.AddYears(1);
        }, ct);
    }

    /// <summary>Ends the OPP today; no further evaluations are due.</summary>
    public Task EndAsync(int developmentPlanId, int expectedVersion, CancellationToken ct = default)
    {
        var today = Today;
        return ChangeAsync(developmentPlanId, expectedVersion, SupportAuditActions.DevelopmentPlanEnd, plan => plan.EndedOn = today, ct);
    }

    private async Task ChangeAsync(int developmentPlanId, int expectedVersion, string action, Action<DevelopmentPlan> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var plan = await db.DevelopmentPlans.SingleOrDefaultAsync(o => o.Id == developmentPlanId, ct);
        if (plan is null || !CareAccess.MayManage(scope, plan.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.DevelopmentPlan, developmentPlanId, ct);
        if (plan.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        if (plan.EndedOn is not null)
            throw new DomainException("Dit OPP is beëindigd; wijzigen kan niet meer. Maak zo nodig een nieuw OPP.");

        apply(plan);
        plan.Version++;
        plan.UpdatedAt = Now;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.DevelopmentPlan, plan.Id, plan.PupilId, plan.SchoolId,
            CareAccess.RoleFor(scope, plan.PupilId, plan.SchoolId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        logger.LogInformation("Development plan {DevelopmentPlanId} of pupil {PupilId} changed ({Action}) by staff {StaffMemberId}; next evaluation {NextEvaluationOn}",
            plan.Id, plan.PupilId, action, staffId, plan.NextEvaluationOn);
    }
}
