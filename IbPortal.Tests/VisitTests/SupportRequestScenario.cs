using IbPortal.Domain.Audit;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

/// <summary>
/// Helpers for the support-request and agenda tests: requests asked through the service, visits written straight to the
/// database (the visit service is another module's), staff with chosen roles. Plain static methods, not extensions, so
/// that they never clash with other helpers of this folder.
/// </summary>
internal static class SupportRequestScenario
{
    public static DateOnly Today(TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);

    public static DateTime Now(TestDatabase database) => database.Clock.GetUtcNow().UtcDateTime;

    public static TeacherSupportRequestService Requests(TestDatabase database, string login) =>
        database.Service<TeacherSupportRequestService>(login);

    public static VisitAgendaService Agenda(TestDatabase database, string login) => database.Service<VisitAgendaService>(login);

    /// <summary>The current group <paramref name="teacherLogin"/> teaches.</summary>
    public static int GroupOf(TestDatabase database, string teacherLogin)
    {
        using var db = database.CreateContext();
        return db.GroupTeachers.Where(t => t.StaffMember!.Login == teacherLogin)
            .OrderByDescending(t => t.Group!.SchoolYear!.StartYear).ThenBy(t => t.GroupId)
            .Select(t => t.GroupId).First();
    }

    /// <summary>A current group at the school that <paramref name="notTaughtBy"/> does not teach.</summary>
    public static int OtherGroupAt(TestDatabase database, string schoolShortName, string notTaughtBy)
    {
        using var db = database.CreateContext();
        var year = SchoolYear.StartYearOf(Today(database));
        return db.Groups.Where(g => g.School!.ShortName == schoolShortName && g.SchoolYear!.StartYear == year &&
                                    !g.Teachers.Any(t => t.StaffMember!.Login == notTaughtBy))
            .OrderBy(g => g.Id).Select(g => g.Id).First();
    }

    /// <summary>A new staff member with the given roles (teaching <paramref name="groupIds"/>).</summary>
    public static int AddStaff(TestDatabase database, string login, (PortalRole Role, string School)[] roles, params int[] groupIds)
    {
        using var db = database.CreateContext();
        var member = new StaffMember { Login = login, DisplayName = $"Test {login}" };
        foreach (var (role, school) in roles)
            member.Roles.Add(new RoleAssignment { Role = role, SchoolId = db.Schools.Single(s => s.ShortName == school).Id });
        foreach (var groupId in groupIds)
            member.Groups.Add(new GroupTeacher { GroupId = groupId });
        db.StaffMembers.Add(member);
        db.SaveChanges();
        return member.Id;
    }

    /// <summary><paramref name="teacherLogin"/> asks about a new pupil of their group (one without care records).</summary>
    public static async Task<(int Request, int Pupil)> AskAboutPupilAsync(TestDatabase database, string teacherLogin = Logins.TeacherA,
        string question = "Hoe help ik Noor bij het automatiseren van de tafels?")
    {
        var pupil = database.NewPupilIn(teacherLogin);
        var id = await Requests(database, teacherLogin).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Pupil,
            GroupId = GroupOf(database, teacherLogin),
            PupilId = pupil,
            Question = question,
        });
        return (id, pupil);
    }

    public static Task<int> AskAboutGroupAsync(TestDatabase database, string teacherLogin = Logins.TeacherA,
        string question = "De overgangen tussen lessen lopen onrustig.") =>
        Requests(database, teacherLogin).AskAsync(new NewSupportRequest
        {
            Topic = SupportTopic.Group,
            GroupId = GroupOf(database, teacherLogin),
            Question = question,
        });

    public static TeacherSupportRequest Stored(TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.TeacherSupportRequests.AsNoTracking().Single(r => r.Id == id);
    }

    public static int RequestCount(TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.TeacherSupportRequests.Count();
    }

    public static List<AuditEntry> AuditOf(TestDatabase database, string login)
    {
        var staffId = database.StaffId(login);
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId).OrderBy(a => a.Id).ToList();
    }

    public static int Refusals(TestDatabase database, string login) =>
        AuditOf(database, login).Count(a => a.Outcome == AuditOutcome.Refused);

    /// <summary>
    /// A classroom visit written straight to the database: of <paramref name="teacherLogin"/> in their group, planned by the
    /// seeded IB'er, at <paramref name="scheduledAt"/> (UTC).
    /// </summary>
    public static int AddVisit(TestDatabase database, string teacherLogin, DateTime scheduledAt, VisitStatus status = VisitStatus.Planned,
        int? supportRequestId = null, int durationMinutes = ClassroomVisit.DefaultDurationMinutes, int? groupId = null)
    {
        using var db = database.CreateContext();
        var group = groupId ?? GroupOf(database, teacherLogin);
        var schoolId = db.Groups.Where(g => g.Id == group).Select(g => g.SchoolId).Single();
        var now = Now(database);
        var visit = new ClassroomVisit
        {
            SchoolId = schoolId,
            GroupId = group,
            TeacherId = db.StaffMembers.Single(s => s.Login == teacherLogin).Id,
            CoordinatorId = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id,
            ScheduledAt = DateTime.SpecifyKind(scheduledAt, DateTimeKind.Utc),
            DurationMinutes = durationMinutes,
            Focus = "Instructie in de kleine kring",
            Status = status,
            SupportRequestId = supportRequestId,
            ObservedAt = status is VisitStatus.Observed or VisitStatus.FeedbackGiven ? scheduledAt.AddHours(1) : null,
            FeedbackAt = status == VisitStatus.FeedbackGiven ? scheduledAt.AddDays(1) : null,
            CancelledAt = status == VisitStatus.Cancelled ? now : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        return visit.Id;
    }

    /// <summary>Closes every support request in the database (so that a test starts without unfinished ones, whatever the seed holds).</summary>
    public static void CloseAllRequests(TestDatabase database)
    {
        using var db = database.CreateContext();
        foreach (var request in db.TeacherSupportRequests.Where(r => r.Status != SupportRequestStatus.Closed))
        {
            request.Status = SupportRequestStatus.Closed;
            request.Response = "Afgerond.";
        }
        db.SaveChanges();
    }
}
