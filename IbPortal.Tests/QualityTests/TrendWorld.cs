using IbPortal.Domain.Organisation;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// The <see cref="QualityWorld"/> (fresh schools X and Y of the demo board, groups 3 and 4/5 at X and 6 at Y in 2026-2027,
/// the quality coordinator and the IB'er at both, school leader A at X) plus what the remaining trend figures need: the
/// school year 2025-2026 with a group "2025" at X, three teachers of their own (T1 teaches 3 at X and 2025 at X, T2
/// teaches 3 and 4/5 at X, T3 teaches 6 at Y), and builders for enrolments, level changes, plan-goal evaluations,
/// classroom visits and consents. All times UTC; the test clock is Tue 24 Nov 2026 09:30 UTC in UTC.
/// </summary>
public sealed class TrendWorld
{
    public TrendWorld(TestDatabase db)
    {
        Quality = new QualityWorld(db);
        Db = db;
        using var ctx = db.CreateContext();
        var previous = ctx.SchoolYears.SingleOrDefault(y => y.StartYear == 2025) ?? new SchoolYear { StartYear = 2025 };
        if (previous.Id == 0)
            ctx.SchoolYears.Add(previous);
        var group2025 = new Group { SchoolId = Quality.SchoolX, SchoolYear = previous, Name = "2025", FirstGrade = 2, LastGrade = 2 };
        ctx.Groups.Add(group2025);
        StaffMember Teacher(string login) => new() { Login = login, DisplayName = login };
        var t1 = Teacher("trend-t1");
        var t2 = Teacher("trend-t2");
        var t3 = Teacher("trend-t3");
        var t4 = Teacher("trend-t4");
        ctx.StaffMembers.AddRange(t1, t2, t3, t4);
        ctx.SaveChanges();
        ctx.GroupTeachers.AddRange(
            new GroupTeacher { GroupId = Quality.Group3, StaffMemberId = t1.Id },
            new GroupTeacher { GroupId = group2025.Id, StaffMemberId = t1.Id },
            new GroupTeacher { GroupId = Quality.Group3, StaffMemberId = t2.Id },
            new GroupTeacher { GroupId = Quality.Group45, StaffMemberId = t2.Id },
            new GroupTeacher { GroupId = Quality.Group6, StaffMemberId = t3.Id });
        ctx.SaveChanges();
        Group2025 = group2025.Id;
        (T1, T2, T3, T4) = (t1.Id, t2.Id, t3.Id, t4.Id);
    }

    public QualityWorld Quality { get; }
    public TestDatabase Db { get; }
    public int SchoolX => Quality.SchoolX;
    public int SchoolY => Quality.SchoolY;
    public int Group3 => Quality.Group3;
    public int Group45 => Quality.Group45;
    public int Group6 => Quality.Group6;

    /// <summary>Group "2025" at X, school year 2025-2026.</summary>
    public int Group2025 { get; }

    /// <summary>Teachers of their own; T4 teaches no group.</summary>
    public int T1 { get; }
    public int T2 { get; }
    public int T3 { get; }
    public int T4 { get; }

    public int[] Both => Quality.Both;

    public int SchoolOf(int groupId) => groupId == Group6 ? SchoolY : SchoolX;

    /// <summary>A new pupil enrolled in the group from <paramref name="enrolledOn"/> (default 20 Aug of the group's year) until <paramref name="leftOn"/>.</summary>
    public int NewPupil(int groupId, DateOnly? enrolledOn = null, DateOnly? leftOn = null)
    {
        using var ctx = Db.CreateContext();
        var pupil = new Pupil { FirstName = "Trend", LastName = "Test", DateOfBirth = new DateOnly(2018, 3, 1) };
        var start = enrolledOn ?? (groupId == Group2025 ? new DateOnly(2025, 8, 20) : new DateOnly(2026, 8, 20));
        pupil.Enrolments.Add(new Enrolment { GroupId = groupId, EnrolledOn = start, LeftOn = leftOn });
        ctx.Pupils.Add(pupil);
        ctx.SaveChanges();
        return pupil.Id;
    }

    public void Enrol(int pupilId, int groupId, DateOnly enrolledOn, DateOnly? leftOn = null)
    {
        using var ctx = Db.CreateContext();
        ctx.Enrolments.Add(new Enrolment { PupilId = pupilId, GroupId = groupId, EnrolledOn = enrolledOn, LeftOn = leftOn });
        ctx.SaveChanges();
    }

