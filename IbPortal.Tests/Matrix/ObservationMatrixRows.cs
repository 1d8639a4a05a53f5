using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using IbPortal.Tests.VisitTests;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of the kijkwijzer and the observation (see <see cref="AuthorizationMatrix"/>).</summary>
public static class ObservationMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static DataKind[] Kinds { get; } =
    [
        new("observation: read",
            (w, login, reach) =>
            {
                var id = FinishedVisitAt(w, reach);
                return Reached(() => w.Database.Service<ObservationService>(login).GetAsync(id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("observation: save",
            (w, login, reach) =>
            {
                var id = VisitAt(w, reach);
                return Reached(() => w.Database.Service<ObservationService>(login).SaveAsync(id, 0,
                    new ObservationInput { Notes = "Matrix: rustige start." }));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("observation: add a note about a pupil",
            (w, login, reach) =>
            {
                var id = VisitAt(w, reach);
                return Reached(() => w.Database.Service<ObservationService>(login).AddPupilNoteAsync(id, w.PupilAt(reach),
                    "Matrix: kwam niet op gang."));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        // The kijkwijzer belongs to the board, which both schools share: the administrator of school A publishes it for both.
        new("kijkwijzer: publish a new version",
            async (w, login, reach) =>
            {
                var current = await w.Database.Service<CriteriaSetService>(Logins.Administrator).GetCurrentAsync();
                var draft = CriteriaSetDraft.From(current);
                draft.Name = $"Matrix {reach} {login} {current.Version}";
                return await Reached(() => w.Database.Service<CriteriaSetService>(login).PublishAsync(draft));
            },
            (role, _) => role is PortalRole.Administrator),
    ];

    /// <summary>A new visit whose time has come, of the matrix teacher in group 5 at A, or of teacher B at B.</summary>
    private static int VisitAt(MatrixWorld w, Reach reach, VisitStatus status = VisitStatus.Planned)
    {
        var teacherLogin = Own(reach) ? MatrixWorld.LoginFor(PortalRole.Teacher) : Logins.TeacherB;
        return ObservationScenario.NewVisit(w.Database, teacherLogin, -1, status);
    }

    private static int FinishedVisitAt(MatrixWorld w, Reach reach)
    {
        var id = VisitAt(w, reach, VisitStatus.Observed);
        using var db = w.Database.CreateContext();
        var visit = db.ClassroomVisits.Single(v => v.Id == id);
        visit.ObservationNotes = "Matrix: sterke instructie.";
        db.SaveChanges();
        return id;
    }
}
