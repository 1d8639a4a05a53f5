using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Visits.ObservationAuditActions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// The observation of a classroom visit with the board's kijkwijzer: scores per criterion with notes, the general notes,
/// finishing and reopening, and notes about pupils.
/// <list type="bullet">
/// <item>The IB'er of the visit's school fills it in while the visit is planned, finishes it once the visit's time has
/// come, and may reopen it until the feedback conversation is recorded (<see cref="VisitAccess.MayManage"/>).</item>
/// <item>The visited teacher reads it once it is finished; before that, they see which criteria will be looked at, never
/// a score or note.</item>
/// <item>Nobody else reaches it; every refusal is audited.</item>
/// </list>
/// The first save pins the visit to the board's current kijkwijzer version; the visit keeps it ever after. A note about
/// a pupil is pupil care (<see cref="CareAccess"/>): audited with the pupil's id, it appears in the pupil's file.
/// </summary>
public sealed class ObservationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<ObservationService> logger)
{
    public const string ConflictMessage =
        "Iemand anders heeft deze observatie net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    public const string NewerCriteriaMessage =
        "Er is intussen een nieuwe versie van de kijkwijzer vastgesteld. Het formulier toont nu die versie: kies de scores opnieuw. Je algemene notities staan er nog.";

    public const string CancelledMessage = "Dit klassenbezoek is geannuleerd; de observatie kan niet meer worden ingevuld.";
    public const string FinishedMessage = "De observatie is al afgerond. Heropen haar eerst om iets te wijzigen.";

    public const string NotesField = nameof(ObservationInput.Notes);
    public const string ScoresField = nameof(ObservationInput.Scores);
    public const string PupilField = "PupilId";
    public const string PupilNoteField = "Note";

    public static string ScoreField(int criterionId) => $"Scores[{criterionId}].Score";
    public static string NoteField(int criterionId) => $"Scores[{criterionId}].Note";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TimeZoneInfo Zone => clock.LocalTimeZone;

    /// <summary>The observation form of a visit (audited as a read, with one entry per note about a pupil).</summary>
    public Task<ObservationModel> GetAsync(int visitId, CancellationToken ct = default) => LoadAsync(visitId, auditRead: true, ct);

    /// <summary>The same, reloaded after the user's own change on the form (not audited again).</summary>
    public Task<ObservationModel> RefreshAsync(int visitId, CancellationToken ct = default) => LoadAsync(visitId, auditRead: false, ct);

    /// <summary>Saves the observation as a draft (the visit stays planned). Returns the visit's new version.</summary>
    public Task<int> SaveAsync(int visitId, int expectedVersion, ObservationInput input, CancellationToken ct = default) =>
        ApplyAsync(visitId, expectedVersion, input, finish: false, ct);

    /// <summary>
    /// Saves the observation and finishes it: the visit is observed and the teacher can read it. Only once the visit's
    /// time has come and with at least one criterion scored. Returns the visit's new version.
    /// </summary>
    public Task<int> FinishAsync(int visitId, int expectedVersion, ObservationInput input, CancellationToken ct = default) =>
        ApplyAsync(visitId, expectedVersion, input, finish: true, ct);

    /// <summary>Makes a finished observation editable again, as long as no feedback conversation is recorded. Returns the new version.</summary>
    public async Task<int> ReopenAsync(int visitId, int expectedVersion, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(Reopen);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var visit = await db.ClassroomVisits.SingleOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || !VisitAccess.MayManage(scope, visit.SchoolId))
            throw await audit.RefuseAsync(staffId, Reopen, AuditRecordKind.ClassroomVisit, visitId, ct);
        if (visit.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        if (visit.Status == VisitStatus.Cancelled)
            throw new DomainException(CancelledMessage);
        if (visit.Status == VisitStatus.Planned)
            throw new DomainException("Deze observatie is nog niet afgerond; je kunt haar gewoon verder invullen.");
        if (visit.Status == VisitStatus.FeedbackGiven || visit.FeedbackAt is not null || !string.IsNullOrWhiteSpace(visit.FeedbackNotes))
            throw new DomainException("Het nagesprek is al vastgelegd, dus de observatie blijft zoals ze is afgerond.");
        if (visit.ReflectedAt is not null)
            throw new DomainException("De leerkracht heeft al gereflecteerd op deze observatie, dus die blijft zoals ze is afgerond.");

        visit.Status = VisitStatus.Planned;
        visit.ObservedAt = null;
        visit.UpdatedAt = Now;
        visit.Version++;
        audit.Add(db, new AuditRecord(staffId, Reopen, AuditRecordKind.ClassroomVisit, visit.Id, null, visit.SchoolId, nameof(PortalRole.CareCoordinator)));
        await SaveVisitAsync(db, ct);
        logger.LogInformation("Observation of visit {VisitId} reopened by staff {StaffMemberId}; version {Version}", visit.Id, staffId, visit.Version);
        return visit.Version;
    }

