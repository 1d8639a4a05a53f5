using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Staff;

/// <summary>A school the current administrator administers.</summary>
public sealed record AdminSchool(int Id, string Name, string ShortName, string Color);

/// <summary>One role a staff member holds at one school, with where it came from (local or Entra ID).</summary>
public sealed record StaffRoleView(PortalRole Role, int SchoolId, string SchoolName, string SchoolShortName, string SchoolColor, string Source)
{
    public bool FromEntra => Source == RoleAssignmentSources.Entra;
}

/// <summary>A staff member as the role administration lists them: only the roles at the administrator's schools.</summary>
public sealed record StaffAdminRow(
    int Id,
    string Login,
    string DisplayName,
    string? Email,
    bool IsActive,
    bool LinkedToEntra,
    IReadOnlyList<StaffRoleView> Roles,
    bool HasRolesElsewhere);

/// <summary>The role administration's view: the schools the administrator may assign roles at, and the staff.</summary>
public sealed record StaffAdminOverview(IReadOnlyList<AdminSchool> Schools, IReadOnlyList<StaffAdminRow> Staff);

/// <summary>A new staff member created by an administrator, with a first role at one of their schools.</summary>
public sealed record NewStaffMember
{
    public string? Login { get; init; }
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    public PortalRole? Role { get; init; }
    public int? SchoolId { get; init; }
}

/// <summary>
/// Role administration: who holds which role at which school, and who may sign in at all. Only an administrator of a
/// school assigns or revokes roles at that school. Every change is audited in the same SaveChanges as the change (ids
/// and codes only), refusals too. Nothing here reads pupil data.
/// </summary>
public sealed class StaffAdminService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<StaffAdminService> logger)
{
    /// <summary>Refusals are audited under this code; a granted assignment as "role.assign.{Role}", so the trail says which role.</summary>
    public const string AssignAction = "role.assign";
    public const string RevokeAction = "role.revoke";
    public const string DeactivateAction = "staff.deactivate";
    public const string ActivateAction = "staff.activate";
    public const string CreateAction = "staff.create";
    private const string ListAction = "staff.list";
    private static readonly string AdministratorRole = nameof(PortalRole.Administrator);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>
    /// Staff holding any role at the administrator's schools, and staff holding no role at all (new Entra ID users who
    /// still need one), by name. Only the roles at the administrator's schools are listed.
    /// </summary>
    public async Task<StaffAdminOverview> ListAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ListAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolIds = await AdminSchoolsAsync(db, staffId, ListAction, null, ct);

        var schools = await db.Schools.AsNoTracking()
            .Where(s => schoolIds.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new AdminSchool(s.Id, s.Name, s.ShortName, s.Color))
            .ToListAsync(ct);

        var rows = await db.StaffMembers.AsNoTracking()
            .Where(s => !s.Roles.Any() || s.Roles.Any(r => schoolIds.Contains(r.SchoolId)))
            .OrderBy(s => s.DisplayName).ThenBy(s => s.Login)
            .Select(s => new
            {
                s.Id,
                s.Login,
                s.DisplayName,
                s.Email,
                s.IsActive,
                Linked = s.ExternalId != null,
                Roles = s.Roles
                    .Where(r => schoolIds.Contains(r.SchoolId))
                    .Select(r => new StaffRoleView(r.Role, r.SchoolId, r.School!.Name, r.School.ShortName, r.School.Color, r.Source))
                    .ToList(),
                Elsewhere = s.Roles.Any(r => !schoolIds.Contains(r.SchoolId)),
            })
            .ToListAsync(ct);

