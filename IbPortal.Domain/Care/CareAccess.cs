using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Care;

/// <summary>
/// Who reaches pupil-care records (<see cref="IPupilCareRecord"/>), as rules and as query filters, the same way as
/// concerns:
/// <list type="bullet">
/// <item>the IB'er of the record's school reads and manages them;</item>
/// <item>a teacher who teaches the pupil at that school now reads them;</item>
/// <item>nobody else reaches them (the privacy officer through the inzage export only).</item>
/// </list>
/// </summary>
public static class CareAccess
{
    public static bool MayRead(UserScope scope, int pupilId, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) || scope.TeachesPupilAt(pupilId, schoolId);

    public static bool MayManage(UserScope scope, int schoolId) => scope.IsCareCoordinatorOf(schoolId);

    /// <summary>The role under which the record is reached, for the audit trail (null: not reached).</summary>
    public static string? RoleFor(UserScope scope, int pupilId, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) ? nameof(Staff.PortalRole.CareCoordinator)
        : scope.TeachesPupilAt(pupilId, schoolId) ? nameof(Staff.PortalRole.Teacher)
        : null;

    /// <summary>The records of <paramref name="records"/> this user may read, as a query filter.</summary>
    public static IQueryable<T> Visible<T>(PortalDbContext db, IQueryable<T> records, UserScope scope, DateOnly today)
        where T : class, IPupilCareRecord
    {
        var careSchools = scope.CareSchoolIds.ToList();
        var taught = scope.TaughtGroupIds.ToList();
        return records.Where(r =>
            careSchools.Contains(r.SchoolId) ||
            db.Enrolments.Any(e => e.PupilId == r.PupilId && taught.Contains(e.GroupId) && e.Group!.SchoolId == r.SchoolId &&
                                   e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)));
    }

    /// <summary>
    /// The school where a new care record for the pupil belongs: the school of the pupil's current enrolment.
    /// Null when the pupil is not enrolled today (or does not exist).
    /// </summary>
    public static async Task<CarePlacement?> CurrentPlacementAsync(PortalDbContext db, int pupilId, DateOnly today, CancellationToken ct) =>
        await db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupilId && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .OrderByDescending(e => e.EnrolledOn).ThenByDescending(e => e.Id)
            .Select(e => new CarePlacement(e.PupilId, e.Group!.SchoolId, e.GroupId))
            .FirstOrDefaultAsync(ct);
}

/// <summary>Where a pupil is today: school and group.</summary>
public sealed record CarePlacement(int PupilId, int SchoolId, int GroupId);
