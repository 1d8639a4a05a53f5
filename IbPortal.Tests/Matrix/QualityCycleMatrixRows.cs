using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix rows of the schools' quality cycle (PDCA) (see <see cref="AuthorizationMatrix"/>): the
/// school's quality coordinator, school leader and IB'er read and manage it; nobody else, and never at another school.
/// Target goals (school year 2027, in words only) are created per attempt by the seeded quality coordinator, who works
/// at both schools; action owners are the seeded IB'er (also at both schools).
/// </summary>
public static class QualityCycleMatrixRows
{
    private const int Year = 2027;

    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    private static bool Manages(PortalRole? role) =>
        role is PortalRole.QualityCoordinator or PortalRole.SchoolLeader or PortalRole.CareCoordinator;

    public static DataKind[] Kinds { get; } =
    [
        new("quality cycle: read the goals of a school",
            async (w, login, reach) =>
            {
                var goal = await FreshGoalAsync(w, reach);
                return await Reached(async () =>
                {
                    var list = await w.Database.Service<QualityCycleService>(login).ListGoalsAsync(SchoolAt(w, reach), Year);
                    Assert.Contains(list.Goals, g => g.Id == goal);
                    await w.Database.Service<QualityCycleService>(login).GetGoalAsync(goal);
                });
            },
            (role, reach) => Own(reach) && Manages(role)),

        new("quality cycle: create a goal",
            (w, login, reach) => Reached(() => w.Database.Service<QualityCycleService>(login).CreateGoalAsync(SchoolAt(w, reach), Goal())),
            (role, reach) => Own(reach) && Manages(role)),

        new("quality cycle: add an action",
            async (w, login, reach) =>
            {
                var goal = await FreshGoalAsync(w, reach);
                return await Reached(() => w.Database.Service<QualityCycleService>(login).AddActionAsync(goal, new QualityActionInput
                {
                    Description = "Matrix: afspraken maken",
                    OwnerId = w.Database.StaffId(Logins.CareCoordinator),
                    DueOn = new DateOnly(Year, 10, 1),
                }));
            },
            (role, reach) => Own(reach) && Manages(role)),

        new("quality cycle: record a check",
            async (w, login, reach) =>
            {
                var goal = await FreshGoalAsync(w, reach);
                return await Reached(() => w.Database.Service<QualityCycleService>(login).RecordCheckAsync(goal,
                    new QualityCheckInput { Findings = "Matrix: op koers", Result = QualityCheckResult.OnTrack }));
            },
            (role, reach) => Own(reach) && Manages(role)),
    ];

    private static QualityGoalInput Goal() => new()
    {
        Title = "Matrix: rust in de school",
        IndicatorText = "Matrix: de groepen starten op tijd.",
        SchoolYearStart = Year,
    };

    private static int SchoolAt(MatrixWorld w, Reach reach)
    {
        using var db = w.Database.CreateContext();
        var shortName = reach == Reach.OwnSchool ? Logins.SchoolA : Logins.SchoolB;
        return db.Schools.Single(s => s.ShortName == shortName).Id;
    }

    private static Task<int> FreshGoalAsync(MatrixWorld w, Reach reach) =>
        w.Database.Service<QualityCycleService>(Logins.Quality).CreateGoalAsync(SchoolAt(w, reach), Goal());
}
