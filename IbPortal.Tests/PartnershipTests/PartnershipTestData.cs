using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PartnershipTests;

/// <summary>Care records written straight into a <see cref="TestDatabase"/>, for the referral tests.</summary>
internal static class PartnershipTestData
{
    public static DateOnly Today(this TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);

    public static ReferralService Referrals(this TestDatabase database, string login) => database.Service<ReferralService>(login);

    /// <summary>The school of the pupil's current enrolment.</summary>
    public static int CurrentSchoolOf(this TestDatabase database, int pupilId)
    {
        using var db = database.CreateContext();
        var today = database.Today();
        return db.Enrolments.Where(e => e.PupilId == pupilId && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => e.Group!.SchoolId).First();
    }

    public static Task<int> DraftAsync(this TestDatabase database, int pupilId, string question = "Welke ondersteuning past bij deze leerling?",
        ReferralKind kind = ReferralKind.Consultation, string? tried = null) =>
        database.Referrals(Logins.CareCoordinator).CreateAsync(pupilId, new ReferralInput
        {
            Kind = kind,
            SupportQuestion = question,
            TriedAndEffect = tried,
        });

    public static PartnershipReferral StoredReferral(this TestDatabase database, int referralId)
    {
        using var db = database.CreateContext();
        return db.PartnershipReferrals.AsNoTracking().Single(r => r.Id == referralId);
    }

    public static int Guardian(this TestDatabase database, int pupilId, int schoolId, string name = "Ouder Testpersoon")
    {
        using var db = database.CreateContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var guardian = new Guardian
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            Name = name,
            Relationship = "moeder",
            HasParentalAuthority = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Guardians.Add(guardian);
        db.SaveChanges();
        return guardian.Id;
    }

    /// <summary>A consent in <paramref name="state"/>; a given consent is decided today unless told otherwise.</summary>
    public static int Consent(this TestDatabase database, int pupilId, int schoolId, ConsentState state,
        string purpose = ConsentPurposes.PartnershipSharing, DateOnly? decidedOn = null, DateOnly? expiresOn = null)
    {
        var guardian = database.Guardian(pupilId, schoolId);
        using var db = database.CreateContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var today = database.Today();
        var consent = new Consent
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            Purpose = purpose,
            State = state,
            RequestedAt = now.AddDays(-20),
            RequestedById = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
            GuardianId = state == ConsentState.Requested ? null : guardian,
            DecidedOn = state == ConsentState.Requested ? null : decidedOn ?? today,
            Method = state == ConsentState.Requested ? null : ConsentMethod.SignedForm,
            ExpiresOn = expiresOn,
            WithdrawnOn = state == ConsentState.Withdrawn ? today : null,
            UpdatedAt = now,
        };
        db.Consents.Add(consent);
        db.SaveChanges();
        return consent.Id;
    }

    /// <summary>Withdraws a given consent as of today.</summary>
    public static void WithdrawConsent(this TestDatabase database, int consentId)
    {
        using var db = database.CreateContext();
        var consent = db.Consents.Single(c => c.Id == consentId);
        consent.State = ConsentState.Withdrawn;
        consent.WithdrawnOn = database.Today();
        consent.Version++;
        db.SaveChanges();
    }

    public static async Task<int> RaiseAsync(this TestDatabase database, int pupilId, string observation, string? alreadyTried,
        string login = Logins.TeacherA) =>
        await database.Concerns(login).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.Cognitive,
            Observation = observation,
            AlreadyTried = alreadyTried,
        });

    /// <summary>An active HGW plan with goals; each goal may carry evaluations (result, days ago).</summary>
    public static int Plan(this TestDatabase database, int pupilId, int schoolId, string? educationalNeeds,
        params (GoalKind Kind, string Description, (EvaluationResult Result, int DaysAgo)[] Evaluations)[] goals)
    {
        using var db = database.CreateContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var today = database.Today();
        var staff = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id;
        var plan = new SupportPlan
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            StartsOn = today.AddDays(-60),
            EducationalNeeds = educationalNeeds,
            CreatedAt = now,
            CreatedById = staff,
            UpdatedAt = now,
        };
        var position = 0;
        foreach (var (kind, description, evaluations) in goals)
        {
            var goal = new PlanGoal { Kind = kind, Position = position++, Description = description, ReviewOn = today.AddDays(30) };
            foreach (var (result, daysAgo) in evaluations)
            {
                goal.Evaluations.Add(new GoalEvaluation
                {
                    Result = result,
                    EvaluatedOn = today.AddDays(-daysAgo),
                    EvaluatedById = staff,
                    RecordedAt = now,
                });
            }
            plan.Goals.Add(goal);
        }
        db.SupportPlans.Add(plan);
        db.SaveChanges();
        return plan.Id;
    }

    public static int Conversation(this TestDatabase database, int pupilId, int schoolId, int daysAgo, string? parentExpectations,
        string? agreedGoals, string? discussed = null)
    {
        using var db = database.CreateContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var conversation = new ParentConversation
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            HeldOn = database.Today().AddDays(-daysAgo),
            ParentExpectations = parentExpectations,
            AgreedGoals = agreedGoals,
            Discussed = discussed,
            RecordedById = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ParentConversations.Add(conversation);
        db.SaveChanges();
        return conversation.Id;
    }

    public static void SupportLevel(this TestDatabase database, int pupilId, int schoolId, int level, int minutesAgo)
    {
        using var db = database.CreateContext();
        db.SupportLevelChanges.Add(new SupportLevelChange
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            Level = level,
            Reason = "Testreden",
            ChangedAt = database.Clock.GetUtcNow().UtcDateTime.AddMinutes(-minutesAgo),
            ChangedById = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
        });
        db.SaveChanges();
    }

    public static List<AuditEntry> AuditOf(this TestDatabase database, string action)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToList();
    }
}