    /// <summary>Writes a note about a pupil of the visit's group (IB'er only). Returns its id.</summary>
    public async Task<int> AddPupilNoteAsync(int visitId, int pupilId, string? note, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(PupilNoteAdd);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var visit = await db.ClassroomVisits.AsNoTracking().Where(v => v.Id == visitId)
            .Select(v => new { v.SchoolId, v.GroupId, GroupName = v.Group!.Name, v.Status, v.ScheduledAt })
            .SingleOrDefaultAsync(ct);
        if (visit is null || !CareAccess.MayManage(scope, visit.SchoolId))
            throw await audit.RefusePupilAsync(staffId, PupilNoteAdd, AuditRecordKind.VisitPupilNote, pupilId, ct);
        if (visit.Status == VisitStatus.Cancelled)
            throw new DomainException("Dit klassenbezoek is geannuleerd. Leg de notitie over de leerling vast bij een ander bezoek.");

        var errors = new Dictionary<string, string>();
        var text = ValidateNote(note, errors);
        var day = DateOnly.FromDateTime(DiscussionTime.ToLocal(visit.ScheduledAt, Zone));
        var inGroup = await db.Enrolments.AsNoTracking().AnyAsync(e => e.PupilId == pupilId && e.GroupId == visit.GroupId &&
            ((e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)) || (e.EnrolledOn <= day && (e.LeftOn == null || e.LeftOn >= day))), ct);
        if (!inGroup)
            errors[PupilField] = $"Kies een leerling uit groep {visit.GroupName}.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var entity = new VisitPupilNote
        {
            VisitId = visitId,
            PupilId = pupilId,
            SchoolId = visit.SchoolId,
            Note = text!,
            CreatedAt = Now,
            CreatedById = staffId,
        };
        db.VisitPupilNotes.Add(entity);
        // The note's id exists only after the first save: both saves share one transaction, so note and audit land together.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(staffId, PupilNoteAdd, AuditRecordKind.VisitPupilNote, entity.Id, pupilId, visit.SchoolId,
                CareAccess.RoleFor(scope, pupilId, visit.SchoolId)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Pupil note {NoteId} added on visit {VisitId} for pupil {PupilId} by staff {StaffMemberId}", entity.Id, visitId, pupilId, staffId);
        return entity.Id;
    }

    /// <summary>Changes the text of a note about a pupil (IB'er only).</summary>
    public async Task UpdatePupilNoteAsync(int noteId, string? note, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(PupilNoteEdit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var entity = await db.VisitPupilNotes.Include(n => n.Visit).SingleOrDefaultAsync(n => n.Id == noteId, ct);
        if (entity is null || !CareAccess.MayManage(scope, entity.SchoolId))
            throw await RefuseNoteAsync(staffId, PupilNoteEdit, noteId, entity?.PupilId, ct);
        if (entity.Visit!.Status == VisitStatus.Cancelled)
            throw new DomainException("Dit klassenbezoek is geannuleerd; de notitie kan niet meer worden gewijzigd.");
        var errors = new Dictionary<string, string>();
        var text = ValidateNote(note, errors);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        entity.Note = text!;
        audit.Add(db, new AuditRecord(staffId, PupilNoteEdit, AuditRecordKind.VisitPupilNote, entity.Id, entity.PupilId, entity.SchoolId,
            CareAccess.RoleFor(scope, entity.PupilId, entity.SchoolId)));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Pupil note {NoteId} on visit {VisitId} changed by staff {StaffMemberId}", entity.Id, entity.VisitId, staffId);
    }

    /// <summary>Removes a note about a pupil (IB'er only).</summary>
    public async Task RemovePupilNoteAsync(int noteId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(PupilNoteRemove);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var entity = await db.VisitPupilNotes.SingleOrDefaultAsync(n => n.Id == noteId, ct);
        if (entity is null || !CareAccess.MayManage(scope, entity.SchoolId))
            throw await RefuseNoteAsync(staffId, PupilNoteRemove, noteId, entity?.PupilId, ct);

        db.VisitPupilNotes.Remove(entity);
        audit.Add(db, new AuditRecord(staffId, PupilNoteRemove, AuditRecordKind.VisitPupilNote, entity.Id, entity.PupilId, entity.SchoolId,
            CareAccess.RoleFor(scope, entity.PupilId, entity.SchoolId)));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Pupil note {NoteId} on visit {VisitId} removed by staff {StaffMemberId}", entity.Id, entity.VisitId, staffId);
    }

    /// <summary>The rules for an observation's input against the criteria of its kijkwijzer version, as Dutch messages per field.</summary>
    public static Dictionary<string, string> Validate(ObservationInput input, IReadOnlySet<int> criterionIds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(criterionIds);
        var errors = new Dictionary<string, string>();
        var notes = input.Notes?.Trim();
        if (notes?.Length > ClassroomVisit.NotesMaxLength)
            errors[NotesField] = $"Houd de algemene notities binnen {ClassroomVisit.NotesMaxLength} tekens (nu {notes.Length}). Maak de tekst korter; wat je typte blijft staan.";
        var seen = new HashSet<int>();
        foreach (var score in input.Scores ?? [])
        {
            if (!criterionIds.Contains(score.CriterionId))
            {
                errors[ScoresField] = "Een of meer criteria horen niet bij de kijkwijzer van dit bezoek. Vernieuw de pagina en probeer het opnieuw.";
                continue;
            }
            if (!seen.Add(score.CriterionId))
            {
                errors[ScoresField] = "Elk criterium krijgt één score.";
                continue;
            }
            if (!ObservationScale.IsValid(score.Score))
                errors[ScoreField(score.CriterionId)] = $"Kies een score van {ObservationScale.Min} tot {ObservationScale.Max}, of ‘{ObservationScale.Dutch(null)}’.";
            var note = score.Note?.Trim();
            if (note?.Length > VisitScore.NoteMaxLength)
                errors[NoteField(score.CriterionId)] = $"Houd de notitie binnen {VisitScore.NoteMaxLength} tekens (nu {note.Length}).";
        }
        return errors;
    }

    private async Task<int> ApplyAsync(int visitId, int expectedVersion, ObservationInput input, bool finish, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var action = finish ? Finish : Save;
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var visit = await db.ClassroomVisits.Include(v => v.Scores).SingleOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || !VisitAccess.MayManage(scope, visit.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.ClassroomVisit, visitId, ct);
        if (visit.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        if (visit.Status == VisitStatus.Cancelled)
            throw new DomainException(CancelledMessage);
        if (visit.Status != VisitStatus.Planned)
            throw new DomainException(FinishedMessage);

        // The version the visit is scored with: pinned at the first save, else the board's current one.
        int setId;
        if (visit.CriteriaSetId is { } pinned)
        {
            setId = pinned;
            if (input.CriteriaSetId is { } shown && shown != pinned)
                throw new ConcurrencyConflictException(ConflictMessage);
        }
        else
        {
            var boardId = await db.Schools.AsNoTracking().Where(s => s.Id == visit.SchoolId).Select(s => s.BoardId).SingleAsync(ct);
            setId = await KijkwijzerStore.EnsureCurrentIdAsync(dbFactory, boardId, now, logger, ct);
            if (input.CriteriaSetId is { } shown && shown != setId)
                throw new ConcurrencyConflictException(NewerCriteriaMessage);
        }
        var criterionIds = (await db.ObservationCriteria.AsNoTracking()
            .Where(c => c.Area!.CriteriaSetId == setId).Select(c => c.Id).ToListAsync(ct)).ToHashSet();

        var errors = Validate(input, criterionIds);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
        if (finish)
        {
            if (visit.ScheduledAt > now)
            {
                var local = DiscussionTime.ToLocal(visit.ScheduledAt, Zone);
                throw new DomainException(
                    $"Dit bezoek moet nog plaatsvinden ({DutchDates.OnScreen(DateOnly.FromDateTime(local), Today)} om {local:HH:mm}). " +
                    "Sla je aantekeningen tot dan op als concept en rond de observatie af na het bezoek.");
            }
            if (!input.Scores.Any(s => s.Score is not null))
                throw new DomainValidationException(ScoresField,
                    $"Geef bij minstens één criterium een score van {ObservationScale.Min} tot {ObservationScale.Max} voordat je de observatie afrondt.");
        }

        // The input is the whole observation: criteria left out lose what was saved for them.
        var wanted = input.Scores.ToDictionary(s => s.CriterionId);
        foreach (var stale in visit.Scores.Where(s => !wanted.ContainsKey(s.CriterionId)).ToList())
            db.VisitScores.Remove(stale);
        var existing = visit.Scores.ToDictionary(s => s.CriterionId);
        foreach (var score in wanted.Values)
        {
            var note = string.IsNullOrWhiteSpace(score.Note) ? null : score.Note.Trim();
            if (existing.TryGetValue(score.CriterionId, out var row))
            {
                row.Score = score.Score;
                row.Note = note;
            }
            else
            {
                visit.Scores.Add(new VisitScore { CriterionId = score.CriterionId, Score = score.Score, Note = note });
            }
        }
        visit.ObservationNotes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        visit.CriteriaSetId ??= setId;
        visit.UpdatedAt = now;
        visit.Version++;
        if (finish)
        {
            visit.Status = VisitStatus.Observed;
            visit.ObservedAt = now;
        }
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.ClassroomVisit, visit.Id, null, visit.SchoolId, nameof(PortalRole.CareCoordinator)));
        await SaveVisitAsync(db, ct);
        logger.LogInformation("Observation of visit {VisitId} {Action} by staff {StaffMemberId}: {ScoreCount} criteria, kijkwijzer {CriteriaSetId}, version {Version}",
            visit.Id, action, staffId, wanted.Count, setId, visit.Version);
        return visit.Version;
    }

    private async Task<ObservationModel> LoadAsync(int visitId, bool auditRead, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ReadForm);
        var today = Today;
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var v = await db.ClassroomVisits.AsNoTracking()
            .Where(x => x.Id == visitId)
            .Select(x => new
            {
                x.Id,
                x.Version,
                x.Status,
                x.SchoolId,
                SchoolName = x.School!.Name,
                x.School.ShortName,
                x.School.Color,
                x.School.BoardId,
                x.GroupId,
                GroupName = x.Group!.Name,
                x.TeacherId,
                TeacherName = x.Teacher!.DisplayName,
                CoordinatorName = x.Coordinator!.DisplayName,
                x.ScheduledAt,
                x.DurationMinutes,
                x.Focus,
                x.ObservedAt,
                x.FeedbackAt,
                x.FeedbackNotes,
                x.ReflectedAt,
                x.CriteriaSetId,
                x.ObservationNotes,
            })
            .SingleOrDefaultAsync(ct);
        if (v is null || !VisitAccess.MayRead(scope, v.TeacherId, v.SchoolId))
            throw await audit.RefuseAsync(staffId, ReadForm, AuditRecordKind.ClassroomVisit, visitId, ct);

        var manages = VisitAccess.MayManage(scope, v.SchoolId);
        var finished = v.Status is VisitStatus.Observed or VisitStatus.FeedbackGiven;
        // The teacher sees the scores and notes only once the IB'er has finished the observation.
        var hidden = !manages && !finished;

        var setId = v.CriteriaSetId ?? await KijkwijzerStore.EnsureCurrentIdAsync(dbFactory, v.BoardId, now, logger, ct);
        var set = await KijkwijzerStore.LoadAsync(db, setId, false, ct) ?? throw new InvalidOperationException($"Kijkwijzer {setId} vanished.");
        var scores = hidden
            ? null
            : await db.VisitScores.AsNoTracking().Where(s => s.VisitId == visitId)
                .Select(s => new { s.CriterionId, s.Score, s.Note })
                .ToDictionaryAsync(s => s.CriterionId, ct);
        var areas = set.Areas.Select(a => new ObservationAreaModel(a.Id, a.Name, a.Criteria.Select(c =>
                scores is not null && scores.TryGetValue(c.Id, out var s)
                    ? new ObservationCriterionModel(c.Id, c.Text, true, s.Score, s.Note)
                    : new ObservationCriterionModel(c.Id, c.Text, false, null, null)).ToList()))
            .ToList();

        // Notes about pupils are pupil care: the IB'er of the school sees them here; the teacher reaches them in the pupil's file.
        var noteRows = manages
            ? await db.VisitPupilNotes.AsNoTracking().Where(n => n.VisitId == visitId)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
                .Select(n => new
                {
                    n.Id,
                    n.PupilId,
                    n.Pupil!.FirstName,
                    n.Pupil.Infix,
                    n.Pupil.LastName,
                    n.Note,
                    n.CreatedAt,
                    n.SchoolId,
                    Author = db.StaffMembers.Where(m => m.Id == n.CreatedById).Select(m => m.DisplayName).FirstOrDefault(),
                })
                .ToListAsync(ct)
            : [];
        var notes = noteRows.Select(n => new VisitPupilNoteView(n.Id, n.PupilId, Pupil.FullNameOf(n.FirstName, n.Infix, n.LastName), n.Note,
            n.CreatedAt, n.Author)).ToList();

        var pupils = new List<ObservationPupilOption>();
        if (manages && v.Status != VisitStatus.Cancelled)
        {
            var day = DateOnly.FromDateTime(DiscussionTime.ToLocal(v.ScheduledAt, Zone));
            var rows = await db.Enrolments.AsNoTracking()
                .Where(e => e.GroupId == v.GroupId &&
                            ((e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)) ||
                             (e.EnrolledOn <= day && (e.LeftOn == null || e.LeftOn >= day))))
                .Select(e => new { e.PupilId, e.Pupil!.FirstName, e.Pupil.Infix, e.Pupil.LastName })
                .ToListAsync(ct);
            pupils = rows.DistinctBy(p => p.PupilId)
                .Select(p => new ObservationPupilOption(p.PupilId, Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName)))
                .OrderBy(p => p.FullName, StringComparer.Create(DutchDates.Culture, true))
                .ToList();
        }

        if (auditRead)
        {
            var role = VisitAccess.RoleFor(scope, v.TeacherId, v.SchoolId);
            audit.Add(db, new AuditRecord(staffId, ReadForm, AuditRecordKind.ClassroomVisit, v.Id, null, v.SchoolId, role));
            foreach (var n in noteRows)
                audit.Add(db, new AuditRecord(staffId, ReadForm, AuditRecordKind.VisitPupilNote, n.Id, n.PupilId, n.SchoolId,
                    CareAccess.RoleFor(scope, n.PupilId, n.SchoolId)));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Observation of visit {VisitId} read by staff {StaffMemberId} as {Role}", v.Id, staffId, role);
        }

        var hasFeedback = v.FeedbackAt is not null || !string.IsNullOrWhiteSpace(v.FeedbackNotes);
        var mayEdit = manages && v.Status == VisitStatus.Planned;
        var timeHasCome = v.ScheduledAt <= now;
        return new ObservationModel(v.Id, v.Version, v.Status, ClassroomVisit.Stage(v.Status, v.ScheduledAt, v.ReflectedAt, now),
            v.SchoolId, v.SchoolName, v.ShortName, v.Color, v.GroupId, v.GroupName, v.TeacherId, v.TeacherName, v.CoordinatorName,
            v.ScheduledAt, v.DurationMinutes, v.Focus, v.ObservedAt, hasFeedback,
            new ObservationCriteriaInfo(set.Id, set.Version, set.Name, v.CriteriaSetId is not null, set.IsCurrent),
            areas, hidden ? null : v.ObservationNotes, notes, pupils,
            IsTeacher: !manages,
            ContentHidden: hidden,
            MayEdit: mayEdit,
            MayFinish: mayEdit && timeHasCome,
            MayReopen: manages && v.Status == VisitStatus.Observed && !hasFeedback,
            MayManagePupilNotes: manages && v.Status != VisitStatus.Cancelled,
            TimeHasCome: timeHasCome,
            Now: now);
    }

    private static string? ValidateNote(string? note, Dictionary<string, string> errors)
    {
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is null)
            errors[PupilNoteField] = "Schrijf op wat je bij deze leerling zag.";
        else if (text.Length > VisitPupilNote.NoteMaxLength)
            errors[PupilNoteField] = $"Houd de notitie binnen {VisitPupilNote.NoteMaxLength} tekens (nu {text.Length}). Maak de tekst korter; wat je typte blijft staan.";
        return text;
    }

    private static async Task SaveVisitAsync(PortalDbContext db, CancellationToken ct)
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

    /// <summary>A refused step on a note about a pupil, audited naming the pupil when the note exists (so that the pupil's inzage finds it).</summary>
    private async Task<AccessDeniedException> RefuseNoteAsync(int staffId, string action, int noteId, int? pupilId, CancellationToken ct)
    {
        if (pupilId is null)
            return await audit.RefuseAsync(staffId, action, AuditRecordKind.VisitPupilNote, noteId, ct);
        logger.LogWarning("Access denied: staff {StaffMemberId} tried {Action} on pupil note {NoteId} of pupil {PupilId}", staffId, action, noteId, pupilId);
        try
        {
            await audit.RecordAsync(new AuditRecord(staffId, action, AuditRecordKind.VisitPupilNote, noteId, pupilId, null, null, AuditOutcome.Refused), ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogError(ex, "Could not audit a refusal of {Action} on pupil note {NoteId} for staff {StaffMemberId}", action, noteId, staffId);
        }
        return new AccessDeniedException(staffId, action, noteId);
    }
}
