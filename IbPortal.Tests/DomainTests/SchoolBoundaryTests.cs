using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Tests.AdminTests;
using IbPortal.Tests.PrivacyTests;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DomainTests;

/// <summary>A role at one school opens nothing of another school, also when a pupil moves between them.</summary>
public class SchoolBoundaryTests
{
    /// <summary>Teacher A's pupil moves to teacher B's group at school B today; returns (pupil, concern raised at A).</summary>
    private static async Task<(int Pupil, int ConcernAtA)> PupilMovedFromAToBAsync(TestDatabase database)
    {
        var pupilId = database.PupilOf(Logins.TeacherA);
        var concernAtA = await database.RaiseByTeacherAAsync();
        Assert.Equal(pupilId, database.Stored(concernAtA).PupilId);
        var today = DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime);
        await using var db = database.CreateContext();
        var enrolment = await db.Enrolments.SingleAsync(e => e.PupilId == pupilId);
        enrolment.LeftOn = today.AddDays(-1);
        var groupB = await db.Groups.SingleAsync(g => g.Teachers.Any(t => t.StaffMember!.Login == Logins.TeacherB));
        db.Enrolments.Add(new Enrolment { PupilId = pupilId, GroupId = groupB.Id, EnrolledOn = today });
        await db.SaveChangesAsync();
        return (pupilId, concernAtA);
    }

    [Fact]
    public async Task New_teacher_at_another_school_does_not_see_the_concerns_of_the_school_the_pupil_came_from()
    {
        using var database = new TestDatabase();
        var (pupilId, concernAtA) = await PupilMovedFromAToBAsync(database);

        var teacherB = database.Concerns(Logins.TeacherB);
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacherB.GetDetailAsync(concernAtA));
        Assert.DoesNotContain(await teacherB.ListAsync(new ConcernListQuery { Take = 1000 }), c => c.Id == concernAtA);

        // The new teacher may flag the pupil at the new school and sees that concern.
        var atB = await teacherB.RaiseAsync(DomainScenario.ValidConcern(pupilId));
        Assert.Equal(database.SchoolId(Logins.SchoolB), database.Stored(atB).SchoolId);
        await teacherB.GetDetailAsync(atB);
    }

    [Fact]
    public async Task New_teacher_at_another_school_hears_nothing_of_the_old_schools_concern()
    {
        using var database = new TestDatabase();
        var (pupilId, concernAtA) = await PupilMovedFromAToBAsync(database);
        var heard = new List<ConcernChanged>();
        using var subscription = await database.Feed(Logins.TeacherB).SubscribeAsync(e => { heard.Add(e); return Task.CompletedTask; });

        await database.Concerns(Logins.CareCoordinator).AddNoteAsync(concernAtA, 0, "Overdracht besproken.");
        var atB = await database.Concerns(Logins.TeacherB).RaiseAsync(DomainScenario.ValidConcern(pupilId));

        Assert.Equal([atB], heard.Select(e => e.ConcernId));
    }

    [Fact]
    public async Task Inzage_by_the_IB_er_of_one_school_holds_only_that_schools_records()
    {
        using var database = new TestDatabase();
        var (pupilId, concernAtA) = await PupilMovedFromAToBAsync(database);
        var atB = await database.Concerns(Logins.TeacherB).RaiseAsync(DomainScenario.ValidConcern(pupilId));
        await using (var db = database.CreateContext())
        {
            var ibB = new StaffMember { Login = "ib-alleen-b", DisplayName = "IB alleen B" };
            ibB.Roles.Add(new RoleAssignment { Role = PortalRole.CareCoordinator, SchoolId = database.SchoolId(Logins.SchoolB) });
            db.StaffMembers.Add(ibB);
            await db.SaveChangesAsync();
        }

        var export = await database.Inzage("ib-alleen-b").ExportAsync(pupilId);

        Assert.Equal([atB], export.Concerns.Select(c => c.Id));
        Assert.DoesNotContain(export.Concerns, c => c.Id == concernAtA);
        Assert.All(export.Enrolments, e => Assert.Equal(database.SchoolId(Logins.SchoolB), e.SchoolId));
        Assert.All(export.AccessLog, e => Assert.NotEqual(concernAtA, e.RecordId));
    }

    [Fact]
    public async Task The_pupil_file_is_offered_only_to_whom_it_opens_for()
    {
        using var database = new TestDatabase();
        var (_, concernAtA) = await PupilMovedFromAToBAsync(database);

        Assert.True((await database.Concerns(Logins.CareCoordinator).GetDetailAsync(concernAtA)).CanOpenPupilFile);
        // Teacher A wrote the concern and still sees it, but no longer teaches the pupil: no link to a file that would refuse.
        Assert.False((await database.Concerns(Logins.TeacherA).GetDetailAsync(concernAtA)).CanOpenPupilFile);
        var fresh = await database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherA, skip: 1)));
        Assert.True((await database.Concerns(Logins.TeacherA).GetDetailAsync(fresh)).CanOpenPupilFile);
    }

    [Fact]
    public async Task Administrator_cannot_give_themselves_a_role_that_opens_pupil_data()
    {
        using var database = new TestDatabase();
        var admin = database.StaffId(Logins.Administrator);
        var service = database.StaffAdmin(Logins.Administrator);

        foreach (var role in new[] { PortalRole.CareCoordinator, PortalRole.Teacher, PortalRole.PrivacyOfficer })
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.AssignRoleAsync(admin, role, database.SchoolId(Logins.SchoolA)));

        await using var db = database.CreateContext();
        Assert.All(db.RoleAssignments.Where(r => r.StaffMemberId == admin).ToList(), r => Assert.Equal(PortalRole.Administrator, r.Role));
    }
}
