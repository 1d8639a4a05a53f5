using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Visits;

/// <summary>
/// Who reaches classroom visits, coaching goals and teachers' support requests:
/// <list type="bullet">
/// <item>the IB'er of the school plans, reads and records visits, and reads and manages goals and requests, per teacher;</item>
/// <item>the visited teacher reads their own visits (observation, feedback, goals) while they hold the teacher role at that
/// school, writes their own reflection, and asks for support; no other teacher reaches them;</item>
/// <item>the school leader sees coverage only: who was visited, when and how far the cycle got, never the notes, scores,
/// goals or reflections;</item>
/// <item>nobody else (the administrator edits the kijkwijzer, which holds no notes).</item>
/// </list>
/// </summary>
public static class VisitAccess
{
    public static bool MayManage(UserScope scope, int schoolId) => scope.IsCareCoordinatorOf(schoolId);

    /// <summary>Whether this user is <paramref name="teacherId"/>, acting as a teacher at <paramref name="schoolId"/>.</summary>
    public static bool IsTheTeacher(UserScope scope, int teacherId, int schoolId) =>
        scope.IsActive && scope.StaffMemberId == teacherId && scope.Roles.Contains((PortalRole.Teacher, schoolId));

    /// <summary>Reads a visit's or goal's content: the IB'er of the school, or the teacher it is about.</summary>
    public static bool MayRead(UserScope scope, int teacherId, int schoolId) =>
        MayManage(scope, schoolId) || IsTheTeacher(scope, teacherId, schoolId);

    /// <summary>Sees who was visited when at the school (no content): the IB'er and the school leader.</summary>
    public static bool MaySeeCoverage(UserScope scope, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) || scope.Roles.Contains((PortalRole.SchoolLeader, schoolId));

    /// <summary>The visits this user may read, as a query filter (the same rule as <see cref="MayRead"/>).</summary>
    public static IQueryable<ClassroomVisit> Visible(PortalDbContext db, UserScope scope)
    {
        var (care, me, teaching) = Parts(scope);
        return db.ClassroomVisits.Where(v => care.Contains(v.SchoolId) || (v.TeacherId == me && teaching.Contains(v.SchoolId)));
    }

    public static IQueryable<CoachingGoal> VisibleGoals(PortalDbContext db, UserScope scope)
    {
        var (care, me, teaching) = Parts(scope);
        return db.CoachingGoals.Where(g => care.Contains(g.SchoolId) || (g.TeacherId == me && teaching.Contains(g.SchoolId)));
    }

    public static IQueryable<TeacherSupportRequest> VisibleRequests(PortalDbContext db, UserScope scope)
    {
        var (care, me, teaching) = Parts(scope);
        return db.TeacherSupportRequests.Where(r => care.Contains(r.SchoolId) || (r.TeacherId == me && teaching.Contains(r.SchoolId)));
    }

    /// <summary>The role under which a visit, goal or request is reached, for the audit trail (null: not reached).</summary>
    public static string? RoleFor(UserScope scope, int teacherId, int schoolId) =>
        MayManage(scope, schoolId) ? nameof(PortalRole.CareCoordinator)
        : IsTheTeacher(scope, teacherId, schoolId) ? nameof(PortalRole.Teacher)
        : null;

    /// <summary>The role under which coverage is seen, for the audit trail.</summary>
    public static string CoverageRoleFor(UserScope scope, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) ? nameof(PortalRole.CareCoordinator) : nameof(PortalRole.SchoolLeader);

    /// <summary>Whether an event about a support request may reach this user (the same rule as <see cref="VisibleRequests"/>).</summary>
    public static bool MayHearOf(UserScope scope, SupportRequestChanged change) =>
        MayRead(scope, change.TeacherId, change.SchoolId);

    private static (List<int> Care, int Me, List<int> Teaching) Parts(UserScope scope) =>
        (scope.CareSchoolIds.ToList(),
         // A deactivated person reaches nothing, not even their own visits.
         scope.IsActive ? scope.StaffMemberId : 0,
         scope.IsActive ? scope.SchoolsWithRole(PortalRole.Teacher).ToList() : []);
}
