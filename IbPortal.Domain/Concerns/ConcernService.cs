using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Concerns;

/// <summary>
/// The concern workflow: raise (signaleren), acknowledge, note, next step, close. Every operation checks the
/// current user's rights next to the data, keeps a history entry, audits the access (reads, changes and refusals; ids
/// only), and publishes an event after the commit.
/// </summary>
public sealed class ConcernService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IPortalEvents events,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<ConcernService> logger,
    SubmissionRateLimiter submissions)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> RaiseAsync(NewConcern input, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.raise");
        submissions.AcquireConcernSubmission(staffId); // flood guard first: before validation and any database work
        Validate(input);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);

        var taught = scope.TaughtGroupIds.ToList();
        var enrolment = await AccessRules.FlaggableEnrolments(db, scope, Today)
            .Where(e => e.PupilId == input.PupilId)
            .OrderByDescending(e => taught.Contains(e.GroupId))
            .Select(e => new { e.GroupId, e.Group!.SchoolId })
            .FirstOrDefaultAsync(ct);
        if (enrolment is null)
            throw await DeniedAsync(staffId, "concern.raise", input.PupilId, AuditRecordKind.PupilFile);
        if (await SavedSubmissionAsync(db, staffId, input.SubmissionId, ct) is { } saved)
            return saved;

        var now = Now;
        var concern = new Concern
        {
            PupilId = input.PupilId!.Value,
            GroupId = enrolment.GroupId,
            SchoolId = enrolment.SchoolId,
            AuthorId = staffId,
            Area = input.Area!.Value,
            SubAreas = input.SubAreas,
            Observation = input.Observation!.Trim(),
            Since = Normalize(input.Since),
            AlreadyTried = Normalize(input.AlreadyTried),
            Urgency = input.Urgency,
            Status = ConcernStatus.New,
            RaisedAt = now,
            UpdatedAt = now,
            SubmissionId = input.SubmissionId,
        };
        concern.History.Add(new ConcernHistoryEntry
        {
            At = now,
            ActorId = staffId,
            Change = ConcernChange.Raised,
            ToStatus = ConcernStatus.New,
        });
        db.Concerns.Add(concern);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, "concern.raise", AuditRecordKind.Concern, concern.Id, concern.PupilId, concern.SchoolId,
                scope.AccessRoleFor(concern.SchoolId, staffId, concern.PupilId)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (input.SubmissionId is not null && IsSubmissionRace(ex))
        {
            // The same submission, sent twice at once, was stored by the other call.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await SavedSubmissionAsync(again, staffId, input.SubmissionId, ct) ?? throw new InvalidOperationException("Lost a submission race to a concern that is gone.", ex);
        }

        logger.LogInformation("Concern {ConcernId} raised for pupil {PupilId} in group {GroupId} of school {SchoolId} by staff {StaffMemberId} (urgency {Urgency})",
            concern.Id, concern.PupilId, concern.GroupId, concern.SchoolId, staffId, concern.Urgency);
        await PublishAsync(concern, ConcernChange.Raised, ct);
        return concern.Id;
    }

    /// <summary>The concern this author already stored for <paramref name="submissionId"/>, if any (a retry).</summary>
    private async Task<int?> SavedSubmissionAsync(PortalDbContext db, int staffId, Guid? submissionId, CancellationToken ct)
    {
        if (submissionId is not { } key)
            return null;
        var id = await db.Concerns.AsNoTracking()
            .Where(c => c.AuthorId == staffId && c.SubmissionId == key)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(ct);
        if (id is not null)
            logger.LogInformation("Concern {ConcernId} was already saved for this submission by staff {StaffMemberId}; nothing stored again", id, staffId);
        return id;
    }

    /// <summary>The insert lost to the same author's same submission key (either provider).</summary>
    internal static bool IsSubmissionRace(DbUpdateException ex) =>
        DatabaseFaults.IsUniqueViolation(ex, "IX_Concerns_AuthorId_SubmissionId", "Concerns.SubmissionId");

    public Task AcknowledgeAsync(int concernId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(concernId, expectedVersion, "concern.acknowledge", requireManage: true, (concern, entry) =>
        {
            if (concern.Status != ConcernStatus.New)
                throw new DomainException("Deze signalering is al gezien.");
            entry.Change = ConcernChange.Acknowledged;
            concern.Status = ConcernStatus.Acknowledged;
        }, ct);

    public Task AddNoteAsync(int concernId, int expectedVersion, string? note, CancellationToken ct = default)
    {
        var text = RequireText(note, "Note", Concern.NoteMaxLength, "Schrijf eerst een notitie.", "De notitie");
        return ChangeAsync(concernId, expectedVersion, "concern.note", requireManage: false, (concern, entry) =>
        {
            if (concern.Status == ConcernStatus.Closed)
                throw new DomainException("Deze signalering is afgesloten; een notitie toevoegen kan niet meer.");
            entry.Change = ConcernChange.NoteAdded;
            entry.Text = text;
        }, ct);
    }

    public Task SetNextStepAsync(int concernId, int expectedVersion, string? nextStep, CancellationToken ct = default)
    {
        var text = RequireText(nextStep, "NextStep", Concern.NextStepMaxLength, "Beschrijf de volgende stap.", "De volgende stap");
        return ChangeAsync(concernId, expectedVersion, "concern.next-step", requireManage: true, (concern, entry) =>
        {
            if (concern.Status == ConcernStatus.Closed)
                throw new DomainException("Deze signalering is afgesloten. Heropen haar eerst.");
            entry.Change = ConcernChange.NextStepSet;
            entry.Text = text;
            concern.NextStep = text;
            concern.Status = ConcernStatus.InProgress;
        }, ct);
    }

    public Task CloseAsync(int concernId, int expectedVersion, ConcernOutcome? outcome, string? remark, CancellationToken ct = default)
    {
        if (outcome is null || !Enum.IsDefined(outcome.Value))
            throw new DomainValidationException("Outcome", "Kies de uitkomst waarmee je de signalering afsluit.");
        var text = OptionalText(remark, "Remark", Concern.NoteMaxLength, "De toelichting");
        return ChangeAsync(concernId, expectedVersion, "concern.close", requireManage: true, (concern, entry) =>
        {
            if (concern.Status == ConcernStatus.Closed)
                throw new DomainException("Deze signalering is al afgesloten.");
            entry.Change = ConcernChange.Closed;
            entry.Outcome = outcome;
            entry.Text = text;
            concern.Status = ConcernStatus.Closed;
            concern.Outcome = outcome;
            concern.ClosedAt = entry.At;
        }, ct);
    }

    public Task ReopenAsync(int concernId, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var text = RequireText(reason, "Reason", Concern.NoteMaxLength, "Schrijf waarom je de signalering heropent.", "De reden");
        return ChangeAsync(concernId, expectedVersion, "concern.reopen", requireManage: true, (concern, entry) =>
        {
            if (concern.Status != ConcernStatus.Closed)
                throw new DomainException("Deze signalering is niet afgesloten.");
            entry.Change = ConcernChange.Reopened;
            entry.Text = text;
            concern.Status = ConcernStatus.InProgress;
            concern.Outcome = null;
            concern.ClosedAt = null;
        }, ct);
    }

    public async Task<ConcernDetail> GetDetailAsync(int concernId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.read");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);

        var row = await AccessRules.VisibleConcerns(db, scope, Today).AsNoTracking()
            .Where(c => c.Id == concernId)
            .Select(c => new
            {
                c.PupilId,
                c.SchoolId,
                c.AuthorId,
                c.Observation,
                c.Since,
                c.AlreadyTried,
                c.Outcome,
                c.Version,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            throw await DeniedAsync(staffId, "concern.read", concernId, AuditRecordKind.Concern);
        await audit.RecordAsync(new AuditRecord(staffId, "concern.read", AuditRecordKind.Concern, concernId, row.PupilId, row.SchoolId,
            scope.AccessRoleFor(row.SchoolId, row.AuthorId, row.PupilId)), ct);

        var summary = (await SummariesAsync(db.Concerns.Where(c => c.Id == concernId), ct)).Single();
        var history = await db.ConcernHistory.AsNoTracking()
            .Where(h => h.ConcernId == concernId)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new ConcernHistoryItem(h.At, h.ActorId, h.Actor!.DisplayName, h.Change, h.FromStatus, h.ToStatus, h.Text, h.Outcome))
            .ToListAsync(ct);

        logger.LogInformation("Concern {ConcernId} read by staff {StaffMemberId}", concernId, staffId);
        var canManage = scope.IsCareCoordinatorOf(summary.SchoolId);
        return new ConcernDetail(summary, row.Observation, row.Since, row.AlreadyTried, row.Outcome, history, row.Version,
            canManage, CanAddNote: summary.IsOpen,
            // The pupil file opens for the school's IB'er and the pupil's current teacher (PupilFileService decides).
            CanOpenPupilFile: canManage || scope.TeachesPupilAt(summary.PupilId, summary.SchoolId));
    }

    /// <summary>Concerns the current user may see, newest first.</summary>
    public async Task<IReadOnlyList<ConcernSummary>> ListAsync(ConcernListQuery query, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.list");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);

        var concerns = AccessRules.VisibleConcerns(db, scope, Today);
        if (query.SchoolIds is { } schools)
        {
            var ids = schools.ToList();
            concerns = concerns.Where(c => ids.Contains(c.SchoolId));
        }
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var list = statuses.ToList();
            concerns = concerns.Where(c => list.Contains(c.Status));
        }
        if (query.OnlyMine)
            concerns = concerns.Where(c => c.AuthorId == staffId);

        return await SummariesAsync(concerns.OrderByDescending(c => c.RaisedAt).ThenByDescending(c => c.Id).Take(query.Take), ct);
    }

    /// <summary>
    /// One concern's summary for a client outside the portal's pages (the hub): audited as a read, refusals too.
    /// Returns null when the user may not see it.
    /// </summary>
    public async Task<ConcernSummary?> ReadSummaryAsync(int concernId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.read-summary");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var summary = (await SummariesAsync(AccessRules.VisibleConcerns(db, scope, Today).Where(c => c.Id == concernId), ct)).SingleOrDefault();
        if (summary is null)
        {
            await DeniedAsync(staffId, "concern.read-summary", concernId, AuditRecordKind.Concern);
            return null;
        }
        await audit.RecordAsync(new AuditRecord(staffId, "concern.read-summary", AuditRecordKind.Concern, concernId, summary.PupilId,
            summary.SchoolId, scope.AccessRoleFor(summary.SchoolId, summary.AuthorId, summary.PupilId)), ct);
        return summary;
    }

    /// <summary>
    /// One concern as a summary, if the current user may see it. Used to refresh a row the user already has on
    /// screen after a live event; not audited as a separate read (the list is the user's own working view).
    /// </summary>
    public async Task<ConcernSummary?> FindSummaryAsync(int concernId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("concern.read-summary");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var list = await SummariesAsync(AccessRules.VisibleConcerns(db, scope, Today).Where(c => c.Id == concernId), ct);
        return list.SingleOrDefault();
    }

    /// <summary>The summaries of <paramref name="concerns"/>; the caller has decided who may see them.</summary>
    internal static async Task<IReadOnlyList<ConcernSummary>> SummariesAsync(IQueryable<Concern> concerns, CancellationToken ct) =>
        await concerns.AsNoTracking()
            .Select(c => new ConcernSummary(
                c.Id,
                c.PupilId,
                c.Pupil!.Infix == null || c.Pupil.Infix == ""
                    ? c.Pupil.FirstName + " " + c.Pupil.LastName
                    : c.Pupil.FirstName + " " + c.Pupil.Infix + " " + c.Pupil.LastName,
                c.GroupId,
                c.Group!.Name,
                c.SchoolId,
                c.School!.Name,
                c.School.ShortName,
                c.School.Color,
                c.Area,
                c.SubAreas,
                c.Urgency,
                c.Status,
                c.RaisedAt,
                c.AuthorId,
                c.Author!.DisplayName,
                c.AcknowledgedAt,
                c.NextStep,
                c.History
                    .Where(h => h.Change == ConcernChange.NoteAdded || h.Change == ConcernChange.NextStepSet || h.Change == ConcernChange.Closed)
                    .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
                    .Select(h => h.Text)
                    .FirstOrDefault(),
                c.UpdatedAt))
            .ToListAsync(ct);

    private async Task ChangeAsync(int concernId, int expectedVersion, string action, bool requireManage,
        Action<Concern, ConcernHistoryEntry> apply, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);

        var concern = await AccessRules.VisibleConcerns(db, scope, Today)
            .SingleOrDefaultAsync(c => c.Id == concernId, ct);
        if (concern is null || (requireManage && !scope.IsCareCoordinatorOf(concern.SchoolId)))
            throw await DeniedAsync(staffId, action, concernId, AuditRecordKind.Concern);
        if (concern.Version != expectedVersion)
            throw new ConcurrencyConflictException();

        var now = Now;
        var from = concern.Status;
        var entry = new ConcernHistoryEntry { At = now, ActorId = staffId, FromStatus = from };
        apply(concern, entry);
        entry.ToStatus = concern.Status;

        // Any action of the school's IB'er on a new concern (a note too) means the IB'er has seen it.
        if (scope.IsCareCoordinatorOf(concern.SchoolId) && concern.AcknowledgedAt is null)
        {
            concern.AcknowledgedAt = now;
            concern.AcknowledgedById = staffId;
            if (concern.Status == ConcernStatus.New)
            {
                concern.Status = ConcernStatus.Acknowledged;
                entry.ToStatus = ConcernStatus.Acknowledged;
            }
        }

        concern.UpdatedAt = now;
        concern.Version++;
        concern.History.Add(entry);
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.Concern, concern.Id, concern.PupilId, concern.SchoolId,
            scope.AccessRoleFor(concern.SchoolId, concern.AuthorId, concern.PupilId)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }

        logger.LogInformation("Concern {ConcernId} changed ({Change}) by staff {StaffMemberId}: {FromStatus} -> {ToStatus}",
            concernId, entry.Change, staffId, from, concern.Status);
        await PublishAsync(concern, entry.Change, ct);
    }

    private Task PublishAsync(Concern concern, ConcernChange change, CancellationToken ct) =>
        events.PublishAsync(new ConcernChanged(concern.Id, concern.SchoolId, concern.GroupId, concern.PupilId,
            concern.AuthorId, change, concern.Status, concern.Urgency, concern.UpdatedAt), ct);

    private Task<AccessDeniedException> DeniedAsync(int staffId, string action, int? targetId, AuditRecordKind kind) =>
        audit.RefuseAsync(staffId, action, kind, targetId);

    private static void Validate(NewConcern input)
    {
        var errors = new Dictionary<string, string>();
        if (input.PupilId is null or <= 0)
            errors[nameof(NewConcern.PupilId)] = "Kies de leerling die je wilt signaleren.";
        if (input.Area is not { } area || !Enum.IsDefined(area))
            errors[nameof(NewConcern.Area)] = "Kies het gebied: cognitief, sociaal-emotioneel of beide.";
        else if ((input.SubAreas & ~SubAreaCatalog.AllowedFor(area)) != SubAreas.None)
            errors[nameof(NewConcern.SubAreas)] = "Kies alleen deelgebieden die bij het gekozen gebied horen.";
        if (string.IsNullOrWhiteSpace(input.Observation))
            errors[nameof(NewConcern.Observation)] = "Beschrijf kort wat je ziet.";
        else if (input.Observation.Trim().Length > Concern.ObservationMaxLength)
            errors[nameof(NewConcern.Observation)] = TooLong("'Wat zie je?'", Concern.ObservationMaxLength, input.Observation.Trim().Length);
        if (input.Since?.Trim().Length > Concern.SinceMaxLength)
            errors[nameof(NewConcern.Since)] = TooLong("'Sinds wanneer?'", Concern.SinceMaxLength, input.Since.Trim().Length);
        if (input.AlreadyTried?.Trim().Length > Concern.AlreadyTriedMaxLength)
            errors[nameof(NewConcern.AlreadyTried)] = TooLong("'Wat heb je al geprobeerd?'", Concern.AlreadyTriedMaxLength, input.AlreadyTried.Trim().Length);
        if (!Enum.IsDefined(input.Urgency))
            errors[nameof(NewConcern.Urgency)] = "Kies hoe dringend het is.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
    }

    private static string RequireText(string? value, string field, int max, string emptyMessage, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainValidationException(field, emptyMessage);
        return OptionalText(value, field, max, what)!;
    }

    private static string? OptionalText(string? value, string field, int max, string what)
    {
        var text = Normalize(value);
        if (text?.Length > max)
            throw new DomainValidationException(field, TooLong(what, max, text.Length));
        return text;
    }

    private static string TooLong(string what, int max, int actual) =>
        $"{what} mag hoogstens {max} tekens lang zijn (nu {actual}). Maak de tekst korter; wat je typte blijft staan.";

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
