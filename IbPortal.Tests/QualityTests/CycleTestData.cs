using IbPortal.Domain.Audit;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// Helpers for the quality cycle's tests on the seeded demo board (clock: Tue 24 Nov 2026, school year 2026-2027).
/// The demo seed has goals at school A for 2025 and 2026; tests that count exactly use school B or another year.
/// </summary>
public static class CycleTestData
{
    public const int Year = 2026;

    public static int School(TestDatabase database, string shortName)
    {
        using var db = database.CreateContext();
        return db.Schools.Single(s => s.ShortName == shortName).Id;
    }

    /// <summary>A new staff member with the given roles.</summary>
    public static int AddPerson(TestDatabase database, string login, params (PortalRole Role, string School)[] roles)
    {
        using var db = database.CreateContext();
        var member = new StaffMember { Login = login, DisplayName = $"Persoon {login}" };
        foreach (var (role, school) in roles)
            member.Roles.Add(new RoleAssignment { Role = role, SchoolId = db.Schools.Single(s => s.ShortName == school).Id });
        db.StaffMembers.Add(member);
        db.SaveChanges();
        return member.Id;
    }

    public static QualityGoalInput Goal(string title = "Rust in de school", int year = Year, QualityIndicator indicator = QualityIndicator.None,
        double? baseline = null, double? target = null) => new()
    {
        Title = title,
        Description = "Na de pauze duurt het lang voordat de groepen aan het werk zijn.",
        IndicatorText = "De groepen zijn binnen vijf minuten na de pauze aan het werk.",
        Indicator = indicator,
        Baseline = baseline,
        Target = target,
        SchoolYearStart = year,
    };

    public static QualityActionInput Action(int ownerId, DateOnly due, string description = "Afspraken over binnenkomen maken") =>
        new() { Description = description, OwnerId = ownerId, DueOn = due };

    public static QualityGoal StoredGoal(TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.QualityGoals.AsNoTracking().Include(g => g.Actions).Include(g => g.Checks).Include(g => g.Adjustments).Single(g => g.Id == id);
    }

    public static int GoalCount(TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.QualityGoals.Count();
    }

    public static List<AuditEntry> Audit(TestDatabase database, string action)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToList();
    }

    public static int Refusals(TestDatabase database, string login)
    {
        var staffId = database.StaffId(login);
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Count(a => a.StaffMemberId == staffId && a.Outcome == AuditOutcome.Refused
                                                         && a.RecordKind == AuditRecordKind.QualityGoal);
    }
}
