using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Tests.ParentTests;

/// <summary>Helpers for the parents' tests: services as someone, a guardian, a consent in a given state, a plan.</summary>
internal static class ParentScenario
{
    public const string GuardianName = "Sanne Oudervoorbeeld";
    public const string GuardianEmail = "sanne@voorbeeld.nl";
    public const string GuardianPhone = "06-12345678";

    public static DateOnly Today(this TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);

    public static GuardianService Guardians(this TestDatabase database, string login = Logins.CareCoordinator) =>
        database.Service<GuardianService>(login);

    public static ParentConversationService Conversations(this TestDatabase database, string login = Logins.CareCoordinator) =>
        database.Service<ParentConversationService>(login);

    public static ConsentService Consents(this TestDatabase database, string login = Logins.CareCoordinator) =>
        database.Service<ConsentService>(login);

    public static ExternalExpertService Experts(this TestDatabase database, string login = Logins.CareCoordinator) =>
        database.Service<ExternalExpertService>(login);

    public static GuardianInput ValidGuardian(bool authority = true, string name = GuardianName) => new()
    {
        Name = name,
        Relationship = "moeder",
        Phone = GuardianPhone,
        Email = GuardianEmail,
        HasParentalAuthority = authority,
    };

    public static Task<int> AddGuardianAsync(this TestDatabase database, int pupilId, bool authority = true, string name = GuardianName) =>
        database.Guardians().AddAsync(pupilId, ValidGuardian(authority, name));

    public static ConsentDecisionInput Decision(int guardianId, DateOnly on, ConsentDecision decision = ConsentDecision.Given,
        DateOnly? expiresOn = null) => new()
    {
        Decision = decision,
        GuardianId = guardianId,
        DecidedOn = on,
        Method = ConsentMethod.SignedForm,
        ExpiresOn = expiresOn,
    };

    /// <summary>Requests consent for <paramref name="purpose"/> and records it as given today by a new guardian with authority.</summary>
    public static async Task<int> GiveConsentAsync(this TestDatabase database, int pupilId, string purpose = ConsentPurposes.ExternalExpert,
        DateOnly? on = null, DateOnly? expiresOn = null)
    {
        var guardianId = await database.AddGuardianAsync(pupilId);
        var consentId = await database.Consents().RequestAsync(pupilId, purpose);
        await database.Consents().RecordDecisionAsync(consentId, Decision(guardianId, on ?? database.Today(), expiresOn: expiresOn));
        return consentId;
    }

    public static ExternalExpertReportInput ValidReport(DateOnly tookPlaceOn) => new()
    {
        Kind = ExternalExpertReportKind.Observation,
        ExpertName = "Drs. Voorbeeld",
        ExpertRole = "orthopedagoog, Onderwijsadviesbureau",
        TookPlaceOn = tookPlaceOn,
        Findings = "Werkt geconcentreerd bij korte instructie; raakt afgeleid bij lange opdrachten.",
    };

    /// <summary>An active HGW plan for the pupil at the school with a quick win and a longer-term goal; returns the goal ids.</summary>
    public static (int QuickWin, int LongTerm) AddActivePlan(this TestDatabase database, int pupilId, int schoolId,
        SupportPlanStatus status = SupportPlanStatus.Active)
    {
        using var db = database.CreateContext();
        var plan = new SupportPlan
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            Status = status,
            StartsOn = database.Today().AddDays(-14),
            CreatedById = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
            CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
            UpdatedAt = database.Clock.GetUtcNow().UtcDateTime,
            Goals =
            [
                new PlanGoal { Kind = GoalKind.QuickWin, Position = 1, Description = "Korte instructie aan de instructietafel" },
                new PlanGoal { Kind = GoalKind.LongTerm, Position = 1, Description = "Leest AVI E4 aan het eind van het jaar", ReviewOn = database.Today().AddDays(60) },
            ],
        };
        db.SupportPlans.Add(plan);
        db.SaveChanges();
        return (plan.Goals[0].Id, plan.Goals[1].Id);
    }

    public static int SchoolOf(this TestDatabase database, int pupilId)
    {
        using var db = database.CreateContext();
        var today = database.Today();
        return db.Enrolments.Where(e => e.PupilId == pupilId && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => e.Group!.SchoolId).First();
    }

    public static List<AuditEntry> AuditFor(this TestDatabase database, string login)
    {
        var staffId = database.StaffId(login);
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId).OrderBy(a => a.Id).ToList();
    }
}

/// <summary>A logger that keeps the rendered messages, to check that logs carry ids only.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
            _lines.Add(formatter(state, exception));
    }
}