        return new StaffAdminOverview(schools, rows
            .Select(r => new StaffAdminRow(r.Id, r.Login, r.DisplayName, r.Email, r.IsActive, r.Linked,
                r.Roles.OrderBy(x => x.SchoolName, StringComparer.Ordinal).ThenBy(x => x.Role).ToList(), r.Elsewhere))
            .ToList());
    }

    /// <summary>Gives <paramref name="staffMemberId"/> the <paramref name="role"/> at <paramref name="schoolId"/>.</summary>
    public async Task AssignRoleAsync(int staffMemberId, PortalRole role, int schoolId, CancellationToken ct = default)
    {
        var adminId = await currentUser.RequireStaffMemberIdAsync(AssignAction);
        if (!Enum.IsDefined(role))
            throw new DomainValidationException("Role", "Kies een rol.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolIds = await AdminSchoolsAsync(db, adminId, AssignAction, staffMemberId, ct);
        var staff = await db.StaffMembers.Include(s => s.Roles).SingleOrDefaultAsync(s => s.Id == staffMemberId, ct);
        // An administrator cannot give themselves a role that opens pupil data; another administrator must.
        if (!schoolIds.Contains(schoolId) || staff is null || !MayManage(staff, schoolIds) ||
            (staffMemberId == adminId && role != PortalRole.Administrator))
            throw await DeniedAsync(adminId, AssignAction, staffMemberId, ct);
        if (staff.Roles.Any(r => r.Role == role && r.SchoolId == schoolId))
            throw AlreadyHolds(role);

        staff.Roles.Add(new RoleAssignment { Role = role, SchoolId = schoolId, Source = RoleAssignmentSources.Local });
        audit.Add(db, new AuditRecord(adminId, $"{AssignAction}.{role}", AuditRecordKind.RoleAssignment, staffMemberId, null, schoolId, AdministratorRole));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else gave the same role in the meantime (the unique index refused a second one)?
            if (await HoldsAsync(staffMemberId, role, schoolId, ct))
                throw AlreadyHolds(role);
            throw;
        }

        logger.LogInformation("Role {Role} at school {SchoolId} assigned to staff {TargetStaffMemberId} by staff {StaffMemberId}",
            role, schoolId, staffMemberId, adminId);
    }

    /// <summary>
    /// Takes the <paramref name="role"/> at <paramref name="schoolId"/> away from <paramref name="staffMemberId"/>.
    /// Returns whether the role came from Entra ID: the next Entra sign-in may then grant it again.
    /// </summary>
    public async Task<bool> RevokeRoleAsync(int staffMemberId, PortalRole role, int schoolId, CancellationToken ct = default)
    {
        var adminId = await currentUser.RequireStaffMemberIdAsync(RevokeAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolIds = await AdminSchoolsAsync(db, adminId, RevokeAction, staffMemberId, ct);
        var staff = await db.StaffMembers.Include(s => s.Roles).SingleOrDefaultAsync(s => s.Id == staffMemberId, ct);
        if (!schoolIds.Contains(schoolId) || staff is null || !MayManage(staff, schoolIds))
            throw await DeniedAsync(adminId, RevokeAction, staffMemberId, ct);

        var assignment = staff.Roles.SingleOrDefault(r => r.Role == role && r.SchoolId == schoolId)
            ?? throw new DomainException($"Deze medewerker heeft de rol {role.Dutch()} op deze school niet (meer). Vernieuw de lijst.");

        if (staffMemberId == adminId && role == PortalRole.Administrator)
        {
            if (staff.Roles.Count(r => r.Role == PortalRole.Administrator) == 1)
                throw new DomainException("Dit is je laatste beheerdersrol. Als je die intrekt, kan niemand jouw toegang meer herstellen. Laat een andere beheerder dit doen.");
            var otherAdmins = await db.RoleAssignments.AnyAsync(r => r.Role == PortalRole.Administrator && r.SchoolId == schoolId
                                                                     && r.StaffMemberId != adminId && r.StaffMember!.IsActive, ct);
            if (!otherAdmins)
                throw new DomainException("Je bent de enige beheerder van deze school. Geef eerst iemand anders de rol Beheerder op deze school.");
        }

        var fromEntra = assignment.Source == RoleAssignmentSources.Entra;
        staff.Roles.Remove(assignment);
        audit.Add(db, new AuditRecord(adminId, $"{RevokeAction}.{role}", AuditRecordKind.RoleAssignment, staffMemberId, null, schoolId, AdministratorRole));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("Role {Role} at school {SchoolId} ({Source}) revoked from staff {TargetStaffMemberId} by staff {StaffMemberId}",
            role, schoolId, assignment.Source, staffMemberId, adminId);
        return fromEntra;
    }

    /// <summary>
    /// Deactivates (no access at all, at once) or activates a person. Allowed when every role the person holds is at a
    /// school the administrator administers, since it affects all of them. Audited once per school where the person
    /// holds a role (so each school's privacy officer sees it), or once without a school when they hold none.
    /// </summary>
    public async Task SetActiveAsync(int staffMemberId, bool active, CancellationToken ct = default)
    {
        var action = active ? ActivateAction : DeactivateAction;
        var adminId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolIds = await AdminSchoolsAsync(db, adminId, action, staffMemberId, ct);
        var staff = await db.StaffMembers.Include(s => s.Roles).SingleOrDefaultAsync(s => s.Id == staffMemberId, ct);
        if (staff is null || !MayManage(staff, schoolIds) || staff.Roles.Any(r => !schoolIds.Contains(r.SchoolId)))
            throw await DeniedAsync(adminId, action, staffMemberId, ct);
        if (staffMemberId == adminId && !active)
            throw new DomainException("Je kunt jezelf niet uitschakelen. Laat een andere beheerder dit doen.");
        if (staff.IsActive == active)
            return;

        staff.IsActive = active;
        var schools = staff.Roles.Select(r => (int?)r.SchoolId).Distinct().Order().DefaultIfEmpty(null);
        foreach (var schoolId in schools)
            audit.Add(db, new AuditRecord(adminId, action, AuditRecordKind.RoleAssignment, staffMemberId, null, schoolId, AdministratorRole));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("Staff {TargetStaffMemberId} {Action} by staff {StaffMemberId}", staffMemberId, action, adminId);
    }

    /// <summary>Creates a staff member with a first role at one of the administrator's schools; returns the new id.</summary>
    public async Task<int> CreateAsync(NewStaffMember input, CancellationToken ct = default)
    {
        var adminId = await currentUser.RequireStaffMemberIdAsync(CreateAction);
        var login = input.Login?.Trim().ToLowerInvariant();
        var name = input.DisplayName?.Trim();
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();

        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(login))
            errors[nameof(NewStaffMember.Login)] = "Vul een inlognaam in, bijvoorbeeld de voornaam en achternaam met een streepje.";
        else if (login.Length > 100 || login.Any(char.IsWhiteSpace))
            errors[nameof(NewStaffMember.Login)] = "Een inlognaam heeft geen spaties en hoogstens 100 tekens.";
        if (string.IsNullOrEmpty(name))
            errors[nameof(NewStaffMember.DisplayName)] = "Vul de naam in zoals collega's die kennen.";
        else if (name.Length > 200)
            errors[nameof(NewStaffMember.DisplayName)] = "Een naam heeft hoogstens 200 tekens.";
        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
            errors[nameof(NewStaffMember.Email)] = "Dit lijkt geen e-mailadres. Laat het veld leeg of vul een geldig adres in.";
        if (input.Role is not { } role || !Enum.IsDefined(role))
            errors[nameof(NewStaffMember.Role)] = "Kies de eerste rol.";
        if (input.SchoolId is null)
            errors[nameof(NewStaffMember.SchoolId)] = "Kies de school.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolIds = await AdminSchoolsAsync(db, adminId, CreateAction, null, ct);
        if (!schoolIds.Contains(input.SchoolId!.Value))
            throw await DeniedAsync(adminId, CreateAction, null, ct);
        if (await db.StaffMembers.AnyAsync(s => s.Login == login, ct))
            throw new DomainValidationException(nameof(NewStaffMember.Login), "Deze inlognaam is al in gebruik. Kies een andere.");

        var staff = new StaffMember { Login = login!, DisplayName = name!, Email = email };
        staff.Roles.Add(new RoleAssignment { Role = input.Role!.Value, SchoolId = input.SchoolId.Value, Source = RoleAssignmentSources.Local });
        db.StaffMembers.Add(staff);
        try
        {
            // The new id is needed for the audit entries; both saves commit together or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            audit.Add(db, new AuditRecord(adminId, CreateAction, AuditRecordKind.RoleAssignment, staff.Id, null, input.SchoolId, AdministratorRole));
            audit.Add(db, new AuditRecord(adminId, $"{AssignAction}.{input.Role.Value}", AuditRecordKind.RoleAssignment, staff.Id, null, input.SchoolId, AdministratorRole));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else took the login in the meantime (the unique index refused a second one)? The transaction
            // is rolled back by now.
            if (await LoginTakenAsync(login!, ct))
                throw new DomainValidationException(nameof(NewStaffMember.Login), "Deze inlognaam is al in gebruik. Kies een andere.");
            throw;
        }

        logger.LogInformation("Staff {TargetStaffMemberId} created with role {Role} at school {SchoolId} by staff {StaffMemberId}",
            staff.Id, input.Role, input.SchoolId, adminId);
        return staff.Id;
    }

    /// <summary>
    /// Whether the administrator may manage this person at all: they hold a role at one of the administrator's schools,
    /// or no role anywhere yet.
    /// </summary>
    private static bool MayManage(StaffMember staff, IReadOnlySet<int> schoolIds) =>
        staff.Roles.Count == 0 || staff.Roles.Any(r => schoolIds.Contains(r.SchoolId));

    /// <summary>The schools where the current user is an (active) administrator; a refusal when there are none.</summary>
    private async Task<IReadOnlySet<int>> AdminSchoolsAsync(PortalDbContext db, int staffId, string action, int? targetId, CancellationToken ct)
    {
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var schools = scope.SchoolsWithRole(PortalRole.Administrator);
        if (schools.Count == 0)
            throw await DeniedAsync(staffId, action, targetId, ct);
        return schools;
    }

    private Task<AccessDeniedException> DeniedAsync(int staffId, string action, int? targetId, CancellationToken ct) =>
        audit.RefuseAsync(staffId, action, AuditRecordKind.RoleAssignment, targetId, ct);

    private async Task<bool> HoldsAsync(int staffMemberId, PortalRole role, int schoolId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RoleAssignments.AnyAsync(r => r.StaffMemberId == staffMemberId && r.Role == role && r.SchoolId == schoolId, ct);
    }

    private async Task<bool> LoginTakenAsync(string login, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StaffMembers.AnyAsync(s => s.Login == login, ct);
    }

    private static DomainException AlreadyHolds(PortalRole role) =>
        new($"Deze medewerker heeft de rol {role.Dutch()} op deze school al.");
}
