using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.AdminTests;

/// <summary>Helpers for the role administration and audit search tests.</summary>
internal static class AdminScenario
{
    public const string PrivacyOfficer = DemoDataSeeder.PrivacyOfficerLogin;   // privacy officer of both schools
    public const string SchoolLeaderA = DemoDataSeeder.SchoolLeaderALogin;

    public static StaffAdminService StaffAdmin(this TestDatabase database, string login) =>
        new(database.Factory, database.UserFor(login), database.Audit, database.Clock, NullLogger<StaffAdminService>.Instance);

    public static AuditSearchService AuditSearch(this TestDatabase database, string login) =>
        new(database.Factory, database.UserFor(login), database.Audit, database.Clock, NullLogger<AuditSearchService>.Instance);

    /// <summary>Adds a staff member with the given (local) roles straight to the database; returns their id.</summary>
    public static int AddStaff(this TestDatabase database, string login, string displayName, params (PortalRole Role, string School)[] roles)
    {
        using var db = database.CreateContext();
        var staff = new StaffMember { Login = login, DisplayName = displayName, Email = $"{login}@samenwijzer.example" };
        foreach (var (role, school) in roles)
            staff.Roles.Add(new RoleAssignment { Role = role, SchoolId = db.Schools.Single(s => s.ShortName == school).Id });
        db.StaffMembers.Add(staff);
        db.SaveChanges();
        return staff.Id;
    }

    /// <summary>Gives <paramref name="login"/> a role as an Entra ID sign-in would (source "entra").</summary>
    public static void AddEntraRole(this TestDatabase database, string login, PortalRole role, string school)
    {
        using var db = database.CreateContext();
        db.RoleAssignments.Add(new RoleAssignment
        {
            StaffMemberId = db.StaffMembers.Single(s => s.Login == login).Id,
            Role = role,
            SchoolId = db.Schools.Single(s => s.ShortName == school).Id,
            Source = RoleAssignmentSources.Entra,
        });
        db.SaveChanges();
    }

    /// <summary>An administrator of school B only (the seeded one administers both schools).</summary>
    public static string AddAdministratorOfSchoolB(this TestDatabase database)
    {
        database.AddStaff("beheer-b", "Bram Beheer", (PortalRole.Administrator, Logins.SchoolB));
        return "beheer-b";
    }

    public static List<(PortalRole Role, int SchoolId, string Source)> RolesOf(this TestDatabase database, string login)
    {
        using var db = database.CreateContext();
        return db.RoleAssignments.AsNoTracking().Where(r => r.StaffMember!.Login == login)
            .Select(r => new { r.Role, r.SchoolId, r.Source })
            .AsEnumerable()
            .Select(r => (r.Role, r.SchoolId, r.Source))
            .ToList();
    }

    public static bool IsActive(this TestDatabase database, string login)
    {
        using var db = database.CreateContext();
        return db.StaffMembers.AsNoTracking().Single(s => s.Login == login).IsActive;
    }

    public static List<AuditEntry> AuditEntries(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToList();
    }

    public static long LastAuditId(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.Select(a => (long?)a.Id).Max() ?? 0;
    }

    /// <summary>The audit entries written after <paramref name="afterId"/>.</summary>
    public static List<AuditEntry> AuditEntriesAfter(this TestDatabase database, long afterId) =>
        database.AuditEntries().Where(a => a.Id > afterId).ToList();

    /// <summary>Teacher A flags one of their own pupils; returns the concern id.</summary>
    public static Task<int> RaiseAsTeacherAAsync(this TestDatabase database) =>
        database.Concerns(Logins.TeacherA).RaiseAsync(new NewConcern
        {
            PupilId = database.PupilOf(Logins.TeacherA),
            Area = DevelopmentArea.Cognitive,
            Observation = "Leest nog spellend.",
        });
}
