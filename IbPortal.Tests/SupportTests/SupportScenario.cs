using IbPortal.Domain.Audit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.SupportTests;

/// <summary>Helpers for the support tests: services as someone, consents and discussions straight in the database, stored state.</summary>
internal static class SupportScenario
{
    public static SupportService Support(this TestDatabase d, string login = Logins.CareCoordinator) => d.Service<SupportService>(login);
    public static SupportPlanService Plans(this TestDatabase d, string login = Logins.CareCoordinator) => d.Service<SupportPlanService>(login);
    public static DevelopmentPlanService Opps(this TestDatabase d, string login = Logins.CareCoordinator) => d.Service<DevelopmentPlanService>(login);

    public static DateOnly Today(this TestDatabase d) => DateOnly.FromDateTime(d.Clock.GetLocalNow().DateTime);

    public static int SchoolOf(this TestDatabase d, int pupilId)
    {
        using var db = d.CreateContext();
        return db.Enrolments.Where(e => e.PupilId == pupilId).Select(e => e.Group!.SchoolId).First();
    }

    /// <summary>A consent of the parents for an external expert, written straight into the database.</summary>
    public static int AddConsent(this TestDatabase d, int pupilId, ConsentState state = ConsentState.Given, int? schoolId = null,
        DateOnly? decidedOn = null, DateOnly? expiresOn = null, DateOnly? withdrawnOn = null, string purpose = ConsentPurposes.ExternalExpert)
    {
        using var db = d.CreateContext();
        var now = d.Clock.GetUtcNow().UtcDateTime;
        var consent = new Consent
        {
            PupilId = pupilId,
            SchoolId = schoolId ?? d.SchoolOf(pupilId),
            Purpose = purpose,
            State = state,
            RequestedAt = now.AddDays(-10),
            RequestedById = d.StaffId(Logins.CareCoordinator),
            DecidedOn = state is ConsentState.Given or ConsentState.Refused or ConsentState.Withdrawn ? decidedOn ?? d.Today().AddDays(-7) : null,
            ExpiresOn = expiresOn,
            WithdrawnOn = state == ConsentState.Withdrawn ? withdrawnOn ?? d.Today().AddDays(-1) : null,
            UpdatedAt = now,
        };
        db.Consents.Add(consent);
        db.SaveChanges();
        return consent.Id;
    }

    public static void WithdrawConsent(this TestDatabase d, int consentId)
    {
        using var db = d.CreateContext();
        var consent = db.Consents.Single(c => c.Id == consentId);
        consent.State = ConsentState.Withdrawn;
        consent.WithdrawnOn = d.Today();
        db.SaveChanges();
    }

    /// <summary>A pupil discussion at the pupil's school with these pupils, straight in the database.</summary>
    public static int AddDiscussion(this TestDatabase d, int schoolId, params int[] pupilIds)
    {
        using var db = d.CreateContext();
        var group = db.Enrolments.Where(e => pupilIds.Contains(e.PupilId) && e.Group!.SchoolId == schoolId).Select(e => e.GroupId).FirstOrDefault();
        if (group == 0)
            group = db.Groups.First(g => g.SchoolId == schoolId).Id;
        var now = d.Clock.GetUtcNow().UtcDateTime;
        var discussion = new Discussion
        {
            Kind = DiscussionKind.PupilDiscussion,
            SchoolId = schoolId,
            GroupId = group,
            ScheduledAt = now.AddDays(-1),
            CoordinatorId = d.StaffId(Logins.CareCoordinator),
            TeacherId = d.StaffId(Logins.TeacherA),
            CreatedAt = now,
            UpdatedAt = now,
        };
        discussion.Pupils.AddRange(pupilIds.Select(p => new DiscussionPupil { PupilId = p }));
        db.Discussions.Add(discussion);
        db.SaveChanges();
        return discussion.Id;
    }

    public static NewSupportPlan SimplePlan(int pupilId, DateOnly reviewOn) => new()
    {
        PupilId = pupilId,
        QuickWins = ["Instructie aan de instructietafel, direct na de uitleg."],
        Goals = [new GoalInput("Leest een AVI-E4 tekst vlot voor.", reviewOn)],
        EducationalNeeds = "Heeft korte, concrete opdrachten nodig.",
    };

