using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.AdminTests;

public sealed class StaffAdminServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private int SchoolA => _database.SchoolId(Logins.SchoolA);
    private int SchoolB => _database.SchoolId(Logins.SchoolB);

    [Fact]
    public async Task Administrator_assigns_a_role_and_exactly_one_audit_entry_records_it_with_ids_only()
    {
        var before = _database.LastAuditId();
        var teacherId = _database.StaffId(Logins.TeacherA);

        await _database.StaffAdmin(Logins.Administrator).AssignRoleAsync(teacherId, PortalRole.CareCoordinator, SchoolA);

        Assert.Contains((PortalRole.CareCoordinator, SchoolA, RoleAssignmentSources.Local), _database.RolesOf(Logins.TeacherA));
        var entry = Assert.Single(_database.AuditEntriesAfter(before));
        Assert.Equal(_database.StaffId(Logins.Administrator), entry.StaffMemberId);
        Assert.Equal("role.assign.CareCoordinator", entry.Action);
        Assert.Equal(AuditRecordKind.RoleAssignment, entry.RecordKind);
        Assert.Equal(teacherId, entry.RecordId);
        Assert.Equal(SchoolA, entry.SchoolId);
        Assert.Equal("Administrator", entry.Role);
        Assert.Null(entry.PupilId);
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime, entry.At);
        AssertNoNames(entry, Logins.TeacherA, "Mark Hofstede", Logins.Administrator, "Bas Janssen");
    }

    [Fact]
    public async Task Administrator_revokes_a_role_and_exactly_one_audit_entry_records_it()
    {
        var before = _database.LastAuditId();
        var teacherId = _database.StaffId(Logins.TeacherA);

        var fromEntra = await _database.StaffAdmin(Logins.Administrator).RevokeRoleAsync(teacherId, PortalRole.Teacher, SchoolA);

        Assert.False(fromEntra);
        Assert.DoesNotContain(_database.RolesOf(Logins.TeacherA), r => r.Role == PortalRole.Teacher && r.SchoolId == SchoolA);
        var entry = Assert.Single(_database.AuditEntriesAfter(before));
        Assert.Equal(("role.revoke.Teacher", AuditRecordKind.RoleAssignment, (int?)teacherId, (int?)SchoolA, "Administrator", AuditOutcome.Allowed),
            (entry.Action, entry.RecordKind, entry.RecordId, entry.SchoolId, entry.Role, entry.Outcome));
        Assert.Equal(_database.StaffId(Logins.Administrator), entry.StaffMemberId);
        AssertNoNames(entry, Logins.TeacherA, "Mark Hofstede");
    }

    [Fact]
    public async Task Revoking_a_role_that_came_from_Entra_is_allowed_and_says_so()
    {
        _database.AddEntraRole(Logins.TeacherA, PortalRole.QualityCoordinator, Logins.SchoolA);

        var fromEntra = await _database.StaffAdmin(Logins.Administrator)
            .RevokeRoleAsync(_database.StaffId(Logins.TeacherA), PortalRole.QualityCoordinator, SchoolA);

        Assert.True(fromEntra);
        Assert.DoesNotContain(_database.RolesOf(Logins.TeacherA), r => r.Role == PortalRole.QualityCoordinator);
    }

    [Theory]
    [InlineData(Logins.CareCoordinator)]
    [InlineData(Logins.TeacherA)]
    [InlineData(AdminScenario.PrivacyOfficer)]
    [InlineData(AdminScenario.SchoolLeaderA)]
    public async Task Someone_who_is_no_administrator_cannot_assign_a_role_and_the_refusal_is_audited(string login)
    {
        var before = _database.LastAuditId();
        var targetId = _database.StaffId(Logins.TeacherB);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _database.StaffAdmin(login).AssignRoleAsync(targetId, PortalRole.Administrator, SchoolA));

        Assert.Equal("role.assign", ex.Action);
        Assert.DoesNotContain(_database.RolesOf(Logins.TeacherB), r => r.Role == PortalRole.Administrator);
        var entry = Assert.Single(_database.AuditEntriesAfter(before));
        Assert.Equal((_database.StaffId(login), "role.assign", AuditRecordKind.RoleAssignment, (int?)targetId, AuditOutcome.Refused),
            (entry.StaffMemberId!.Value, entry.Action, entry.RecordKind, entry.RecordId, entry.Outcome));
        Assert.Null(entry.SchoolId);
    }

    [Fact]
    public async Task Someone_who_is_no_administrator_cannot_revoke_or_deactivate_and_each_refusal_is_audited()
    {
        var before = _database.LastAuditId();
        var teacherId = _database.StaffId(Logins.TeacherA);
        var service = _database.StaffAdmin(Logins.CareCoordinator);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RevokeRoleAsync(teacherId, PortalRole.Teacher, SchoolA));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SetActiveAsync(teacherId, false));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());

        Assert.Contains((PortalRole.Teacher, SchoolA, RoleAssignmentSources.Local), _database.RolesOf(Logins.TeacherA));
        Assert.True(_database.IsActive(Logins.TeacherA));
        Assert.Equal(["role.revoke", "staff.deactivate", "staff.list"],
            _database.AuditEntriesAfter(before).Select(e => e.Action));
        Assert.All(_database.AuditEntriesAfter(before), e => Assert.Equal(AuditOutcome.Refused, e.Outcome));
    }

    [Fact]
    public async Task Administrator_of_another_school_cannot_assign_revoke_or_deactivate_there_and_is_audited()
    {
        var adminB = _database.AddAdministratorOfSchoolB();
        var before = _database.LastAuditId();
        var teacherA = _database.StaffId(Logins.TeacherA);
        var service = _database.StaffAdmin(adminB);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AssignRoleAsync(_database.StaffId(Logins.TeacherB), PortalRole.CareCoordinator, SchoolA));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RevokeRoleAsync(teacherA, PortalRole.Teacher, SchoolA));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SetActiveAsync(teacherA, false));
        // Nor give someone who only works at school A a role at school B: that person is not theirs to manage.
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AssignRoleAsync(teacherA, PortalRole.Teacher, SchoolB));

        Assert.Equal([(PortalRole.Teacher, SchoolA, RoleAssignmentSources.Local)], _database.RolesOf(Logins.TeacherA));
        Assert.DoesNotContain(_database.RolesOf(Logins.TeacherB), r => r.Role == PortalRole.CareCoordinator);
        Assert.True(_database.IsActive(Logins.TeacherA));
        var entries = _database.AuditEntriesAfter(before);
        Assert.Equal(["role.assign", "role.revoke", "staff.deactivate", "role.assign"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((AuditOutcome.Refused, _database.StaffId(adminB)), (e.Outcome, e.StaffMemberId!.Value)));
    }

    [Fact]
    public async Task Administrator_of_one_school_manages_roles_there_and_sees_only_their_schools_roles()
    {
        var adminB = _database.AddAdministratorOfSchoolB();
        var newcomer = _database.AddStaff("nieuw", "Nina Nieuw");
        var service = _database.StaffAdmin(adminB);

        await service.AssignRoleAsync(_database.StaffId(Logins.TeacherB), PortalRole.QualityCoordinator, SchoolB);
        await service.AssignRoleAsync(newcomer, PortalRole.Teacher, SchoolB);
        var overview = await service.ListAsync();

        Assert.Equal([SchoolB], overview.Schools.Select(s => s.Id));
        Assert.DoesNotContain(overview.Staff, s => s.Login == Logins.TeacherA);
        var ib = Assert.Single(overview.Staff, s => s.Login == Logins.CareCoordinator);
        Assert.Equal([(PortalRole.CareCoordinator, SchoolB)], ib.Roles.Select(r => (r.Role, r.SchoolId)));
        Assert.True(ib.HasRolesElsewhere);
        Assert.Equal([PortalRole.Teacher, PortalRole.QualityCoordinator],
            overview.Staff.Single(s => s.Login == Logins.TeacherB).Roles.Select(r => r.Role));
        Assert.Contains(overview.Staff, s => s.Id == newcomer && s.Roles.Count == 1);
    }

    [Fact]
    public async Task The_list_includes_people_without_any_role_so_that_a_new_Entra_user_can_get_one()
    {
        var newcomer = _database.AddStaff("entra-nieuw", "Eva Entra");

        var overview = await _database.StaffAdmin(Logins.Administrator).ListAsync();

        var row = Assert.Single(overview.Staff, s => s.Id == newcomer);
        Assert.Empty(row.Roles);
        Assert.False(row.HasRolesElsewhere);
        Assert.Equal(overview.Staff.OrderBy(s => s.DisplayName, StringComparer.Ordinal).Select(s => s.Id), overview.Staff.Select(s => s.Id));
        var admin = Assert.Single(overview.Staff, s => s.Login == Logins.Administrator);
        Assert.Equal(2, admin.Roles.Count(r => r.Role == PortalRole.Administrator));
    }

    [Fact]
    public async Task Administrator_cannot_revoke_their_own_last_administrator_role()
    {
        var adminB = _database.AddAdministratorOfSchoolB();
        var before = _database.LastAuditId();

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            _database.StaffAdmin(adminB).RevokeRoleAsync(_database.StaffId(adminB), PortalRole.Administrator, SchoolB));

        Assert.IsNotType<AccessDeniedException>(ex);
        Assert.Contains("laatste beheerdersrol", ex.Message, StringComparison.Ordinal);
        Assert.Contains((PortalRole.Administrator, SchoolB, RoleAssignmentSources.Local), _database.RolesOf(adminB));
        Assert.Empty(_database.AuditEntriesAfter(before));
    }

    [Fact]
    public async Task Administrator_cannot_leave_a_school_without_an_administrator_but_can_step_down_where_another_one_is()
    {
        var adminId = _database.StaffId(Logins.Administrator);
        var service = _database.StaffAdmin(Logins.Administrator);

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.RevokeRoleAsync(adminId, PortalRole.Administrator, SchoolA));
        Assert.Contains("enige beheerder", ex.Message, StringComparison.Ordinal);

        _database.AddStaff("beheer-2", "Tweede Beheerder", (PortalRole.Administrator, Logins.SchoolA));
        await service.RevokeRoleAsync(adminId, PortalRole.Administrator, SchoolA);

        Assert.Equal([(PortalRole.Administrator, SchoolB, RoleAssignmentSources.Local)], _database.RolesOf(Logins.Administrator));
    }

    [Fact]
    public async Task Assigning_a_role_the_person_already_holds_says_so_and_changes_nothing()
    {
        var before = _database.LastAuditId();

        var ex = await Assert.ThrowsAsync<DomainException>(() => _database.StaffAdmin(Logins.Administrator)
            .AssignRoleAsync(_database.StaffId(Logins.TeacherA), PortalRole.Teacher, SchoolA));

        Assert.Equal("Deze medewerker heeft de rol Leerkracht op deze school al.", ex.Message);
        Assert.Single(_database.RolesOf(Logins.TeacherA));
        Assert.Empty(_database.AuditEntriesAfter(before));
    }

    [Fact]
    public async Task Deactivating_a_teacher_takes_effect_at_once_and_activating_restores_access()
    {
        await _database.RaiseAsTeacherAAsync();
        var teacherConcerns = _database.Concerns(Logins.TeacherA);
        Assert.NotEmpty(await teacherConcerns.ListAsync(new ConcernListQuery()));
        var before = _database.LastAuditId();
        var teacherId = _database.StaffId(Logins.TeacherA);
        var admin = _database.StaffAdmin(Logins.Administrator);

        await admin.SetActiveAsync(teacherId, false);

        Assert.False(_database.IsActive(Logins.TeacherA));
        Assert.Empty(await teacherConcerns.ListAsync(new ConcernListQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            teacherConcerns.RaiseAsync(new NewConcern { PupilId = _database.PupilOf(Logins.TeacherA), Area = DevelopmentArea.Cognitive, Observation = "Test." }));
        var deactivated = Assert.Single(_database.AuditEntriesAfter(before), e => e.Action == "staff.deactivate");
        Assert.Equal((AuditRecordKind.RoleAssignment, (int?)teacherId, (int?)SchoolA, "Administrator", AuditOutcome.Allowed),
            (deactivated.RecordKind, deactivated.RecordId, deactivated.SchoolId, deactivated.Role, deactivated.Outcome));

        var beforeActivate = _database.LastAuditId();
        await admin.SetActiveAsync(teacherId, true);

        Assert.NotEmpty(await teacherConcerns.ListAsync(new ConcernListQuery()));
        var activated = Assert.Single(_database.AuditEntriesAfter(beforeActivate));
        Assert.Equal(("staff.activate", (int?)teacherId, (int?)SchoolA), (activated.Action, activated.RecordId, activated.SchoolId));
    }

    [Fact]
    public async Task Deactivating_a_person_with_roles_at_two_schools_is_audited_once_per_school()
    {
        var before = _database.LastAuditId();

        await _database.StaffAdmin(Logins.Administrator).SetActiveAsync(_database.StaffId(Logins.CareCoordinator), false);

        var entries = _database.AuditEntriesAfter(before);
        Assert.Equal([SchoolA, SchoolB], entries.Select(e => e.SchoolId!.Value).Order());
        Assert.All(entries, e => Assert.Equal("staff.deactivate", e.Action));
    }

    [Fact]
    public async Task Administrator_cannot_deactivate_themselves()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            _database.StaffAdmin(Logins.Administrator).SetActiveAsync(_database.StaffId(Logins.Administrator), false));

        Assert.Contains("niet uitschakelen", ex.Message, StringComparison.Ordinal);
        Assert.True(_database.IsActive(Logins.Administrator));
    }

    [Fact]
    public async Task A_deactivated_administrator_can_no_longer_administer()
    {
        _database.AddStaff("beheer-2", "Tweede Beheerder", (PortalRole.Administrator, Logins.SchoolA), (PortalRole.Administrator, Logins.SchoolB));
        await _database.StaffAdmin(Logins.Administrator).SetActiveAsync(_database.StaffId("beheer-2"), false);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _database.StaffAdmin("beheer-2").AssignRoleAsync(_database.StaffId(Logins.TeacherA), PortalRole.CareCoordinator, SchoolA));
    }

    [Fact]
    public async Task A_new_care_coordinator_sees_that_schools_concerns_at_once()
    {
        var concernA = await _database.RaiseAsTeacherAAsync();
        var newcomer = _database.AddStaff("ib-nieuw", "Iris Nieuw");
        var concerns = _database.Concerns("ib-nieuw");
        Assert.Empty(await concerns.ListAsync(new ConcernListQuery()));

        await _database.StaffAdmin(Logins.Administrator).AssignRoleAsync(newcomer, PortalRole.CareCoordinator, SchoolA);

        var visible = await concerns.ListAsync(new ConcernListQuery { Take = 500 });
        Assert.Contains(visible, c => c.Id == concernA);
        Assert.All(visible, c => Assert.Equal(SchoolA, c.SchoolId));
        var detail = await concerns.GetDetailAsync(concernA);
        Assert.True(detail.CanManage);
    }

    [Fact]
    public async Task Revoking_the_care_coordinator_role_takes_effect_at_once()
    {
        var concernA = await _database.RaiseAsTeacherAAsync();
        var ib = _database.Concerns(Logins.CareCoordinator);
        Assert.Contains(await ib.ListAsync(new ConcernListQuery { Take = 500 }), c => c.Id == concernA);

        await _database.StaffAdmin(Logins.Administrator)
            .RevokeRoleAsync(_database.StaffId(Logins.CareCoordinator), PortalRole.CareCoordinator, SchoolA);

        Assert.DoesNotContain(await ib.ListAsync(new ConcernListQuery { Take = 500 }), c => c.SchoolId == SchoolA);
        await Assert.ThrowsAsync<AccessDeniedException>(() => ib.GetDetailAsync(concernA));
    }

    [Fact]
    public async Task Administrator_creates_a_staff_member_with_a_first_role_audited()
    {
        var before = _database.LastAuditId();

        var id = await _database.StaffAdmin(Logins.Administrator).CreateAsync(new NewStaffMember
        {
            Login = " Anna-de-Vries ",
            DisplayName = "Anna de Vries",
            Email = "anna@samenwijzer.example",
            Role = PortalRole.Teacher,
            SchoolId = SchoolB,
        });

        Assert.Equal([(PortalRole.Teacher, SchoolB, RoleAssignmentSources.Local)], _database.RolesOf("anna-de-vries"));
        Assert.Equal(id, _database.StaffId("anna-de-vries"));
        var entries = _database.AuditEntriesAfter(before);
        Assert.Equal(["staff.create", "role.assign.Teacher"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(((int?)id, (int?)SchoolB), (e.RecordId, e.SchoolId)));
        Assert.All(entries, e => AssertNoNames(e, "anna", "Anna de Vries"));
    }

    [Fact]
    public async Task Creating_a_staff_member_with_a_login_in_use_or_missing_fields_gives_Dutch_field_messages()
    {
        var service = _database.StaffAdmin(Logins.Administrator);

        var taken = await Assert.ThrowsAsync<DomainValidationException>(() => service.CreateAsync(new NewStaffMember
        {
            Login = Logins.TeacherA, DisplayName = "Dubbel", Role = PortalRole.Teacher, SchoolId = SchoolA,
        }));
        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => service.CreateAsync(new NewStaffMember()));

        Assert.Equal("Deze inlognaam is al in gebruik. Kies een andere.", taken.Errors[nameof(NewStaffMember.Login)]);
        Assert.Equal(new[] { nameof(NewStaffMember.DisplayName), nameof(NewStaffMember.Login), nameof(NewStaffMember.Role), nameof(NewStaffMember.SchoolId) },
            empty.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused()
    {
        var service = new StaffAdminService(_database.Factory, TestDatabase.Anonymous(), _database.Audit, _database.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StaffAdminService>.Instance);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AssignRoleAsync(_database.StaffId(Logins.TeacherA), PortalRole.Administrator, SchoolA));
        Assert.DoesNotContain(_database.RolesOf(Logins.TeacherA), r => r.Role == PortalRole.Administrator);
    }

    /// <summary>An audit entry holds ids and codes: none of its text fields contains a person's login or name.</summary>
    private static void AssertNoNames(AuditEntry entry, params string[] names)
    {
        foreach (var text in new[] { entry.Action, entry.Role })
            foreach (var name in names)
                Assert.DoesNotContain(name, text ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
