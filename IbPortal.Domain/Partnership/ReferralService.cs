using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using IbPortal.Domain.Parents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using A = IbPortal.Domain.Partnership.PartnershipAuditActions;

namespace IbPortal.Domain.Partnership;

/// <summary>
/// Referrals to the samenwerkingsverband (consultation, arrangement request, TLV request), by the rules of
/// <see cref="CareAccess"/>: the IB'er of the referral's school manages them, the pupil's current teacher there reads
/// them, everyone else is refused (and the refusal audited). A referral is drafted at the pupil's current school, edited
/// while it is a draft, submitted only under the parents' consent to share (<see cref="ConsentPurposes.PartnershipSharing"/>),
/// then decided or withdrawn. Every read, change and export is audited with ids only.
/// </summary>
public sealed class ReferralService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<ReferralService> logger)
{
    /// <summary>The consultant's name (a domain limit; the column itself is not limited).</summary>
    public const int ConsultantNameMaxLength = 200;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The pupil's referrals the user may see, newest first. Open to the IB'er of a school where the pupil is or was
    /// enrolled and to the pupil's current teacher; anyone else is refused.
    /// </summary>
    public async Task<PupilReferrals> ListAsync(int pupilId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(A.List);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var schools = await db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupilId)
            .Select(e => e.Group!.SchoolId)
            .Distinct()
            .ToListAsync(ct);
        var granting = schools.Where(s => CareAccess.MayRead(scope, pupilId, s)).Order().ToList();
        if (granting.Count == 0)
            throw await audit.RefusePupilAsync(staffId, A.List, AuditRecordKind.Referral, pupilId, ct);

        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        var via = placement is not null && granting.Contains(placement.SchoolId) ? placement.SchoolId : granting[0];
        var referrals = await ViewsAsync(db, scope,
            CareAccess.Visible(db, db.PartnershipReferrals, scope, today).Where(r => r.PupilId == pupilId), ct);
        await audit.RecordAsync(new AuditRecord(staffId, A.List, AuditRecordKind.Referral, null, pupilId, via,
            CareAccess.RoleFor(scope, pupilId, via)), ct);

