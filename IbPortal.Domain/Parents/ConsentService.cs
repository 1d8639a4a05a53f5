using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Parents;

/// <summary>
/// The parents' consent, per purpose (<see cref="ConsentPurposes"/>): request it, record the answer of a guardian with
/// parental authority, record a withdrawal. The current status of a purpose is its latest record's state (a given
/// consent past its expiry date is expired), or "not requested". The school's IB'er manages; the pupil's current
/// teacher reads. Every read, change and refusal is audited; logs carry ids only.
/// </summary>
public sealed class ConsentService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    ConsentPurposes purposes,
    TimeProvider clock,
    ILogger<ConsentService> logger)
{
    /// <summary>The longest note kept with a request or a withdrawal (both share the consent's note).</summary>
    public const int NoteMaxLength = 480;

    private const string WithdrawalNotePrefix = "Bij intrekking: ";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Every purpose's consent for the pupil at the school the user reaches, with history and what may be done now.</summary>
    public async Task<ConsentOverview> GetOverviewAsync(int pupilId, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ConsentRead;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var reach = await ParentAccess.ReadReachAsync(db, scope, pupilId, today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.Consent, pupilId, ct);

        var records = await db.Consents.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == reach.SchoolId)
            .Select(c => new
            {
                Consent = c,
                RequestedBy = db.StaffMembers.Where(s => s.Id == c.RequestedById).Select(s => s.DisplayName).FirstOrDefault(),
                GuardianName = c.Guardian == null ? null : c.Guardian.Name,
                GuardianRelationship = c.Guardian == null ? null : c.Guardian.Relationship,
            })
            .ToListAsync(ct);
        var guardians = await db.Guardians.AsNoTracking()
            .Where(g => g.PupilId == pupilId && g.SchoolId == reach.SchoolId && g.ArchivedAt == null && g.HasParentalAuthority)
            .OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Select(g => new GuardianOption(g.Id, g.Name, g.Relationship))
            .ToListAsync(ct);

        await audit.RecordAsync(new AuditRecord(staffId, action, AuditRecordKind.Consent, null, pupilId, reach.SchoolId, reach.Role), ct);
        logger.LogInformation("Consents of pupil {PupilId} at school {SchoolId} read by staff {StaffMemberId}", pupilId, reach.SchoolId, staffId);

        var items = records
            .OrderByDescending(r => r.Consent.RequestedAt).ThenByDescending(r => r.Consent.Id)
            .Select(r => ToItem(r.Consent, r.RequestedBy, r.GuardianName, r.GuardianRelationship, today))
            .ToList();
        var all = purposes.All.Concat(items.Select(i => i.Purpose).Distinct(StringComparer.Ordinal)
                .Where(code => purposes.Find(code) is null)
                .Select(code => new ConsentPurpose(code, purposes.NameOf(code), null)))
            .ToList();
        var overview = all.Select(purpose =>
        {
            var history = items.Where(i => i.Purpose == purpose.Code).ToList();
            var latest = history.FirstOrDefault();
            var status = latest?.Status ?? ConsentStatus.NotRequested;
            var configured = purposes.Find(purpose.Code) is not null;
            return new PurposeConsent(purpose, status, latest, history.Skip(1).ToList(),
                CanRequest: reach.CanAdd && configured && MayRequestAfter(status),
                CanDecide: reach.CanManage && status == ConsentStatus.Requested,
                CanWithdraw: reach.CanManage && status == ConsentStatus.Given);
        }).ToList();
        return new ConsentOverview(pupilId, reach.SchoolId, reach.CanManage, reach.CanAdd, overview, guardians);
    }

    /// <summary>
    /// Whether the signed-in user may request consent for the pupil (the IB'er of the pupil's current school). Reveals
    /// nothing about the pupil's records, so it is not audited.
    /// </summary>
    public async Task<bool> CanRequestAsync(int pupilId, CancellationToken ct = default)
    {
        if (await currentUser.GetStaffMemberIdAsync() is not { } staffId)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        return await ParentAccess.AddReachAsync(db, scope, pupilId, Today, ct) is not null;
    }

    /// <summary>
    /// Asks the parents for consent for <paramref name="purpose"/> at the pupil's current school (its IB'er only).
    /// Refused while a request is open or a valid consent exists; allowed again after a refusal, withdrawal or expiry,
    /// as a new record.
    /// </summary>
    public async Task<int> RequestAsync(int pupilId, string purpose, string? note = null, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ConsentRequest;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var errors = new Dictionary<string, string>();
        var known = purposes.Find(purpose ?? "");
        if (known is null)
            errors["Purpose"] = "Kies waarvoor je toestemming vraagt; dit doel is niet bekend.";
        var text = ParentText.Optional(note, "Note", NoteMaxLength, "De toelichting", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var reach = await ParentAccess.AddReachAsync(db, scope, pupilId, today, ct)
                    ?? throw await audit.RefusePupilAsync(staffId, action, AuditRecordKind.Consent, pupilId, ct);

        var latest = await db.Consents.AsNoTracking()
            .Where(c => c.PupilId == pupilId && c.SchoolId == reach.SchoolId && c.Purpose == known!.Code)
            .OrderByDescending(c => c.RequestedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        switch (ConsentRules.StatusOn(latest, today))
        {
            case ConsentStatus.Requested:
                throw new DomainException($"Er staat al een vraag om toestemming voor ‘{known!.Name}’ open (gevraagd op " +
                                          $"{ParentText.Day(LocalDay(latest!.RequestedAt))}). Leg eerst het antwoord van de ouders vast.");
            case ConsentStatus.Given:
                throw new DomainException($"De ouders hebben al toestemming gegeven voor ‘{known!.Name}’" +
                                          (latest!.ExpiresOn is { } until ? $", geldig tot en met {ParentText.Day(until)}." : ".") +
                                          " Opnieuw vragen is niet nodig.");
        }

        var now = Now;
        var consent = new Consent
        {
            PupilId = pupilId,
            SchoolId = reach.SchoolId,
            Purpose = known!.Code,
            State = ConsentState.Requested,
            RequestedAt = now,
            RequestedById = staffId,
            Note = text,
            UpdatedAt = now,
        };
        await UniqueRace.SaveAsync(async () =>
        {
            db.Consents.Add(consent);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Consent, consent.Id, pupilId, reach.SchoolId, reach.Role));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }, async () =>
        {
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            return await check.Consents.AnyAsync(c => c.PupilId == consent.PupilId && c.SchoolId == consent.SchoolId && c.Purpose == consent.Purpose && c.State == ConsentState.Requested && c.Id != consent.Id, ct);
        }, "Iemand anders heeft net om deze toestemming gevraagd. Leg het antwoord van de ouders vast op het tabblad Toestemming.");
        logger.LogInformation("Consent {ConsentId} for {Purpose} requested for pupil {PupilId} at school {SchoolId} by staff {StaffMemberId}",
            consent.Id, consent.Purpose, pupilId, reach.SchoolId, staffId);
        return consent.Id;
    }

    /// <summary>
    /// Records the parents' answer to an open request: given or refused, by a guardian of the pupil at that school who
    /// is not archived and has parental authority, on a date not in the future and not before the request, how, and
    /// (for a given consent) an optional expiry date after the decision.
    /// </summary>
    public async Task RecordDecisionAsync(int consentId, ConsentDecisionInput input, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ConsentDecide;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        var errors = new Dictionary<string, string>();
        if (input.Decision is not { } decision || !Enum.IsDefined(decision))
            errors[nameof(ConsentDecisionInput.Decision)] = "Kies of de ouders toestemming hebben gegeven of geweigerd.";
        if (input.GuardianId is null)
            errors[nameof(ConsentDecisionInput.GuardianId)] = "Kies de ouder of verzorger die geantwoord heeft.";
        if (input.DecidedOn is not { } decidedOn)
            errors[nameof(ConsentDecisionInput.DecidedOn)] = "Kies de datum waarop de ouders geantwoord hebben.";
        else if (decidedOn > today)
            errors[nameof(ConsentDecisionInput.DecidedOn)] = "Deze datum ligt in de toekomst. Leg het antwoord vast zodra de ouders geantwoord hebben.";
        if (input.Method is not { } method || !Enum.IsDefined(method))
            errors[nameof(ConsentDecisionInput.Method)] = "Kies hoe de ouders geantwoord hebben.";
        if (input.ExpiresOn is { } expires && input.Decision == ConsentDecision.Given && input.DecidedOn is { } decided && expires <= decided)
            errors[nameof(ConsentDecisionInput.ExpiresOn)] = "De toestemming moet na de datum van het antwoord verlopen. Kies een latere datum of laat het veld leeg.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == consentId, ct);
        if (consent is null || !CareAccess.MayManage(scope, consent.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Consent, consentId, ct);
        if (consent.State != ConsentState.Requested)
            throw new DomainException("Op deze vraag om toestemming is het antwoord al vastgelegd. Vraag zo nodig opnieuw om toestemming.");

        var requestedOn = LocalDay(consent.RequestedAt);
        if (input.DecidedOn < requestedOn)
            throw new DomainValidationException(nameof(ConsentDecisionInput.DecidedOn),
                $"De toestemming is gevraagd op {ParentText.Day(requestedOn)}; het antwoord kan niet van daarvóór zijn.");

        var guardian = await db.Guardians.AsNoTracking()
            .Where(g => g.Id == input.GuardianId && g.PupilId == consent.PupilId && g.SchoolId == consent.SchoolId)
            .Select(g => new { g.ArchivedAt, g.HasParentalAuthority })
            .SingleOrDefaultAsync(ct);
        if (guardian is null)
            throw new DomainValidationException(nameof(ConsentDecisionInput.GuardianId),
                "Kies een ouder of verzorger van deze leerling op deze school.");
        if (guardian.ArchivedAt is not null)
            throw new DomainValidationException(nameof(ConsentDecisionInput.GuardianId),
                "Deze ouder of verzorger is gearchiveerd en kan geen toestemming meer geven of weigeren. Kies een andere ouder of verzorger.");
        if (!guardian.HasParentalAuthority)
            throw new DomainValidationException(nameof(ConsentDecisionInput.GuardianId),
                "Alleen een ouder of verzorger met ouderlijk gezag kan toestemming geven of weigeren. Kies een ouder met gezag, " +
                "of pas bij de ouders aan wie gezag heeft.");

        consent.State = input.Decision == ConsentDecision.Given ? ConsentState.Given : ConsentState.Refused;
        consent.GuardianId = input.GuardianId;
        consent.DecidedOn = input.DecidedOn;
        consent.Method = input.Method;
        consent.ExpiresOn = consent.State == ConsentState.Given ? input.ExpiresOn : null;
        await SaveChangeAsync(db, scope, staffId, consent, action, ct);
        logger.LogInformation("Consent {ConsentId} of pupil {PupilId} decided ({State}) by guardian {GuardianId}, recorded by staff {StaffMemberId}",
            consent.Id, consent.PupilId, consent.State, consent.GuardianId, staffId);
    }

    /// <summary>
    /// Records that the parents withdrew a given consent, on <paramref name="withdrawnOn"/> (not in the future, not
    /// before it was given). From then on every step that needs it is refused again.
    /// </summary>
    public async Task WithdrawAsync(int consentId, DateOnly? withdrawnOn, string? note = null, CancellationToken ct = default)
    {
        const string action = ParentAuditActions.ConsentWithdraw;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var today = Today;
        var errors = new Dictionary<string, string>();
        if (withdrawnOn is not { } on)
            errors["WithdrawnOn"] = "Kies de datum waarop de ouders de toestemming hebben ingetrokken.";
        else if (on > today)
            errors["WithdrawnOn"] = "Deze datum ligt in de toekomst. Leg de intrekking vast zodra de ouders hebben laten weten dat ze hun toestemming intrekken.";
        var text = ParentText.Optional(note, "Note", NoteMaxLength, "De toelichting", errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == consentId, ct);
        if (consent is null || !CareAccess.MayManage(scope, consent.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Consent, consentId, ct);
        switch (ConsentRules.StatusOn(consent, today))
        {
            case ConsentStatus.Expired:
                throw new DomainException("Deze toestemming is al verlopen; intrekken is niet nodig. Stappen die haar nodig hebben zijn al geblokkeerd.");
            case not ConsentStatus.Given:
                throw new DomainException("Alleen een gegeven toestemming kan worden ingetrokken.");
        }
        if (withdrawnOn < consent.DecidedOn)
            throw new DomainValidationException("WithdrawnOn",
                $"De toestemming is gegeven op {ParentText.Day(consent.DecidedOn!.Value)}; de intrekking kan niet van daarvóór zijn.");

        consent.State = ConsentState.Withdrawn;
        consent.WithdrawnOn = withdrawnOn;
        if (text is not null)
            consent.Note = consent.Note is null ? WithdrawalNotePrefix + text : $"{consent.Note}\n{WithdrawalNotePrefix}{text}";
        await SaveChangeAsync(db, scope, staffId, consent, action, ct);
        logger.LogInformation("Consent {ConsentId} of pupil {PupilId} withdrawn, recorded by staff {StaffMemberId}", consent.Id, consent.PupilId, staffId);
    }

    private async Task SaveChangeAsync(PortalDbContext db, UserScope scope, int staffId, Consent consent, string action, CancellationToken ct)
    {
        consent.UpdatedAt = Now;
        consent.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Consent, consent.Id, consent.PupilId, consent.SchoolId,
            CareAccess.RoleFor(scope, consent.PupilId, consent.SchoolId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(
                "Iemand anders heeft deze toestemming net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je invulde staat er nog.");
        }
    }

    private static bool MayRequestAfter(ConsentStatus status) =>
        status is ConsentStatus.NotRequested or ConsentStatus.Refused or ConsentStatus.Withdrawn or ConsentStatus.Expired;

    private DateOnly LocalDay(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone));

    private ConsentItem ToItem(Consent c, string? requestedBy, string? guardianName, string? guardianRelationship, DateOnly today) =>
        new(c.Id, c.Purpose, ConsentRules.StatusOn(c, today), c.RequestedAt, requestedBy ?? "", c.Note, c.GuardianId, guardianName,
            guardianRelationship, c.DecidedOn, c.Method, c.ExpiresOn, c.WithdrawnOn, c.Version);
}
