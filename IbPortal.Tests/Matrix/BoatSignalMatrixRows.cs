using IbPortal.Domain.Organisation;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix rows of groups' boat signals (see <see cref="AuthorizationMatrix"/>). Each attempt works on
/// a fresh group with an open signal at the target school. The IB'er of the school reads, acts and dismisses; the
/// quality coordinator and the school leader of the school read; nobody else reaches it.
/// </summary>
public static class BoatSignalMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    public static DataKind[] Kinds { get; } =
    [
        new("boat signal: read",
            async (w, login, reach) =>
            {
                var (id, school) = FreshSignalAt(w, reach);
                var list = default(IReadOnlyList<BoatSignalSummary>);
                var reached = await Reached(async () => list = await Service(w, login).ListAsync([school]));
                return reached && list!.Any(s => s.Id == id);
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.QualityCoordinator or PortalRole.SchoolLeader),

        new("boat signal: act",
            (w, login, reach) =>
            {
                var (id, _) = FreshSignalAt(w, reach);
                return Reached(() => Service(w, login).ActAsync(id, BoatSignalResponses.GroupDiscussion, null, 0));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("boat signal: dismiss",
            (w, login, reach) =>
            {
                var (id, _) = FreshSignalAt(w, reach);
                return Reached(() => Service(w, login).DismissAsync(id, "Matrix: de groep is rustig.", 0));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),
    ];

    private static BoatSignalService Service(MatrixWorld w, string login) => w.Database.Service<BoatSignalService>(login);

    /// <summary>A new group at the target school with an open signal (one open signal per group).</summary>
    private static (int SignalId, int SchoolId) FreshSignalAt(MatrixWorld w, Reach reach)
    {
        using var db = w.Database.CreateContext();
        var shortName = reach == Reach.OwnSchool ? Logins.SchoolA : Logins.SchoolB;
        var model = db.Groups.Where(g => g.School!.ShortName == shortName).OrderByDescending(g => g.SchoolYear!.StartYear).First();
        var group = new Group { SchoolId = model.SchoolId, SchoolYearId = model.SchoolYearId, Name = $"Matrix {Guid.NewGuid():N}"[..20], FirstGrade = 5, LastGrade = 5 };
        db.Groups.Add(group);
        db.SaveChanges();
        var signal = new BoatSignal
        {
            GroupId = group.Id,
            SchoolId = group.SchoolId,
            RaisedAt = w.Database.Clock.GetUtcNow().UtcDateTime,
            Reasons = BoatSignalReasons.NewConcerns,
            PupilCount = 24,
            NewConcerns = 6,
            NewConcernsWeeks = 4,
            Proposed = BoatSignalResponses.ClassroomVisit,
        };
        db.BoatSignals.Add(signal);
        db.SaveChanges();
        return (signal.Id, group.SchoolId);
    }
}
