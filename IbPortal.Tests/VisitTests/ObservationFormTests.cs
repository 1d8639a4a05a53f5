using AngleSharp.Dom;
using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        cut.WaitForElement("[data-testid=observation-status]");
        return cut;
    }

    private static string Text(IRenderedComponent<ObservationForm> cut, string testId) =>
        System.Text.RegularExpressions.Regex.Replace(cut.Find($"[data-testid={testId}]").TextContent, @"\s+", " ").Trim();

    private static IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);

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
        Assert.DoesNotContain(ObservationScenario.Focus, cut.Markup, StringComparison.Ordinal); // the visit page shows the focus above the form
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
        var buttons = group.QuerySelectorAll("button");
        Assert.Equal(["1", "2", "3", "4", "–"], buttons.Select(b => b.TextContent.Trim()));
        Assert.Equal(["Nog niet zichtbaar", "Deels zichtbaar", "Zichtbaar", "Sterk zichtbaar", "Niet gezien"], buttons.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(buttons.Select(b => b.GetAttribute("aria-label")), buttons.Select(b => b.GetAttribute("title")));
        Assert.Equal(["score-" + first + "-1", $"score-{first}-2", $"score-{first}-3", $"score-{first}-4", $"score-{first}-0"], buttons.Select(b => b.GetAttribute("data-testid")));
        Assert.All(buttons, b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
        // One legend for the whole form explains the marks; the criteria themselves carry no long labels.
        Assert.Equal(["1 Nog niet zichtbaar", "2 Deels zichtbaar", "3 Zichtbaar", "4 Sterk zichtbaar", "– Niet gezien", "Tik nog eens om een keuze te wissen."],
            cut.FindAll("[data-testid=observation-legend] li").Select(li => li.TextContent.Trim()));
        Assert.Single(cut.FindAll("[data-testid=observation-legend]"));
        Assert.DoesNotContain("Sterk zichtbaar", cut.Find($"[data-testid=criterion-{first}]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"0 van {current.Areas.Sum(a => a.Criteria.Count)} gescoord", Text(cut, "observation-progress"));
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
        var total = current.Areas.Sum(a => a.Criteria.Count);
        Assert.Equal($"2 van {total} gescoord", Text(cut, "observation-progress")); // "niet gezien" is a choice too
        Assert.Equal("Niet opgeslagen", Text(cut, "observation-unsaved"));
        Assert.NotNull(cut.Find("[data-testid=observation-actions] [data-testid=observation-save]"));
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
        Assert.Equal($"2 van {total} gescoord", Text(cut, "observation-progress"));
        Assert.Empty(cut.FindAll("[data-testid=observation-unsaved]"));
        Assert.Equal(1, _changed); // the page reloads the visit, so that its version stays current for the other sections
    }

    [Fact]
    public void Finishing_asks_for_confirmation_then_finishes_shows_the_observation_read_only_and_reopening_makes_it_editable()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var current = Current();
        var c1 = current.Areas[^1].Criteria[0].Id;
        var total = current.Areas.Sum(a => a.Criteria.Count);
        var cut = RenderForm(visitId);

        ScoreButton(cut, c1, 4).Click();
        cut.Find("[data-testid=observation-finish]").Click();

        Assert.Contains("De leerkracht leest daarna de scores en notities", cut.Find("[data-testid=observation-finish-confirm-panel]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"{total - 1} criteria zijn niet gescoord; die blijven leeg in het verslag.", Text(cut, "observation-finish-unscored"));
        Assert.NotNull(cut.Find("[data-testid=observation-actions] [data-testid=observation-finish-confirm]"));
        Assert.Equal(VisitStatus.Planned, ObservationScenario.Visit(Database, visitId).Status);
        cut.Find("[data-testid=observation-finish-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, _changed));
        Assert.Equal(VisitStatus.Observed, ObservationScenario.Visit(Database, visitId).Status);
        cut.WaitForAssertion(() => Assert.Equal("4 · Sterk zichtbaar", cut.Find($"[data-testid=score-{c1}]").TextContent.Trim()));
        Assert.Contains("Afgerond", cut.Find("[data-testid=observation-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=observation-save]"));
        Assert.Empty(cut.FindAll("[data-testid=observation-actions]"));
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
        // The unscored criteria are folded behind one line, and marked differently from "niet gezien" when unfolded.
        var unscored = form.Areas[1].Criteria[0].CriterionId;
        Assert.Empty(cut.FindAll($"[data-testid=score-{unscored}]"));
        Assert.Empty(cut.FindAll($"[data-testid=observation-area-{form.Areas[1].AreaId}]"));
        Assert.Contains($"2 van {form.CriterionCount} criteria gescoord", Text(cut, "observation-summary"), StringComparison.Ordinal);
        var toggle = cut.Find("[data-testid=observation-unscored-toggle]");
        Assert.Equal($"{form.CriterionCount - 2} criteria niet gescoord", System.Text.RegularExpressions.Regex.Replace(toggle.TextContent, @"\s+", " ").Trim());
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        toggle.Click();
        Assert.Equal("true", cut.Find("[data-testid=observation-unscored-toggle]").GetAttribute("aria-expanded"));
        var mark = cut.Find($"[data-testid=observation-unscored-list] [data-testid=score-{unscored}]");
        Assert.Equal("Niet gescoord", mark.TextContent.Trim());
        Assert.NotEqual(mark.ClassName, cut.Find($"[data-testid=score-{c2}]").ClassName);
        Assert.Empty(cut.FindAll($"[data-testid=observation-unscored-list] [data-testid=score-{c2}]"));
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
        Assert.Empty(cut.FindAll("[data-testid=observation-actions]"));
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

    [Fact]
    public void Before_the_visit_the_teacher_reads_when_it_is_and_not_that_the_observation_is_being_finished()
    {
        var visitId = ObservationScenario.NewVisit(Database, hoursFromNow: 26); // test clock Tue 24 Nov 09:30 UTC: Wed 25 Nov
        SignInAs(Logins.TeacherA);

        var cut = RenderForm(visitId);

        var message = Text(cut, "observation-not-finished");
        Assert.StartsWith("Het bezoek is op wo 25 nov. Daarna lees je hier wat de intern begeleider zag.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("rondt de observatie nog af", message, StringComparison.Ordinal);
        Assert.Contains(Current().Areas[0].Criteria[0].Text, cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Logins.CareCoordinator)]
    [InlineData(Logins.TeacherA)]
    public void A_cancelled_visit_shows_a_one_line_notice_and_no_criteria(string login)
    {
        var visitId = ObservationScenario.NewVisit(Database, status: VisitStatus.Cancelled);
        SignInAs(login);

        var cut = RenderForm(visitId);

        Assert.Equal("Dit klassenbezoek is geannuleerd; er is geen observatie.", Text(cut, "observation-cancelled"));
        Assert.Contains("Geannuleerd", cut.Find("[data-testid=observation-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid^=observation-area-]"));
        Assert.Empty(cut.FindAll("[data-testid^=criterion-]"));
        Assert.DoesNotContain(Current().Areas[0].Criteria[0].Text, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=observation-actions]"));
        Assert.Empty(cut.FindAll("[data-testid=observation-version]"));
    }

    [Fact]
    public void Leaving_with_unsaved_scores_asks_first_staying_keeps_them_and_leaving_without_saving_goes()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var c1 = Current().Areas[0].Criteria[0].Id;
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderForm(visitId);
        ScoreButton(cut, c1, 2).Click();

        navigation.NavigateTo("/bezoeken");
        dialogs.WaitForAssertion(() => Assert.Contains("nog niet zijn opgeslagen", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        DialogButton(dialogs, "Blijven").Click();

        NavigationWait.Until(navigation, NavigationState.Prevented);
        Assert.True(Pressed(cut, c1, 2));

        navigation.NavigateTo("/bezoeken");
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));
        DialogButton(dialogs, "Weggaan zonder opslaan").Click();

        NavigationWait.Until(navigation, NavigationState.Succeeded);
        Assert.EndsWith("/bezoeken", navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(ObservationScenario.Visit(Database, visitId).Scores);
    }

    [Fact]
    public void Leaving_with_unsaved_notes_can_save_them_first()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderForm(visitId);
        cut.Find("[data-testid=observation-notes] textarea").Change("Goede start.");

        navigation.NavigateTo("/bezoeken");
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));
        DialogButton(dialogs, "Opslaan en verder").Click();

        NavigationWait.Until(navigation, NavigationState.Succeeded);
        Assert.Equal("Goede start.", ObservationScenario.Visit(Database, visitId).ObservationNotes);
    }

    [Fact]
    public void Leaving_a_saved_form_or_with_a_typed_pupil_note_behaves_as_expected()
    {
        var visitId = ObservationScenario.NewVisit(Database);
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderForm(visitId);

        navigation.NavigateTo("/agenda");
        NavigationWait.Until(navigation, NavigationState.Succeeded);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        cut.Find("[data-testid=pupil-note-text] textarea").Change("Zat stil achterin.");
        navigation.NavigateTo("/bezoeken");
        dialogs.WaitForAssertion(() => Assert.Contains("notitie over een leerling", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        DialogButton(dialogs, "Blijven").Click();
        NavigationWait.Until(navigation, NavigationState.Prevented);
    }
}
