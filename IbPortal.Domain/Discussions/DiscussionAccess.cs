using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Discussions;

/// <summary>
/// Who reaches a discussion:
/// <list type="bullet">
/// <item>the IB'er of the discussion's school reads and manages it (schedules, records, edits the agenda, adds action items);</item>
/// <item>the group's current teachers (the discussion's teacher among them, while they teach the group) read it and
/// may add agenda items while it is planned (teachers prepare discussions); as with every care record, a teacher's
/// reach ends with the school year or group they teach;</item>
/// <item>an action item's owner sees and completes their own item, without reaching the discussion itself;</item>
/// <item>nobody else.</item>
/// </list>
/// </summary>
public static class DiscussionAccess
{
    public static bool MayManage(UserScope scope, int schoolId) => scope.IsCareCoordinatorOf(schoolId);

    public static bool MayRead(UserScope scope, int schoolId, int groupId) =>
        scope.IsCareCoordinatorOf(schoolId) || ReadsAsTeacher(scope, groupId);

    /// <summary>Reads as a current teacher of the group.</summary>
    public static bool ReadsAsTeacher(UserScope scope, int groupId) => scope.IsActive && scope.Teaches(groupId);

    /// <summary>The discussions this user may read, as a query filter (the same rule as <see cref="MayRead"/>).</summary>
    public static IQueryable<Discussion> Visible(PortalDbContext db, UserScope scope)
    {
        var careSchools = scope.CareSchoolIds.ToList();
        var taught = scope.IsActive ? scope.TaughtGroupIds.ToList() : [];
        return db.Discussions.Where(d => careSchools.Contains(d.SchoolId) || taught.Contains(d.GroupId));
    }

    /// <summary>The role under which a discussion is reached, for the audit trail.</summary>
    public static string RoleFor(UserScope scope, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) ? nameof(PortalRole.CareCoordinator) : nameof(PortalRole.Teacher);

    /// <summary>Whether the person may complete (or reopen) an action item: its owner while holding a role at its school, or the IB'er of its school.</summary>
    public static bool MayComplete(UserScope scope, int ownerId, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) || (scope.IsActive && ownerId == scope.StaffMemberId && scope.AllSchoolIds.Contains(schoolId));

    /// <summary>The role under which an action item is reached: IB'er, else the owner's (first) role at that school.</summary>
    public static string? ActionItemRoleFor(UserScope scope, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId)
            ? nameof(PortalRole.CareCoordinator)
            : scope.Roles.Where(r => r.SchoolId == schoolId).Select(r => r.Role).Order().Select(r => r.ToString()).FirstOrDefault();
}
