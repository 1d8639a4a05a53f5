using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>The counts the IB'er dashboard shows: discussions this week, to record, action items overdue and due soon.</summary>
public class DashboardFiguresTests
{
    [Fact]
    public async Task Figures_count_this_weeks_discussions_and_overdue_and_due_action_items_per_selected_school()
    {
        using var database = new TestDatabase();                                             // di 24 nov
        database.CareOptions.DueWithinDays = 7;
        var ib = database.Discussions(Logins.CareCoordinator);
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var schoolA = database.SchoolId(Logins.SchoolA);
        var schoolB = database.SchoolId(Logins.SchoolB);
        var before = await ib.GetDashboardFiguresAsync([schoolA]);   // the demo seed may hold some already
        var beforeB = await ib.GetDashboardFiguresAsync([schoolB]);

        var lastWeek = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 0);
        await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 5);   // zo 29 nov: this week
        await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 6);   // ma 30 nov: next week
        await database.SchedulePupilDiscussionAsync(Logins.TeacherB, database.NewPupilIn(Logins.TeacherB), daysAhead: 1);
        var items = database.ActionItems(Logins.CareCoordinator);
        NewActionItem Item(int days) => new() { Description = "x", OwnerId = database.StaffId(Logins.TeacherA), DueOn = database.Today().AddDays(days) };
        var overdue = await items.AddAsync(lastWeek, Item(0));
        await items.AddAsync(lastWeek, Item(0));   // due today: due soon
        await items.AddAsync(lastWeek, Item(7));   // due soon: the last day of the window
        await items.AddAsync(lastWeek, Item(8));   // beyond the window
        await items.CompleteAsync(await items.AddAsync(lastWeek, Item(1)));
        using (var db = database.CreateContext())
        {
            // Held last Monday without being marked held; one item was due yesterday.
            db.Discussions.Single(d => d.Id == lastWeek).ScheduledAt = new DateTime(2026, 11, 16, 15, 0, 0, DateTimeKind.Utc);
            db.ActionItems.Single(i => i.Id == overdue).DueOn = database.Today().AddDays(-1);
            db.SaveChanges();
        }

        var a = await ib.GetDashboardFiguresAsync([schoolA]);
        var b = await ib.GetDashboardFiguresAsync([schoolB]);
        var all = await ib.GetDashboardFiguresAsync();

        Assert.Equal(before.DiscussionsThisWeek + 1, a.DiscussionsThisWeek);
        Assert.Equal(before.DiscussionsToRecord + 1, a.DiscussionsToRecord);
        Assert.Equal(before.ActionItemsOverdue + 1, a.ActionItemsOverdue);
        Assert.Equal(before.ActionItemsDueSoon + 2, a.ActionItemsDueSoon);
        Assert.Equal(beforeB.DiscussionsThisWeek + 1, b.DiscussionsThisWeek);
        Assert.Equal(a.DiscussionsThisWeek + b.DiscussionsThisWeek, all.DiscussionsThisWeek);
    }

    [Fact]
    public async Task Someone_who_is_no_IBer_gets_zeros()
    {
        using var database = new TestDatabase();
        await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));

        Assert.Equal(new DiscussionDashboardFigures(0, 0, 0, 0), await database.Discussions(Logins.TeacherA).GetDashboardFiguresAsync());
        database.AddStaff("ib-b", PortalRole.CareCoordinator, Logins.SchoolB);
        Assert.Equal(0, (await database.Discussions("ib-b").GetDashboardFiguresAsync([database.SchoolId(Logins.SchoolA)])).DiscussionsThisWeek);
    }
}
