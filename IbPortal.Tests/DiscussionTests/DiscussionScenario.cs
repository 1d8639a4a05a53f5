using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>Helpers for the discussion tests: scheduling as the IB'er, care records written straight to the database.</summary>
internal static class DiscussionScenario
{
    public static DateOnly Today(this TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);

    public static DiscussionService Discussions(this TestDatabase database, string login) => database.Service<DiscussionService>(login);
    public static DiscussionAgendaService Agenda(this TestDatabase database, string login) => database.Service<DiscussionAgendaService>(login);
    public static ActionItemService ActionItems(this TestDatabase database, string login) => database.Service<ActionItemService>(login);

    /// <summary>The (current) group <paramref name="teacherLogin"/> teaches.</summary>
    public static int GroupOf(this TestDatabase database, string teacherLogin)
    {
        using var db = database.CreateContext();
        return db.GroupTeachers.Where(t => t.StaffMember!.Login == teacherLogin)
            .OrderByDescending(t => t.Group!.SchoolYear!.StartYear).ThenBy(t => t.GroupId)
            .Select(t => t.GroupId).First();
    }

    /// <summary>A current group at the school that <paramref name="notTaughtBy"/> does not teach.</summary>
    public static int OtherGroupAt(this TestDatabase database, string schoolShortName, string notTaughtBy)
    {
        using var db = database.CreateContext();
        var year = SchoolYear.StartYearOf(database.Today());
        return db.Groups.Where(g => g.School!.ShortName == schoolShortName && g.SchoolYear!.StartYear == year &&
                                    !g.Teachers.Any(t => t.StaffMember!.Login == notTaughtBy))
            .OrderBy(g => g.Id).Select(g => g.Id).First();
    }

    /// <summary>Pupils enrolled today in the group.</summary>
    public static List<int> PupilsOf(this TestDatabase database, int groupId)
    {
        using var db = database.CreateContext();
        var today = database.Today();
        return db.Enrolments.Where(e => e.GroupId == groupId && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => e.PupilId).ToList();
    }

    public static DiscussionDraft PupilDraft(this TestDatabase database, string teacherLogin, params int[] pupilIds) => new()
    {
        Kind = DiscussionKind.PupilDiscussion,
        GroupId = database.GroupOf(teacherLogin),
        Date = database.Today().AddDays(2),
        Time = new TimeOnly(15, 0),
        PupilIds = pupilIds,
    };

    /// <summary>The IB'er schedules a pupil discussion about <paramref name="pupilId"/> (in the group of
    /// <paramref name="teacherLogin"/>) in <paramref name="daysAhead"/> days at 15:00.</summary>
    public static Task<int> SchedulePupilDiscussionAsync(this TestDatabase database, string teacherLogin, int pupilId, int daysAhead = 2) =>
        database.Discussions(Logins.CareCoordinator).ScheduleAsync(database.PupilDraft(teacherLogin, pupilId) with
        {
            Date = database.Today().AddDays(daysAhead),
        });

    public static Task<int> ScheduleGroupDiscussionAsync(this TestDatabase database, string teacherLogin, int daysAhead = 2) =>
        database.Discussions(Logins.CareCoordinator).ScheduleAsync(new DiscussionDraft
        {
            Kind = DiscussionKind.GroupDiscussion,
            GroupId = database.GroupOf(teacherLogin),
            Date = database.Today().AddDays(daysAhead),
            Time = new TimeOnly(15, 0),
        });

    public static Discussion StoredDiscussion(this TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        var discussion = db.Discussions.AsNoTracking()
            .Include(d => d.Pupils).Include(d => d.Agenda).Include(d => d.ActionItems)
            .Single(d => d.Id == id);
        discussion.Agenda = [.. discussion.Agenda.OrderBy(a => a.Position)];
        return discussion;
    }

    public static int DiscussionVersion(this TestDatabase database, int id)
    {
        using var db = database.CreateContext();
        return db.Discussions.Where(d => d.Id == id).Select(d => d.Version).Single();
    }

    public static int DiscussionCount(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.Discussions.Count();
    }

    public static List<AuditEntry> AuditOf(this TestDatabase database, string login)
    {
        var staffId = database.StaffId(login);
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().Where(a => a.StaffMemberId == staffId).OrderBy(a => a.Id).ToList();
    }

    public static int Refusals(this TestDatabase database, string login) =>
        database.AuditOf(login).Count(a => a.Outcome == AuditOutcome.Refused);

