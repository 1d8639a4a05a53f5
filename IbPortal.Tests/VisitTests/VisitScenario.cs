using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

/// <summary>Helpers for the visit tests: planning as the IB'er, and the steps other services own written straight to the database.</summary>
internal static class VisitScenario
{
    public static DateOnly VisitToday(this TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);

    public static ClassroomVisitService Visits(this TestDatabase database, string login) => database.Service<ClassroomVisitService>(login);

    /// <summary>The (current) group <paramref name="teacherLogin"/> teaches.</summary>
    public static int TaughtGroup(this TestDatabase database, string teacherLogin)
    {
        using var db = database.CreateContext();
        return db.GroupTeachers.Where(t => t.StaffMember!.Login == teacherLogin)
            .OrderByDescending(t => t.Group!.SchoolYear!.StartYear).ThenBy(t => t.GroupId)
            .Select(t => t.GroupId).First();
    }

    /// <summary>A draft for a visit to <paramref name="teacherLogin"/>'s group, the day after tomorrow at 10:00.</summary>
    public static VisitDraft VisitDraftFor(this TestDatabase database, string teacherLogin) => new()
    {
        GroupId = database.TaughtGroup(teacherLogin),
        TeacherId = database.StaffId(teacherLogin),
        Date = database.VisitToday().AddDays(2),
        Time = new TimeOnly(10, 0),
        DurationMinutes = 45,
        Focus = "Instructie in de kleine kring",
    };

    public static Task<int> PlanVisitAsync(this TestDatabase database, string teacherLogin, Func<VisitDraft, VisitDraft>? change = null)
    {
        var draft = database.VisitDraftFor(teacherLogin);
        return database.Visits(Logins.CareCoordinator).PlanAsync(change is null ? draft : change(draft));
    }

    /// <summary>The observation service's step, written directly: the observation is finished.</summary>
    public static void MarkObserved(this TestDatabase database, int visitId)
    {
        using var db = database.CreateContext();
        var visit = db.ClassroomVisits.Single(v => v.Id == visitId);
        visit.Status = VisitStatus.Observed;
        visit.ObservedAt = database.Clock.GetUtcNow().UtcDateTime;
        visit.Version++;
        db.SaveChanges();
    }

    /// <summary>A visit that is planned and observed: ready for the feedback conversation and the reflection.</summary>
    public static async Task<int> ObservedVisitAsync(this TestDatabase database, string teacherLogin)
    {
        var id = await database.PlanVisitAsync(teacherLogin);
        database.MarkObserved(id);
        return id;
    }

    public static ClassroomVisit StoredVisit(this TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.ClassroomVisits.AsNoTracking().Single(v => v.Id == id);
    }

    public static int VisitVersion(this TestDatabase database, int id) => database.StoredVisit(id).Version;

    public static int VisitCount(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.ClassroomVisits.Count();
    }

    public static int RaiseConcernAbout(this TestDatabase database, string teacherLogin, int pupilId, DevelopmentArea area = DevelopmentArea.Cognitive) =>
        database.Concerns(teacherLogin).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = area,
            Observation = "Komt niet op gang bij de zelfstandige verwerking.",
        }).GetAwaiter().GetResult();

    /// <summary>A support request of <paramref name="teacherLogin"/>, written directly (the request service is another module's).</summary>
    public static int AddSupportRequest(this TestDatabase database, string teacherLogin, SupportTopic topic = SupportTopic.Group,
        SupportRequestStatus status = SupportRequestStatus.Open, int? pupilId = null)
    {
        using var db = database.CreateContext();
        var teacherId = db.StaffMembers.Single(s => s.Login == teacherLogin).Id;
        var groupId = database.TaughtGroup(teacherLogin);
        var schoolId = db.Groups.Single(g => g.Id == groupId).SchoolId;
        var request = new TeacherSupportRequest
        {
            SchoolId = schoolId,
            TeacherId = teacherId,
            Topic = topic,
            GroupId = groupId,
            PupilId = pupilId,
            Question = "Hoe krijg ik meer rust tijdens de zelfstandige verwerking?",
            Status = status,
            CreatedAt = database.Clock.GetUtcNow().UtcDateTime.AddDays(-1),
        };
        db.TeacherSupportRequests.Add(request);
        db.SaveChanges();
        return request.Id;
    }

    public static TeacherSupportRequest StoredRequest(this TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.TeacherSupportRequests.AsNoTracking().Single(r => r.Id == id);
    }

    /// <summary>Another active teacher at the school of <paramref name="teacherLogin"/> (teaching another group).</summary>
    public static string OtherTeacherAtSchoolOf(this TestDatabase database, string teacherLogin)
    {
        using var db = database.CreateContext();
        var schoolId = db.StaffMembers.Where(s => s.Login == teacherLogin).SelectMany(s => s.Roles).Select(r => r.SchoolId).First();
        return db.RoleAssignments
            .Where(r => r.SchoolId == schoolId && r.Role == PortalRole.Teacher && r.StaffMember!.Login != teacherLogin && r.StaffMember.Groups.Any())
            .OrderBy(r => r.StaffMemberId)
            .Select(r => r.StaffMember!.Login)
            .First();
    }

    /// <summary>A group of last school year at the school of <paramref name="teacherLogin"/>, taught by them.</summary>
    public static int LastYearsGroupOf(this TestDatabase database, string teacherLogin)
    {
        using var db = database.CreateContext();
        var current = db.Groups.Include(g => g.SchoolYear).Single(g => g.Id == database.TaughtGroup(teacherLogin));
        var lastYear = db.SchoolYears.SingleOrDefault(y => y.StartYear == current.SchoolYear!.StartYear - 1)
                       ?? new SchoolYear { StartYear = current.SchoolYear!.StartYear - 1 };
        var group = new Group { SchoolId = current.SchoolId, SchoolYear = lastYear, Name = "4", FirstGrade = 4, LastGrade = 4 };
        group.Teachers.Add(new GroupTeacher { StaffMemberId = database.StaffId(teacherLogin) });
        db.Groups.Add(group);
        db.SaveChanges();
        return group.Id;
    }

    public static List<AuditEntry> VisitAudit(this TestDatabase database, string action, string login)
    {
        using var db = database.CreateContext();
        var staffId = db.StaffMembers.Single(s => s.Login == login).Id;
        return db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.StaffMemberId == staffId).OrderBy(a => a.Id).ToList();
    }
}

internal static class VisitPeople
{
    /// <summary>A new IB'er of only the school with <paramref name="schoolShortName"/>; returns the login.</summary>
    public static string AddCareCoordinatorOnlyAt(this TestDatabase database, string schoolShortName)
    {
        using var db = database.CreateContext();
        var login = $"ib-alleen-{schoolShortName.ToLowerInvariant()}";
        var member = new StaffMember { Login = login, DisplayName = $"IB'er alleen {schoolShortName}" };
        member.Roles.Add(new RoleAssignment { Role = PortalRole.CareCoordinator, SchoolId = db.Schools.Single(s => s.ShortName == schoolShortName).Id });
        db.StaffMembers.Add(member);
        db.SaveChanges();
        return login;
    }
}
