using IbPortal.Domain.Concerns;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.Matrix;

/// <summary>Where the record a case tries to reach lives, seen from the user's assignment.</summary>
public enum Reach
{
    /// <summary>The record belongs to the school (and, for a teacher, the group) the user is assigned to.</summary>
    OwnSchool,

    /// <summary>The record belongs to the other school, where the user holds no role.</summary>
    OtherSchool,
}

/// <summary>
/// The world every authorization case runs in: the seeded demo board plus one staff member per role, each holding
/// only that role at school A (a teacher also teaches the target pupil's group), and one person without any role.
/// Target records exist at both schools: a pupil with a concern at A and one at B, and audit entries about both.
/// </summary>
public sealed class MatrixWorld : IDisposable
{
    public const string NoAssignmentLogin = "matrix-geen-rol";

    public MatrixWorld()
    {
        Database = new TestDatabase();
        using var db = Database.CreateContext();
        var schoolA = db.Schools.Single(s => s.ShortName == Logins.SchoolA);
        var group5 = db.Groups.Single(g => g.SchoolId == schoolA.Id && g.Name == "5");
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            var member = new StaffMember { Login = LoginFor(role), DisplayName = $"Matrix {role}" };
            member.Roles.Add(new RoleAssignment { Role = role, SchoolId = schoolA.Id });
            if (role == PortalRole.Teacher)
                member.Groups.Add(new GroupTeacher { GroupId = group5.Id });
            db.StaffMembers.Add(member);
        }
        db.StaffMembers.Add(new StaffMember { Login = NoAssignmentLogin, DisplayName = "Matrix zonder rol" });
        db.SaveChanges();

        PupilA = Database.PupilOf(Logins.TeacherA);
        PupilB = Database.PupilOf(Logins.TeacherB);
        ConcernA = Raise(Logins.TeacherA, PupilA);
        ConcernB = Raise(Logins.TeacherB, PupilB);
        // Reads by the IB'er leave audit entries about both pupils, for the audit rows to find.
        Database.Concerns(Logins.CareCoordinator).GetDetailAsync(ConcernA).GetAwaiter().GetResult();
        Database.Concerns(Logins.CareCoordinator).GetDetailAsync(ConcernB).GetAwaiter().GetResult();
    }

    public TestDatabase Database { get; }
    public int PupilA { get; }
    public int PupilB { get; }
    public int ConcernA { get; }
    public int ConcernB { get; }

    public static string LoginFor(PortalRole? role) => role is { } r ? $"matrix-{r.ToString().ToLowerInvariant()}" : NoAssignmentLogin;

    public int PupilAt(Reach reach) => reach == Reach.OwnSchool ? PupilA : PupilB;
    public int ConcernAt(Reach reach) => reach == Reach.OwnSchool ? ConcernA : ConcernB;

    /// <summary>A fresh, new concern at the target school, raised by that school's teacher (for cases that change it).</summary>
    public int FreshConcernAt(Reach reach) =>
        reach == Reach.OwnSchool ? Raise(Logins.TeacherA, PupilA) : Raise(Logins.TeacherB, PupilB);

    private int Raise(string login, int pupilId) =>
        Database.Concerns(login).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.SocialEmotional,
            Observation = "Matrix: trekt zich terug in de pauze.",
        }).GetAwaiter().GetResult();

    public int StaffId(string login)
    {
        using var db = Database.CreateContext();
        return db.StaffMembers.AsNoTracking().Single(s => s.Login == login).Id;
    }

    public void Dispose() => Database.Dispose();
}
