using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of this module's kinds of pupil data (see <see cref="AuthorizationMatrix"/>).</summary>
public static class SupportMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    private static bool CareOrTeacher(PortalRole? role, Reach reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher;

    private static bool CareOnly(PortalRole? role, Reach reach) => Own(reach) && role is PortalRole.CareCoordinator;

    /// <summary>A new pupil without care records at the target school; at A in the group the matrix teacher teaches.</summary>
    private static int FreshPupilAt(MatrixWorld w, Reach reach) =>
        w.Database.NewPupilIn(Own(reach) ? Logins.TeacherA : Logins.TeacherB, "Matrix");

    private static DateOnly Today(MatrixWorld w) => DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime);

    /// <summary>A plan with a goal due in a week, made by the board's IB'er for a fresh pupil at the target school.</summary>
    private static async Task<(int PupilId, int PlanId, int GoalId)> PlanAtAsync(MatrixWorld w, Reach reach)
    {
        var pupil = FreshPupilAt(w, reach);
        var plans = w.Database.Service<SupportPlanService>(Logins.CareCoordinator);
        var planId = await plans.CreateAsync(new NewSupportPlan
        {
            PupilId = pupil,
            QuickWins = ["Matrix: vaste plek vooraan."],
            Goals = [new GoalInput("Matrix: leest vlot.", Today(w).AddDays(7))],
        });
        var overview = await w.Database.Service<SupportService>(Logins.CareCoordinator).GetOverviewAsync(pupil);
        return (pupil, planId, overview.Primary!.ActivePlan!.LongTermGoals[0].Id);
    }

    public static DataKind[] Kinds { get; } =
    [
        new("support overview: read",
            (w, login, reach) => AuthorizationMatrix.Reached(() => w.Database.Service<SupportService>(login).GetOverviewAsync(w.PupilAt(reach))),
            CareOrTeacher),

        new("support level: change",
            (w, login, reach) =>
            {
                var pupil = FreshPupilAt(w, reach);
                return AuthorizationMatrix.Reached(() => w.Database.Service<SupportService>(login)
                    .ChangeLevelAsync(pupil, 2, "Matrix: extra ondersteuning in de klas."));
            },
            CareOnly),

        new("support plan: create",
            (w, login, reach) =>
            {
                var pupil = FreshPupilAt(w, reach);
                return AuthorizationMatrix.Reached(() => w.Database.Service<SupportPlanService>(login).CreateAsync(new NewSupportPlan
                {
                    PupilId = pupil,
                    QuickWins = ["Matrix: instructie herhalen."],
                }));
            },
            CareOnly),

        new("plan goal: evaluate",
            async (w, login, reach) =>
            {
                var (_, planId, goalId) = await PlanAtAsync(w, reach);
                return await AuthorizationMatrix.Reached(() => w.Database.Service<SupportPlanService>(login).EvaluateGoalAsync(planId, 0, goalId,
                    new GoalEvaluationInput { Result = EvaluationResult.Achieved, EvaluatedOn = Today(w) }));
            },
            CareOnly),

        new("plan goal: appear in the evaluations due",
            async (w, login, reach) =>
            {
                var (_, _, goalId) = await PlanAtAsync(w, reach);
                var attention = await w.Database.Service<SupportService>(login).GetAttentionAsync();
                return attention.GoalEvaluations.Any(g => g.Goal.GoalId == goalId);
            },
            CareOrTeacher,
            Filters: true),

        new("OPP: create",
            (w, login, reach) =>
            {
                var pupil = FreshPupilAt(w, reach);
                return AuthorizationMatrix.Reached(() => w.Database.Service<DevelopmentPlanService>(login).CreateAsync(new NewDevelopmentPlan
                {
                    PupilId = pupil,
                    Reason = DevelopmentPlanReason.SchoolChoice,
                    Perspective = "Matrix: uitstroom vmbo-kader.",
                }));
            },
            CareOnly),
    ];
}