        logger.LogInformation("Referrals of pupil {PupilId} listed by staff {StaffMemberId} ({Count})", pupilId, staffId, referrals.Count);
        return new PupilReferrals(pupilId, referrals, placement is not null && CareAccess.MayManage(scope, placement.SchoolId));
    }

    /// <summary>One referral, for whoever may read it.</summary>
    public async Task<ReferralView> GetAsync(int referralId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(A.Read);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var view = (await ViewsAsync(db, scope,
            CareAccess.Visible(db, db.PartnershipReferrals, scope, today).Where(r => r.Id == referralId), ct)).SingleOrDefault();
        if (view is null)
            throw await audit.RefuseAsync(staffId, A.Read, AuditRecordKind.Referral, referralId, ct);
        await audit.RecordAsync(new AuditRecord(staffId, A.Read, AuditRecordKind.Referral, referralId, view.PupilId, view.SchoolId,
            CareAccess.RoleFor(scope, view.PupilId, view.SchoolId)), ct);

        logger.LogInformation("Referral {ReferralId} read by staff {StaffMemberId}", referralId, staffId);
        return view;
    }

    /// <summary>
    /// The summary parts proposed for a new referral at the pupil's current school: the open and recent concerns'
    /// "already tried", the active plan's goals with their latest evaluation, the plan's educational needs and the
    /// latest parent conversation's expectations and agreed goals. For the IB'er of that school only.
    /// </summary>
    public async Task<ReferralProposal> ProposeAsync(int pupilId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(A.Propose);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        if (placement is null || !CareAccess.MayManage(scope, placement.SchoolId))
            throw await audit.RefusePupilAsync(staffId, A.Propose, AuditRecordKind.Referral, pupilId, ct);

        var proposal = await ReferralProposalBuilder.BuildAsync(db, pupilId, placement.SchoolId, today, Now, clock.LocalTimeZone, ct);
        await audit.RecordAsync(new AuditRecord(staffId, A.Propose, AuditRecordKind.Referral, null, pupilId, placement.SchoolId,
            CareAccess.RoleFor(scope, pupilId, placement.SchoolId)), ct);

        logger.LogInformation("Referral proposal for pupil {PupilId} at school {SchoolId} gathered by staff {StaffMemberId}",
            pupilId, placement.SchoolId, staffId);
        return proposal;
    }

    /// <summary>Saves a new draft at the pupil's current school. Returns its id.</summary>
    public async Task<int> CreateAsync(int pupilId, ReferralInput input, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(A.Create);
        var text = Validate(input);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        if (placement is null || !CareAccess.MayManage(scope, placement.SchoolId))
            throw await audit.RefusePupilAsync(staffId, A.Create, AuditRecordKind.Referral, pupilId, ct);

        var now = Now;
        var referral = new PartnershipReferral
        {
            PupilId = pupilId,
            SchoolId = placement.SchoolId,
            Kind = input.Kind!.Value,
            Status = ReferralStatus.Draft,
            SupportQuestion = text.SupportQuestion,
            CreatedAt = now,
            CreatedById = staffId,
            UpdatedAt = now,
        };
        text.ApplyTo(referral);
        db.PartnershipReferrals.Add(referral);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, A.Create, AuditRecordKind.Referral, referral.Id, pupilId, placement.SchoolId,
                CareAccess.RoleFor(scope, pupilId, placement.SchoolId)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Referral {ReferralId} ({Kind}) drafted for pupil {PupilId} at school {SchoolId} by staff {StaffMemberId}",
            referral.Id, referral.Kind, pupilId, placement.SchoolId, staffId);
        return referral.Id;
    }

    /// <summary>Changes a draft (kind and every text). Only while it is a draft.</summary>
    public Task UpdateAsync(int referralId, int expectedVersion, ReferralInput input, CancellationToken ct = default)
    {
        var text = Validate(input);
        return ChangeAsync(referralId, expectedVersion, A.Update, (_, referral) =>
        {
            if (referral.Status != ReferralStatus.Draft)
                throw new DomainException("Alleen een concept kun je nog wijzigen; deze aanvraag is al ingediend of afgerond.");
            referral.Kind = input.Kind!.Value;
            text.ApplyTo(referral);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>
    /// Submits a draft to the samenwerkingsverband, which shares the pupil's data: only under a valid consent of the
    /// parents for <see cref="ConsentPurposes.PartnershipSharingPurpose"/>. Without it a
    /// <see cref="ConsentRequiredException"/> says what is missing and nothing changes.
    /// </summary>
    public Task SubmitAsync(int referralId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(referralId, expectedVersion, A.Submit, async (db, referral) =>
        {
            if (referral.Status != ReferralStatus.Draft)
                throw new DomainException("Deze aanvraag is al ingediend of afgerond.");
            var today = Today;
            Consent consent;
            try
            {
                consent = await ConsentRules.RequireAsync(db, referral.PupilId, referral.SchoolId, ConsentPurposes.PartnershipSharingPurpose, today, ct);
            }
            catch (ConsentRequiredException ex)
            {
                logger.LogInformation("Referral {ReferralId} not submitted: no valid sharing consent for pupil {PupilId} at school {SchoolId} ({ConsentState})",
                    referral.Id, referral.PupilId, referral.SchoolId, ex.LatestState);
                throw;
            }
            ConsentRules.RelyOn(db, consent);
            referral.Status = ReferralStatus.Submitted;
            referral.SubmittedOn = today;
            referral.ConsentId = consent.Id;
        }, ct);

    /// <summary>Records the samenwerkingsverband's decision on a submitted referral.</summary>
    public Task RecordDecisionAsync(int referralId, int expectedVersion, ReferralDecisionInput decision, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (decision.Outcome is not { } outcome || !Enum.IsDefined(outcome))
            errors[nameof(ReferralDecisionInput.Outcome)] = "Kies het besluit van het samenwerkingsverband.";
        if (decision.DecidedOn is not { } decidedOn)
            errors[nameof(ReferralDecisionInput.DecidedOn)] = "Vul de datum van het besluit in.";
        else if (decidedOn > Today)
            errors[nameof(ReferralDecisionInput.DecidedOn)] = "De datum van het besluit kan niet in de toekomst liggen.";
        var note = Optional(decision.Note, nameof(ReferralDecisionInput.Note), PartnershipReferral.TextMaxLength, "De toelichting", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        return ChangeAsync(referralId, expectedVersion, A.Decide, (_, referral) =>
        {
            if (referral.Status != ReferralStatus.Submitted)
                throw new DomainException(referral.Status == ReferralStatus.Draft
                    ? "Een besluit leg je vast nadat de aanvraag is ingediend."
                    : "Deze aanvraag is al afgerond.");
            if (decision.DecidedOn < referral.SubmittedOn)
                throw new DomainValidationException(nameof(ReferralDecisionInput.DecidedOn),
                    "De datum van het besluit ligt vóór de datum waarop de aanvraag is ingediend.");
            referral.Status = ReferralStatus.Decided;
            referral.Outcome = decision.Outcome;
            referral.DecidedOn = decision.DecidedOn;
            referral.OutcomeNote = note;
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Withdraws a draft or a submitted referral.</summary>
    public Task WithdrawAsync(int referralId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(referralId, expectedVersion, A.Withdraw, (_, referral) =>
        {
            if (referral.Status is not (ReferralStatus.Draft or ReferralStatus.Submitted))
                throw new DomainException("Deze aanvraag is al afgerond; intrekken kan niet meer.");
            referral.Status = ReferralStatus.Withdrawn;
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// The one-page summary of a referral of <paramref name="pupilId"/>, for whoever may read the referral. Audited as
    /// an export. Marked as concept while no valid consent to share it exists.
    /// </summary>
    public async Task<ReferralSummary> GetSummaryAsync(int pupilId, int referralId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(A.Export);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var referral = await CareAccess.Visible(db, db.PartnershipReferrals, scope, today).AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == referralId && r.PupilId == pupilId, ct);
        if (referral is null)
            throw await audit.RefuseAsync(staffId, A.Export, AuditRecordKind.Referral, referralId, ct);

        var summary = await ReferralSummaryBuilder.BuildAsync(db, referral, today, Now, clock.LocalTimeZone, ct);
        await audit.RecordAsync(new AuditRecord(staffId, A.Export, AuditRecordKind.Referral, referralId, referral.PupilId, referral.SchoolId,
            CareAccess.RoleFor(scope, referral.PupilId, referral.SchoolId)), ct);

        logger.LogInformation("Referral {ReferralId} summary made by staff {StaffMemberId} (concept: {IsConcept})",
            referralId, staffId, summary.IsConcept);
        return summary;
    }

    /// <summary>The summary as a Word document (.docx), named without the pupil's name. Audited as an export.</summary>
    public async Task<ReferralDocument> ExportWordAsync(int pupilId, int referralId, CancellationToken ct = default)
    {
        var summary = await GetSummaryAsync(pupilId, referralId, ct);
        return new ReferralDocument(ReferralWordDocument.Build(summary), $"verwijzing-{referralId}.docx", ReferralDocument.WordContentType);
    }

    private async Task ChangeAsync(int referralId, int expectedVersion, string action,
        Func<PortalDbContext, PartnershipReferral, Task> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var referral = await CareAccess.Visible(db, db.PartnershipReferrals, scope, today)
            .SingleOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null || !CareAccess.MayManage(scope, referral.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Referral, referralId, ct);
        if (referral.Version != expectedVersion)
            throw Conflict();

        var from = referral.Status;
        await apply(db, referral);
        referral.UpdatedAt = Now;
        referral.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Referral, referral.Id, referral.PupilId, referral.SchoolId,
            CareAccess.RoleFor(scope, referral.PupilId, referral.SchoolId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }

        logger.LogInformation("Referral {ReferralId} changed ({Action}) by staff {StaffMemberId}: {FromStatus} -> {ToStatus}",
            referralId, action, staffId, from, referral.Status);
    }

    private static async Task<IReadOnlyList<ReferralView>> ViewsAsync(PortalDbContext db, UserScope scope,
        IQueryable<PartnershipReferral> referrals, CancellationToken ct)
    {
        var rows = await referrals.AsNoTracking()
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                Referral = r,
                SchoolName = r.School!.Name,
                r.School.ShortName,
                r.School.Color,
                CreatedByName = db.StaffMembers.Where(s => s.Id == r.CreatedById).Select(s => s.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(x =>
        {
            var r = x.Referral;
            return new ReferralView(r.Id, r.PupilId, r.SchoolId, x.SchoolName, x.ShortName, x.Color, r.Kind, r.Status, r.SupportQuestion,
                r.TriedAndEffect, r.EducationalNeeds, r.ParentsView, r.ConsultantName, r.SubmittedOn, r.ConsentId, r.DecidedOn, r.Outcome,
                r.OutcomeNote, r.CreatedAt, x.CreatedByName ?? "–", r.UpdatedAt, r.Version, CareAccess.MayManage(scope, r.SchoolId));
        }).ToList();
    }

    private static ConcurrencyConflictException Conflict() =>
        new("Iemand anders heeft deze aanvraag net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.");

    /// <summary>The validated, trimmed texts of a referral.</summary>
    private sealed record ReferralText(string SupportQuestion, string? TriedAndEffect, string? EducationalNeeds, string? ParentsView,
        string? ConsultantName)
    {
        public void ApplyTo(PartnershipReferral referral)
        {
            referral.SupportQuestion = SupportQuestion;
            referral.TriedAndEffect = TriedAndEffect;
            referral.EducationalNeeds = EducationalNeeds;
            referral.ParentsView = ParentsView;
            referral.ConsultantName = ConsultantName;
        }
    }

    private static ReferralText Validate(ReferralInput input)
    {
        var errors = new Dictionary<string, string>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(ReferralInput.Kind)] = "Kies wat je aanvraagt: een consultatie, een arrangement of een toelaatbaarheidsverklaring.";
        var question = Optional(input.SupportQuestion, nameof(ReferralInput.SupportQuestion), PartnershipReferral.TextMaxLength,
            "De hulpvraag", errors);
        if (question is null && !errors.ContainsKey(nameof(ReferralInput.SupportQuestion)))
            errors[nameof(ReferralInput.SupportQuestion)] = "Beschrijf de hulpvraag: wat wil de school van het samenwerkingsverband weten of krijgen?";
        var tried = Optional(input.TriedAndEffect, nameof(ReferralInput.TriedAndEffect), PartnershipReferral.TextMaxLength,
            "'Wat is al geprobeerd en met welk effect?'", errors);
        var needs = Optional(input.EducationalNeeds, nameof(ReferralInput.EducationalNeeds), PartnershipReferral.TextMaxLength,
            "De onderwijsbehoeften", errors);
        var parents = Optional(input.ParentsView, nameof(ReferralInput.ParentsView), PartnershipReferral.TextMaxLength,
            "De visie van de ouders", errors);
        var consultant = Optional(input.ConsultantName, nameof(ReferralInput.ConsultantName), ConsultantNameMaxLength,
            "De naam van de consulent", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        return new ReferralText(question!, tried, needs, parents, consultant);
    }

    private static string? Optional(string? value, string field, int max, string what, Dictionary<string, string> errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > max)
            errors[field] = $"{what} mag hoogstens {max} tekens lang zijn (nu {text.Length}). Maak de tekst korter; wat je typte blijft staan.";
        return text;
    }
}
