using IbPortal.Domain.Access;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Parents;

/// <summary>
/// Where a user reaches the parents' records of one pupil (guardians, conversations, consents, expert reports).
/// </summary>
/// <param name="PupilId">The pupil.</param>
/// <param name="SchoolId">The school whose records are shown: the pupil's current school when the user reaches it, else
/// the latest former school where the user is the IB'er.</param>
/// <param name="Role">The role under which they are reached, for the audit trail.</param>
/// <param name="CanManage">The user is the IB'er of that school (changes existing records).</param>
/// <param name="CanAdd">The user may add new records: the IB'er of the pupil's current school.</param>
public sealed record ParentReach(int PupilId, int SchoolId, string Role, bool CanManage, bool CanAdd);

/// <summary>
/// The access rule of this module, on top of <see cref="CareAccess"/>: one school at a time, the pupil's current
/// school first. Callers refuse through `AuditTrail.RefusePupilAsync`, which names the pupil.
/// </summary>
internal static class ParentAccess
{
    /// <summary>Where the user reads the pupil's parent records, or null when they reach none.</summary>
    public static async Task<ParentReach?> ReadReachAsync(PortalDbContext db, UserScope scope, int pupilId, DateOnly today, CancellationToken ct)
    {
        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        if (placement is not null && CareAccess.MayRead(scope, pupilId, placement.SchoolId))
        {
            var manage = CareAccess.MayManage(scope, placement.SchoolId);
            return new ParentReach(pupilId, placement.SchoolId, CareAccess.RoleFor(scope, pupilId, placement.SchoolId)!, manage, manage);
        }

        // A pupil who left (or moved): the IB'er of a former school still reads what was recorded there.
        var careSchools = scope.CareSchoolIds.ToList();
        if (careSchools.Count == 0)
            return null;
        var former = await db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupilId && careSchools.Contains(e.Group!.SchoolId))
            .OrderByDescending(e => e.EnrolledOn).ThenByDescending(e => e.Id)
            .Select(e => (int?)e.Group!.SchoolId)
            .FirstOrDefaultAsync(ct);
        return former is { } school
            ? new ParentReach(pupilId, school, nameof(Staff.PortalRole.CareCoordinator), CanManage: true, CanAdd: false)
            : null;
    }

    /// <summary>Where a new record for the pupil goes (the current school), when the user is its IB'er; else null.</summary>
    public static async Task<ParentReach?> AddReachAsync(PortalDbContext db, UserScope scope, int pupilId, DateOnly today, CancellationToken ct)
    {
        var placement = await CareAccess.CurrentPlacementAsync(db, pupilId, today, ct);
        return placement is not null && CareAccess.MayManage(scope, placement.SchoolId)
            ? new ParentReach(pupilId, placement.SchoolId, nameof(Staff.PortalRole.CareCoordinator), CanManage: true, CanAdd: true)
            : null;
    }

}
