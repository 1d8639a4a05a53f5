using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>Action items: recorded by the IB'er, completed by their owner (or the IB'er), overdue after their due date.</summary>
public class ActionItemTests
{
    private static async Task<(int Discussion, int Pupil)> DiscussionAsync(TestDatabase database, int daysAhead = 0)
    {
        var pupil = database.NewPupilIn(Logins.TeacherA);
        return (await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead), pupil);
    }

    private static NewActionItem Item(TestDatabase database, string owner = Logins.TeacherA, int daysAhead = 7, int? pupilId = null,
        string description = "Observeren in de pauze") => new()
    {
        Description = description,
        OwnerId = database.StaffId(owner),
        DueOn = database.Today().AddDays(daysAhead),
        PupilId = pupilId,
    };

    [Fact]
    public async Task The_IBer_adds_an_action_item_for_a_teacher_about_a_pupil_of_the_discussion()
    {
        using var database = new TestDatabase();
        var (discussion, pupil) = await DiscussionAsync(database);

        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database, pupilId: pupil));

        var stored = Assert.Single(database.StoredDiscussion(discussion).ActionItems);
        Assert.Equal((id, "Observeren in de pauze", database.StaffId(Logins.TeacherA), database.Today().AddDays(7), pupil, database.SchoolId(Logins.SchoolA)),
            (stored.Id, stored.Description, stored.OwnerId, stored.DueOn, stored.PupilId!.Value, stored.SchoolId));
        Assert.True(stored.IsOpen);
        var entry = Assert.Single(database.AuditOf(Logins.CareCoordinator), a => a.Action == DiscussionAuditActions.ActionCreate);
        Assert.Equal((AuditRecordKind.ActionItem, id, pupil), (entry.RecordKind, entry.RecordId!.Value, entry.PupilId!.Value));
    }

    [Fact]
    public async Task Anyone_with_a_role_at_the_school_may_own_an_item()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);

        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database, Logins.SchoolLeaderA));

        Assert.Equal(database.StaffId(Logins.SchoolLeaderA), database.StoredDiscussion(discussion).ActionItems.Single(a => a.Id == id).OwnerId);
    }

    [Fact]
    public async Task Invalid_input_gets_a_Dutch_message_per_field_and_nothing_is_saved()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database, daysAhead: 3);
        var service = database.ActionItems(Logins.CareCoordinator);

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => service.AddAsync(discussion, new NewActionItem()));
        var wrong = await Assert.ThrowsAsync<DomainValidationException>(() => service.AddAsync(discussion, new NewActionItem
        {
            Description = new string('x', ActionItem.DescriptionMaxLength + 1),
            OwnerId = database.StaffId(Logins.TeacherB),
            DueOn = database.Today().AddDays(2),
            PupilId = database.NewPupilIn(Logins.TeacherA, "Ander"),
        }));

        Assert.Equal("Beschrijf wat er moet gebeuren.", empty.Errors[nameof(NewActionItem.Description)]);
        Assert.Equal("Kies wie het actiepunt oppakt.", empty.Errors[nameof(NewActionItem.OwnerId)]);
        Assert.Equal("Kies wanneer het actiepunt klaar moet zijn.", empty.Errors[nameof(NewActionItem.DueOn)]);
        Assert.Contains("hoogstens 500 tekens", wrong.Errors[nameof(NewActionItem.Description)], StringComparison.Ordinal);
        Assert.Equal("Kies iemand die op deze school werkt.", wrong.Errors[nameof(NewActionItem.OwnerId)]);
        Assert.Equal("Deze datum ligt vóór de bespreking. Kies vr 27 nov of later.", wrong.Errors[nameof(NewActionItem.DueOn)]);
        Assert.Equal("Kies een leerling van deze bespreking, of geen leerling.", wrong.Errors[nameof(NewActionItem.PupilId)]);
        Assert.Empty(database.StoredDiscussion(discussion).ActionItems);
    }

    [Fact]
    public async Task A_due_date_in_the_past_is_refused_even_after_the_discussion_date()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        database.Clock.Advance(TimeSpan.FromDays(5));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database, daysAhead: -2)));

        Assert.Equal("Deze datum is al voorbij. Kies vandaag of een latere dag.", error.Errors[nameof(NewActionItem.DueOn)]);
    }

    [Fact]
    public async Task Only_the_IBer_adds_action_items_and_not_to_a_cancelled_discussion()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.ActionItems(Logins.TeacherA).AddAsync(discussion, Item(database)));
        Assert.Equal(1, database.Refusals(Logins.TeacherA));

        await database.Discussions(Logins.CareCoordinator).CancelAsync(discussion, 0);
        await Assert.ThrowsAsync<DomainException>(() => database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database)));
        Assert.Empty(database.StoredDiscussion(discussion).ActionItems);
    }

    [Fact]
    public async Task An_item_is_overdue_the_day_after_its_due_date_while_open()
    {
        var item = new ActionItem { Description = "x", DueOn = new DateOnly(2026, 11, 24) };

        Assert.False(item.IsOverdueOn(new DateOnly(2026, 11, 24)));
        Assert.True(item.IsOverdueOn(new DateOnly(2026, 11, 25)));
        item.CompletedAt = DateTime.UtcNow;
        Assert.False(item.IsOverdueOn(new DateOnly(2026, 11, 25)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task My_open_items_show_overdue_ones_first_then_by_due_date_and_leave_out_completed_ones()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var ib = database.ActionItems(Logins.CareCoordinator);
        var later = await ib.AddAsync(discussion, Item(database, daysAhead: 10, description: "Later"));
        var soon = await ib.AddAsync(discussion, Item(database, daysAhead: 1, description: "Binnenkort"));
        var done = await ib.AddAsync(discussion, Item(database, daysAhead: 2, description: "Klaar"));
        var forSomeoneElse = await ib.AddAsync(discussion, Item(database, Logins.SchoolLeaderA));
        await database.ActionItems(Logins.TeacherA).CompleteAsync(done);
        database.Clock.Advance(TimeSpan.FromDays(3));

        var mine = await database.ActionItems(Logins.TeacherA).ListMineAsync();

        var ids = mine.Select(i => i.Id).ToList();
        Assert.True(ids.IndexOf(soon) < ids.IndexOf(later));
        Assert.DoesNotContain(done, ids);
        Assert.DoesNotContain(forSomeoneElse, ids);
        var overdue = mine.Single(i => i.Id == soon);
        Assert.True(overdue.IsOverdue);
        Assert.False(mine.Single(i => i.Id == later).IsOverdue);
        Assert.True(overdue.CanComplete);
        Assert.True(overdue.CanOpenDiscussion);
        Assert.Equal(discussion, overdue.DiscussionId);
        Assert.Equal(DiscussionKind.PupilDiscussion, overdue.DiscussionKind);
    }

    [Fact]
    public async Task An_owner_who_cannot_read_the_discussion_still_sees_and_completes_their_item()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database, Logins.SchoolLeaderA));
        var leader = database.ActionItems(Logins.SchoolLeaderA);

        var item = Assert.Single(await leader.ListMineAsync(), i => i.Id == id);
        Assert.False(item.CanOpenDiscussion);
        await leader.CompleteAsync(id);

        Assert.DoesNotContain(await leader.ListMineAsync(), i => i.Id == id);
        var stored = database.StoredDiscussion(discussion).ActionItems.Single(a => a.Id == id);
        Assert.Equal((database.StaffId(Logins.SchoolLeaderA), database.Clock.GetUtcNow().UtcDateTime), (stored.CompletedById!.Value, stored.CompletedAt!.Value));
        var entry = Assert.Single(database.AuditOf(Logins.SchoolLeaderA), a => a.Action == DiscussionAuditActions.ActionComplete);
        Assert.Equal(("SchoolLeader", AuditOutcome.Allowed), (entry.Role!, entry.Outcome));
    }

    [Fact]
    public async Task The_IBer_completes_and_reopens_anyones_item_at_their_school()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var ib = database.ActionItems(Logins.CareCoordinator);
        var id = await ib.AddAsync(discussion, Item(database));

        await ib.CompleteAsync(id);
        var twice = await Assert.ThrowsAsync<DomainException>(() => ib.CompleteAsync(id));
        await ib.ReopenAsync(id);

        Assert.Equal("Dit actiepunt is al afgerond.", twice.Message);
        Assert.True(database.StoredDiscussion(discussion).ActionItems.Single().IsOpen);
        Assert.Contains(await database.ActionItems(Logins.TeacherA).ListMineAsync(), i => i.Id == id);
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    public async Task Nobody_else_completes_an_item_and_the_refusal_is_audited(string login)
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database));

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.ActionItems(login).CompleteAsync(id));

        Assert.True(database.StoredDiscussion(discussion).ActionItems.Single().IsOpen);
        var refusal = Assert.Single(database.AuditOf(login), a => a.Outcome == AuditOutcome.Refused);
        Assert.Equal((DiscussionAuditActions.ActionComplete, AuditRecordKind.ActionItem, id), (refusal.Action, refusal.RecordKind, refusal.RecordId!.Value));
    }

    [Fact]
    public async Task An_owner_who_no_longer_holds_a_role_at_the_school_neither_sees_nor_completes_the_item()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database, Logins.TeacherA));
        Assert.Contains(await database.ActionItems(Logins.TeacherA).ListMineAsync(), i => i.Id == id);
        using (var db = database.CreateContext())
        {
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMember!.Login == Logins.TeacherA));
            db.SaveChanges();
        }

        Assert.DoesNotContain(await database.ActionItems(Logins.TeacherA).ListMineAsync(), i => i.Id == id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.ActionItems(Logins.TeacherA).CompleteAsync(id));
    }

    [Fact]
    public async Task An_IBer_of_the_other_school_cannot_complete_an_item()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database));
        database.AddStaff("ib-b", PortalRole.CareCoordinator, Logins.SchoolB);

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.ActionItems("ib-b").CompleteAsync(id));
        Assert.DoesNotContain(await database.ActionItems("ib-b").ListOpenAtMySchoolsAsync(), i => i.Id == id);
    }

    [Fact]
    public async Task The_IBer_sees_the_open_items_at_their_schools_and_a_teacher_gets_none()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var ib = database.ActionItems(Logins.CareCoordinator);
        var id = await ib.AddAsync(discussion, Item(database, Logins.SchoolLeaderA));

        Assert.Contains(await ib.ListOpenAtMySchoolsAsync(), i => i.Id == id);
        Assert.DoesNotContain(await ib.ListOpenAtMySchoolsAsync([database.SchoolId(Logins.SchoolB)]), i => i.Id == id);
        Assert.Empty(await database.ActionItems(Logins.TeacherA).ListOpenAtMySchoolsAsync());
    }

    [Fact]
    public async Task A_deactivated_owner_no_longer_sees_or_completes_their_items()
    {
        using var database = new TestDatabase();
        var (discussion, _) = await DiscussionAsync(database);
        var id = await database.ActionItems(Logins.CareCoordinator).AddAsync(discussion, Item(database));
        using (var db = database.CreateContext())
        {
            db.StaffMembers.Single(s => s.Login == Logins.TeacherA).IsActive = false;
            db.SaveChanges();
        }

        Assert.Empty(await database.ActionItems(Logins.TeacherA).ListMineAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.ActionItems(Logins.TeacherA).CompleteAsync(id));
    }

    [Fact]
    public async Task The_discussion_shows_its_items_with_overdue_open_ones_first()
    {
        using var database = new TestDatabase();
        var (discussion, pupil) = await DiscussionAsync(database);
        var ib = database.ActionItems(Logins.CareCoordinator);
        var done = await ib.AddAsync(discussion, Item(database, daysAhead: 0, description: "Gedaan"));
        var late = await ib.AddAsync(discussion, Item(database, daysAhead: 1, pupilId: pupil, description: "Te laat"));
        var open = await ib.AddAsync(discussion, Item(database, daysAhead: 9, description: "Open"));
        await ib.CompleteAsync(done);
        database.Clock.Advance(TimeSpan.FromDays(2));

        var detail = await database.Discussions(Logins.TeacherA).GetAsync(discussion);

        Assert.Equal([late, open, done], detail.ActionItems.Select(a => a.Id));
        Assert.Equal((true, "Testleerling Nieuw", "Ilse Verbeek"), (detail.ActionItems[0].IsOverdue, detail.ActionItems[0].PupilName!, detail.ActionItems[2].CompletedByName!));
        Assert.True(detail.ActionItems[0].CanComplete); // teacher A owns them
    }
}
