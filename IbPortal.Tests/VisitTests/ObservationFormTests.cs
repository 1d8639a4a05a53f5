using AngleSharp.Dom;
using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace IbPortal.Tests.VisitTests;

/// <summary>The kijkwijzer form of one visit: scoring, saving, finishing and reopening; errors that keep the input; the teacher's read-only view.</summary>
public sealed class ObservationFormTests : PortalComponentContext
{
    public ObservationFormTests() : base(Logins.CareCoordinator) { }

    private int _changed;

    private IRenderedComponent<ObservationForm> RenderForm(int visitId)
    {
        var cut = Render<ObservationForm>(p => p
            .Add(f => f.VisitId, visitId)
            .Add(f => f.OnChanged, () => _changed++));
        cut.WaitForElement("[data-testid=observation-version]");
        return cut;
    }

    private CriteriaSetView Current() =>
        Database.Service<CriteriaSetService>(Logins.CareCoordinator).GetCurrentAsync().GetAwaiter().GetResult();

    private static IElement ScoreButton(IRenderedComponent<ObservationForm> cut, int criterionId, int value) =>
        cut.Find($"[data-testid=score-{criterionId}-{value}]");

    private static bool Pressed(IRenderedComponent<ObservationForm> cut, int criterionId, int value) =>
        ScoreButton(cut, criterionId, value).GetAttribute("aria-pressed") == "true";

    [Fact]
    public void The_form_shows_each_area_and_criterion_of_the_visits_kijkwijzer_version_with_the_Dutch_scale()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var current = Current();

        var cut = RenderForm(visitId);

