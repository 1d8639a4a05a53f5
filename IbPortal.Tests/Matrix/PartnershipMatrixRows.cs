using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of this module's kinds of pupil data (see <see cref="AuthorizationMatrix"/>).</summary>
public static class PartnershipMatrixRows
{
    private static bool Own(Reach reach) => reach == Reach.OwnSchool;

    private static readonly ReferralInput Input = new()
    {
        Kind = ReferralKind.Consultation,
        SupportQuestion = "Matrix: welke ondersteuning past?",
    };

    public static DataKind[] Kinds { get; } =
    [
        new("referral: read",
            async (w, login, reach) =>
            {
                var id = await DraftAsync(w, reach);
                return await AuthorizationMatrix.Reached(() => Referrals(w, login).GetAsync(id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),

        new("referral: create",
            (w, login, reach) => AuthorizationMatrix.Reached(() => Referrals(w, login).CreateAsync(w.PupilAt(reach), Input)),
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("referral: submit",
            async (w, login, reach) =>
            {
                var id = await DraftAsync(w, reach);
                EnsureSharingConsent(w, reach);
                return await AuthorizationMatrix.Reached(() => Referrals(w, login).SubmitAsync(id, 0));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator),

        new("referral summary: export",
            async (w, login, reach) =>
            {
                var id = await DraftAsync(w, reach);
                return await AuthorizationMatrix.Reached(() => Referrals(w, login).ExportWordAsync(w.PupilAt(reach), id));
            },
            (role, reach) => Own(reach) && role is PortalRole.CareCoordinator or PortalRole.Teacher),
    ];

    private static ReferralService Referrals(MatrixWorld w, string login) => w.Database.Service<ReferralService>(login);

    /// <summary>A fresh draft at the target school, drafted by that school's IB'er.</summary>
    private static Task<int> DraftAsync(MatrixWorld w, Reach reach) => Referrals(w, Logins.CareCoordinator).CreateAsync(w.PupilAt(reach), Input);

    /// <summary>The parents' consent to share, so that only the user's rights decide whether a submit goes through.</summary>
    private static void EnsureSharingConsent(MatrixWorld w, Reach reach)
    {
        var pupil = w.PupilAt(reach);
        using var db = w.Database.CreateContext();
        var school = db.Enrolments.Where(e => e.PupilId == pupil && e.LeftOn == null).Select(e => e.Group!.SchoolId).First();
        var today = DateOnly.FromDateTime(w.Database.Clock.GetLocalNow().DateTime);
        if (db.Consents.Any(c => c.PupilId == pupil && c.SchoolId == school && c.Purpose == ConsentPurposes.PartnershipSharing &&
                                 c.State == ConsentState.Given && c.ExpiresOn == null))
            return;
        db.Consents.Add(new Consent
        {
            PupilId = pupil,
            SchoolId = school,
            Purpose = ConsentPurposes.PartnershipSharing,
            State = ConsentState.Given,
            RequestedAt = w.Database.Clock.GetUtcNow().UtcDateTime,
            RequestedById = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
            DecidedOn = today,
            Method = ConsentMethod.SignedForm,
            UpdatedAt = w.Database.Clock.GetUtcNow().UtcDateTime,
        });
        db.SaveChanges();
    }
}
