using IbPortal.Domain.Access;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix rows of the coaching overviews (see <see cref="AuthorizationMatrix"/>): the teacher's own
/// page, the IB'er's teacher list and per-teacher history, the school's visit coverage, and closing a coaching goal.
/// The target at the own school belongs to <c>matrix-teacher</c> (group 5 at A), at the other school to the seeded
/// teacher of school B. Visits and goals are written straight to the database (a goal per attempt would otherwise hit the
/// limit of active goals).
/// </summary>
public static class CoachingMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static DataKind[] Kinds { get; } =
    [
        new("coaching: own visits on 'Mijn coaching'",
            async (w, login, reach) =>
            {
                var visit = FreshVisitAt(w, reach);
                try
                {
                    var mine = await w.Database.Service<CoachingOverviewService>(login).GetMyCoachingAsync();
                    return mine.Upcoming.Concat(mine.Past).Any(v => v.Id == visit);
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.Teacher,
            Filters: true),

        new("coaching: teacher in the IB'er's teacher list",
            async (w, login, reach) =>
            {
                var teacher = TeacherAt(w, reach);
                try
                {
                    var list = await w.Database.Service<CoachingOverviewService>(login).GetTeachersAsync();
                    return list.Teachers.Any(t => t.StaffMemberId == teacher && t.SchoolId == SchoolAt(w, reach));
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator,
            Filters: true),

        new("coaching: a teacher's visit history (IB'er)",
            async (w, login, reach) =>
            {
                var visit = FreshVisitAt(w, reach);
                try
                {
                    var history = await w.Database.Service<CoachingOverviewService>(login).GetTeacherHistoryAsync(TeacherAt(w, reach));
                    // Reached means: the history came back with the visit in it (a history without it is a failure).
                    Assert.Contains(history.Visits, v => v.Id == visit);
                    return true;
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("coverage: the school's visit coverage",
            async (w, login, reach) =>
            {
                FreshVisitAt(w, reach);
                try
                {
                    var coverage = await w.Database.Service<CoachingOverviewService>(login).GetCoverageAsync(SchoolAt(w, reach));
                    Assert.Contains(coverage.Teachers, t => t.StaffMemberId == TeacherAt(w, reach) && t.Visits.Count > 0);
                    return true;
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.SchoolLeader),

        new("coaching goal: close",
            (w, login, reach) =>
            {
                var goal = FreshGoalAt(w, reach);
                return Reached(() => w.Database.Service<CoachingGoalService>(login).CloseAsync(goal, 0, achieved: true));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),
    ];

    /// <summary>The teacher whose data is the target: the matrix teacher at A, the seeded teacher of school B.</summary>
    private static int TeacherAt(MatrixWorld w, Reach reach) =>
        w.StaffId(reach == Reach.OwnSchool ? MatrixWorld.LoginFor(PortalRole.Teacher) : Logins.TeacherB);

    private static int SchoolAt(MatrixWorld w, Reach reach) => w.Database.SchoolId(reach == Reach.OwnSchool ? Logins.SchoolA : Logins.SchoolB);

    /// <summary>This school year's group the target teacher teaches.</summary>
    private static int GroupAt(MatrixWorld w, Reach reach)
    {
        var teacher = TeacherAt(w, reach);
        using var db = w.Database.CreateContext();
        var year = SchoolYear.StartYearOf(DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime));
        return db.GroupTeachers.AsNoTracking()
            .Where(g => g.StaffMemberId == teacher && g.Group!.SchoolYear!.StartYear == year)
            .OrderBy(g => g.GroupId).Select(g => g.GroupId).First();
    }

    /// <summary>A new visit of the target teacher, held last week (observation finished), planned by the seeded IB'er.</summary>
    private static int FreshVisitAt(MatrixWorld w, Reach reach)
    {
        var groupId = GroupAt(w, reach);
        var now = w.Database.Clock.GetUtcNow().UtcDateTime;
        using var db = w.Database.CreateContext();
        var visit = new ClassroomVisit
        {
            SchoolId = SchoolAt(w, reach),
            GroupId = groupId,
            TeacherId = TeacherAt(w, reach),
            CoordinatorId = w.StaffId(Logins.CareCoordinator),
            ScheduledAt = now.AddDays(-7),
            Focus = "Matrix: instructie aan de instructietafel.",
            Status = VisitStatus.Observed,
            ObservationNotes = "Matrix: rustige start.",
            ObservedAt = now.AddDays(-7).AddHours(1),
            CreatedAt = now.AddDays(-14),
            UpdatedAt = now.AddDays(-7),
        };
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        return visit.Id;
    }

    /// <summary>A new active coaching goal of the target teacher at the target school.</summary>
    private static int FreshGoalAt(MatrixWorld w, Reach reach)
    {
        using var db = w.Database.CreateContext();
        var goal = new CoachingGoal
        {
            SchoolId = SchoolAt(w, reach),
            TeacherId = TeacherAt(w, reach),
            Description = "Matrix: ik geef de instructie in hooguit tien minuten.",
            CreatedAt = w.Database.Clock.GetUtcNow().UtcDateTime,
            CreatedById = w.StaffId(Logins.CareCoordinator),
        };
        db.CoachingGoals.Add(goal);
        db.SaveChanges();
        return goal.Id;
    }
}
