using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Pupils;

namespace IbPortal.Domain.Access;

/// <summary>
/// The visibility rules as query filters, so that lists, details and checks all apply the same rule in SQL:
/// <list type="bullet">
/// <item>an IB'er reaches every pupil and concern of the schools they coordinate care for;</item>
/// <item>a teacher reaches the pupils currently enrolled in the groups they teach, the concerns on those pupils,
/// and the concerns they wrote themselves.</item>
/// </list>
/// Anyone else reaches no pupil data.
/// </summary>
public static class AccessRules
{
    public static IQueryable<Pupil> VisiblePupils(PortalDbContext db, UserScope scope, DateOnly today)
    {
        var careSchools = scope.CareSchoolIds.ToList();
        var taught = scope.TaughtGroupIds.ToList();
        return db.Pupils.Where(p => p.Enrolments.Any(e =>
            e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today) &&
            (taught.Contains(e.GroupId) || careSchools.Contains(e.Group!.SchoolId))));
    }

    /// <summary>The active enrolments through which this user may flag a pupil (taught groups, or care schools).</summary>
    public static IQueryable<Enrolment> FlaggableEnrolments(PortalDbContext db, UserScope scope, DateOnly today)
    {
        var careSchools = scope.CareSchoolIds.ToList();
        var taught = scope.TaughtGroupIds.ToList();
        return db.Enrolments.Where(e =>
            e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today) &&
            (taught.Contains(e.GroupId) || careSchools.Contains(e.Group!.SchoolId)));
    }

    public static IQueryable<Concern> VisibleConcerns(PortalDbContext db, UserScope scope, DateOnly today)
    {
        var careSchools = scope.CareSchoolIds.ToList();
        var taught = scope.TaughtGroupIds.ToList();
        // A deactivated person reaches nothing, not even what they wrote themselves.
        var me = scope.IsActive ? scope.StaffMemberId : 0;
        return db.Concerns.Where(c =>
            careSchools.Contains(c.SchoolId) ||
            c.AuthorId == me ||
            // A teacher sees concerns raised at the school where they teach the pupil now: not those of a school the
            // pupil came from.
            db.Enrolments.Any(e => e.PupilId == c.PupilId && taught.Contains(e.GroupId) && e.Group!.SchoolId == c.SchoolId &&
                                   e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)));
    }

    /// <summary>Whether an event about a concern may reach this user: the same rule as <see cref="VisibleConcerns"/>,
    /// decided on the ids the event carries and the scope loaded when the subscription started.</summary>
    public static bool MayHearOf(UserScope scope, ConcernChanged change) =>
        scope.IsCareCoordinatorOf(change.SchoolId) ||
        (scope.IsActive && change.AuthorId == scope.StaffMemberId) ||
        scope.TeachesPupilAt(change.PupilId, change.SchoolId);
}
