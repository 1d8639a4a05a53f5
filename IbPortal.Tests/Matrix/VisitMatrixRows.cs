using IbPortal.Domain.Access;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix rows of classroom visits (see <see cref="AuthorizationMatrix"/>). The visit at OwnSchool is of the
/// matrix teacher (group 5 at school A), the one at OtherSchool of <see cref="Logins.TeacherB"/> at school B; both are planned
/// by the seeded IB'er of both schools.
/// </summary>
public static class VisitMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static DataKind[] Kinds { get; } =
    [
        new("visit: read",
            (w, login, reach) =>
            {
                var id = FreshVisitAt(w, reach);
                return Reached(() => w.Database.Service<ClassroomVisitService>(login).GetAsync(id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("visit: plan",
            (w, login, reach) => Reached(() => w.Database.Service<ClassroomVisitService>(login).PlanAsync(Draft(w, reach))),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("visit: record the feedback conversation",
            (w, login, reach) =>
            {
                var id = ObservedVisitAt(w, reach, out var version);
                return Reached(() => w.Database.Service<ClassroomVisitService>(login)
                    .RecordFeedbackAsync(id, version, new FeedbackInput { Notes = "Matrix: nagesprek gevoerd." }));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("visit: write the reflection (the visited teacher only)",
            (w, login, reach) =>
            {
                var id = ObservedVisitAt(w, reach, out var version);
                return Reached(() => w.Database.Service<ClassroomVisitService>(login)
                    .SaveReflectionAsync(id, version, new ReflectionInput { WentWell = "Matrix: de start ging goed." }));
            },
            (role, reach) => Own(reach) && role is PortalRole.Teacher),

        new("coaching goal: add on a visit",
            async (w, login, reach) =>
            {
                var id = ObservedVisitAt(w, reach, out _);
                int goalId;
                try
                {
                    goalId = await w.Database.Service<CoachingGoalService>(login)
                        .AddAsync(new NewCoachingGoal { VisitId = id, Description = "Matrix: kortere instructie." });
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
                // Close it again, so that the teacher's limit of active goals never interferes with other rows.
                await w.Database.Service<CoachingGoalService>(Logins.CareCoordinator).CloseAsync(goalId, 0, achieved: false);
                return true;
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),
    ];

    private static VisitDraft Draft(MatrixWorld w, Reach reach)
    {
        using var db = w.Database.CreateContext();
        var teacherLogin = reach == Reach.OwnSchool ? MatrixWorld.LoginFor(PortalRole.Teacher) : Logins.TeacherB;
        var teacherId = w.StaffId(teacherLogin);
        var school = reach == Reach.OwnSchool ? Logins.SchoolA : Logins.SchoolB;
        var groupId = db.GroupTeachers.AsNoTracking()
            .Where(t => t.StaffMemberId == teacherId && t.Group!.School!.ShortName == school)
            .OrderByDescending(t => t.Group!.SchoolYear!.StartYear)
            .Select(t => t.GroupId).First();
        return new VisitDraft
        {
            GroupId = groupId,
            TeacherId = teacherId,
            Date = DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime).AddDays(1),
            Time = new TimeOnly(10, 0),
            Focus = "Matrix: instructie in de kleine kring.",
        };
    }

    /// <summary>A new visit at the target school, planned by the seeded IB'er of both schools.</summary>
    private static int FreshVisitAt(MatrixWorld w, Reach reach) =>
        w.Database.Service<ClassroomVisitService>(Logins.CareCoordinator).PlanAsync(Draft(w, reach)).GetAwaiter().GetResult();

    /// <summary>A new visit whose observation is finished (written directly: the observation is another service's step).</summary>
    private static int ObservedVisitAt(MatrixWorld w, Reach reach, out int version)
    {
        var id = FreshVisitAt(w, reach);
        using var db = w.Database.CreateContext();
        var visit = db.ClassroomVisits.Single(v => v.Id == id);
        visit.Status = VisitStatus.Observed;
        visit.ObservedAt = w.Database.Clock.GetUtcNow().UtcDateTime;
        visit.Version++;
        db.SaveChanges();
        version = visit.Version;
        return id;
    }
}
