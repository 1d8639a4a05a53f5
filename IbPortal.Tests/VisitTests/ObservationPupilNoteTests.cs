using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

public sealed class ObservationPupilNoteTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ObservationService Observations(string login) => _db.Service<ObservationService>(login);

    private List<AuditEntry> AuditAbout(int pupilId)
    {
        using var db = _db.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.PupilId == pupilId).OrderBy(a => a.Id).ToList();
    }

    private VisitPupilNote? Note(int noteId)
    {
        using var db = _db.CreateContext();
        return db.VisitPupilNotes.AsNoTracking().SingleOrDefault(n => n.Id == noteId);
    }

    [Fact]
    public async Task The_IBer_writes_a_note_about_a_pupil_of_the_group_as_pupil_care_of_the_visits_school_audited_with_the_pupil()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var pupilId = _db.NewPupilIn(Logins.TeacherA, "Jesse");

        var noteId = await Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, "  Kwam niet op gang bij de zelfstandige verwerking.  ");

        var note = Note(noteId)!;
        Assert.Equal((visitId, pupilId, _db.SchoolId(Logins.SchoolA)), (note.VisitId, note.PupilId, note.SchoolId));
        Assert.Equal("Kwam niet op gang bij de zelfstandige verwerking.", note.Note);
        Assert.Equal(_db.StaffId(Logins.CareCoordinator), note.CreatedById);
        var entry = Assert.Single(AuditAbout(pupilId));
        Assert.Equal((ObservationAuditActions.PupilNoteAdd, AuditRecordKind.VisitPupilNote, noteId, "CareCoordinator", AuditOutcome.Allowed),
            (entry.Action, entry.RecordKind, entry.RecordId, entry.Role, entry.Outcome));
        Assert.Equal(note.SchoolId, entry.SchoolId);
    }

    [Fact]
    public async Task A_pupil_outside_the_visits_group_is_refused_with_a_message_for_the_pupil_field()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var otherSchoolPupil = _db.NewPupilIn(Logins.TeacherB, "Bram");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, otherSchoolPupil, "Rustig aan het werk."));

        Assert.Equal("Kies een leerling uit groep 5.", ex.Errors[ObservationService.PupilField]);
        using var db = _db.CreateContext();
        Assert.False(db.VisitPupilNotes.Any(n => n.PupilId == otherSchoolPupil));
    }

    [Fact]
    public async Task A_pupil_who_was_in_the_group_on_the_visits_day_but_has_left_since_may_still_get_a_note()
    {
        var visitId = ObservationScenario.NewVisit(_db, hoursFromNow: -24 * 5);
        var pupilId = _db.NewPupilIn(Logins.TeacherA, "Lotte");
        using (var db = _db.CreateContext())
        {
            var enrolment = db.Enrolments.Single(e => e.PupilId == pupilId);
            enrolment.LeftOn = DateOnly.FromDateTime(_db.Clock.GetUtcNow().UtcDateTime).AddDays(-2);
            db.SaveChanges();
        }

        var noteId = await Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, "Werkte geconcentreerd.");
        Assert.NotNull(Note(noteId));

        var laterVisit = ObservationScenario.NewVisit(_db, hoursFromNow: -1);
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Observations(Logins.CareCoordinator).AddPupilNoteAsync(laterVisit, pupilId, "Niet meer in de groep."));
        Assert.True(ex.Errors.ContainsKey(ObservationService.PupilField));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_note_is_refused(string? text)
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, text));

        Assert.Equal("Schrijf op wat je bij deze leerling zag.", ex.Errors[ObservationService.PupilNoteField]);
        Assert.Empty(AuditAbout(pupilId));
    }

    [Fact]
    public async Task A_note_longer_than_2000_characters_is_refused()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, new string('a', VisitPupilNote.NoteMaxLength + 1)));

        Assert.Contains("binnen 2000 tekens (nu 2001)", ex.Errors[ObservationService.PupilNoteField], StringComparison.Ordinal);
        await Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, new string('a', VisitPupilNote.NoteMaxLength));
    }

    [Fact]
    public async Task No_note_about_a_pupil_on_a_cancelled_visit()
    {
        var visitId = ObservationScenario.NewVisit(_db, status: VisitStatus.Cancelled);
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, "Toch genoteerd?"));

        Assert.StartsWith("Dit klassenbezoek is geannuleerd", ex.Message, StringComparison.Ordinal);
        using var db = _db.CreateContext();
        Assert.False(db.VisitPupilNotes.Any(n => n.VisitId == visitId));
    }

    [Fact]
    public async Task A_note_can_be_added_after_the_observation_is_finished()
    {
        var visitId = ObservationScenario.NewVisit(_db, status: VisitStatus.Observed);
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var noteId = await Observations(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, "Achteraf: vroeg veel bevestiging.");

        Assert.NotNull(Note(noteId));
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_the_IBer_writes_notes_about_pupils_and_a_refusal_names_the_pupil(string login)
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Observations(login).AddPupilNoteAsync(visitId, pupilId, "Mag dit?"));

        var refusal = Assert.Single(AuditAbout(pupilId));
        Assert.Equal((ObservationAuditActions.PupilNoteAdd, AuditRecordKind.VisitPupilNote, AuditOutcome.Refused, _db.StaffId(login)),
            (refusal.Action, refusal.RecordKind, refusal.Outcome, refusal.StaffMemberId));
        using var db = _db.CreateContext();
        Assert.False(db.VisitPupilNotes.Any(n => n.PupilId == pupilId));
    }

    [Fact]
    public async Task Changing_and_removing_a_note_is_the_IBers_and_each_step_is_audited_with_the_pupil()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var ib = Observations(Logins.CareCoordinator);
        var noteId = await ib.AddPupilNoteAsync(visitId, pupilId, "Eerste versie.");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Observations(Logins.TeacherA).UpdatePupilNoteAsync(noteId, "Leerkracht wijzigt."));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Observations(Logins.TeacherA).RemovePupilNoteAsync(noteId));
        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => ib.UpdatePupilNoteAsync(noteId, " "));
        Assert.True(invalid.Errors.ContainsKey(ObservationService.PupilNoteField));
        Assert.Equal("Eerste versie.", Note(noteId)!.Note);

        await ib.UpdatePupilNoteAsync(noteId, "Tweede versie.");
        Assert.Equal("Tweede versie.", Note(noteId)!.Note);
        await ib.RemovePupilNoteAsync(noteId);
        Assert.Null(Note(noteId));

        var trail = AuditAbout(pupilId).Select(a => (a.Action, a.Outcome, a.RecordId)).ToList();
        Assert.Equal(
        [
            (ObservationAuditActions.PupilNoteAdd, AuditOutcome.Allowed, (int?)noteId),
            (ObservationAuditActions.PupilNoteEdit, AuditOutcome.Refused, noteId),
            (ObservationAuditActions.PupilNoteRemove, AuditOutcome.Refused, noteId),
            (ObservationAuditActions.PupilNoteEdit, AuditOutcome.Allowed, noteId),
            (ObservationAuditActions.PupilNoteRemove, AuditOutcome.Allowed, noteId),
        ], trail);
        await Assert.ThrowsAsync<AccessDeniedException>(() => ib.RemovePupilNoteAsync(noteId));
    }
}
