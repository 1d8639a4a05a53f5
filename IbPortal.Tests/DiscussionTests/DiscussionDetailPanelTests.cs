using Bunit;
using IbPortal.Discussions;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>The discussion page's main actions: record, mark held, the agenda, action items; the teacher's read-only view.</summary>
public sealed class DiscussionDetailPanelTests : PortalComponentContext
{
    public DiscussionDetailPanelTests() : base(Logins.CareCoordinator) { }

    private IRenderedComponent<DiscussionDetailPanel> RenderPanel(int id)
    {
        var cut = Render<DiscussionDetailPanel>(p => p.Add(x => x.DiscussionId, id));
        cut.WaitForElement("[data-testid=discussion-detail]");
        return cut;
    }

    [Fact]
    public async Task The_header_names_kind_group_date_and_teacher_and_each_pupil_links_to_the_file_and_a_new_plan()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);

        var cut = RenderPanel(id);

        Assert.Equal("Leerlingbespreking groep 5", cut.Find("[data-testid=discussion-title]").TextContent.Trim());
        Assert.Contains("do 26 nov 15:00", cut.Find("[data-testid=discussion-meta]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Mark Hofstede", cut.Find("[data-testid=discussion-meta]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Gepland", cut.Find("[data-testid=discussion-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/leerlingen/{pupil}", cut.Find($"[data-testid=discussion-pupil-link-{pupil}]").GetAttribute("href"));
        Assert.Equal($"/leerlingen/{pupil}/plan/nieuw?bespreking={id}", cut.Find($"[data-testid=discussion-make-plan-{pupil}]").GetAttribute("href"));
    }

    [Fact]
    public async Task Saving_the_record_stores_notes_decisions_and_the_pupils_line()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);
        var cut = RenderPanel(id);

        cut.Find("[data-testid=discussion-notes] textarea").Change("Leest thuis niet voor.");
        cut.Find("[data-testid=discussion-decisions] textarea").Change("Leesplan met ouders.");
        cut.Find($"[data-testid=pupil-{pupil}-EducationalNeeds] textarea").Change("Dagelijks kort herhalen");
        cut.Find("[data-testid=discussion-save-record]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, Database.DiscussionVersion(id)));
        var stored = Database.StoredDiscussion(id);
        Assert.Equal(("Leest thuis niet voor.", "Leesplan met ouders.", "Dagelijks kort herhalen"),
            (stored.Notes, stored.Decisions, Assert.Single(stored.Pupils).EducationalNeeds));
        Assert.Equal("Leest thuis niet voor.", cut.Find("[data-testid=discussion-notes] textarea").TextContent.Trim());
    }

    [Fact]
    public async Task A_conflicting_save_explains_and_keeps_what_was_typed_and_saving_again_succeeds()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));
        var cut = RenderPanel(id);
        await Database.Discussions(Logins.CareCoordinator).RecordAsync(id, 0, new DiscussionRecordInput { Decisions = "Van een collega" });

        cut.Find("[data-testid=discussion-notes] textarea").Change("Mijn aantekeningen");
        cut.Find("[data-testid=discussion-save-record]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Iemand anders heeft deze bespreking net gewijzigd", cut.Find("[data-testid=discussion-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Mijn aantekeningen", cut.Find("[data-testid=discussion-notes] textarea").TextContent.Trim());
        Assert.Equal("Van een collega", Database.StoredDiscussion(id).Decisions);

        cut.Find("[data-testid=discussion-save-record]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Mijn aantekeningen", Database.StoredDiscussion(id).Notes));
    }

    [Fact]
    public async Task Marking_held_saves_what_was_typed_and_shows_the_new_status()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA), daysAhead: 0);
        var cut = RenderPanel(id);

        cut.Find("[data-testid=discussion-notes] textarea").Change("Goed gesprek.");
        cut.Find("[data-testid=discussion-mark-held]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Gehouden", cut.Find("[data-testid=discussion-status]").TextContent, StringComparison.Ordinal));
        var stored = Database.StoredDiscussion(id);
        Assert.Equal((DiscussionStatus.Held, "Goed gesprek."), (stored.Status, stored.Notes));
        Assert.Empty(cut.FindAll("[data-testid=discussion-mark-held]"));
    }

    [Fact]
    public async Task A_future_discussion_cannot_be_marked_held_yet()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA), daysAhead: 2);

        var cut = RenderPanel(id);

        Assert.Empty(cut.FindAll("[data-testid=discussion-mark-held]"));
        Assert.Contains("Op de dag zelf", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_IBer_adds_ticks_off_moves_and_removes_agenda_items()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        Database.AddConcern(pupil, DevelopmentArea.Cognitive, new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc));
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);
        var proposed = Database.StoredDiscussion(id).Agenda.Single().Id;
        var cut = RenderPanel(id);

        cut.Find("[data-testid=agenda-new-text] input").Change("Toetsuitslagen bekijken");
        cut.Find("[data-testid=agenda-add]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, Database.StoredDiscussion(id).Agenda.Count));
        var added = Database.StoredDiscussion(id).Agenda.Single(a => a.Source == AgendaSource.Manual).Id;
        cut.WaitForAssertion(() => Assert.Contains("Toetsuitslagen bekijken", cut.Find($"[data-testid=agenda-item-{added}]").TextContent, StringComparison.Ordinal));

        cut.Find($"[data-testid=agenda-up-{added}]").Click();
        cut.WaitForAssertion(() => Assert.Equal([added, proposed], Database.StoredDiscussion(id).Agenda.Select(a => a.Id)));

        cut.Find($"[data-testid=agenda-done-{proposed}] input").Change(true);
        cut.WaitForAssertion(() => Assert.True(Database.StoredDiscussion(id).Agenda.Single(a => a.Id == proposed).IsDone));

        cut.Find($"[data-testid=agenda-remove-{added}]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=agenda-item-{added}]")));
        Assert.Equal([proposed], Database.StoredDiscussion(id).Agenda.Select(a => a.Id));
    }

    [Fact]
    public async Task An_empty_agenda_item_gets_the_Dutch_message()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));
        var cut = RenderPanel(id);

        cut.Find("[data-testid=agenda-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Schrijf wat er besproken moet worden.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(Database.StoredDiscussion(id).Agenda);
    }

    [Fact]
    public async Task The_IBer_adds_an_action_item_for_the_teacher_which_becomes_visibly_overdue_and_can_be_completed()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA), daysAhead: 0);
        var cut = RenderPanel(id);
        Assert.NotNull(cut.Find("[data-testid=action-empty]"));

        cut.Find("[data-testid=action-new-description] input").Change("Ouders uitnodigen");
        cut.Find("[data-testid=action-new-due] input").Change("2026-11-25");
        cut.Find("[data-testid=action-add]").Click();

        cut.WaitForAssertion(() => Assert.Single(Database.StoredDiscussion(id).ActionItems));
        var item = Database.StoredDiscussion(id).ActionItems.Single();
        Assert.Equal((Database.StaffId(Logins.TeacherA), new DateOnly(2026, 11, 25)), (item.OwnerId, item.DueOn)); // owner defaults to the teacher
        cut.WaitForAssertion(() => Assert.Contains("Mark Hofstede", cut.Find($"[data-testid=action-item-{item.Id}]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll($"[data-testid=action-overdue-{item.Id}]"));

        Database.Clock.Advance(TimeSpan.FromDays(2));
        var later = RenderPanel(id);
        Assert.Equal("te laat", later.Find($"[data-testid=action-overdue-{item.Id}]").TextContent.Trim());

        later.Find($"[data-testid=action-complete-{item.Id}] input").Change(true);
        later.WaitForAssertion(() => Assert.False(Database.StoredDiscussion(id).ActionItems.Single().IsOpen));
        later.WaitForAssertion(() => Assert.Empty(later.FindAll($"[data-testid=action-overdue-{item.Id}]")));
    }

    [Fact]
    public async Task An_action_item_without_description_keeps_the_other_input_and_shows_the_message()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));
        var cut = RenderPanel(id);

        cut.Find("[data-testid=action-new-due] input").Change("2026-12-04");
        cut.Find("[data-testid=action-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Beschrijf wat er moet gebeuren.", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("2026-12-04", cut.Find("[data-testid=action-new-due] input").GetAttribute("value"));
        Assert.Empty(Database.StoredDiscussion(id).ActionItems);
    }

    [Fact]
    public async Task A_group_discussion_has_an_editable_overview_row_per_pupil()
    {
        var id = await Database.ScheduleGroupDiscussionAsync(Logins.TeacherA);
        var pupils = Database.StoredDiscussion(id).Pupils.Select(p => p.PupilId).ToList();
        var cut = RenderPanel(id);

        Assert.Equal(pupils.Count, cut.FindAll("[data-testid^=overview-row-]").Count);
        cut.Find($"[data-testid=pupil-{pupils[0]}-StimulatingFactors] textarea").Change("Werkt graag samen");
        cut.Find($"[data-testid=pupil-{pupils[1]}-HinderingFactors] textarea").Change("Snel afgeleid");
        cut.Find("[data-testid=discussion-save-record]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, Database.DiscussionVersion(id)));
        var stored = Database.StoredDiscussion(id).Pupils;
        Assert.Equal("Werkt graag samen", stored.Single(p => p.PupilId == pupils[0]).StimulatingFactors);
        Assert.Equal("Snel afgeleid", stored.Single(p => p.PupilId == pupils[1]).HinderingFactors);
    }

    [Fact]
    public async Task The_teacher_reads_the_discussion_and_only_adds_agenda_items()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA);
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);
        await Database.Discussions(Logins.CareCoordinator).RecordAsync(id, 0, new DiscussionRecordInput { Notes = "Eerdere aantekening" });
        SignInAs(Logins.TeacherA);

        var cut = RenderPanel(id);

        Assert.Contains("Eerdere aantekening", cut.Find("[data-testid=discussion-notes-text]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=discussion-readonly]"));
        foreach (var absent in new[] { "discussion-notes", "discussion-save-record", "discussion-mark-held", "action-add", $"discussion-make-plan-{pupil}" })
            Assert.Empty(cut.FindAll($"[data-testid={absent}]"));

        cut.Find("[data-testid=agenda-new-text] input").Change("Hoe gaat het in de pauze?");
        cut.Find("[data-testid=agenda-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Hoe gaat het in de pauze?", Assert.Single(Database.StoredDiscussion(id).Agenda).Text));
        var item = Database.StoredDiscussion(id).Agenda.Single().Id;
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-testid=agenda-item-{item}]")));
        Assert.Empty(cut.FindAll($"[data-testid=agenda-remove-{item}]"));
    }

    [Fact]
    public async Task Someone_without_access_sees_the_refusal_message()
    {
        var id = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));
        SignInAs(Logins.TeacherB);

        var cut = Render<DiscussionDetailPanel>(p => p.Add(x => x.DiscussionId, id));

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=discussion-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=discussion-detail]"));
    }
}
