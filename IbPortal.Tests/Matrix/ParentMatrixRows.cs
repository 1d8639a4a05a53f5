using IbPortal.Domain.Parents;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of this module's kinds of pupil data (see <see cref="AuthorizationMatrix"/>).</summary>
/// <remarks>
/// Each attempt works on a fresh pupil (in the matrix teacher's group 5 at school A, or at school B), set up by the
/// IB'er of both schools, so that attempts never depend on each other's records.
/// </remarks>
public static class ParentMatrixRows
{
    public static DataKind[] Kinds { get; } =
    [
        new("guardians: read list",
            async (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                await Guardians(w, Logins.CareCoordinator).AddAsync(pupilId, Guardian());
                return await AuthorizationMatrix.Reached(() => Guardians(w, login).ListAsync(pupilId));
            },
            Reads),

        new("guardian: add",
            (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                return AuthorizationMatrix.Reached(() => Guardians(w, login).AddAsync(pupilId, Guardian()));
            },
            Manages),

        new("parent conversation: read",
            async (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                await Conversations(w, Logins.CareCoordinator).PlanAsync(pupilId, new ConversationPlanInput { HeldOn = Today(w), Agenda = "Matrix" });
                return await AuthorizationMatrix.Reached(() => Conversations(w, login).ListAsync(pupilId));
            },
            Reads),

        new("parent conversation: record",
            async (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                var id = await Conversations(w, Logins.CareCoordinator).PlanAsync(pupilId, new ConversationPlanInput { HeldOn = Today(w) });
                return await AuthorizationMatrix.Reached(() => Conversations(w, login).RecordAsync(id, 0,
                    new ConversationReportInput { HeldOn = Today(w), Discussed = "Matrix: besproken." }));
            },
            Manages),

        new("consent: read",
            async (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                await Consents(w, Logins.CareCoordinator).RequestAsync(pupilId, ConsentPurposes.ExternalExpert);
                return await AuthorizationMatrix.Reached(() => Consents(w, login).GetOverviewAsync(pupilId));
            },
            Reads),

        new("consent: request",
            (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                return AuthorizationMatrix.Reached(() => Consents(w, login).RequestAsync(pupilId, ConsentPurposes.ExternalExpert));
            },
            Manages),

        new("consent: record decision",
            async (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                var guardianId = await Guardians(w, Logins.CareCoordinator).AddAsync(pupilId, Guardian());
                var consentId = await Consents(w, Logins.CareCoordinator).RequestAsync(pupilId, ConsentPurposes.ExternalExpert);
                return await AuthorizationMatrix.Reached(() => Consents(w, login).RecordDecisionAsync(consentId, Given(w, guardianId)));
            },
            Manages),

        new("external report: record",
            async (w, login, reach) =>
            {
                var pupilId = FreshPupil(w, reach);
                var guardianId = await Guardians(w, Logins.CareCoordinator).AddAsync(pupilId, Guardian());
                var consentId = await Consents(w, Logins.CareCoordinator).RequestAsync(pupilId, ConsentPurposes.ExternalExpert);
                await Consents(w, Logins.CareCoordinator).RecordDecisionAsync(consentId, Given(w, guardianId));
                return await AuthorizationMatrix.Reached(() => Experts(w, login).RecordAsync(pupilId, new ExternalExpertReportInput
                {
                    Kind = ExternalExpertReportKind.Observation,
                    ExpertName = "Matrix deskundige",
                    TookPlaceOn = Today(w),
                    Findings = "Matrix: bevindingen.",
                }));
            },
            Manages),
    ];

    private static bool Reads(PortalRole? role, Reach reach) =>
        reach == Reach.OwnSchool && role is PortalRole.CareCoordinator or PortalRole.Teacher;

    private static bool Manages(PortalRole? role, Reach reach) =>
        reach == Reach.OwnSchool && role is PortalRole.CareCoordinator;

    private static int FreshPupil(MatrixWorld w, Reach reach) =>
        w.Database.NewPupilIn(reach == Reach.OwnSchool ? Logins.TeacherA : Logins.TeacherB, "Matrixkind");

    private static DateOnly Today(MatrixWorld w) => DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime);

    private static GuardianInput Guardian() => new() { Name = "Matrix ouder", HasParentalAuthority = true };

    private static ConsentDecisionInput Given(MatrixWorld w, int guardianId) => new()
    {
        Decision = ConsentDecision.Given,
        GuardianId = guardianId,
        DecidedOn = Today(w),
        Method = ConsentMethod.SignedForm,
    };

    private static GuardianService Guardians(MatrixWorld w, string login) => w.Database.Service<GuardianService>(login);
    private static ParentConversationService Conversations(MatrixWorld w, string login) => w.Database.Service<ParentConversationService>(login);
    private static ConsentService Consents(MatrixWorld w, string login) => w.Database.Service<ConsentService>(login);
    private static ExternalExpertService Experts(MatrixWorld w, string login) => w.Database.Service<ExternalExpertService>(login);
}
