using System.Globalization;
using Bunit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Support;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.SupportTests;

/// <summary>The "Ondersteuning" tab: level card with its change, the plan with goals and evaluations, the OPP.</summary>
public class SupportPanelTests : PortalComponentContext
{
    public SupportPanelTests() : base(Logins.CareCoordinator) { }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IRenderedComponent<SupportPanel> RenderPanel(int pupilId)
    {
        var cut = Render<SupportPanel>(p => p.Add(x => x.PupilId, pupilId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=level-card]")));
        return cut;
    }

    [Fact]
    public void A_new_pupil_shows_level_1_in_words_and_empty_states_that_say_what_to_do()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);

        var cut = RenderPanel(pupil);

        Assert.Equal("1", cut.Find("[data-testid=level-number]").TextContent.Trim());
        Assert.Equal("Goed onderwijs voor iedereen", cut.Find("[data-testid=level-name]").TextContent.Trim());
        Assert.Contains("Nog geen plan. Begin met een quick win: wat helpt deze leerling morgen al?", cut.Find("[data-testid=plan-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/leerlingen/{pupil}/plan/nieuw", cut.Find("[data-testid=plan-new]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=level-change]"));
        Assert.NotNull(cut.Find("[data-testid=opp-new]"));
    }

    [Fact]
    public void The_IBer_changes_the_level_with_a_reason_and_sees_it_in_the_history()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=level-change]").Click();
        Assert.Equal(["1", "2", "3", "4", "5"], cut.FindAll("[data-testid=level-choice] .mud-chip").Select(c => c.TextContent.Trim()));
        cut.Find("[data-testid=level-choice-3]").Click();
        cut.Find("[data-testid=level-reason] textarea").Input("Na zes weken extra instructie nog geen groei.");
        cut.Find("[data-testid=level-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=level-number]").TextContent.Trim()));
        Assert.Equal("Speciale ondersteuning met de intern begeleider", cut.Find("[data-testid=level-name]").TextContent.Trim());
        var item = Assert.Single(cut.FindAll("[data-testid=level-history-item]"));
        Assert.Contains("Niveau 1 → 3", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Na zes weken extra instructie nog geen groei.", item.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=level-form]"));
        Assert.Contains("Op niveau 3 hoort een lopend ondersteuningsplan.", cut.Find("[data-testid=plan-needed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_move_to_level_4_without_consent_shows_what_is_missing_and_keeps_the_input()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=level-change]").Click();
        cut.Find("[data-testid=level-choice-4]").Click();
        cut.Find("[data-testid=level-reason] textarea").Input("Orthopedagoog moet meekijken.");
        cut.Find("[data-testid=level-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("toestemming van de ouders", cut.Find("[data-testid=consent-required]").TextContent, StringComparison.Ordinal));
        Assert.Contains("nog niet gevraagd", cut.Find("[data-testid=consent-required]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Orthopedagoog moet meekijken.", cut.Find("[data-testid=level-reason] textarea").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=level-number]").TextContent.Trim());
        Assert.Empty(Database.LevelChanges(pupil));
    }

    [Fact]
    public void With_a_valid_consent_the_move_to_level_4_succeeds_from_the_same_form()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupil);
        cut.Find("[data-testid=level-change]").Click();
        cut.Find("[data-testid=level-choice-4]").Click();
        cut.Find("[data-testid=level-reason] textarea").Input("Orthopedagoog moet meekijken.");
        cut.Find("[data-testid=level-save]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=consent-required]")));

        var consent = Database.AddConsent(pupil, ConsentState.Given);
        cut.Find("[data-testid=level-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid=level-number]").TextContent.Trim()));
        Assert.Contains("Met toestemming van de ouders", cut.Find("[data-testid=level-history-item]").TextContent, StringComparison.Ordinal);
        Assert.Equal(consent, Assert.Single(Database.LevelChanges(pupil)).ConsentId);
    }

    [Fact]
    public void Changing_to_the_same_level_shows_the_message_at_the_level()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=level-change]").Click();
        cut.Find("[data-testid=level-choice-1]").Click();
        cut.Find("[data-testid=level-reason] textarea").Input("Toch niet.");
        cut.Find("[data-testid=level-save]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("De leerling zit al op niveau 1", cut.Find("[data-testid=level-choice-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(Database.LevelChanges(pupil));
    }

    [Fact]
    public async Task The_plan_shows_quick_wins_first_and_due_dates_in_words()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var plan = await Database.MakePlanAsync(pupil);
        Database.SetReviewOn(Database.LongTermGoal(plan).Id, Database.Today().AddDays(-2));

        var cut = RenderPanel(pupil);

        var markup = cut.Markup;
        Assert.True(markup.IndexOf("Quick wins", StringComparison.Ordinal) < markup.IndexOf("Doelen voor de langere termijn", StringComparison.Ordinal));
        Assert.True(markup.IndexOf("Doelen voor de langere termijn", StringComparison.Ordinal) < markup.IndexOf("Onderwijsbehoeften", StringComparison.Ordinal));
        Assert.Contains("Instructie aan de instructietafel", cut.Find("[data-testid=plan-quickwins]").TextContent, StringComparison.Ordinal);
        var due = cut.Find("[data-testid=plan-goals] [data-testid=goal-due]");
        Assert.Equal("Evaluatie te laat", due.TextContent.Trim());
        Assert.Contains("Heeft korte, concrete opdrachten nodig.", cut.Find("[data-testid=plan-needs-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_IBer_evaluates_a_goal_as_not_achieved_with_a_new_review_date()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var plan = await Database.MakePlanAsync(pupil, Database.Today().AddDays(3));
        var next = Database.Today().AddDays(35);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=plan-goals] [data-testid=goal-evaluate]").Click();
        cut.Find("[data-testid=evaluation-result-not]").Click();
        cut.Find("[data-testid=evaluation-save]").Click(); // no new review date yet
        cut.WaitForAssertion(() => Assert.Contains("Het doel is nog niet behaald: kies wanneer je het opnieuw evalueert.",
            cut.Find("[data-testid=evaluation-next-review]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=evaluation-next-review] input").Change(Iso(next));
        cut.Find("[data-testid=evaluation-notes] textarea").Input("Leest sneller, nog veel fouten.");
        cut.Find("[data-testid=evaluation-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Niet behaald", cut.Find("[data-testid=plan-goals] [data-testid=goal-evaluation]").TextContent, StringComparison.Ordinal));
        var goal = Database.LongTermGoal(plan);
        Assert.Equal(next, goal.ReviewOn);
        var evaluation = Assert.Single(goal.Evaluations);
        Assert.Equal((EvaluationResult.NotAchieved, Database.Today(), "Leest sneller, nog veel fouten."), (evaluation.Result, evaluation.EvaluatedOn, evaluation.Notes));
    }

    [Fact]
    public async Task The_IBer_adds_a_goal_and_closes_the_plan_with_a_note()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var plan = await Database.MakePlanAsync(pupil);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=goal-add]").Click();
        cut.Find("[data-testid=goal-add-text] textarea").Input("Speelt samen in de pauze.");
        cut.Find("[data-testid=goal-add-review] input").Change(Iso(Database.Today().AddDays(28)));
        cut.Find("[data-testid=goal-add-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=plan-goals] [data-testid=goal]").Count));

        cut.Find("[data-testid=plan-close]").Click();
        cut.Find("[data-testid=plan-close-save]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=plan-close-note] .mud-input-error")));
        cut.Find("[data-testid=plan-close-note] textarea").Input("Doelen gehaald.");
        cut.Find("[data-testid=plan-close-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=plan-empty]")));
        Assert.NotNull(cut.Find("[data-testid=closed-plan]"));
        Assert.Equal(SupportPlanStatus.Closed, Database.StoredPlan(plan).Status);
        Assert.Equal(3, Database.StoredPlan(plan).Goals.Count);
    }

    [Fact]
    public async Task The_teacher_reads_everything_without_any_action()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        await Database.SetLevelAsync(pupil, 2);
        await Database.MakePlanAsync(pupil);
        await Database.Opps().CreateAsync(new NewDevelopmentPlan { PupilId = pupil, Reason = DevelopmentPlanReason.SchoolChoice, Perspective = "Vmbo-kader." });
        SignInAs(Logins.TeacherA);

        var cut = RenderPanel(pupil);

        Assert.Equal("2", cut.Find("[data-testid=level-number]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=support-read-only]"));
        Assert.Contains("Leest een AVI-E4 tekst vlot voor.", cut.Find("[data-testid=plan-goals]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Vmbo-kader.", cut.Find("[data-testid=opp-perspective-text]").TextContent.Trim());
        foreach (var action in new[] { "level-change", "plan-new", "goal-evaluate", "goal-edit", "goal-remove", "goal-add", "quickwin-add",
                     "plan-close", "plan-needs-change", "opp-new", "opp-agree", "opp-evaluate", "opp-end" })
            Assert.Empty(cut.FindAll($"[data-testid={action}]"));
    }

    [Fact]
    public void The_IBer_makes_an_OPP_and_records_the_parents_agreement()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupil);

        cut.Find("[data-testid=opp-new]").Click();
        cut.Find("[data-testid=opp-reason-level]").Click();
        cut.Find("[data-testid=opp-perspective] textarea").Input("Uitstroom vmbo-basis.");
        cut.Find("[data-testid=opp-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("hoort bij niveau 4 of 5", cut.Find("[data-testid=opp-form]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=opp-reason-school]").Click();
        cut.Find("[data-testid=opp-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Uitstroom vmbo-basis.", cut.Find("[data-testid=opp-perspective-text]").TextContent.Trim()));

        cut.Find("[data-testid=opp-agree]").Click();
        cut.Find("[data-testid=opp-agree-date] input").Change(Iso(Database.Today().AddDays(-7)));
        cut.Find("[data-testid=opp-agree-save]").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Nog niet vastgelegd", cut.Find("[data-testid=opp-agreed]").TextContent, StringComparison.Ordinal));
        using var db = Database.CreateContext();
        var opp = db.DevelopmentPlans.AsNoTracking().Single(o => o.PupilId == pupil);
        Assert.Equal((DevelopmentPlanReason.SchoolChoice, Database.Today().AddDays(-7).AddYears(1)), (opp.Reason, opp.NextEvaluationOn!.Value));
    }

    [Fact]
    public void Someone_without_access_sees_the_refusal_message()
    {
        SignInAs(Logins.TeacherB);
        var pupil = Database.NewPupilIn(Logins.TeacherA);

        var cut = Render<SupportPanel>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForAssertion(() => Assert.StartsWith("Je hebt geen toegang", cut.Find("[data-testid=support-error]").TextContent.Trim(), StringComparison.Ordinal));
    }
}
