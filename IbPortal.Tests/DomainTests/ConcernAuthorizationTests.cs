using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DomainTests;

/// <summary>Who may read, list, raise and manage concerns: enforced in the domain service.</summary>
public class ConcernAuthorizationTests
{
    [Fact]
    public async Task Teacher_of_other_school_cannot_read_concern()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherBAsync();
        var teacherA = database.Concerns(Logins.TeacherA);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => teacherA.GetDetailAsync(id));

        Assert.Equal(database.StaffId(Logins.TeacherA), denied.StaffMemberId);
        Assert.Equal(id, denied.TargetId);
        Assert.Null(await teacherA.FindSummaryAsync(id));
    }

    [Fact]
    public async Task Teacher_of_other_school_does_not_find_concern_in_any_list()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherBAsync();

        var list = await database.Concerns(Logins.TeacherA).ListAsync(new ConcernListQuery { Take = 1000 });

        Assert.DoesNotContain(list, c => c.Id == id);
        Assert.DoesNotContain(list, c => c.SchoolId == database.SchoolId(Logins.SchoolB));
    }

    [Fact]
    public async Task Teacher_cannot_raise_concern_for_pupil_of_other_school()
    {
        using var database = new TestDatabase();
        var before = database.ConcernCount();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherB))));

        Assert.Equal(before, database.ConcernCount());
    }

    [Fact]
    public async Task Teacher_cannot_raise_concern_for_pupil_of_other_group_at_own_school()
    {
        using var database = new TestDatabase();
        var before = database.ConcernCount();
        var otherGroupPupil = database.PupilAt(Logins.SchoolA, notTaughtBy: Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(otherGroupPupil)));

        Assert.Equal(before, database.ConcernCount());
    }

    [Fact]
    public async Task Teacher_cannot_read_concern_about_pupil_of_other_group_at_own_school()
    {
        using var database = new TestDatabase();
        var teacherA = database.StaffId(Logins.TeacherA);
        var group5 = database.GroupIdOf(Logins.SchoolA, "5");
        var id = database.SeededConcern(q => q.Where(c => c.School!.ShortName == Logins.SchoolA && c.GroupId != group5 && c.AuthorId != teacherA));

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Concerns(Logins.TeacherA).GetDetailAsync(id));
    }

    [Fact]
    public async Task Teacher_lists_exactly_the_concerns_on_own_pupils_and_the_concerns_they_wrote()
    {
        using var database = new TestDatabase();
        // A concern on a pupil of group 5 written by the IB'er, and one written by teacher A: both belong in the list.
        var byIb = await database.Concerns(Logins.CareCoordinator).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA, skip: 3)));
        var own = await database.RaiseByTeacherAAsync();
        var teacherA = database.StaffId(Logins.TeacherA);
        var group5 = database.GroupIdOf(Logins.SchoolA, "5");
        List<int> expected;
        await using (var db = database.CreateContext())
        {
            expected = await db.Concerns
                .Where(c => c.AuthorId == teacherA || db.Enrolments.Any(e => e.PupilId == c.PupilId && e.GroupId == group5))
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        }

        var list = await database.Concerns(Logins.TeacherA).ListAsync(new ConcernListQuery { Take = 1000 });

        Assert.Equal(expected, list.Select(c => c.Id).Order());
        Assert.Contains(byIb, expected);
        Assert.Contains(own, expected);
        Assert.All(list, c => Assert.Equal(database.SchoolId(Logins.SchoolA), c.SchoolId));
    }

    [Fact]
    public async Task Teacher_only_mine_list_holds_only_concerns_they_wrote()
    {
        using var database = new TestDatabase();
        await database.Concerns(Logins.CareCoordinator).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA)));
        var teacherA = database.StaffId(Logins.TeacherA);

        var mine = await database.Concerns(Logins.TeacherA).ListAsync(new ConcernListQuery { OnlyMine = true, Take = 1000 });

        Assert.NotEmpty(mine);
        Assert.All(mine, c => Assert.Equal(teacherA, c.AuthorId));
    }

    [Fact]
    public async Task Care_coordinator_of_two_schools_sees_and_manages_concerns_of_both()
    {
        using var database = new TestDatabase();
        var atA = await database.RaiseByTeacherAAsync();
        var atB = await database.RaiseByTeacherBAsync();
        var ib = database.Concerns(Logins.CareCoordinator);

        var list = await ib.ListAsync(new ConcernListQuery { Take = 1000 });
        var detailA = await ib.GetDetailAsync(atA);
        var detailB = await ib.GetDetailAsync(atB);

        Assert.Equal(database.ConcernCount(), list.Count);
        Assert.Contains(list, c => c.Id == atA);
        Assert.Contains(list, c => c.Id == atB);
        Assert.True(detailA.CanManage);
        Assert.True(detailB.CanManage);
        await ib.AcknowledgeAsync(atA, 0);
        await ib.AcknowledgeAsync(atB, 0);
        Assert.Equal(ConcernStatus.Acknowledged, database.Stored(atB).Status);
    }

    [Fact]
    public async Task Care_coordinator_can_restrict_the_list_to_one_school_and_to_statuses()
    {
        using var database = new TestDatabase();
        var schoolB = database.SchoolId(Logins.SchoolB);

        var list = await database.Concerns(Logins.CareCoordinator).ListAsync(new ConcernListQuery
        {
            SchoolIds = [schoolB],
            Statuses = [ConcernStatus.New, ConcernStatus.InProgress],
            Take = 1000,
        });

        await using var db = database.CreateContext();
        var expected = db.Concerns.Count(c => c.SchoolId == schoolB && (c.Status == ConcernStatus.New || c.Status == ConcernStatus.InProgress));
        Assert.Equal(expected, list.Count);
        Assert.All(list, c => Assert.Equal(schoolB, c.SchoolId));
    }

    [Fact]
    public async Task Care_coordinator_whose_role_at_a_school_was_removed_can_no_longer_read_or_manage_its_concerns()
    {
        using var database = new TestDatabase();
        var atB = await database.RaiseByTeacherBAsync();
        var ib = database.Concerns(Logins.CareCoordinator);
        await using (var db = database.CreateContext())
        {
            var ibId = database.StaffId(Logins.CareCoordinator);
            var schoolB = database.SchoolId(Logins.SchoolB);
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMemberId == ibId && r.SchoolId == schoolB));
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => ib.GetDetailAsync(atB));
        await Assert.ThrowsAsync<AccessDeniedException>(() => ib.AcknowledgeAsync(atB, 0));
        Assert.Equal(ConcernStatus.New, database.Stored(atB).Status);
    }

    [Fact]
    public async Task Teacher_cannot_acknowledge_set_next_step_close_or_reopen_even_own_concern()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var teacher = database.Concerns(Logins.TeacherA);
        var closed = database.SeededConcern(q => q.Where(c => c.Author!.Login == Logins.TeacherA && c.Status == ConcernStatus.Closed));
        var closedVersion = database.CurrentVersion(closed);

        Assert.False((await teacher.GetDetailAsync(id)).CanManage);
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.AcknowledgeAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.SetNextStepAsync(id, 0, "Zelf opgelost."));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.CloseAsync(id, 0, ConcernOutcome.ResolvedInClass, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ReopenAsync(closed, closedVersion, "Toch nodig."));

        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.New, stored.Status);
        Assert.Single(stored.History);
        Assert.Equal(ConcernStatus.Closed, database.Stored(closed).Status);
    }

    [Fact]
    public async Task Teacher_can_add_a_note_to_own_open_concern()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var teacher = database.Concerns(Logins.TeacherA);
        Assert.True((await teacher.GetDetailAsync(id)).CanAddNote);

        await teacher.AddNoteAsync(id, 0, "Ook bij gym valt het op.");

        var entry = database.Stored(id).History[^1];
        Assert.Equal(ConcernChange.NoteAdded, entry.Change);
        Assert.Equal(database.StaffId(Logins.TeacherA), entry.ActorId);
        Assert.Equal("Ook bij gym valt het op.", entry.Text);
    }

    [Fact]
    public async Task Teacher_cannot_add_a_note_to_a_concern_of_another_school()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherBAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Concerns(Logins.TeacherA).AddNoteAsync(id, 0, "Ik weet er meer van."));

        Assert.Single(database.Stored(id).History);
    }

    [Theory]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    public async Task Quality_coordinator_and_administrator_reach_no_pupil_data(string login)
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var concerns = database.Concerns(login);
        var pupils = database.Pupils(login);
        var pupilId = database.PupilOf(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.GetDetailAsync(id));
        Assert.Null(await concerns.FindSummaryAsync(id));
        Assert.Empty(await concerns.ListAsync(new ConcernListQuery { Take = 1000 }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.RaiseAsync(DomainScenario.ValidConcern(pupilId)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.AddNoteAsync(id, 0, "notitie"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.AcknowledgeAsync(id, 0));
        Assert.Empty(await pupils.SearchFlaggableAsync(null, take: 1000));
        Assert.Empty(await pupils.SearchFlaggableAsync("a"));
        Assert.Empty(await pupils.GetMyGroupsAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => pupils.GetFlaggableAsync(pupilId));
    }

    [Fact]
    public async Task Anonymous_user_is_refused_everywhere()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var pupilId = database.PupilOf(Logins.TeacherA);
        var concerns = database.ConcernsAs(TestDatabase.Anonymous());
        var pupils = database.PupilsAs(TestDatabase.Anonymous());
        var dashboard = database.DashboardAs(TestDatabase.Anonymous());
        var feed = database.FeedAs(TestDatabase.Anonymous());
        var subscribers = database.Events.SubscriberCount;

        var refusals = new List<AccessDeniedException>
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.RaiseAsync(DomainScenario.ValidConcern(pupilId))),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.GetDetailAsync(id)),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.ListAsync(new ConcernListQuery())),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.FindSummaryAsync(id)),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.AcknowledgeAsync(id, 0)),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.AddNoteAsync(id, 0, "notitie")),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.SetNextStepAsync(id, 0, "stap")),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.CloseAsync(id, 0, ConcernOutcome.ResolvedInClass, null)),
            await Assert.ThrowsAsync<AccessDeniedException>(() => concerns.ReopenAsync(id, 0, "reden")),
            await Assert.ThrowsAsync<AccessDeniedException>(() => pupils.GetMyGroupsAsync()),
            await Assert.ThrowsAsync<AccessDeniedException>(() => pupils.SearchFlaggableAsync("a")),
            await Assert.ThrowsAsync<AccessDeniedException>(() => pupils.GetFlaggableAsync(pupilId)),
            await Assert.ThrowsAsync<AccessDeniedException>(() => dashboard.GetCareSchoolsAsync()),
            await Assert.ThrowsAsync<AccessDeniedException>(() => dashboard.GetOverviewAsync(null)),
            await Assert.ThrowsAsync<AccessDeniedException>(() => feed.SubscribeAsync(_ => Task.CompletedTask)),
        };

        Assert.All(refusals, r => Assert.Null(r.StaffMemberId));
        Assert.Equal(subscribers, database.Events.SubscriberCount);
        var stored = database.Stored(id);
        Assert.Equal(ConcernStatus.New, stored.Status);
        Assert.Single(stored.History);
    }

    [Fact]
    public async Task Guessing_a_non_existing_concern_id_gives_the_same_refusal_as_another_schools_concern()
    {
        using var database = new TestDatabase();
        var otherSchool = await database.RaiseByTeacherBAsync();
        var missing = otherSchool + 10_000;
        var teacher = database.Concerns(Logins.TeacherA);

        var forOther = await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetDetailAsync(otherSchool));
        var forMissing = await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetDetailAsync(missing));
        var noteOther = await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.AddNoteAsync(otherSchool, 0, "x"));
        var noteMissing = await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.AddNoteAsync(missing, 0, "x"));
        var ackMissing = await Assert.ThrowsAsync<AccessDeniedException>(() => database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(missing, 0));

        Assert.Equal(forOther.Message, forMissing.Message);
        Assert.Equal(forOther.Action, forMissing.Action);
        Assert.Equal(noteOther.Message, noteMissing.Message);
        Assert.Equal(noteOther.Action, noteMissing.Action);
        Assert.Equal(forOther.Message, ackMissing.Message);
    }

    [Fact]
    public async Task Teacher_whose_pupil_left_can_no_longer_flag_that_pupil()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);
        database.LeaveOn(pupilId, database.Today().AddDays(-1));
        var before = database.ConcernCount();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(pupilId)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Pupils(Logins.TeacherA).GetFlaggableAsync(pupilId));

        Assert.Equal(before, database.ConcernCount());
    }

    [Fact]
    public async Task Deactivated_teacher_can_no_longer_reach_own_concern()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var teacher = database.Concerns(Logins.TeacherA);  // signed in before being deactivated
        await using (var db = database.CreateContext())
        {
            var staff = await db.StaffMembers.SingleAsync(s => s.Login == Logins.TeacherA);
            staff.IsActive = false;
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain(await teacher.ListAsync(new ConcernListQuery { Take = 1000 }), c => c.Id == id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetDetailAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.AddNoteAsync(id, 0, "Nog even dit."));
        Assert.Empty(await database.Pupils(Logins.TeacherA).GetMyGroupsAsync());
    }

    [Fact]
    public async Task Teacher_who_no_longer_holds_the_teacher_role_at_a_school_no_longer_reaches_its_groups()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);
        await using (var db = database.CreateContext())
        {
            var teacherA = database.StaffId(Logins.TeacherA);
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMemberId == teacherA && r.Role == PortalRole.Teacher));
            await db.SaveChangesAsync();
        }

        Assert.Empty(await database.Pupils(Logins.TeacherA).GetMyGroupsAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(pupilId)));
    }
}
