using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.DomainTests;

/// <summary>Resolving people at sign-in: demo logins and Entra ID identities with their roles.</summary>
public class StaffDirectoryTests
{
    private static StaffDirectory Directory(TestDatabase database) => new(database.Factory, NullLogger<StaffDirectory>.Instance);

    private static List<(PortalRole Role, string School, string Source)> RolesOf(TestDatabase database, int staffId)
    {
        using var db = database.CreateContext();
        return db.RoleAssignments.Where(r => r.StaffMemberId == staffId)
            .Select(r => new { r.Role, r.School!.ShortName, r.Source })
            .AsEnumerable()
            .Select(r => (r.Role, r.ShortName, r.Source))
            .OrderBy(r => r.Role).ThenBy(r => r.ShortName, StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public async Task Find_by_login_returns_the_staff_member_with_roles()
    {
        using var database = new TestDatabase();
        var directory = Directory(database);

        var ib = await directory.FindByLoginAsync(Logins.CareCoordinator);
        var teacher = await directory.FindByLoginAsync(Logins.TeacherA);

        Assert.NotNull(ib);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), ib.StaffMemberId);
        Assert.Equal([PortalRole.CareCoordinator], ib.Roles); // two schools, one role
        Assert.NotNull(teacher);
        Assert.Equal([PortalRole.Teacher], teacher.Roles);
        Assert.Equal(Logins.TeacherA, teacher.Login);
    }

    [Fact]
    public async Task Find_by_login_returns_nothing_for_unknown_or_deactivated_staff()
    {
        using var database = new TestDatabase();
        await using (var db = database.CreateContext())
        {
            (await db.StaffMembers.SingleAsync(s => s.Login == Logins.TeacherB)).IsActive = false;
            await db.SaveChangesAsync();
        }

        Assert.Null(await Directory(database).FindByLoginAsync("niemand"));
        Assert.Null(await Directory(database).FindByLoginAsync(Logins.TeacherB));
    }

    [Fact]
    public async Task Entra_sign_in_links_by_email_to_the_existing_staff_member_ignoring_case()
    {
        using var database = new TestDatabase();
        var teacherA = database.StaffId(Logins.TeacherA);
        var staffBefore = StaffCount(database);

        var identity = await Directory(database).SyncExternalAsync(
            new ExternalIdentity("oid-teacher-a", " Leerkracht-A@SamenWijzer.example ", "Mark Hofstede-de Boer"),
            [new RoleGrant(PortalRole.Teacher, Logins.SchoolA)]);

        Assert.Equal(teacherA, identity.StaffMemberId);
        Assert.Equal(Logins.TeacherA, identity.Login);
        Assert.Equal("Mark Hofstede-de Boer", identity.DisplayName);
        Assert.Equal(staffBefore, StaffCount(database));
        await using var db = database.CreateContext();
        var stored = await db.StaffMembers.SingleAsync(s => s.Id == teacherA);
        Assert.Equal("oid-teacher-a", stored.ExternalId);
        Assert.Equal("Mark Hofstede-de Boer", stored.DisplayName);
    }

    [Fact]
    public async Task Entra_sign_in_links_by_object_id_once_linked_even_when_the_email_changed()
    {
        using var database = new TestDatabase();
        var directory = Directory(database);
        var first = await directory.SyncExternalAsync(new ExternalIdentity("oid-ib", "ib@samenwijzer.example", "Ilse Verbeek"), []);

        var second = await directory.SyncExternalAsync(new ExternalIdentity("oid-ib", "ilse.verbeek@elders.example", "Ilse Verbeek"), []);

        Assert.Equal(database.StaffId(Logins.CareCoordinator), first.StaffMemberId);
        Assert.Equal(first.StaffMemberId, second.StaffMemberId);
    }

    [Fact]
    public async Task Entra_sign_in_of_an_unknown_person_creates_a_staff_member_with_the_granted_roles()
    {
        using var database = new TestDatabase();
        var staffBefore = StaffCount(database);

        var identity = await Directory(database).SyncExternalAsync(
            new ExternalIdentity("oid-new", "Nieuwe.Collega@SamenWijzer.example", "Nieuwe Collega"),
            [new RoleGrant(PortalRole.Teacher, Logins.SchoolB), new RoleGrant(PortalRole.QualityCoordinator, Logins.SchoolA)]);

        Assert.Equal(staffBefore + 1, StaffCount(database));
        Assert.Equal("nieuwe.collega@samenwijzer.example", identity.Login);
        Assert.Equal("Nieuwe Collega", identity.DisplayName);
        Assert.Equal([PortalRole.Teacher, PortalRole.QualityCoordinator], identity.Roles);
        Assert.Equal(
            [(PortalRole.Teacher, Logins.SchoolB, RoleAssignmentSources.Entra), (PortalRole.QualityCoordinator, Logins.SchoolA, RoleAssignmentSources.Entra)],
            RolesOf(database, identity.StaffMemberId));
        Assert.Equal(identity.StaffMemberId, (await Directory(database).FindByLoginAsync(identity.Login))?.StaffMemberId);
    }