    /// <summary>A new staff member holding <paramref name="role"/> at the school (teaching <paramref name="groupId"/> when given).</summary>
    public static int AddStaff(this TestDatabase database, string login, PortalRole role, string schoolShortName, int? groupId = null)
    {
        using var db = database.CreateContext();
        var school = db.Schools.Single(s => s.ShortName == schoolShortName);
        var member = new StaffMember { Login = login, DisplayName = $"Test {login}" };
        member.Roles.Add(new RoleAssignment { Role = role, SchoolId = school.Id });
        if (groupId is { } g)
            member.Groups.Add(new GroupTeacher { GroupId = g });
        db.StaffMembers.Add(member);
        db.SaveChanges();
        return member.Id;
    }

    /// <summary>A concern written straight to the database (any status, any school, any date).</summary>
    public static int AddConcern(this TestDatabase database, int pupilId, DevelopmentArea area, DateTime raisedAt,
        ConcernStatus status = ConcernStatus.New, string? schoolShortName = null)
    {
        using var db = database.CreateContext();
        var enrolment = db.Enrolments.Include(e => e.Group).Where(e => e.PupilId == pupilId).OrderByDescending(e => e.EnrolledOn).First();
        var schoolId = schoolShortName is null ? enrolment.Group!.SchoolId : db.Schools.Single(s => s.ShortName == schoolShortName).Id;
        var author = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id;
        var concern = new Concern
        {
            PupilId = pupilId,
            GroupId = enrolment.GroupId,
            SchoolId = schoolId,
            AuthorId = author,
            Area = area,
            Observation = "Testsignalering.",
            Urgency = Urgency.Normal,
            Status = status,
            RaisedAt = raisedAt,
            UpdatedAt = raisedAt,
            ClosedAt = status == ConcernStatus.Closed ? raisedAt : null,
        };
        db.Concerns.Add(concern);
        db.SaveChanges();
        return concern.Id;
    }

    /// <summary>A support plan with one goal written straight to the database; returns the goal id.</summary>
    public static int AddPlanGoal(this TestDatabase database, int pupilId, DateOnly? reviewOn, string description = "Leest AVI-E4 vlot",
        SupportPlanStatus planStatus = SupportPlanStatus.Active, string? schoolShortName = null, GoalKind kind = GoalKind.LongTerm,
        params (DateOnly On, EvaluationResult Result)[] evaluations)
    {
        using var db = database.CreateContext();
        var enrolment = db.Enrolments.Include(e => e.Group).Where(e => e.PupilId == pupilId).OrderByDescending(e => e.EnrolledOn).First();
        var schoolId = schoolShortName is null ? enrolment.Group!.SchoolId : db.Schools.Single(s => s.ShortName == schoolShortName).Id;
        var ib = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id;
        var now = database.Clock.GetUtcNow().UtcDateTime;
        // One active plan per pupil and school: a further active goal joins the plan that is already active.
        var plan = planStatus == SupportPlanStatus.Active
            ? db.SupportPlans.Include(p => p.Goals).SingleOrDefault(p => p.PupilId == pupilId && p.SchoolId == schoolId && p.Status == SupportPlanStatus.Active)
            : null;
        plan ??= new SupportPlan
        {
            PupilId = pupilId,
            SchoolId = schoolId,
            Status = planStatus,
            StartsOn = database.Today().AddDays(-60),
            ClosedOn = planStatus == SupportPlanStatus.Closed ? database.Today().AddDays(-1) : null,
            CreatedAt = now,
            CreatedById = ib,
            UpdatedAt = now,
        };
        var goal = new PlanGoal { Kind = kind, Position = plan.Goals.Count + 1, Description = description, ReviewOn = reviewOn };
        foreach (var (on, result) in evaluations)
            goal.Evaluations.Add(new GoalEvaluation { Result = result, EvaluatedOn = on, EvaluatedById = ib, RecordedAt = now });
        plan.Goals.Add(goal);
        if (plan.Id == 0)
            db.SupportPlans.Add(plan);
        db.SaveChanges();
        return goal.Id;
    }

    /// <summary>Sets the day a pupil left their groups.</summary>
    public static void Leave(this TestDatabase database, int pupilId, DateOnly leftOn)
    {
        using var db = database.CreateContext();
        foreach (var enrolment in db.Enrolments.Where(e => e.PupilId == pupilId))
            enrolment.LeftOn = leftOn;
        db.SaveChanges();
    }

    /// <summary>A group of last school year at the school, with the pupil enrolled then.</summary>
    public static int AddLastYearGroup(this TestDatabase database, string schoolShortName)
    {
        using var db = database.CreateContext();
        var school = db.Schools.Single(s => s.ShortName == schoolShortName);
        var startYear = SchoolYear.StartYearOf(database.Today()) - 1;
        var year = db.SchoolYears.SingleOrDefault(y => y.StartYear == startYear) ?? new SchoolYear { StartYear = startYear };
        var group = new Group { SchoolId = school.Id, SchoolYear = year, Name = "oud-4", FirstGrade = 4, LastGrade = 4 };
        db.Groups.Add(group);
        db.SaveChanges();
        return group.Id;
    }
}
