using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Access;

/// <summary>
/// What one staff member may reach, loaded fresh from the database for each operation, so that a change of
/// roles takes effect at once. All authorization decisions in the domain go through this type.
/// </summary>
public sealed record UserScope(
    int StaffMemberId,
    bool IsActive,
    IReadOnlySet<(PortalRole Role, int SchoolId)> Roles,
    IReadOnlySet<int> TaughtGroupIds,
    IReadOnlySet<(int PupilId, int SchoolId)> TaughtPupils)
{
    /// <summary>Pupils currently enrolled in a group this person teaches (at any of their schools).</summary>
    public IReadOnlySet<int> TaughtPupilIds { get; } = TaughtPupils.Select(p => p.PupilId).ToHashSet();

    /// <summary>Whether this person teaches <paramref name="pupilId"/> at <paramref name="schoolId"/> now.</summary>
    public bool TeachesPupilAt(int pupilId, int schoolId) => TaughtPupils.Contains((pupilId, schoolId));

    public IReadOnlySet<int> SchoolsWithRole(PortalRole role) =>
        Roles.Where(r => r.Role == role).Select(r => r.SchoolId).ToHashSet();

    /// <summary>Schools where this person coordinates pupil care (IB'er).</summary>
    public IReadOnlySet<int> CareSchoolIds => SchoolsWithRole(PortalRole.CareCoordinator);

    public bool Has(PortalRole role) => Roles.Any(r => r.Role == role);

    public bool IsCareCoordinatorOf(int schoolId) => Roles.Contains((PortalRole.CareCoordinator, schoolId));

    public bool Teaches(int groupId) => TaughtGroupIds.Contains(groupId);

    /// <summary>The role under which this user reaches a concern or pupil, for the audit trail.</summary>
    public string? AccessRoleFor(int schoolId, int? authorId, int? pupilId) =>
        IsCareCoordinatorOf(schoolId) ? nameof(PortalRole.CareCoordinator)
        : (IsActive && authorId == StaffMemberId) || (pupilId is { } p && TaughtPupilIds.Contains(p)) ? nameof(PortalRole.Teacher)
        : null;

    /// <summary>Every school where the person holds any role.</summary>
    public IReadOnlySet<int> AllSchoolIds => Roles.Select(r => r.SchoolId).ToHashSet();

    public static async Task<UserScope> LoadAsync(PortalDbContext db, int staffMemberId, DateOnly today, CancellationToken ct)
    {
        var active = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == staffMemberId)
            .Select(s => s.IsActive)
            .SingleOrDefaultAsync(ct);
        if (!active)
            return new UserScope(staffMemberId, false, new HashSet<(PortalRole, int)>(), new HashSet<int>(), new HashSet<(int, int)>());

        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.StaffMemberId == staffMemberId)
            .Select(r => new { r.Role, r.SchoolId })
            .ToListAsync(ct);

        var currentYear = SchoolYear.StartYearOf(today);
        var teacherSchools = roles.Where(r => r.Role == PortalRole.Teacher).Select(r => r.SchoolId).ToList();
        var groups = await db.GroupTeachers.AsNoTracking()
            .Where(g => g.StaffMemberId == staffMemberId
                        && g.Group!.SchoolYear!.StartYear == currentYear
                        && teacherSchools.Contains(g.Group.SchoolId))
            .Select(g => g.GroupId)
            .ToListAsync(ct);

        var pupils = await db.Enrolments.AsNoTracking()
            .Where(e => groups.Contains(e.GroupId) && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => new { e.PupilId, e.Group!.SchoolId })
            .ToListAsync(ct);

        return new UserScope(staffMemberId, true, roles.Select(r => (r.Role, r.SchoolId)).ToHashSet(), groups.ToHashSet(),
            pupils.Select(p => (p.PupilId, p.SchoolId)).ToHashSet());
    }
}
