using System.Globalization;
using Bunit;
using IbPortal.Domain.Support;
using IbPortal.Support;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.SupportTests;

/// <summary>The new-plan page: quick wins first, then goals with review dates, then educational needs.</summary>
public class PlanFormTests : PortalComponentContext
{
    public PlanFormTests() : base(Logins.CareCoordinator) { }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IRenderedComponent<NewPlanPage> RenderForm(int pupilId)
    {
        var cut = Render<NewPlanPage>(p => p.Add(x => x.PupilId, pupilId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=plan-form]")));
        return cut;
    }

    private List<SupportPlan> PlansOf(int pupilId)
    {
        using var db = Database.CreateContext();
        return db.SupportPlans.AsNoTracking().Include(p => p.Goals).Where(p => p.PupilId == pupilId).ToList();
    }

    [Fact]
    public void The_form_shows_the_pupil_and_starts_with_a_quick_win()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Fenna");

        var cut = RenderForm(pupil);

        Assert.Contains("Fenna Nieuw", cut.Find("[data-testid=plan-pupil]").TextContent, StringComparison.Ordinal);
        var markup = cut.Markup;
        Assert.True(markup.IndexOf("1. Quick wins", StringComparison.Ordinal) < markup.IndexOf("2. Doelen voor de langere termijn", StringComparison.Ordinal));
        Assert.True(markup.IndexOf("2. Doelen voor de langere termijn", StringComparison.Ordinal) < markup.IndexOf("3. Onderwijsbehoeften", StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=plan-quickwin-0] textarea"));
        Assert.NotNull(cut.Find("[data-testid=plan-goal-0] textarea"));
        Assert.NotNull(cut.Find("[data-testid=plan-goal-review-0] input[type=date]"));
    }

    [Fact]
    public void Saving_an_empty_form_says_to_begin_with_a_quick_win_and_saves_nothing()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderForm(pupil);

        cut.Find("[data-testid=plan-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Begin met minstens één quick win of doel: wat helpt deze leerling morgen al?",
            cut.Find("[data-testid=plan-quickwins-error]").TextContent.Trim()));
        Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=plan-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(PlansOf(pupil));
    }

    [Fact]
    public void A_goal_without_a_review_date_is_marked_at_its_date_and_everything_typed_stays()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderForm(pupil);

        cut.Find("[data-testid=plan-quickwin-0] textarea").Input("Naast de juf bij de instructie.");
        cut.Find("[data-testid=plan-goal-0] textarea").Input("Leest AVI-E4 vlot.");
        cut.Find("[data-testid=plan-needs] textarea").Input("Korte opdrachten.");
        cut.Find("[data-testid=plan-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Kies een evaluatiedatum: wanneer kijk je of dit doel gehaald is?",
            cut.Find("[data-testid=plan-goal-review-0]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Naast de juf bij de instructie.", cut.Find("[data-testid=plan-quickwin-0] textarea").TextContent.Trim());
        Assert.Equal("Leest AVI-E4 vlot.", cut.Find("[data-testid=plan-goal-0] textarea").TextContent.Trim());
        Assert.Equal("Korte opdrachten.", cut.Find("[data-testid=plan-needs] textarea").TextContent.Trim());
        Assert.Empty(PlansOf(pupil));
    }

    [Fact]
    public void A_complete_plan_is_saved_in_order_and_the_IBer_returns_to_the_support_tab()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var review = Database.Today().AddDays(42);
        var cut = RenderForm(pupil);

        cut.Find("[data-testid=plan-quickwin-0] textarea").Input("Naast de juf bij de instructie.");
        cut.Find("[data-testid=plan-add-quickwin]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-quickwin-1] textarea").Input("Dagplanning op het bankje."));
        cut.Find("[data-testid=plan-goal-0] textarea").Input("Leest AVI-E4 vlot.");
        cut.Find("[data-testid=plan-goal-review-0] input").Change(Iso(review));
        cut.Find("[data-testid=plan-add-goal]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=plan-goal-1] textarea")));
        cut.Find("[data-testid=plan-needs] textarea").Input("Korte opdrachten en directe feedback.");
        cut.Find("[data-testid=plan-save]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/leerlingen/{pupil}?tab=ondersteuning", navigation.Uri, StringComparison.Ordinal));
        var plan = Assert.Single(PlansOf(pupil));
        Assert.Equal(
            [(GoalKind.QuickWin, "Naast de juf bij de instructie.", (DateOnly?)null), (GoalKind.QuickWin, "Dagplanning op het bankje.", null),
             (GoalKind.LongTerm, "Leest AVI-E4 vlot.", review)],
            plan.Goals.OrderBy(g => g.Kind).ThenBy(g => g.Position).Select(g => (g.Kind, g.Description, g.ReviewOn)));
        Assert.Equal("Korte opdrachten en directe feedback.", plan.EducationalNeeds);
        Assert.Null(plan.DiscussionId);
    }

    [Fact]
    public void Opened_from_a_discussion_the_plan_names_it_and_is_linked_to_it()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var discussion = Database.AddDiscussion(Database.SchoolId(Logins.SchoolA), pupil);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/leerlingen/{pupil}/plan/nieuw?bespreking={discussion}");
        var cut = RenderForm(pupil);
        cut.WaitForAssertion(() => Assert.Contains("leerlingbespreking", cut.Find("[data-testid=plan-discussion]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=plan-quickwin-0] textarea").Input("Koptelefoon bij zelfstandig werken.");
        cut.Find("[data-testid=plan-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(discussion, Assert.Single(PlansOf(pupil)).DiscussionId));
    }

    [Fact]
    public async Task A_second_plan_is_refused_with_the_reason_and_the_input_stays()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderForm(pupil);
        await Database.MakePlanAsync(pupil); // someone else was quicker

        cut.Find("[data-testid=plan-quickwin-0] textarea").Input("Vaste plek vooraan.");
        cut.Find("[data-testid=plan-save]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Er loopt al een ondersteuningsplan",
            cut.Find("[data-testid=plan-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("Vaste plek vooraan.", cut.Find("[data-testid=plan-quickwin-0] textarea").TextContent.Trim());
        Assert.Single(PlansOf(pupil));
    }

    [Fact]
    public void A_teacher_gets_an_explanation_instead_of_the_form()
    {
        SignInAs(Logins.TeacherA);
        var pupil = Database.NewPupilIn(Logins.TeacherA);

        var cut = Render<NewPlanPage>(p => p.Add(x => x.PupilId, pupil));

        cut.WaitForAssertion(() => Assert.StartsWith("Alleen de intern begeleider", cut.Find("[data-testid=plan-load-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=plan-form]"));
    }
}
