using IbPortal.Domain.Audit;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

/// <summary>
/// Helpers for the coaching tests: people, visits, goals and support requests written straight to the database (the
/// visit and request services are built elsewhere), so that each test sets up exactly the data it asserts on.
/// </summary>
internal static class CoachingScenario
{
    /// <summary>Unique texts put into every content field, so that a test can prove they never reach a page or model.</summary>
    public const string FocusMarker = "FOCUS-GEHEIM";
    public const string NotesMarker = "NOTITIE-GEHEIM";
    public const string FeedbackMarker = "NAGESPREK-GEHEIM";
    public const string ReflectionMarker = "REFLECTIE-GEHEIM";
    public const string QuestionMarker = "HULPVRAAG-GEHEIM";
    public const string GoalMarker = "DOEL-GEHEIM";

    public static readonly string[] ContentMarkers = [FocusMarker, NotesMarker, FeedbackMarker, ReflectionMarker, QuestionMarker, GoalMarker];

    public static DateOnly Today(TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);

    /// <summary>UTC moment <paramref name="days"/> days from now at <paramref name="hour"/>:00 (the tests' zone is UTC).</summary>
    public static DateTime At(TestDatabase database, int days, int hour = 10) =>
        Today(database).AddDays(days).ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    public static int SchoolIdOf(TestDatabase database, string shortName) => database.SchoolId(shortName);

    /// <summary>The current group <paramref name="teacherLogin"/> teaches.</summary>
    public static int CurrentGroupOf(TestDatabase database, string teacherLogin)
    {
        using var db = database.CreateContext();
        var year = SchoolYear.StartYearOf(Today(database));
        return db.GroupTeachers.Where(t => t.StaffMember!.Login == teacherLogin && t.Group!.SchoolYear!.StartYear == year)
            .OrderBy(t => t.GroupId).Select(t => t.GroupId).First();
    }

    /// <summary>A current group at the school, by name.</summary>
    public static int GroupAt(TestDatabase database, string schoolShortName, string groupName)
    {
        using var db = database.CreateContext();
        var year = SchoolYear.StartYearOf(Today(database));
        return db.Groups.Single(g => g.School!.ShortName == schoolShortName && g.Name == groupName && g.SchoolYear!.StartYear == year).Id;
    }

    /// <summary>A new staff member with the given roles (at schools by short name), teaching the given groups.</summary>
    public static int AddPerson(TestDatabase database, string login, (PortalRole Role, string School)[] roles, params int[] groupIds)
    {
        using var db = database.CreateContext();
        var member = new StaffMember { Login = login, DisplayName = $"Coach {login}" };
        foreach (var (role, school) in roles)
            member.Roles.Add(new RoleAssignment { Role = role, SchoolId = db.Schools.Single(s => s.ShortName == school).Id });
        foreach (var groupId in groupIds)
            member.Groups.Add(new GroupTeacher { GroupId = groupId });
        db.StaffMembers.Add(member);
        db.SaveChanges();
        return member.Id;
    }

    /// <summary>A new teacher at one school, teaching <paramref name="groupId"/> when given.</summary>
    public static int AddTeacher(TestDatabase database, string login, string school, int? groupId = null) =>
        AddPerson(database, login, [(PortalRole.Teacher, school)], groupId is { } g ? [g] : []);