    public void LevelChange(int schoolId, int pupilId, int? from, int to, DateTime at)
    {
        using var ctx = Db.CreateContext();
        ctx.SupportLevelChanges.Add(new SupportLevelChange
        {
            PupilId = pupilId, SchoolId = schoolId, Level = to, PreviousLevel = from, Reason = "Test", ChangedAt = at,
            ChangedById = Quality.CoordinatorId,
        });
        ctx.SaveChanges();
    }

    /// <summary>A plan for the pupil at the school with one goal, evaluated with each (result, date).</summary>
    public void Evaluations(int schoolId, int pupilId, params (EvaluationResult Result, DateOnly On)[] evaluations)
    {
        using var ctx = Db.CreateContext();
        var plan = new SupportPlan
        {
            PupilId = pupilId, SchoolId = schoolId, StartsOn = new DateOnly(2025, 9, 1), CreatedAt = new DateTime(2025, 9, 1, 8, 0, 0, DateTimeKind.Utc),
            CreatedById = Quality.CoordinatorId, UpdatedAt = new DateTime(2025, 9, 1, 8, 0, 0, DateTimeKind.Utc),
        };
        var goal = new PlanGoal { Kind = GoalKind.LongTerm, Position = 1, Description = "Testdoel", ReviewOn = new DateOnly(2026, 1, 1) };
        foreach (var (result, on) in evaluations)
            goal.Evaluations.Add(new GoalEvaluation
            {
                Result = result, EvaluatedOn = on, EvaluatedById = Quality.CoordinatorId,
                RecordedAt = on.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            });
        plan.Goals.Add(goal);
        ctx.SupportPlans.Add(plan);
        ctx.SaveChanges();
    }

    /// <summary>A classroom visit of the teacher in the group, observed at <paramref name="observedAt"/> (null: not yet).</summary>
    public void Visit(int groupId, int teacherId, DateTime scheduledAt, DateTime? observedAt, VisitStatus? status = null)
    {
        using var ctx = Db.CreateContext();
        ctx.ClassroomVisits.Add(new ClassroomVisit
        {
            SchoolId = SchoolOf(groupId), GroupId = groupId, TeacherId = teacherId, CoordinatorId = Quality.CoordinatorId,
            ScheduledAt = scheduledAt, Focus = "Instructie", ObservedAt = observedAt,
            Status = status ?? (observedAt is null ? VisitStatus.Planned : VisitStatus.Observed),
            CancelledAt = status == VisitStatus.Cancelled ? scheduledAt : null,
            CreatedAt = scheduledAt.AddDays(-7), UpdatedAt = scheduledAt,
        });
        ctx.SaveChanges();
    }

    /// <summary>A consent for a new pupil of the group (or <paramref name="schoolId"/>'s pupil), requested at <paramref name="requestedAt"/>.</summary>
    public void Consent(int schoolId, int pupilId, DateTime requestedAt, ConsentState state, DateOnly? decidedOn = null)
    {
        using var ctx = Db.CreateContext();
        ctx.Consents.Add(new Consent
        {
            PupilId = pupilId, SchoolId = schoolId, Purpose = ConsentPurposes.ExternalExpert, State = state,
            RequestedAt = requestedAt, RequestedById = Quality.CoordinatorId, DecidedOn = decidedOn,
            Method = decidedOn is null ? null : ConsentMethod.SignedForm,
            WithdrawnOn = state == ConsentState.Withdrawn ? decidedOn?.AddDays(20) : null,
            UpdatedAt = requestedAt,
        });
        ctx.SaveChanges();
    }

    /// <summary>A school Z on a board of its own, where the quality coordinator also holds their role, with group "Z" (2026).</summary>
    public (int BoardId, int SchoolId, int GroupId) OtherBoardSchool()
    {
        using var ctx = Db.CreateContext();
        var board = new Board { Name = "Ander bestuur" };
        var school = new School { Board = board, Name = "Kwaliteitsschool Z", ShortName = "QZ", Color = "#795548" };
        var year = ctx.SchoolYears.Single(y => y.StartYear == 2026);
        var group = new Group { School = school, SchoolYearId = year.Id, Name = "Z", FirstGrade = 4, LastGrade = 4 };
        ctx.Groups.Add(group);
        ctx.SaveChanges();
        ctx.RoleAssignments.Add(new RoleAssignment
        {
            StaffMemberId = Db.StaffId(Logins.Quality), Role = PortalRole.QualityCoordinator, SchoolId = school.Id,
        });
        ctx.SaveChanges();
        return (board.Id, school.Id, group.Id);
    }
}
