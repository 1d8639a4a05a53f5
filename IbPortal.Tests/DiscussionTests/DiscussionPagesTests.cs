using Bunit;
using IbPortal.Concerns;
using IbPortal.Discussions;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Teachers;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>The discussions list, "Mijn actiepunten", the section on "Mijn groep" and the way in from a concern.</summary>
public sealed class DiscussionPagesTests : PortalComponentContext
{
    public DiscussionPagesTests() : base(Logins.CareCoordinator) { }

    /// <summary>A second teacher of teacher A's group: a person with no action items from the demo seed.</summary>
    private const string CoTeacher = "lk-duo";

    private int AddCoTeacher() => Database.AddStaff(CoTeacher, PortalRole.Teacher, Logins.SchoolA, Database.GroupOf(Logins.TeacherA));

    private async Task<int> ActionItemForAsync(int ownerId, int discussionId, int daysAhead, string description) =>
        await Database.ActionItems(Logins.CareCoordinator).AddAsync(discussionId, new NewActionItem
        {
            Description = description,
            OwnerId = ownerId,
            DueOn = Database.Today().AddDays(daysAhead),
        });

    [Fact]
    public async Task The_IBer_sees_this_weeks_and_later_discussions_of_both_schools_and_can_narrow_to_one()
    {
        var thisWeek = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA), daysAhead: 2);
        var later = await Database.ScheduleGroupDiscussionAsync(Logins.TeacherB, daysAhead: 14);

        var cut = Render<DiscussionsPage>();

        cut.WaitForElement("[data-testid=discussions-this-week]");
        Assert.NotNull(cut.Find($"[data-testid=discussions-this-week] [data-discussion-id='{thisWeek}']"));
        Assert.Contains("Groepsbespreking", cut.Find($"[data-testid=discussions-later] [data-discussion-id='{later}']").TextContent, StringComparison.Ordinal);
        Assert.Equal("/besprekingen/nieuw", cut.Find("[data-testid=discussion-new]").GetAttribute("href"));

        cut.Find($"[data-testid=discussion-school-{Database.SchoolId(Logins.SchoolB)}]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-discussion-id='{later}']")));
        Assert.NotEmpty(cut.FindAll($"[data-discussion-id='{thisWeek}']"));
    }

    [Fact]
    public void A_teacher_without_discussions_is_told_what_happens_and_cannot_schedule()
    {
        // Group 6 at school A: the demo seed plans no discussions there.
        int group;
        using (var db = Database.CreateContext())
            group = db.Groups.Single(g => g.School!.ShortName == Logins.SchoolA && g.Name == "6").Id;
        Database.AddStaff("lk-nieuw", PortalRole.Teacher, Logins.SchoolA, group);
        SignInAs("lk-nieuw");

        var cut = Render<DiscussionsPage>();

        cut.WaitForAssertion(() => Assert.Contains("De intern begeleider plant ze met je in",
            cut.Find("[data-testid=discussions-this-week-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=discussion-new]"));
    }

    [Fact]
    public async Task My_action_items_show_overdue_ones_marked_in_words_and_can_be_ticked_off()
    {
        var owner = AddCoTeacher();
        var discussion = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA), daysAhead: 0);
        var late = await ActionItemForAsync(owner, discussion, 1, "Ouders bellen");
        var open = await ActionItemForAsync(owner, discussion, 10, "Observatie in de klas");
        Database.Clock.Advance(TimeSpan.FromDays(3));
        SignInAs(CoTeacher);

        var cut = Render<ActionItemsPage>();

        cut.WaitForElement("[data-testid=my-action-items]");
        Assert.Equal("te laat", cut.Find($"[data-testid=action-overdue-{late}]").TextContent.Trim());
        Assert.Empty(cut.FindAll($"[data-testid=action-overdue-{open}]"));
        Assert.Equal("2 open actiepunten, waarvan 1 te laat.", cut.Find("[data-testid=my-actions-summary]").TextContent.Trim());
        Assert.Equal($"/besprekingen/{discussion}", cut.Find($"[data-testid=action-discussion-{late}]").GetAttribute("href"));

        cut.Find($"[data-testid=action-complete-{late}] input").Change(true);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=action-item-{late}]")));
        Assert.NotNull(cut.Find($"[data-testid=action-item-{open}]"));
    }

    [Fact]
    public void Without_action_items_the_page_says_where_they_come_from()
    {
        Database.AddStaff("lk-leeg", PortalRole.Teacher, Logins.SchoolA);
        SignInAs("lk-leeg");

        var cut = Render<ActionItemsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Wat je in een bespreking op je neemt", cut.Find("[data-testid=action-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_IBer_also_sees_the_open_items_of_others_at_their_schools()
    {
        var discussion = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));
        var item = await ActionItemForAsync(Database.StaffId(Logins.TeacherA), discussion, 4, "Leesniveau toetsen");

        var cut = Render<ActionItemsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Mark Hofstede", cut.Find($"[data-testid=school-action-items] [data-testid=action-item-{item}]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task My_group_shows_the_teachers_action_items_compactly_with_the_overdue_count()
    {
        var owner = AddCoTeacher();
        var discussion = await Database.SchedulePupilDiscussionAsync(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA), daysAhead: 0);
        var late = await ActionItemForAsync(owner, discussion, 0, "Gesprek met de leerling");
        await ActionItemForAsync(owner, discussion, 5, "Leesplan bijwerken");
        Database.Clock.Advance(TimeSpan.FromDays(1));
        SignInAs(CoTeacher);

        var cut = Render<MyGroup>();

        cut.WaitForAssertion(() => Assert.Contains("Gesprek met de leerling", cut.Find("[data-testid=my-group-action-items]").TextContent, StringComparison.Ordinal));
        Assert.Equal("te laat", cut.Find($"[data-testid=my-group-action-items] [data-testid=action-overdue-{late}]").TextContent.Trim());
        Assert.Equal("1 te laat", cut.Find("[data-testid=my-group-actions-overdue]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=my-group-action-items] [data-testid^=action-item-]").Count);
    }

    private Task<int> ConcernAboutPupilOfTeacherAAsync() =>
        Database.Concerns(Logins.TeacherA).RaiseAsync(new Domain.Concerns.NewConcern
        {
            PupilId = Database.PupilOf(Logins.TeacherA),
            Area = Domain.Concerns.DevelopmentArea.Cognitive,
            Observation = "Rekent nog op de vingers.",
        });

    [Fact]
    public async Task The_concern_detail_offers_the_IBer_to_discuss_the_pupil_in_a_pupil_discussion()
    {
        var concern = await ConcernAboutPupilOfTeacherAAsync();

        var cut = Render<ConcernDetailPanel>(p => p.Add(c => c.ConcernId, concern));

        cut.WaitForElement("[data-testid=concern-detail]");
        Assert.Equal($"/besprekingen/nieuw?leerling={Database.PupilOf(Logins.TeacherA)}&signalering={concern}",
            cut.Find("[data-testid=concern-discuss]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_concern_detail_does_not_offer_the_teacher_to_plan_a_discussion()
    {
        var concern = await ConcernAboutPupilOfTeacherAAsync();
        SignInAs(Logins.TeacherA);

        var cut = Render<ConcernDetailPanel>(p => p.Add(c => c.ConcernId, concern));

        cut.WaitForElement("[data-testid=concern-detail]");
        Assert.Empty(cut.FindAll("[data-testid=concern-discuss]"));
    }
}
