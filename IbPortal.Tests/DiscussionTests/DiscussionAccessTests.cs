using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>Who reads a discussion and who changes it; reads audited per pupil, refusals audited.</summary>
public class DiscussionAccessTests
{
    [Fact]
    public async Task The_IBer_and_the_groups_teacher_read_the_discussion()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil);

        var asIb = await database.Discussions(Logins.CareCoordinator).GetAsync(id);
        var asTeacher = await database.Discussions(Logins.TeacherA).GetAsync(id);

        Assert.True(asIb.CanManage);
        Assert.True(asIb.CanAddAgendaItems);
        Assert.False(asTeacher.CanManage);
        Assert.False(asTeacher.CanRecord);
        Assert.True(asTeacher.CanAddAgendaItems);
        Assert.Empty(asTeacher.OwnerOptions);
        Assert.Equal(pupil, Assert.Single(asTeacher.Pupils).PupilId);
    }

    [Fact]
    public async Task A_teacher_reads_a_discussion_only_while_teaching_its_group()
    {
        // The colleague it was held with, who does not teach the group, reaches it no more than any other teacher:
        // care records follow the groups a teacher teaches now.
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var colleague = database.AddStaff("rt-a", PortalRole.Teacher, Logins.SchoolA);
        var id = await database.Discussions(Logins.CareCoordinator)
            .ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { TeacherId = colleague });

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions("rt-a").GetAsync(id));
        Assert.DoesNotContain((await database.Discussions("rt-a").GetOverviewAsync()).ThisWeek, d => d.Id == id);
        Assert.Equal(colleague, (await database.Discussions(Logins.TeacherA).GetAsync(id)).TeacherId);
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Others_are_refused_and_the_refusal_is_audited(string login)
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions(login).GetAsync(id));

        Assert.Equal(id, denied.TargetId);
        var refusal = Assert.Single(database.AuditOf(login), a => a.Outcome == AuditOutcome.Refused);
        Assert.Equal((DiscussionAuditActions.Read, AuditRecordKind.Discussion, id), (refusal.Action, refusal.RecordKind, refusal.RecordId!.Value));
        Assert.DoesNotContain(database.AuditOf(login), a => a.Outcome == AuditOutcome.Allowed);
        Assert.DoesNotContain((await database.Discussions(login).GetOverviewAsync()).ThisWeek, d => d.Id == id);
    }

    [Fact]
    public async Task A_teacher_of_another_group_at_the_same_school_is_refused()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));
        database.AddStaff("lk-ander", PortalRole.Teacher, Logins.SchoolA, database.OtherGroupAt(Logins.SchoolA, Logins.TeacherA));

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions("lk-ander").GetAsync(id));
        Assert.Equal(1, database.Refusals("lk-ander"));
    }

    [Fact]
    public async Task Reading_a_group_discussion_writes_one_audit_entry_per_pupil()
    {
        using var database = new TestDatabase();
        var id = await database.ScheduleGroupDiscussionAsync(Logins.TeacherA);
        var pupils = database.StoredDiscussion(id).Pupils.Select(p => p.PupilId).Order().ToList();

        await database.Discussions(Logins.TeacherA).GetAsync(id);

        var reads = database.AuditOf(Logins.TeacherA).Where(a => a.Action == DiscussionAuditActions.Read).ToList();
        Assert.Equal(pupils, reads.Select(r => r.PupilId!.Value).Order());
        Assert.All(reads, r => Assert.Equal((AuditRecordKind.Discussion, id, "Teacher", database.SchoolId(Logins.SchoolA)),
            (r.RecordKind, r.RecordId!.Value, r.Role!, r.SchoolId!.Value)));
    }

    [Fact]
    public async Task Refreshing_after_ones_own_change_is_not_another_read_but_is_still_checked()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));

        await database.Discussions(Logins.CareCoordinator).RefreshAsync(id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions(Logins.TeacherB).RefreshAsync(id));

        Assert.DoesNotContain(database.AuditOf(Logins.CareCoordinator), a => a.Action == DiscussionAuditActions.Read);
        Assert.Equal(1, database.Refusals(Logins.TeacherB));
    }

    [Fact]
    public async Task A_teacher_cannot_record_mark_held_cancel_or_edit_the_agenda()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 0);
        var item = await database.Agenda(Logins.CareCoordinator).AddItemAsync(id, "Toetsresultaten bekijken");
        var teacher = database.Discussions(Logins.TeacherA);
        var agenda = database.Agenda(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.RecordAsync(id, 0, new DiscussionRecordInput { Notes = "Mijn notitie" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.MarkHeldAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.CancelAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => agenda.UpdateItemAsync(id, item, "Anders"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => agenda.RemoveItemAsync(id, item));
        await Assert.ThrowsAsync<AccessDeniedException>(() => agenda.MoveItemAsync(id, item, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => agenda.SetItemDoneAsync(id, item, true));

        Assert.Equal(7, database.Refusals(Logins.TeacherA));
        var stored = database.StoredDiscussion(id);
        Assert.Null(stored.Notes);
        Assert.Equal(DiscussionStatus.Planned, stored.Status);
        Assert.Equal(("Toetsresultaten bekijken", false), (Assert.Single(stored.Agenda).Text, stored.Agenda[0].IsDone));
    }

    [Fact]
    public async Task A_teacher_adds_agenda_items_while_the_discussion_is_planned_but_not_after_it_was_held()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 0);

        var itemId = await database.Agenda(Logins.TeacherA).AddItemAsync(id, "  Hoe gaat het in de pauze?  ", pupil);

        var item = Assert.Single(database.StoredDiscussion(id).Agenda);
        Assert.Equal((itemId, "Hoe gaat het in de pauze?", AgendaSource.Manual, pupil), (item.Id, item.Text, item.Source, item.PupilId!.Value));
        var entry = Assert.Single(database.AuditOf(Logins.TeacherA), a => a.Action == DiscussionAuditActions.AgendaAdd);
        Assert.Equal((pupil, "Teacher"), (entry.PupilId!.Value, entry.Role!));

        await database.Discussions(Logins.CareCoordinator).MarkHeldAsync(id, 0);
        var error = await Assert.ThrowsAsync<DomainException>(() => database.Agenda(Logins.TeacherA).AddItemAsync(id, "Nog iets"));
        Assert.Contains("al gehouden", error.Message, StringComparison.Ordinal);
        Assert.False((await database.Discussions(Logins.TeacherA).GetAsync(id)).CanAddAgendaItems);
    }

    [Fact]
    public async Task A_teacher_of_another_school_cannot_add_agenda_items()
    {
        using var database = new TestDatabase();
        var id = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, database.NewPupilIn(Logins.TeacherA));

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Agenda(Logins.TeacherB).AddItemAsync(id, "Iets"));

        Assert.Empty(database.StoredDiscussion(id).Agenda);
        Assert.Equal(1, database.Refusals(Logins.TeacherB));
    }

    [Fact]
    public async Task The_overview_sorts_discussions_into_this_week_later_to_record_held_and_cancelled()
    {
        using var database = new TestDatabase(now: new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero)); // a Wednesday
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var lastWeek = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 0);  // wo 18 nov
        var heldOne = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 1);   // do 19 nov
        database.Clock.Advance(TimeSpan.FromDays(2));
        await database.Discussions(Logins.CareCoordinator).MarkHeldAsync(heldOne, 0);
        database.Clock.Advance(TimeSpan.FromDays(4));                                                          // di 24 nov
        var monday = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 0);     // today
        var sunday = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 5);     // zo 29 nov
        var nextWeek = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 6);   // ma 30 nov
        var cancelled = await database.SchedulePupilDiscussionAsync(Logins.TeacherA, pupil, daysAhead: 3);
        await database.Discussions(Logins.CareCoordinator).CancelAsync(cancelled, 0);
        var schoolB = await database.SchedulePupilDiscussionAsync(Logins.TeacherB, database.NewPupilIn(Logins.TeacherB), daysAhead: 1);

        var all = await database.Discussions(Logins.CareCoordinator).GetOverviewAsync();
        var onlyA = await database.Discussions(Logins.CareCoordinator).GetOverviewAsync([database.SchoolId(Logins.SchoolA)]);
        var teacherA = await database.Discussions(Logins.TeacherA).GetOverviewAsync();

        // Only the discussions made here (the demo seed may hold others).
        int[] mine = [lastWeek, heldOne, monday, sunday, nextWeek, cancelled, schoolB];
        IEnumerable<int> Ids(IEnumerable<DiscussionSummary> list) => list.Select(d => d.Id).Where(mine.Contains);
        Assert.Equal([monday, schoolB, sunday], Ids(all.ThisWeek));
        Assert.Equal([nextWeek], Ids(all.Later));
        Assert.Equal([lastWeek], Ids(all.ToRecord));
        Assert.Equal([heldOne], Ids(all.Held));
        Assert.Equal([cancelled], Ids(all.Cancelled));
        Assert.True(all.CanSchedule);
        Assert.Equal(2, all.Schools.Count);
        Assert.Equal([monday, sunday], Ids(onlyA.ThisWeek));
        Assert.Equal([monday, sunday], Ids(teacherA.ThisWeek));
        Assert.False(teacherA.CanSchedule);
        Assert.Equal("Testleerling Nieuw", Assert.Single(teacherA.ThisWeek.Single(d => d.Id == monday).Pupils).FullName);
    }

}
