using Bunit;
using IbPortal.Domain.Parents;
using IbPortal.Parents;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.ParentTests;

public class ParentsPanelTests : PortalComponentContext
{
    public ParentsPanelTests() : base(Logins.CareCoordinator) { }

    private DateOnly Today => Database.Today();

    private IRenderedComponent<ParentsPanel> RenderPanel(int pupilId)
    {
        var cut = Render<ParentsPanel>(p => p.Add(c => c.PupilId, pupilId));
        cut.WaitForElement("[data-testid=guardian-list]");
        cut.WaitForElement("[data-testid=conversation-list]");
        return cut;
    }

    [Fact]
    public void Without_guardians_the_empty_state_says_what_to_do()
    {
        var cut = RenderPanel(Database.NewPupilIn(Logins.TeacherA));

        Assert.Contains("Voeg ze toe met ‘Ouder toevoegen’", cut.Find("[data-testid=guardians-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Plan er een met ‘Gesprek plannen’", cut.Find("[data-testid=conversations-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guardian_form_shows_the_Dutch_messages_keeps_the_input_and_saves_a_guardian_with_gezag()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        var cut = RenderPanel(pupilId);

        cut.Find("[data-testid=guardian-add]").Click();
        cut.Find("[data-testid=guardian-relationship] input").Change("moeder");
        cut.Find("[data-testid=guardian-email] input").Change("sanne@voorbeeld");
        cut.Find("[data-testid=guardian-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Vul de naam van de ouder of verzorger in.", cut.Find("[data-testid=guardian-form]").TextContent, StringComparison.Ordinal);
            Assert.Contains("geen geldig e-mailadres", cut.Find("[data-testid=guardian-form]").TextContent, StringComparison.Ordinal);
            Assert.Contains("ouderlijk gezag", cut.Find("[data-testid=guardian-authority-error]").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("moeder", cut.Find("[data-testid=guardian-relationship] input").GetAttribute("value"));
        Assert.Equal("sanne@voorbeeld", cut.Find("[data-testid=guardian-email] input").GetAttribute("value"));
        await using (var db = Database.CreateContext())
            Assert.False(await db.Guardians.AnyAsync(g => g.PupilId == pupilId));

        cut.Find("[data-testid=guardian-name] input").Change("Sanne Oudervoorbeeld");
        cut.Find("[data-testid=guardian-email] input").Change("sanne@voorbeeld.nl");
        cut.Find("[data-testid=guardian-authority-yes]").Click();
        cut.Find("[data-testid=guardian-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=guardian-form]")));
        var card = cut.Find("[data-testid=guardian]");
        Assert.Contains("Sanne Oudervoorbeeld", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("gezag", card.QuerySelector("[data-testid=guardian-authority-chip]")!.TextContent.Trim());
        Assert.Equal("mailto:sanne@voorbeeld.nl", card.QuerySelector("a[href^=mailto]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Editing_a_guardian_prefills_the_form_and_archiving_hides_them_behind_a_toggle()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.AddGuardianAsync(pupilId);
        var cut = RenderPanel(pupilId);

        cut.Find("[data-testid=guardian-edit]").Click();
        Assert.Equal(ParentScenario.GuardianName, cut.Find("[data-testid=guardian-name] input").GetAttribute("value"));
        cut.Find("[data-testid=guardian-authority-no]").Click();
        cut.Find("[data-testid=guardian-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("geen gezag", cut.Find("[data-testid=guardian-authority-chip]").TextContent.Trim()));

        cut.Find("[data-testid=guardian-archive]").Click();
        cut.Find("[data-testid=guardian-archive-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=guardian]")));
        Assert.Contains("Toon gearchiveerde (1)", cut.Find("[data-testid=guardians-toggle-archived]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=guardians-toggle-archived]").Click();
        Assert.Contains("gearchiveerd", cut.Find("[data-testid=guardian]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=guardian-edit]"));
    }

    [Fact]
    public async Task A_conversation_is_planned_and_its_report_recorded_with_a_linked_plan_goal_shown_by_its_text()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        Database.AddActivePlan(pupilId, Database.SchoolOf(pupilId));
        var cut = RenderPanel(pupilId);

        cut.Find("[data-testid=conversation-plan]").Click();
        cut.Find("[data-testid=conversation-date] input").Change(IbPortal.Components.Shared.DateField.ToInput(Today));
        cut.Find("[data-testid=conversation-parent-expectations] textarea").Change("Dat ze weer met plezier leest.");
        cut.Find("[data-testid=conversation-agenda] textarea").Change("1. Lezen thuis");
        cut.Find("[data-testid=conversation-plan-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Gepland", cut.Find("[data-testid=conversation] [data-testid=conversation-status]").TextContent.Trim()));

        cut.Find("[data-testid=conversation-record]").Click();
        cut.Find("[data-testid=report-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Beschrijf wat er besproken is.", cut.Find("[data-testid=conversation-report-form]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=report-discussed] textarea").Change("Thuis lezen ze samen strips.");
        cut.FindAll("[data-testid=report-goal]").Single(g => g.TextContent.Contains("AVI E4", StringComparison.Ordinal)).Click();
        cut.Find("[data-testid=report-next] input").Change(IbPortal.Components.Shared.DateField.ToInput(Today.AddDays(42)));
        cut.Find("[data-testid=report-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Verslag vastgelegd", cut.Find("[data-testid=conversation] [data-testid=conversation-status]").TextContent.Trim()));
        var card = cut.Find("[data-testid=conversation]");
        Assert.Contains("Dat ze weer met plezier leest.", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Thuis lezen ze samen strips.", card.QuerySelector("[data-testid=conversation-discussed]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Doel: Leest AVI E4 aan het eind van het jaar", card.QuerySelector("[data-testid=conversation-linked-goals]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(IbPortal.Components.Shared.Display.Day(Today.AddDays(42), Today), card.QuerySelector("[data-testid=conversation-next]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_date_before_the_conversation_is_shown_on_the_field_and_the_report_text_is_kept()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.Conversations().PlanAsync(pupilId, new ConversationPlanInput { HeldOn = Today });
        var cut = RenderPanel(pupilId);

        cut.Find("[data-testid=conversation-record]").Click();
        cut.Find("[data-testid=report-discussed] textarea").Change("Besproken: het lezen.");
        cut.Find("[data-testid=report-next] input").Change(IbPortal.Components.Shared.DateField.ToInput(Today.AddDays(-1)));
        cut.Find("[data-testid=report-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("na dit gesprek", cut.Find("[data-testid=report-next]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Besproken: het lezen.", cut.Find("[data-testid=report-discussed] textarea").TextContent.Trim());
    }
}

public class ParentsPanelAsTeacherTests : PortalComponentContext
{
    public ParentsPanelAsTeacherTests() : base(Logins.TeacherA) { }

    [Fact]
    public async Task The_teacher_reads_guardians_and_conversations_without_any_buttons_to_change_them()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherA);
        await Database.AddGuardianAsync(pupilId);
        await Database.Conversations().PlanAsync(pupilId, new ConversationPlanInput { HeldOn = Database.Today(), Agenda = "Kennismaken" });

        var cut = Render<ParentsPanel>(p => p.Add(c => c.PupilId, pupilId));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(ParentScenario.GuardianName, cut.Find("[data-testid=guardian]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Kennismaken", cut.Find("[data-testid=conversation]").TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll("[data-testid=guardian-add], [data-testid=guardian-edit], [data-testid=guardian-archive]"));
        Assert.Empty(cut.FindAll("[data-testid=conversation-plan], [data-testid=conversation-record], [data-testid=conversation-edit-plan]"));
    }

    [Fact]
    public void A_teacher_of_another_school_sees_the_refusal_instead_of_the_data()
    {
        var pupilId = Database.NewPupilIn(Logins.TeacherB);

        var cut = Render<ParentsPanel>(p => p.Add(c => c.PupilId, pupilId));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=guardians-error]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=conversations-error]").TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll("[data-testid=guardian-list]"));
    }
}