        Assert.Equal($"Kijkwijzer versie {current.Version}", cut.Find("[data-testid=observation-version]").TextContent.Trim());
        Assert.Contains(ObservationScenario.Focus, cut.Find("[data-testid=observation-focus]").TextContent, StringComparison.Ordinal);
        foreach (var area in current.Areas)
        {
            var card = cut.Find($"[data-testid=observation-area-{area.Id}]");
            Assert.Contains(area.Name, card.TextContent, StringComparison.Ordinal);
            foreach (var criterion in area.Criteria)
                Assert.Contains(criterion.Text, card.QuerySelector($"[data-testid=criterion-{criterion.Id}]")!.TextContent, StringComparison.Ordinal);
        }
        var first = current.Areas[0].Criteria[0].Id;
        var group = cut.Find($"[data-testid=score-{first}]");
        Assert.Equal("group", group.GetAttribute("role"));
        Assert.Equal($"criterion-label-{first}", group.GetAttribute("aria-labelledby"));
        Assert.Equal(["1 · Nog niet zichtbaar", "2 · Deels zichtbaar", "3 · Zichtbaar", "4 · Sterk zichtbaar", "Niet gezien"],
            group.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.All(group.QuerySelectorAll("button"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
        Assert.Contains("Nog niet ingevuld", cut.Find("[data-testid=observation-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_scores_and_notes_and_saving_stores_a_draft_that_the_form_shows_again()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var current = Current();
        var (c1, c2, c3) = (current.Areas[0].Criteria[0].Id, current.Areas[0].Criteria[1].Id, current.Areas[1].Criteria[0].Id);
        var cut = RenderForm(visitId);

        ScoreButton(cut, c1, 3).Click();
        ScoreButton(cut, c2, 0).Click();
        ScoreButton(cut, c3, 2).Click();
        ScoreButton(cut, c3, 2).Click(); // a second click clears the choice
        cut.Find($"[data-testid=note-open-{c1}]").Click();
        cut.Find($"[data-testid=note-{c1}] textarea").Change("Noemt elk kind bij naam.");
        cut.Find("[data-testid=observation-notes] textarea").Change("Rustige les met een duidelijke opbouw.");
        Assert.True(Pressed(cut, c1, 3));
        Assert.False(Pressed(cut, c3, 2));
        cut.Find("[data-testid=observation-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, ObservationScenario.Visit(Database, visitId).Version));
        var visit = ObservationScenario.Visit(Database, visitId);
        Assert.Equal(VisitStatus.Planned, visit.Status);
        Assert.Equal(current.Id, visit.CriteriaSetId);
        Assert.Equal("Rustige les met een duidelijke opbouw.", visit.ObservationNotes);
        Assert.Equal(2, visit.Scores.Count);
        Assert.Equal((3, "Noemt elk kind bij naam."), (visit.Scores.Single(s => s.CriterionId == c1).Score, visit.Scores.Single(s => s.CriterionId == c1).Note));
        Assert.Null(visit.Scores.Single(s => s.CriterionId == c2).Score);

        cut.WaitForAssertion(() => Assert.Contains("Concept", cut.Find("[data-testid=observation-status]").TextContent, StringComparison.Ordinal));
        Assert.True(Pressed(cut, c1, 3));
        Assert.True(Pressed(cut, c2, 0));
        Assert.Equal("Noemt elk kind bij naam.", cut.Find($"[data-testid=note-{c1}] textarea").TextContent.Trim());
        Assert.Equal(1, _changed); // the page reloads the visit, so that its version stays current for the other sections
    }

    [Fact]
    public void Finishing_asks_for_confirmation_then_finishes_shows_the_observation_read_only_and_reopening_makes_it_editable()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var c1 = Current().Areas[^1].Criteria[0].Id;
        var cut = RenderForm(visitId);

        ScoreButton(cut, c1, 4).Click();
        cut.Find("[data-testid=observation-finish]").Click();

        Assert.Contains("De leerkracht leest daarna de scores en notities", cut.Find("[data-testid=observation-finish-confirm-panel]").TextContent, StringComparison.Ordinal);
        Assert.Equal(VisitStatus.Planned, ObservationScenario.Visit(Database, visitId).Status);
        cut.Find("[data-testid=observation-finish-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, _changed));
        Assert.Equal(VisitStatus.Observed, ObservationScenario.Visit(Database, visitId).Status);
        cut.WaitForAssertion(() => Assert.Equal("4 · Sterk zichtbaar", cut.Find($"[data-testid=score-{c1}]").TextContent.Trim()));
        Assert.Contains("Afgerond", cut.Find("[data-testid=observation-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=observation-save]"));
        Assert.Empty(cut.FindAll($"[data-testid=score-{c1}-4]"));

        cut.Find("[data-testid=observation-reopen]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, _changed));
        Assert.Equal(VisitStatus.Planned, ObservationScenario.Visit(Database, visitId).Status);
        cut.WaitForAssertion(() => Assert.True(Pressed(cut, c1, 4)));
        Assert.NotNull(cut.Find("[data-testid=observation-save]"));
    }

    [Fact]
    public void Finishing_without_any_score_shows_the_domains_message_and_keeps_everything_typed()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var current = Current();
        var (c1, c2) = (current.Areas[0].Criteria[0].Id, current.Areas[^1].Criteria[^1].Id);
        var cut = RenderForm(visitId);

        ScoreButton(cut, c1, 0).Click();
        cut.Find($"[data-testid=note-open-{c2}]").Click();
        cut.Find($"[data-testid=note-{c2}] textarea").Change("Groepsoverzicht lag niet klaar.");
        cut.Find("[data-testid=observation-notes] textarea").Change("Les begon laat.");
        cut.Find("[data-testid=observation-finish]").Click();
        cut.Find("[data-testid=observation-finish-confirm]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Geef bij minstens één criterium een score",
            cut.Find("[data-testid=observation-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.True(Pressed(cut, c1, 0));
        Assert.Equal("Groepsoverzicht lag niet klaar.", cut.Find($"[data-testid=note-{c2}] textarea").TextContent.Trim());
        Assert.Equal("Les begon laat.", cut.Find("[data-testid=observation-notes] textarea").TextContent.Trim());
        var visit = ObservationScenario.Visit(Database, visitId);
        Assert.Equal((VisitStatus.Planned, 0, (string?)null), (visit.Status, visit.Version, visit.ObservationNotes));
        Assert.Equal(0, _changed);
    }

    [Fact]
    public void A_too_long_criterion_note_is_marked_at_that_field_and_kept()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var c1 = Current().Areas[1].Criteria[1].Id;
        var cut = RenderForm(visitId);
        var tooLong = new string('x', VisitScore.NoteMaxLength + 5);

        ScoreButton(cut, c1, 2).Click();
        cut.Find($"[data-testid=note-open-{c1}]").Click();
        cut.Find($"[data-testid=note-{c1}] textarea").Change(tooLong);
        cut.Find("[data-testid=observation-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("binnen 1000 tekens (nu 1005)", cut.Find($"[data-testid=note-{c1}]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=observation-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(tooLong, cut.Find($"[data-testid=note-{c1}] textarea").TextContent.Trim());
        Assert.True(Pressed(cut, c1, 2));
        Assert.Empty(ObservationScenario.Visit(Database, visitId).Scores);
    }

    [Fact]
    public void A_conflicting_save_explains_keeps_the_choices_and_saving_again_succeeds()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var c1 = Current().Areas[^1].Criteria[^1].Id;
        var cut = RenderForm(visitId);
        ScoreButton(cut, c1, 1).Click();
        ObservationScenario.ChangeMeanwhile(Database, visitId);

        cut.Find("[data-testid=observation-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(ObservationService.ConflictMessage, cut.Find("[data-testid=observation-error]").TextContent.Trim()));
        Assert.True(Pressed(cut, c1, 1));
        Assert.Empty(ObservationScenario.Visit(Database, visitId).Scores);

        cut.Find("[data-testid=observation-save]").Click();
        cut.WaitForAssertion(() => Assert.Single(ObservationScenario.Visit(Database, visitId).Scores));
        Assert.Empty(cut.FindAll("[data-testid=observation-error]"));
    }

    [Fact]
    public void A_visit_still_to_come_is_saved_as_a_draft_and_cannot_be_finished_yet()
    {
        var visitId = ObservationScenario.NewVisit(Database, hoursFromNow: 26);

        var cut = RenderForm(visitId);

        Assert.Empty(cut.FindAll("[data-testid=observation-finish]"));
        Assert.Contains("Afronden kan zodra het bezoek begonnen is", cut.Find("[data-testid=observation-finish-later]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=observation-save]"));
    }

    [Fact]
    public async Task The_teacher_reads_the_finished_observation_with_score_labels_and_notes_and_no_controls()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var ib = Database.Service<ObservationService>(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        var (c1, c2) = (form.Areas[0].Criteria[0].CriterionId, form.Areas[0].Criteria[1].CriterionId);
        await ib.FinishAsync(visitId, form.Version, new ObservationInput
        {
            Notes = "Sterke start van de dag.",
            Scores =
            [
                new ObservationScoreInput { CriterionId = c1, Score = 4, Note = "Begroet ieder kind bij de deur." },
                new ObservationScoreInput { CriterionId = c2, Score = null },
            ],
        });
        await ib.AddPupilNoteAsync(visitId, Database.NewPupilIn(Logins.TeacherA, "Jesse"), "Kwam niet op gang.");
        SignInAs(Logins.TeacherA);

        var cut = RenderForm(visitId);

        Assert.Equal("4 · Sterk zichtbaar", cut.Find($"[data-testid=score-{c1}]").TextContent.Trim());
        Assert.Equal("Begroet ieder kind bij de deur.", cut.Find($"[data-testid=note-{c1}]").TextContent.Trim());
        Assert.Equal("Niet gezien", cut.Find($"[data-testid=score-{c2}]").TextContent.Trim());
        Assert.Equal("Niet gescoord", cut.Find($"[data-testid=score-{form.Areas[1].Criteria[0].CriterionId}]").TextContent.Trim());
        Assert.Contains("Sterke start van de dag.", cut.Find("[data-testid=observation-notes-text]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=observation-save]"));
        Assert.Empty(cut.FindAll("[data-testid=observation-reopen]"));
        Assert.Empty(cut.FindAll($"[data-testid=score-{c1}-4]"));
        Assert.Empty(cut.FindAll("[data-testid=pupil-notes]"));
        Assert.DoesNotContain("Kwam niet op gang", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_teacher_sees_what_will_be_looked_at_but_nothing_of_an_unfinished_observation()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var ib = Database.Service<ObservationService>(Logins.CareCoordinator);
        var form = await ib.GetAsync(visitId);
        await ib.SaveAsync(visitId, form.Version, ObservationScenario.ScoreAll(form, 2, "Concept: nog niet delen."));
        SignInAs(Logins.TeacherA);

        var cut = RenderForm(visitId);

        Assert.Contains("De intern begeleider rondt de observatie nog af", cut.Find("[data-testid=observation-not-finished]").TextContent, StringComparison.Ordinal);
        Assert.Contains(form.Areas[0].Criteria[0].Text, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Concept: nog niet delen.", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Deels zichtbaar", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=observation-save]"));
    }

    [Fact]
    public void Another_teacher_gets_the_access_message_and_no_content()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        SignInAs(Logins.TeacherB);

        var cut = Render<ObservationForm>(p => p.Add(f => f.VisitId, visitId));

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=observation-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=observation-version]"));
    }

    [Fact]
    public async Task A_note_about_a_pupil_is_changed_and_removed_from_the_form()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var pupilId = Database.NewPupilIn(Logins.TeacherA, "Noor");
        var noteId = await Database.Service<ObservationService>(Logins.CareCoordinator).AddPupilNoteAsync(visitId, pupilId, "Vroeg veel bevestiging.");
        var cut = RenderForm(visitId);
        Assert.Contains("Noor Nieuw", cut.Find($"[data-testid=pupil-note-{noteId}]").TextContent, StringComparison.Ordinal);

        cut.Find($"[data-testid=pupil-note-edit-{noteId}]").Click();
        cut.Find($"[data-testid=pupil-note-edit-text-{noteId}] textarea").Change("  ");
        cut.Find($"[data-testid=pupil-note-edit-save-{noteId}]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Schrijf op wat je bij deze leerling zag.", cut.Find($"[data-testid=pupil-note-{noteId}]").TextContent, StringComparison.Ordinal));

        cut.Find($"[data-testid=pupil-note-edit-text-{noteId}] textarea").Change("Vroeg na elke opdracht bevestiging.");
        cut.Find($"[data-testid=pupil-note-edit-save-{noteId}]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Vroeg na elke opdracht bevestiging.", cut.Find($"[data-testid=pupil-note-{noteId}]").TextContent, StringComparison.Ordinal));
        using (var db = Database.CreateContext())
            Assert.Equal("Vroeg na elke opdracht bevestiging.", db.VisitPupilNotes.AsNoTracking().Single(n => n.Id == noteId).Note);

        cut.Find($"[data-testid=pupil-note-remove-{noteId}]").Click();
        Assert.Contains("verdwijnt ook uit het dossier", cut.Find($"[data-testid=pupil-note-remove-panel-{noteId}]").TextContent, StringComparison.Ordinal);
        cut.Find($"[data-testid=pupil-note-remove-confirm-{noteId}]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=pupil-note-{noteId}]")));
        using var check = Database.CreateContext();
        Assert.False(check.VisitPupilNotes.Any(n => n.Id == noteId));
        Assert.NotNull(cut.Find("[data-testid=pupil-notes-empty]"));
    }

    [Fact]
    public void A_note_about_a_pupil_is_added_by_picking_a_pupil_of_the_group()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var pupilId = Database.NewPupilIn(Logins.TeacherA, "Aaa-eerste");
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderForm(visitId);

        cut.Find("[data-testid=pupil-note-add]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Kies de leerling over wie de notitie gaat.", cut.Find("[data-testid=pupil-note-pupil]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=pupil-note-text] textarea").Change("Zat stil achter in de klas.");
        cut.Find("[data-testid=pupil-note-pupil] .mud-input-control.mud-select").MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Aaa-eerste Nieuw", StringComparison.Ordinal)).Click();
        cut.Find("[data-testid=pupil-note-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Zat stil achter in de klas.", cut.Find("[data-testid=pupil-notes]").TextContent, StringComparison.Ordinal));
        using var db = Database.CreateContext();
        var note = db.VisitPupilNotes.AsNoTracking().Single(n => n.VisitId == visitId);
        Assert.Equal((pupilId, "Zat stil achter in de klas."), (note.PupilId, note.Note));
    }
}
