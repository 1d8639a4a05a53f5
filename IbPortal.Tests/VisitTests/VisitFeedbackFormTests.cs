using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;

namespace IbPortal.Tests.VisitTests;

/// <summary>The feedback conversation: the IB'er records it after the observation; the teacher reads it.</summary>
public sealed class VisitFeedbackFormTests : PortalComponentContext
{
    public VisitFeedbackFormTests() : base(Logins.CareCoordinator) { }

    private IRenderedComponent<FeedbackForm> RenderFor(VisitDetail visit, Action? onChanged = null) =>
        Render<FeedbackForm>(p =>
        {
            p.Add(f => f.Visit, visit);
            if (onChanged is not null)
                p.Add(f => f.OnChanged, onChanged);
        });

    [Fact]
    public async Task The_IBer_records_the_feedback_conversation_after_the_observation()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var changed = 0;
        var cut = RenderFor(await Database.Visits(Logins.CareCoordinator).GetAsync(id), () => changed++);

        cut.Find("[data-testid=feedback-notes] textarea").Change("Instructie was helder; de verwerking liep uit.");
        cut.Find("[data-testid=feedback-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, changed));
        var stored = Database.StoredVisit(id);
        Assert.Equal((VisitStatus.FeedbackGiven, "Instructie was helder; de verwerking liep uit."), (stored.Status, stored.FeedbackNotes));
    }

    [Fact]
    public async Task Empty_notes_get_a_Dutch_message_and_nothing_is_saved()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var cut = RenderFor(await Database.Visits(Logins.CareCoordinator).GetAsync(id));

        cut.Find("[data-testid=feedback-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Schrijf kort op wat jullie in het nagesprek bespraken", cut.Find("[data-testid=feedback-notes]").TextContent, StringComparison.Ordinal));
        Assert.Equal(VisitStatus.Observed, Database.StoredVisit(id).Status);
    }

    [Fact]
    public async Task A_conflicting_save_explains_and_keeps_what_was_typed()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var cut = RenderFor(await Database.Visits(Logins.CareCoordinator).GetAsync(id));
        await Database.Visits(Logins.CareCoordinator).RecordFeedbackAsync(id, Database.VisitVersion(id), new FeedbackInput { Notes = "Door een collega" });

        cut.Find("[data-testid=feedback-notes] textarea").Change("Mijn versie");
        cut.Find("[data-testid=feedback-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Iemand anders heeft dit klassenbezoek net gewijzigd", cut.Find("[data-testid=feedback-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Mijn versie", cut.Find("[data-testid=feedback-notes] textarea").TextContent.Trim());
        Assert.Equal("Door een collega", Database.StoredVisit(id).FeedbackNotes);
    }

    [Fact]
    public async Task Before_the_observation_the_IBer_sees_when_to_record_it_and_no_field()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);

        var cut = RenderFor(await Database.Visits(Logins.CareCoordinator).GetAsync(id));

        Assert.Contains("Na de observatie leg je hier het nagesprek vast.", cut.Find("[data-testid=feedback-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public async Task The_teacher_reads_the_recorded_feedback_without_a_field_and_sees_a_clear_state_before()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        SignInAs(Logins.TeacherA);

        var before = RenderFor(await Database.Visits(Logins.TeacherA).GetAsync(id));
        Assert.Contains("nog niet vastgelegd", before.Find("[data-testid=feedback-empty]").TextContent, StringComparison.Ordinal);

        await Database.Visits(Logins.CareCoordinator).RecordFeedbackAsync(id, Database.VisitVersion(id), new FeedbackInput { Notes = "Sterke start." });
        var after = RenderFor(await Database.Visits(Logins.TeacherA).GetAsync(id));

        Assert.Equal("Sterke start.", after.Find("[data-testid=feedback-text]").TextContent.Trim());
        Assert.Empty(after.FindAll("textarea"));
        Assert.Empty(after.FindAll("[data-testid=feedback-save]"));
    }
}
