using IbPortal.Domain.Access;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix rows of teachers' support requests and the visit agenda (see <see cref="AuthorizationMatrix"/>).
/// A request at the user's own school is asked by the matrix teacher (who teaches the target pupil's group); at the other
/// school by that school's seeded teacher. So the IB'er of the school and the asking teacher reach it, nobody else.
/// </summary>
public static class SupportRequestMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static DataKind[] Kinds { get; } =
    [
        new("support request: ask (teacher, own school)",
            (w, login, reach) => Reached(() => Service(w, login).AskAsync(Question(w, reach))),
            (role, reach) => Own(reach) && role is PortalRole.Teacher),

        new("support request: read detail",
            (w, login, reach) =>
            {
                var id = FreshRequestAt(w, reach);
                return Reached(() => Service(w, login).GetAsync(id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("support request: appear in lists",
            async (w, login, reach) =>
            {
                var id = FreshRequestAt(w, reach);
                try
                {
                    return (await Service(w, login).ListAsync(new SupportRequestQuery { Take = 1000 })).Any(r => r.Id == id);
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher,
            Filters: true),

        new("support request: pick up",
            (w, login, reach) =>
            {
                var id = FreshRequestAt(w, reach);
                return Reached(() => Service(w, login).PickUpAsync(id, 0));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("support request: close",
            (w, login, reach) =>
            {
                var id = FreshRequestAt(w, reach);
                return Reached(() => Service(w, login).CloseAsync(id, 0, "Matrix: samen besproken."));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("agenda: see a visit",
            async (w, login, reach) =>
            {
                var (id, day) = FreshVisitAt(w, reach);
                try
                {
                    var agenda = await w.Database.Service<VisitAgendaService>(login).GetAsync(new AgendaQuery { From = day, To = day });
                    return agenda.Entries.Any(e => e.IsVisit && e.Id == id);
                }
                catch (AccessDeniedException)
                {
                    return false;
                }
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher,
            Filters: true),
    ];

    private static TeacherSupportRequestService Service(MatrixWorld w, string login) => w.Database.Service<TeacherSupportRequestService>(login);

    /// <summary>The login of the teacher who asks at <paramref name="reach"/>: the matrix teacher at school A, the seeded teacher at B.</summary>
    private static string AskerAt(Reach reach) => Own(reach) ? MatrixWorld.LoginFor(PortalRole.Teacher) : Logins.TeacherB;

    private static int GroupOfPupil(MatrixWorld w, Reach reach)
    {
        var pupil = w.PupilAt(reach);
        var today = DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime);
        using var db = w.Database.CreateContext();
        return db.Enrolments.AsNoTracking()
            .Where(e => e.PupilId == pupil && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => e.GroupId).First();
    }

    private static NewSupportRequest Question(MatrixWorld w, Reach reach) => new()
    {
        Topic = SupportTopic.Pupil,
        GroupId = GroupOfPupil(w, reach),
        PupilId = w.PupilAt(reach),
        Question = "Matrix: hoe help ik deze leerling bij het plannen van zijn werk?",
    };

    /// <summary>A new open request about the target pupil, asked by the teacher of the target school.</summary>
    private static int FreshRequestAt(MatrixWorld w, Reach reach) =>
        Service(w, AskerAt(reach)).AskAsync(Question(w, reach)).GetAwaiter().GetResult();

    /// <summary>
    /// A new planned visit of the target school's teacher (the matrix teacher at A) in the target pupil's group, written to
    /// the database directly; returns it with its day.
    /// </summary>
    private static (int Id, DateOnly Day) FreshVisitAt(MatrixWorld w, Reach reach)
    {
        var group = GroupOfPupil(w, reach);
        using var db = w.Database.CreateContext();
        var asker = AskerAt(reach);
        var at = w.Database.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(10);
        var visit = new ClassroomVisit
        {
            SchoolId = db.Groups.Where(g => g.Id == group).Select(g => g.SchoolId).Single(),
            GroupId = group,
            TeacherId = db.StaffMembers.Single(s => s.Login == asker).Id,
            CoordinatorId = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
            ScheduledAt = at,
            Focus = "Matrix: instructie",
            CreatedAt = at.AddDays(-1),
            UpdatedAt = at.AddDays(-1),
        };
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        return (visit.Id, DateOnly.FromDateTime(at));
    }
}
