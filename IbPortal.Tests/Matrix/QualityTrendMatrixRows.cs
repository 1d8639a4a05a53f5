using IbPortal.Domain.Access;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>
/// The authorization matrix rows of the quality view's trends (aggregates; refusals audited) (see <see cref="AuthorizationMatrix"/>).
/// Each row reads one trend figure for school A (OwnSchool) or school B (OtherSchool). Rule: the quality coordinator, the
/// school leader and the IB'er read the figures of their own school; everyone else is refused (and audited). A read counts
/// as reached when it returns the school in its figures.
/// </summary>
public static class QualityTrendMatrixRows
{
    private static bool MayRead(PortalRole? role, Reach reach) =>
        reach == Reach.OwnSchool && role is PortalRole.QualityCoordinator or PortalRole.SchoolLeader or PortalRole.CareCoordinator;

    private static int SchoolAt(MatrixWorld w, Reach reach) =>
        w.Database.SchoolId(reach == Reach.OwnSchool ? Logins.SchoolA : Logins.SchoolB);

    private static async Task<bool> Read(MatrixWorld w, string login, Reach reach,
        Func<QualityTrendService, TrendQuery, Task<IReadOnlyList<TrendSchool>>> read)
    {
        var school = SchoolAt(w, reach);
        try
        {
            var schools = await read(w.Database.Service<QualityTrendService>(login), new TrendQuery([school]));
            return schools.Any(s => s.Id == school);
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    public static DataKind[] Kinds { get; } =
    [
        new("quality trend: concerns over time",
            (w, login, reach) => Read(w, login, reach, async (s, q) => (await s.GetConcernTrendAsync(q)).Schools),
            MayRead),

        new("quality trend: care speed",
            (w, login, reach) => Read(w, login, reach, async (s, q) => (await s.GetCareSpeedAsync(q)).Schools),
            MayRead),

        new("quality trend: support levels",
            (w, login, reach) => Read(w, login, reach, async (s, q) => (await s.GetSupportLevelsAsync(q)).Schools),
            MayRead),

        new("quality trend: plan-goal evaluations",
            (w, login, reach) => Read(w, login, reach, async (s, q) => (await s.GetEvaluationsAsync(q)).Schools),
            MayRead),

        new("quality trend: classroom-visit coverage",
            (w, login, reach) => Read(w, login, reach, async (s, q) => (await s.GetVisitCoverageAsync(q)).Schools),
            MayRead),

        new("quality trend: consents",
            (w, login, reach) => Read(w, login, reach, async (s, q) => (await s.GetConsentsAsync(q)).Schools),
            MayRead),

        new("quality indicator: measure for a school and year",
            (w, login, reach) => Reached(() => w.Database.Service<QualityIndicatorService>(login)
                .MeasureAsync(SchoolAt(w, reach), 2026, QualityIndicator.ConcernsPer100Pupils)),
            MayRead),
    ];
}
