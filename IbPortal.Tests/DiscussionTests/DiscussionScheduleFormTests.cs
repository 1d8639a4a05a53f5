using Bunit;
using IbPortal.Discussions;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>The scheduling form: preselection from a concern, live agenda preview, Dutch errors that keep the input, saving.</summary>
public sealed class DiscussionScheduleFormTests : PortalComponentContext
{
    public DiscussionScheduleFormTests() : base(Logins.CareCoordinator) { }

    private IRenderedComponent<DiscussionScheduleForm> RenderForm(Action<ComponentParameterCollectionBuilder<DiscussionScheduleForm>>? parameters = null)
    {
        var cut = Render(parameters ?? (_ => { }));
        cut.WaitForElement("[data-testid=discussion-form]");
        return cut;
    }

    [Fact]
    public void Opened_from_a_concern_the_pupil_and_group_are_chosen_and_the_concern_is_on_the_previewed_agenda()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var concern = Database.AddConcern(pupil, DevelopmentArea.SocialEmotional, new DateTime(2026, 11, 17, 10, 0, 0, DateTimeKind.Utc));

        var cut = RenderForm(p => p.Add(f => f.PupilId, pupil).Add(f => f.ConcernId, concern));

        cut.WaitForAssertion(() => Assert.Contains("Signalering sociaal-emotioneel (di 17 nov)", cut.Find("[data-testid=discussion-agenda-preview]").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=agenda-preview-from-concern]"));
        Assert.Contains("Groep 5", cut.Find("[data-testid=discussion-group] input").GetAttribute("value") ?? "", StringComparison.Ordinal);
        Assert.Contains("mud-chip-selected", cut.Find($"[data-testid=discussion-pupil-{pupil}]").ClassName, StringComparison.Ordinal);
        Assert.Equal("Mark Hofstede", cut.Find("[data-testid=discussion-teacher] input").GetAttribute("value"));
        Assert.Equal("2026-11-25", cut.Find("[data-testid=discussion-date] input").GetAttribute("value"));
        Assert.Equal("15:00", cut.Find("[data-testid=discussion-time] input").GetAttribute("value"));
    }

