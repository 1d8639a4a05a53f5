using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

public sealed class ObservationServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ObservationService Observations(string login) => _db.Service<ObservationService>(login);
    private CriteriaSetService Criteria(string login) => _db.Service<CriteriaSetService>(login);

    private List<AuditEntry> Audit(string login, string action)
    {
        var staffId = _db.StaffId(login);
        using var db = _db.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId && a.Action == action).ToList();
    }

    private static ObservationScoreInput Score(ObservationModel model, int area, int criterion, int? score, string? note = null) =>
        new() { CriterionId = model.Areas[area].Criteria[criterion].CriterionId, Score = score, Note = note };

    // --- the kijkwijzer version a visit is scored with ---

    [Fact]
    public async Task A_visit_shows_the_boards_current_kijkwijzer_until_its_first_save_pins_it()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var current = await Criteria(Logins.CareCoordinator).GetCurrentAsync();

        var form = await Observations(Logins.CareCoordinator).GetAsync(visitId);

        Assert.Equal(current.Id, form.Criteria.SetId);
        Assert.Equal(current.Version, form.Criteria.Version);
        Assert.False(form.Criteria.IsPinned);
        Assert.Null(ObservationScenario.Visit(_db, visitId).CriteriaSetId);
        Assert.Equal(current.Areas.Select(a => a.Name), form.Areas.Select(a => a.Name));
        Assert.All(form.Areas.SelectMany(a => a.Criteria), c => Assert.False(c.IsScored));

        await Observations(Logins.CareCoordinator).SaveAsync(visitId, form.Version, new ObservationInput { CriteriaSetId = form.Criteria.SetId, Notes = "Rustige start." });

        Assert.Equal(current.Id, ObservationScenario.Visit(_db, visitId).CriteriaSetId);
        Assert.True((await Observations(Logins.CareCoordinator).GetAsync(visitId)).Criteria.IsPinned);
    }

    [Fact]
    public async Task A_visit_scored_with_the_old_version_keeps_it_and_its_criteria_after_a_new_version_is_published()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        await ib.FinishAsync(visitId, form.Version, new ObservationInput
        {
            CriteriaSetId = form.Criteria.SetId,
            Scores = [Score(form, 0, 0, 3, "Warm onthaal bij de deur.")],
        });
        var old = await Criteria(Logins.Administrator).GetCurrentAsync();

        var published = await Criteria(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(old));
        var after = await ib.GetAsync(visitId);

        Assert.NotEqual(published.Id, after.Criteria.SetId);
        Assert.Equal(old.Id, after.Criteria.SetId);
        Assert.Equal(old.Version, after.Criteria.Version);
        Assert.False(after.Criteria.IsCurrent);
        Assert.Equal(old.Areas[0].Criteria[0].Text, after.Areas[0].Criteria[0].Text);
        Assert.Equal(old.CriterionCount, after.CriterionCount);
        var scored = after.Areas[0].Criteria[0];
        Assert.Equal(3, scored.Score);
        Assert.Equal("Warm onthaal bij de deur.", scored.Note);
    }

    [Fact]
    public async Task A_new_visit_after_publishing_is_scored_with_the_new_version()
    {
        var old = await Criteria(Logins.Administrator).GetCurrentAsync();
        var published = await Criteria(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(old));
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);

        var form = await ib.GetAsync(visitId);
        Assert.Equal(published.Id, form.Criteria.SetId);
        Assert.Equal("De leerkracht zorgt zichtbaar voor een veilige sfeer.", form.Areas[0].Criteria[0].Text);
        Assert.Equal("Leerlingen helpen elkaar bij het werk.", form.Areas[^1].Criteria[^1].Text);

        await ib.SaveAsync(visitId, form.Version, new ObservationInput
        {
            CriteriaSetId = form.Criteria.SetId,
            Scores = [new ObservationScoreInput { CriterionId = form.Areas[^1].Criteria[^1].CriterionId, Score = 4 }],
        });
        Assert.Equal(published.Id, ObservationScenario.Visit(_db, visitId).CriteriaSetId);
    }

    [Fact]
    public async Task A_visit_in_progress_stays_pinned_to_its_version_and_refuses_the_new_versions_criteria()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var version = await ib.SaveAsync(visitId, form.Version, new ObservationInput { CriteriaSetId = form.Criteria.SetId, Scores = [Score(form, 0, 0, 2)] });
        var old = await Criteria(Logins.Administrator).GetCurrentAsync();
        var published = await Criteria(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(old));

        var reloaded = await ib.GetAsync(visitId);
        Assert.Equal(form.Criteria.SetId, reloaded.Criteria.SetId);
        Assert.Equal(2, reloaded.Areas[0].Criteria[0].Score);

        // Going on with the pinned version works…
        version = await ib.SaveAsync(visitId, version, new ObservationInput { CriteriaSetId = form.Criteria.SetId, Scores = [Score(form, 0, 0, 2), Score(form, 1, 0, 3)] });
        // …a criterion of the new version does not.
        var foreign = published.Areas[^1].Criteria[^1].Id;
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => ib.SaveAsync(visitId, version, new ObservationInput
        {
            Scores = [new ObservationScoreInput { CriterionId = foreign, Score = 4 }],
        }));
        Assert.True(ex.Errors.ContainsKey(ObservationService.ScoresField));
        var visit = ObservationScenario.Visit(_db, visitId);
        Assert.Equal(form.Criteria.SetId, visit.CriteriaSetId);
        Assert.Equal(2, visit.Scores.Count);
        Assert.DoesNotContain(visit.Scores, s => s.CriterionId == foreign);
    }

    [Fact]
    public async Task Saving_a_form_that_still_shows_the_previous_version_is_a_conflict_when_a_new_version_came_before_the_first_save()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var old = await Criteria(Logins.Administrator).GetCurrentAsync();
        await Criteria(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(old));

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            ib.SaveAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3, "Notities")));

        Assert.Equal(ObservationService.NewerCriteriaMessage, ex.Message);
        var visit = ObservationScenario.Visit(_db, visitId);
        Assert.Null(visit.CriteriaSetId);
        Assert.Empty(visit.Scores);
        Assert.Null(visit.ObservationNotes);
    }

    // --- scoring ---

    [Fact]
    public async Task Saving_stores_scores_not_seen_notes_and_the_general_notes_raises_the_version_and_is_audited()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);

        var version = await ib.SaveAsync(visitId, form.Version, new ObservationInput
        {
            CriteriaSetId = form.Criteria.SetId,
            Notes = "  Rustige start, duidelijke dagplanning.  ",
            Scores = [Score(form, 0, 0, 4, " Kent alle namen. "), Score(form, 0, 1, null, "Nog niet gezien tijdens de instructie."), Score(form, 1, 0, 1)],
        });

        Assert.Equal(form.Version + 1, version);
        var saved = await ib.RefreshAsync(visitId);
        Assert.Equal(version, saved.Version);
        Assert.Equal(VisitStatus.Planned, saved.Status);
        Assert.Equal("Rustige start, duidelijke dagplanning.", saved.Notes);
        Assert.Equal((true, 4, "Kent alle namen."), (saved.Areas[0].Criteria[0].IsScored, saved.Areas[0].Criteria[0].Score, saved.Areas[0].Criteria[0].Note));
        Assert.Equal((true, (int?)null, "Nog niet gezien tijdens de instructie."), (saved.Areas[0].Criteria[1].IsScored, saved.Areas[0].Criteria[1].Score, saved.Areas[0].Criteria[1].Note));
        Assert.Equal(1, saved.Areas[1].Criteria[0].Score);
        Assert.False(saved.Areas[0].Criteria[2].IsScored);
        Assert.Equal(2, saved.ScoredCount);

        var entry = Assert.Single(Audit(Logins.CareCoordinator, ObservationAuditActions.Save));
        Assert.Equal((AuditRecordKind.ClassroomVisit, visitId, "CareCoordinator", AuditOutcome.Allowed), (entry.RecordKind, entry.RecordId, entry.Role, entry.Outcome));
        Assert.Equal(_db.SchoolId(Logins.SchoolA), entry.SchoolId);
    }

    [Fact]
    public async Task Saving_again_replaces_the_observation_a_criterion_left_out_loses_its_score()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var version = await ib.SaveAsync(visitId, form.Version, new ObservationInput { Scores = [Score(form, 0, 0, 2), Score(form, 0, 1, 3)] });

        await ib.SaveAsync(visitId, version, new ObservationInput { Scores = [Score(form, 0, 0, 4)] });

        var visit = ObservationScenario.Visit(_db, visitId);
        var score = Assert.Single(visit.Scores);
        Assert.Equal((form.Areas[0].Criteria[0].CriterionId, (int?)4), (score.CriterionId, score.Score));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task A_score_outside_the_scale_is_refused_for_that_criterion_and_nothing_is_saved(int score)
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var criterion = form.Areas[2].Criteria[1].CriterionId;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => ib.SaveAsync(visitId, form.Version, new ObservationInput
        {
            Notes = "Bewaard?",
            Scores = [Score(form, 0, 0, 3), new ObservationScoreInput { CriterionId = criterion, Score = score }],
        }));

        Assert.Equal("Kies een score van 1 tot 4, of ‘Niet gezien’.", ex.Errors[ObservationService.ScoreField(criterion)]);
        var visit = ObservationScenario.Visit(_db, visitId);
        Assert.Empty(visit.Scores);
        Assert.Null(visit.ObservationNotes);
        Assert.Equal(form.Version, visit.Version);
    }

    [Fact]
    public async Task Too_long_notes_are_refused_per_field()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => ib.SaveAsync(visitId, form.Version, new ObservationInput
        {
            Notes = new string('n', ClassroomVisit.NotesMaxLength + 1),
            Scores = [Score(form, 0, 0, 3, new string('c', VisitScore.NoteMaxLength + 1))],
        }));

        Assert.Contains("binnen 8000 tekens", ex.Errors[ObservationService.NotesField], StringComparison.Ordinal);
        Assert.Contains("binnen 1000 tekens", ex.Errors[ObservationService.NoteField(form.Areas[0].Criteria[0].CriterionId)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_criterion_of_another_kijkwijzer_version_is_refused()
    {
        var other = ObservationScenario.NewBoardAdministrator(_db);
        var foreignSet = await Criteria(other).GetCurrentAsync();
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => ib.SaveAsync(visitId, form.Version, new ObservationInput
        {
            Scores = [new ObservationScoreInput { CriterionId = foreignSet.Areas[0].Criteria[0].Id, Score = 3 }],
        }));

        Assert.StartsWith("Een of meer criteria horen niet bij de kijkwijzer van dit bezoek", ex.Errors[ObservationService.ScoresField], StringComparison.Ordinal);
        Assert.Empty(ObservationScenario.Visit(_db, visitId).Scores);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_overwrites_nothing()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        ObservationScenario.ChangeMeanwhile(_db, visitId);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            ib.SaveAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3, "Te laat")));

        Assert.Equal(ObservationService.ConflictMessage, ex.Message);
        Assert.Empty(ObservationScenario.Visit(_db, visitId).Scores);
    }

    [Fact]
    public async Task Finishing_marks_the_visit_observed_and_locks_the_scores()
    {
        var visitId = ObservationScenario.NewVisit(_db, hoursFromNow: -2);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        Assert.True(form.MayFinish);

        var version = await ib.FinishAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3, "Goede les."));

        var visit = ObservationScenario.Visit(_db, visitId);
        Assert.Equal(VisitStatus.Observed, visit.Status);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, visit.ObservedAt);
        Assert.Equal(form.CriterionCount, visit.Scores.Count);
        var finished = await ib.RefreshAsync(visitId);
        Assert.Equal(VisitStage.AwaitingFeedback, finished.Stage);
        Assert.False(finished.MayEdit);
        Assert.True(finished.MayReopen);
        var ex = await Assert.ThrowsAsync<DomainException>(() => ib.SaveAsync(visitId, version, ObservationScenario.ScoreAll(form, 1)));
        Assert.Equal(ObservationService.FinishedMessage, ex.Message);
        Assert.All(ObservationScenario.Visit(_db, visitId).Scores, s => Assert.Equal(3, s.Score));
        Assert.Single(Audit(Logins.CareCoordinator, ObservationAuditActions.Finish));
    }

    [Fact]
    public async Task A_visit_whose_time_has_not_come_cannot_be_finished_but_can_be_saved_as_a_draft()
    {
        var visitId = ObservationScenario.NewVisit(_db, hoursFromNow: 26);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        Assert.False(form.TimeHasCome);
        Assert.False(form.MayFinish);
        Assert.True(form.MayEdit);

        var ex = await Assert.ThrowsAsync<DomainException>(() => ib.FinishAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3)));

        Assert.StartsWith("Dit bezoek moet nog plaatsvinden (wo 25 nov om 11:30)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(VisitStatus.Planned, ObservationScenario.Visit(_db, visitId).Status);
        Assert.Empty(ObservationScenario.Visit(_db, visitId).Scores);
        await ib.SaveAsync(visitId, form.Version, new ObservationInput { Notes = "Voorbereiding: let op de instructietafel." });
        Assert.Equal("Voorbereiding: let op de instructietafel.", ObservationScenario.Visit(_db, visitId).ObservationNotes);
    }

    [Fact]
    public async Task Finishing_needs_at_least_one_criterion_scored_not_seen_alone_is_not_enough()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => ib.FinishAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, null, "Alleen notities.")));

        Assert.StartsWith("Geef bij minstens één criterium een score", ex.Errors[ObservationService.ScoresField], StringComparison.Ordinal);
        var visit = ObservationScenario.Visit(_db, visitId);
        Assert.Equal(VisitStatus.Planned, visit.Status);
        Assert.Null(visit.ObservationNotes);
    }

    [Fact]
    public async Task A_finished_observation_can_be_reopened_until_the_feedback_is_recorded()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var version = await ib.FinishAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 2));

        version = await ib.ReopenAsync(visitId, version);

        var visit = ObservationScenario.Visit(_db, visitId);
        Assert.Equal((VisitStatus.Planned, (DateTime?)null), (visit.Status, visit.ObservedAt));
        Assert.Equal(form.CriterionCount, visit.Scores.Count);
        Assert.Single(Audit(Logins.CareCoordinator, ObservationAuditActions.Reopen));
        await Assert.ThrowsAsync<DomainException>(() => ib.ReopenAsync(visitId, version));

        version = await ib.FinishAsync(visitId, version, ObservationScenario.ScoreAll(form, 3));
        ObservationScenario.RecordFeedback(_db, visitId);
        var afterFeedback = await ib.RefreshAsync(visitId);
        Assert.False(afterFeedback.MayReopen);
        Assert.True(afterFeedback.HasFeedback);

        var ex = await Assert.ThrowsAsync<DomainException>(() => ib.ReopenAsync(visitId, afterFeedback.Version));
        Assert.StartsWith("Het nagesprek is al vastgelegd", ex.Message, StringComparison.Ordinal);
        Assert.Equal(VisitStatus.FeedbackGiven, ObservationScenario.Visit(_db, visitId).Status);
    }

    [Fact]
    public async Task A_cancelled_visit_cannot_be_scored_finished_or_reopened()
    {
        var visitId = ObservationScenario.NewVisit(_db, status: VisitStatus.Cancelled);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        Assert.False(form.MayEdit);
        Assert.False(form.MayManagePupilNotes);
        Assert.Empty(form.Pupils);

        var save = await Assert.ThrowsAsync<DomainException>(() => ib.SaveAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3)));
        var finish = await Assert.ThrowsAsync<DomainException>(() => ib.FinishAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3)));
        var reopen = await Assert.ThrowsAsync<DomainException>(() => ib.ReopenAsync(visitId, form.Version));

        Assert.All(new[] { save, finish, reopen }, e => Assert.Equal(ObservationService.CancelledMessage, e.Message));
        Assert.Empty(ObservationScenario.Visit(_db, visitId).Scores);
    }

    // --- who sees what ---

    [Fact]
    public async Task The_teacher_sees_which_criteria_will_be_looked_at_but_no_score_or_note_before_the_observation_is_finished()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        await ib.SaveAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 2, "Nog niet af: concept."));
        await ib.AddPupilNoteAsync(visitId, _db.PupilOf(Logins.TeacherA), "Jesse kwam niet op gang.");

        var teacherView = await Observations(Logins.TeacherA).GetAsync(visitId);

        Assert.True(teacherView.IsTeacher);
        Assert.True(teacherView.ContentHidden);
        Assert.False(teacherView.MayEdit);
        Assert.Null(teacherView.Notes);
        Assert.Empty(teacherView.PupilNotes);
        Assert.Empty(teacherView.Pupils);
        Assert.Equal(form.CriterionCount, teacherView.CriterionCount);
        Assert.All(teacherView.Areas.SelectMany(a => a.Criteria), c => Assert.Equal((false, (int?)null, (string?)null), (c.IsScored, c.Score, c.Note)));
    }

    [Fact]
    public async Task The_teacher_reads_the_finished_observation_with_scores_and_notes_but_cannot_change_it()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var version = await ib.FinishAsync(visitId, form.Version, new ObservationInput
        {
            Notes = "Sterke les.",
            Scores = [Score(form, 0, 0, 4, "Complimenten op maat.")],
        });
        await ib.AddPupilNoteAsync(visitId, _db.PupilOf(Logins.TeacherA), "Jesse kwam niet op gang.");

        var teacher = Observations(Logins.TeacherA);
        var view = await teacher.GetAsync(visitId);

        Assert.False(view.ContentHidden);
        Assert.False(view.MayEdit);
        Assert.False(view.MayReopen);
        Assert.Equal("Sterke les.", view.Notes);
        Assert.Equal((4, "Complimenten op maat."), (view.Areas[0].Criteria[0].Score, view.Areas[0].Criteria[0].Note));
        Assert.Empty(view.PupilNotes);
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.SaveAsync(visitId, version, new ObservationInput()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ReopenAsync(visitId, version));
        Assert.Equal(VisitStatus.Observed, ObservationScenario.Visit(_db, visitId).Status);
        var read = Assert.Single(Audit(Logins.TeacherA, ObservationAuditActions.ReadForm));
        Assert.Equal(("Teacher", AuditRecordKind.ClassroomVisit, visitId), (read.Role, read.RecordKind, read.RecordId));
        Assert.Single(Audit(Logins.TeacherA, ObservationAuditActions.Save), a => a.Outcome == AuditOutcome.Refused);
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Nobody_but_the_IBer_and_the_visited_teacher_reads_the_observation(string login)
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        await ib.FinishAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 3, "Alleen voor de leerkracht."));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Observations(login).GetAsync(visitId));

        var refusal = Assert.Single(Audit(login, ObservationAuditActions.ReadForm));
        Assert.Equal((AuditOutcome.Refused, AuditRecordKind.ClassroomVisit, visitId), (refusal.Outcome, refusal.RecordKind, refusal.RecordId));
    }

    [Fact]
    public async Task Reading_the_form_is_audited_for_the_visit_and_for_each_pupil_it_has_a_note_about()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var ib = Observations(Logins.CareCoordinator);
        var pupil1 = _db.NewPupilIn(Logins.TeacherA, "Jesse");
        var pupil2 = _db.NewPupilIn(Logins.TeacherA, "Noor");
        var note1 = await ib.AddPupilNoteAsync(visitId, pupil1, "Kwam niet op gang.");
        var note2 = await ib.AddPupilNoteAsync(visitId, pupil2, "Hielp een klasgenoot.");

        var form = await ib.GetAsync(visitId);

        Assert.Equal([note1, note2], form.PupilNotes.Select(n => n.Id));
        Assert.Equal("Jesse Nieuw", form.PupilNotes[0].PupilName);
        Assert.Equal("Ilse Verbeek", form.PupilNotes[0].AuthorName);
        var reads = Audit(Logins.CareCoordinator, ObservationAuditActions.ReadForm);
        Assert.Contains(reads, a => a.RecordKind == AuditRecordKind.ClassroomVisit && a.RecordId == visitId && a.PupilId == null);
        Assert.Contains(reads, a => a.RecordKind == AuditRecordKind.VisitPupilNote && a.RecordId == note1 && a.PupilId == pupil1 && a.Role == "CareCoordinator");
        Assert.Contains(reads, a => a.RecordKind == AuditRecordKind.VisitPupilNote && a.RecordId == note2 && a.PupilId == pupil2);
        Assert.Equal(3, reads.Count);

        await ib.RefreshAsync(visitId);
        Assert.Equal(3, Audit(Logins.CareCoordinator, ObservationAuditActions.ReadForm).Count);
    }

    [Fact]
    public async Task The_form_offers_the_pupils_of_the_visits_group_to_write_a_note_about()
    {
        var visitId = ObservationScenario.NewVisit(_db);
        var pupil = _db.NewPupilIn(Logins.TeacherA, "Aaron");
        var other = _db.NewPupilIn(Logins.TeacherB, "Bram");

        var form = await Observations(Logins.CareCoordinator).GetAsync(visitId);

        Assert.Contains(form.Pupils, p => p.PupilId == pupil && p.FullName == "Aaron Nieuw");
        Assert.DoesNotContain(form.Pupils, p => p.PupilId == other);
        Assert.Equal(form.Pupils.Select(p => p.FullName).Order(StringComparer.Create(Domain.Care.DutchDates.Culture, true)), form.Pupils.Select(p => p.FullName));
        Assert.True(form.MayManagePupilNotes);
    }
}