    /// <summary>Makes a plan with one quick win and one longer-term goal as the IB'er; returns the plan id.</summary>
    public static Task<int> MakePlanAsync(this TestDatabase d, int pupilId, DateOnly? reviewOn = null) =>
        d.Plans().CreateAsync(SimplePlan(pupilId, reviewOn ?? d.Today().AddDays(30)));

    public static SupportPlan StoredPlan(this TestDatabase d, int planId)
    {
        using var db = d.CreateContext();
        var plan = db.SupportPlans.AsNoTracking().Include(p => p.Goals).ThenInclude(g => g.Evaluations).Single(p => p.Id == planId);
        plan.Goals = [.. plan.Goals.OrderBy(g => g.Kind).ThenBy(g => g.Position)];
        return plan;
    }

    public static PlanGoal LongTermGoal(this TestDatabase d, int planId) => d.StoredPlan(planId).Goals.First(g => g.Kind == GoalKind.LongTerm);
    public static PlanGoal QuickWin(this TestDatabase d, int planId) => d.StoredPlan(planId).Goals.First(g => g.Kind == GoalKind.QuickWin);

    /// <summary>Moves a goal's review date, straight in the database (for due-date edge cases in the past).</summary>
    public static void SetReviewOn(this TestDatabase d, int goalId, DateOnly? reviewOn)
    {
        using var db = d.CreateContext();
        db.PlanGoals.Single(g => g.Id == goalId).ReviewOn = reviewOn;
        db.SaveChanges();
    }

    /// <summary>Adds an evaluation straight in the database (dated in the past where the service would refuse).</summary>
    public static void AddEvaluation(this TestDatabase d, int goalId, EvaluationResult result, DateOnly evaluatedOn)
    {
        using var db = d.CreateContext();
        db.GoalEvaluations.Add(new GoalEvaluation
        {
            GoalId = goalId,
            Result = result,
            EvaluatedOn = evaluatedOn,
            EvaluatedById = d.StaffId(Logins.CareCoordinator),
            RecordedAt = d.Clock.GetUtcNow().UtcDateTime,
        });
        db.SaveChanges();
    }

    public static int PlanVersion(this TestDatabase d, int planId)
    {
        using var db = d.CreateContext();
        return db.SupportPlans.AsNoTracking().Single(p => p.Id == planId).Version;
    }

    public static DevelopmentPlan StoredOpp(this TestDatabase d, int id)
    {
        using var db = d.CreateContext();
        return db.DevelopmentPlans.AsNoTracking().Include(o => o.Evaluations).Single(o => o.Id == id);
    }

    public static List<SupportLevelChange> LevelChanges(this TestDatabase d, int pupilId)
    {
        using var db = d.CreateContext();
        return db.SupportLevelChanges.AsNoTracking().Where(c => c.PupilId == pupilId).OrderBy(c => c.Id).ToList();
    }

    public static List<AuditEntry> AuditOf(this TestDatabase d, string login, string action)
    {
        var staffId = d.StaffId(login);
        using var db = d.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId && a.Action == action).OrderBy(a => a.Id).ToList();
    }

    /// <summary>Sets a level directly through the service (with a consent given beforehand for 4 and 5).</summary>
    public static async Task SetLevelAsync(this TestDatabase d, int pupilId, int level)
    {
        if (level >= SupportLevel.ExternalExpert)
            d.AddConsent(pupilId);
        await d.Support().ChangeLevelAsync(pupilId, level, $"Naar niveau {level}: de aanpak in de klas is niet genoeg.");
    }

    /// <summary>The allowed audit actions on one record, in order.</summary>
    public static List<string> AuditActionsOn(this TestDatabase d, AuditRecordKind kind, int recordId)
    {
        using var db = d.CreateContext();
        return db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordKind == kind && a.RecordId == recordId && a.Outcome == AuditOutcome.Allowed)
            .OrderBy(a => a.Id).Select(a => a.Action).ToList();
    }
}