    [Fact]
    public void Saving_schedules_the_discussion_with_the_previewed_agenda_and_reports_its_id()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var concern = Database.AddConcern(pupil, DevelopmentArea.Cognitive, new DateTime(2026, 11, 10, 10, 0, 0, DateTimeKind.Utc));
        int? saved = null;
        var cut = RenderForm(p => p.Add(f => f.PupilId, pupil).Add(f => f.OnSaved, (int id) => saved = id));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=agenda-preview-item]")));

        cut.Find("[data-testid=discussion-date] input").Change("2026-11-30");
        cut.Find("[data-testid=discussion-time] input").Change("13:45");
        cut.Find("[data-testid=discussion-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        var stored = Database.StoredDiscussion(saved!.Value);
        Assert.Equal((DiscussionKind.PupilDiscussion, new DateTime(2026, 11, 30, 13, 45, 0, DateTimeKind.Utc), Database.StaffId(Logins.TeacherA)),
            (stored.Kind, stored.ScheduledAt, stored.TeacherId));
        Assert.Equal(pupil, Assert.Single(stored.Pupils).PupilId);
        Assert.Equal(concern, Assert.Single(stored.Agenda).ConcernId);
    }

    [Fact]
    public void Without_pupils_and_with_a_past_date_the_Dutch_messages_show_and_the_input_stays()
    {
        var before = Database.DiscussionCount();
        var cut = RenderForm(p => p.Add(f => f.GroupId, Database.GroupOf(Logins.TeacherA)));

        cut.Find("[data-testid=discussion-date] input").Change("2026-11-20");
        cut.Find("[data-testid=discussion-time] input").Change("10:15");
        cut.Find("[data-testid=discussion-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Kies minstens één leerling om te bespreken.", cut.Find("[data-testid=discussion-pupils-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Deze datum is al voorbij. Kies vandaag of een latere dag.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=discussion-form-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-20", cut.Find("[data-testid=discussion-date] input").GetAttribute("value"));
        Assert.Equal("10:15", cut.Find("[data-testid=discussion-time] input").GetAttribute("value"));
        Assert.Equal(before, Database.DiscussionCount());
    }

    [Fact]
    public void Choosing_a_group_discussion_covers_every_pupil_and_previews_their_concerns()
    {
        var first = Database.NewPupilIn(Logins.TeacherA, "Anna");
        var second = Database.NewPupilIn(Logins.TeacherA, "Bram");
        Database.AddConcern(first, DevelopmentArea.Cognitive, new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc));
        Database.AddConcern(second, DevelopmentArea.SocialEmotional, new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc));
        int? saved = null;
        var cut = RenderForm(p => p.Add(f => f.GroupId, Database.GroupOf(Logins.TeacherA)).Add(f => f.OnSaved, (int id) => saved = id));

        cut.Find("[data-testid=discussion-kind-group]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Alle", cut.Find("[data-testid=discussion-pupils-all]").TextContent, StringComparison.Ordinal));
        var preview = cut.Find("[data-testid=discussion-agenda-preview]").TextContent;
        Assert.Contains("Anna Nieuw: Signalering cognitief (ma 2 nov)", preview, StringComparison.Ordinal);
        Assert.Contains("Bram Nieuw: Signalering sociaal-emotioneel (di 3 nov)", preview, StringComparison.Ordinal);

        cut.Find("[data-testid=discussion-save]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(DiscussionKind.GroupDiscussion, Database.StoredDiscussion(saved!.Value).Kind);
        Assert.Equal(Database.PupilsOf(Database.GroupOf(Logins.TeacherA)).Count, Database.StoredDiscussion(saved.Value).Pupils.Count);
    }

    [Fact]
    public void Opened_for_a_group_discussion_the_kind_and_group_are_chosen_and_saving_covers_the_group()
    {
        int? saved = null;
        var cut = RenderForm(p => p.Add(f => f.GroupId, Database.GroupOf(Logins.TeacherA)).Add(f => f.Kind, "groep")
            .Add(f => f.OnSaved, (int id) => saved = id));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=discussion-pupils-all]")));
        Assert.Contains("mud-chip-selected", cut.Find("[data-testid=discussion-kind-group]").ClassName, StringComparison.Ordinal);
        cut.Find("[data-testid=discussion-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(DiscussionKind.GroupDiscussion, Database.StoredDiscussion(saved!.Value).Kind);
    }

    [Fact]
    public void Picking_pupils_updates_the_preview()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Anna");
        Database.AddConcern(pupil, DevelopmentArea.Cognitive, new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc));
        var cut = RenderForm(p => p.Add(f => f.GroupId, Database.GroupOf(Logins.TeacherA)));
        Assert.NotNull(cut.Find("[data-testid=agenda-preview-empty]"));

        cut.Find($"[data-testid=discussion-pupil-{pupil}]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Signalering cognitief (ma 2 nov)", cut.Find("[data-testid=discussion-agenda-preview]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_teacher_is_told_that_the_IBer_plans_discussions_and_the_attempt_is_audited()
    {
        SignInAs(Logins.TeacherA);

        var cut = Render<DiscussionScheduleForm>();

        cut.WaitForAssertion(() => Assert.Contains("Alleen de intern begeleider plant", cut.Find("[data-testid=discussion-form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=discussion-save]"));
        Assert.Single(Database.AuditOf(Logins.TeacherA), a => a.Outcome == AuditOutcome.Refused && a.Action == DiscussionAuditActions.ScheduleOptions);
    }

    [Fact]
    public void The_page_reads_the_query_and_goes_to_the_new_discussion_after_saving()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var concern = Database.AddConcern(pupil, DevelopmentArea.Cognitive, new DateTime(2026, 11, 10, 10, 0, 0, DateTimeKind.Utc));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/besprekingen/nieuw?leerling={pupil}&signalering={concern}");

        var cut = Render<DiscussionSchedulePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=agenda-preview-from-concern]")));
        cut.Find("[data-testid=discussion-save]").Click();

        cut.WaitForAssertion(() => Assert.Matches(@"/besprekingen/\d+$", navigation.Uri));
        var id = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(pupil, Assert.Single(Database.StoredDiscussion(id).Pupils).PupilId);
    }

    [Fact]
    public void The_page_reads_the_group_and_kind_from_the_query()
    {
        var group = Database.GroupOf(Logins.TeacherA);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/besprekingen/nieuw?groep={group}&soort=groep");

        var cut = Render<DiscussionSchedulePage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=discussion-pupils-all]")));
        Assert.Contains("Groep 5", cut.Find("[data-testid=discussion-group] input").GetAttribute("value") ?? "", StringComparison.Ordinal);
    }
}