    [Fact]
    public async Task Entra_sign_in_without_email_creates_a_staff_member_with_the_object_id_as_login()
    {
        using var database = new TestDatabase();

        var identity = await Directory(database).SyncExternalAsync(new ExternalIdentity("oid-zonder-mail", null, "Zonder Mail"), []);

        Assert.Equal("oid-zonder-mail", identity.Login);
        Assert.Empty(identity.Roles);
    }

    [Fact]
    public async Task Entra_sign_in_replaces_only_roles_that_came_from_entra_and_keeps_local_roles()
    {
        using var database = new TestDatabase();
        var directory = Directory(database);
        var teacherA = database.StaffId(Logins.TeacherA);
        var person = new ExternalIdentity("oid-teacher-a", "leerkracht-a@samenwijzer.example", "Mark Hofstede");

        // Entra grants the local teacher role again (no duplicate) and care coordination at B.
        var first = await directory.SyncExternalAsync(person,
            [new RoleGrant(PortalRole.Teacher, Logins.SchoolA), new RoleGrant(PortalRole.CareCoordinator, Logins.SchoolB)]);
        Assert.Equal([PortalRole.Teacher, PortalRole.CareCoordinator], first.Roles);
        Assert.Equal(
            [(PortalRole.Teacher, Logins.SchoolA, RoleAssignmentSources.Local), (PortalRole.CareCoordinator, Logins.SchoolB, RoleAssignmentSources.Entra)],
            RolesOf(database, teacherA));

        // Next sign-in: Entra now grants only quality coordination at A.
        var second = await directory.SyncExternalAsync(person, [new RoleGrant(PortalRole.QualityCoordinator, Logins.SchoolA)]);
        Assert.Equal([PortalRole.Teacher, PortalRole.QualityCoordinator], second.Roles);
        Assert.Equal(
            [(PortalRole.Teacher, Logins.SchoolA, RoleAssignmentSources.Local), (PortalRole.QualityCoordinator, Logins.SchoolA, RoleAssignmentSources.Entra)],
            RolesOf(database, teacherA));

        // And with no grants at all, the local role still stays.
        var third = await directory.SyncExternalAsync(person, []);
        Assert.Equal([PortalRole.Teacher], third.Roles);
        Assert.Equal([(PortalRole.Teacher, Logins.SchoolA, RoleAssignmentSources.Local)], RolesOf(database, teacherA));
    }

    [Fact]
    public async Task Entra_grants_for_unknown_school_short_names_are_ignored()
    {
        using var database = new TestDatabase();

        var identity = await Directory(database).SyncExternalAsync(
            new ExternalIdentity("oid-x", "x@samenwijzer.example", "X"),
            [new RoleGrant(PortalRole.CareCoordinator, "ZZ"), new RoleGrant(PortalRole.Teacher, Logins.SchoolA)]);

        Assert.Equal([PortalRole.Teacher], identity.Roles);
        Assert.Equal([(PortalRole.Teacher, Logins.SchoolA, RoleAssignmentSources.Entra)], RolesOf(database, identity.StaffMemberId));
    }

    [Fact]
    public async Task Demo_user_list_shows_every_active_staff_member_with_roles_and_their_schools()
    {
        using var database = new TestDatabase();

        var users = await Directory(database).ListDemoUsersAsync();

        Assert.Equal(StaffCount(database), users.Count);
        var ib = Assert.Single(users, u => u.Login == Logins.CareCoordinator);
        Assert.Equal(["Intern begeleider · CBS Het Anker, OBS De Vlinderboom"], ib.RoleDescriptions);
        var teacher = Assert.Single(users, u => u.Login == Logins.TeacherB);
        Assert.Equal(["Leerkracht · CBS Het Anker"], teacher.RoleDescriptions);
    }

    private static int StaffCount(TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.StaffMembers.Count();
    }
}