    /// <summary>
    /// A visit written straight to the database, with every content field filled with a marker. Its stage follows from
    /// <paramref name="status"/>, the moment and <paramref name="reflected"/>.
    /// </summary>
    public static int AddVisit(TestDatabase database, int teacherId, int groupId, DateTime scheduledAt,
        VisitStatus status = VisitStatus.Planned, bool reflected = false, int? followUpOf = null, string? coordinatorLogin = null)
    {
        using var db = database.CreateContext();
        var schoolId = db.Groups.Where(g => g.Id == groupId).Select(g => g.SchoolId).Single();
        var coordinator = db.StaffMembers.Single(s => s.Login == (coordinatorLogin ?? Logins.CareCoordinator)).Id;
        var observed = status is VisitStatus.Observed or VisitStatus.FeedbackGiven;
        var visit = new ClassroomVisit
        {
            SchoolId = schoolId,
            GroupId = groupId,
            TeacherId = teacherId,
            CoordinatorId = coordinator,
            ScheduledAt = scheduledAt,
            Focus = $"{FocusMarker} instructie",
            Status = status,
            FollowUpOfId = followUpOf,
            ObservationNotes = observed ? $"{NotesMarker} rustige klas" : null,
            ObservedAt = observed ? scheduledAt.AddMinutes(45) : null,
            FeedbackNotes = status == VisitStatus.FeedbackGiven ? $"{FeedbackMarker} besproken" : null,
            FeedbackAt = status == VisitStatus.FeedbackGiven ? scheduledAt.AddDays(1) : null,
            ReflectionWentWell = reflected ? $"{ReflectionMarker} ging goed" : null,
            ReflectionToImprove = reflected ? $"{ReflectionMarker} kan beter" : null,
            ReflectedAt = reflected ? scheduledAt.AddDays(2) : null,
            CancelledAt = status == VisitStatus.Cancelled ? scheduledAt.AddDays(-1) : null,
            CreatedAt = scheduledAt.AddDays(-7),
            UpdatedAt = scheduledAt.AddDays(-7),
        };
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        return visit.Id;
    }

    /// <summary>A goal written straight to the database (any status).</summary>
    public static int AddGoal(TestDatabase database, int teacherId, string school, CoachingGoalStatus status = CoachingGoalStatus.Active,
        DateOnly? reviewOn = null, int? visitId = null, string description = $"{GoalMarker} korte instructie")
    {
        using var db = database.CreateContext();
        var ib = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id;
        var goal = new CoachingGoal
        {
            TeacherId = teacherId,
            SchoolId = db.Schools.Single(s => s.ShortName == school).Id,
            VisitId = visitId,
            Description = description,
            ReviewOn = reviewOn,
            Status = status,
            CreatedAt = database.Clock.GetUtcNow().UtcDateTime.AddDays(-20),
            CreatedById = ib,
            ClosedAt = status == CoachingGoalStatus.Active ? null : database.Clock.GetUtcNow().UtcDateTime.AddDays(-2),
            ClosedById = status == CoachingGoalStatus.Active ? null : ib,
        };
        db.CoachingGoals.Add(goal);
        db.SaveChanges();
        return goal.Id;
    }

    /// <summary>A support request written straight to the database.</summary>
    public static int AddRequest(TestDatabase database, int teacherId, string school, SupportRequestStatus status = SupportRequestStatus.Open,
        SupportTopic topic = SupportTopic.OwnPractice, int? groupId = null, int daysAgo = 3)
    {
        using var db = database.CreateContext();
        var created = database.Clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo);
        var request = new TeacherSupportRequest
        {
            TeacherId = teacherId,
            SchoolId = db.Schools.Single(s => s.ShortName == school).Id,
            Topic = topic,
            GroupId = groupId,
            Question = $"{QuestionMarker} hoe houd ik de instructie kort?",
            Status = status,
            CreatedAt = created,
            PickedUpAt = status == SupportRequestStatus.Open ? null : created.AddHours(2),
            ClosedAt = status == SupportRequestStatus.Closed ? created.AddDays(1) : null,
        };
        db.TeacherSupportRequests.Add(request);
        db.SaveChanges();
        return request.Id;
    }

    public static CoachingGoal StoredGoal(TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.CoachingGoals.AsNoTracking().Single(g => g.Id == id);
    }

    public static TeacherSupportRequest StoredRequest(TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.TeacherSupportRequests.AsNoTracking().Single(r => r.Id == id);
    }

    public static List<CoachingGoal> GoalsOf(TestDatabase database, int teacherId)
    {
        using var db = database.CreateContext();
        return db.CoachingGoals.AsNoTracking().Where(g => g.TeacherId == teacherId).OrderBy(g => g.Id).ToList();
    }

    public static List<AuditEntry> AuditBy(TestDatabase database, string login)
    {
        var staffId = database.StaffId(login);
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId).OrderBy(a => a.Id).ToList();
    }

    public static int RefusalsBy(TestDatabase database, string login) =>
        AuditBy(database, login).Count(a => a.Outcome == AuditOutcome.Refused);
}
