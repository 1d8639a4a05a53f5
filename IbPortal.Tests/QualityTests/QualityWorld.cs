using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// Two fresh schools of the demo board (X and Y) with their own groups and pupils, so that seeded data never disturbs
/// exact figures. The quality coordinator and the IB'er ("ib") hold their roles at both; the school leader of A also
/// leads X (not Y).
/// </summary>
public sealed class QualityWorld
{
    public QualityWorld(TestDatabase db)
    {
        Db = db;
        using var ctx = db.CreateContext();
        var schoolA = ctx.Schools.Single(s => s.ShortName == Logins.SchoolA);
        SchoolAId = schoolA.Id;
        var year = ctx.SchoolYears.Single(y => y.StartYear == 2026);
        var x = new School { BoardId = schoolA.BoardId, Name = "Kwaliteitsschool X", ShortName = "QX", Color = "#00796B" };
        var y = new School { BoardId = schoolA.BoardId, Name = "Kwaliteitsschool Y", ShortName = "QY", Color = "#6A1B9A" };
        ctx.Schools.AddRange(x, y);
        ctx.SaveChanges();
        SchoolX = x.Id;
        SchoolY = y.Id;

        Group NewGroup(int schoolId, string name, int first, int last) =>
            new() { SchoolId = schoolId, SchoolYearId = year.Id, Name = name, FirstGrade = first, LastGrade = last };
        var g3 = NewGroup(x.Id, "3", 3, 3);
        var g45 = NewGroup(x.Id, "4/5", 4, 5);
        var g6 = NewGroup(y.Id, "6", 6, 6);
        ctx.Groups.AddRange(g3, g45, g6);

        var staff = ctx.StaffMembers.Where(s => s.Login == Logins.Quality || s.Login == Logins.CareCoordinator
                                                || s.Login == Logins.SchoolLeaderA || s.Login == Logins.TeacherA)
            .ToDictionary(s => s.Login, s => s.Id);
        foreach (var school in new[] { x.Id, y.Id })
        {
            ctx.RoleAssignments.Add(new RoleAssignment { StaffMemberId = staff[Logins.Quality], Role = PortalRole.QualityCoordinator, SchoolId = school });
            ctx.RoleAssignments.Add(new RoleAssignment { StaffMemberId = staff[Logins.CareCoordinator], Role = PortalRole.CareCoordinator, SchoolId = school });
        }

        ctx.RoleAssignments.Add(new RoleAssignment { StaffMemberId = staff[Logins.SchoolLeaderA], Role = PortalRole.SchoolLeader, SchoolId = x.Id });
        ctx.SaveChanges();
        Group3 = g3.Id;
        Group45 = g45.Id;
        Group6 = g6.Id;
        CoordinatorId = staff[Logins.CareCoordinator];
        TeacherId = staff[Logins.TeacherA];
    }

    public TestDatabase Db { get; }
    public int SchoolAId { get; }
    public int SchoolX { get; }
    public int SchoolY { get; }
    public int Group3 { get; }
    public int Group45 { get; }
    public int Group6 { get; }
    public int CoordinatorId { get; }
    public int TeacherId { get; }

    public int[] Both => [SchoolX, SchoolY];

    public int SchoolOf(int groupId) => groupId == Group6 ? SchoolY : SchoolX;

    public int NewPupil(int groupId)
    {
        using var ctx = Db.CreateContext();
        var pupil = new Pupil { FirstName = "Kwaliteit", LastName = "Test", DateOfBirth = new DateOnly(2018, 3, 1) };
        pupil.Enrolments.Add(new Enrolment { GroupId = groupId, EnrolledOn = new DateOnly(2025, 8, 20) });
        ctx.Pupils.Add(pupil);
        ctx.SaveChanges();
        return pupil.Id;
    }

    /// <summary>A concern raised at <paramref name="raisedAt"/> (UTC) for a new pupil of the group; returns its pupil.</summary>
    public int Concern(int groupId, DevelopmentArea area, DateTime raisedAt, int? pupilId = null, DateTime? acknowledgedAt = null,
        DateTime? acknowledgedInHistoryAt = null)
    {
        var pupil = pupilId ?? NewPupil(groupId);
        using var ctx = Db.CreateContext();
        var concern = new Concern
        {
            PupilId = pupil,
            GroupId = groupId,
            SchoolId = SchoolOf(groupId),
            AuthorId = TeacherId,
            Area = area,
            Observation = "Testobservatie",
            Urgency = Urgency.Normal,
            Status = acknowledgedAt is null && acknowledgedInHistoryAt is null ? ConcernStatus.New : ConcernStatus.Acknowledged,
            RaisedAt = raisedAt,
            AcknowledgedAt = acknowledgedAt,
            UpdatedAt = raisedAt,
        };
        if (acknowledgedInHistoryAt is { } at)
            concern.History.Add(new ConcernHistoryEntry
            {
                At = at, ActorId = CoordinatorId, Change = ConcernChange.Acknowledged,
                FromStatus = ConcernStatus.New, ToStatus = ConcernStatus.Acknowledged,
            });
        ctx.Concerns.Add(concern);
        ctx.SaveChanges();
        return pupil;
    }

    public void Discussion(int groupId, int pupilId, DateTime scheduledAt, DiscussionStatus status = DiscussionStatus.Held)
    {
        using var ctx = Db.CreateContext();
        var discussion = new Discussion
        {
            Kind = DiscussionKind.PupilDiscussion,
            Status = status,
            SchoolId = SchoolOf(groupId),
            GroupId = groupId,
            ScheduledAt = scheduledAt,
            CoordinatorId = CoordinatorId,
            TeacherId = TeacherId,
            CreatedAt = scheduledAt.AddDays(-7),
            UpdatedAt = scheduledAt,
        };
        discussion.Pupils.Add(new DiscussionPupil { PupilId = pupilId });
        ctx.Discussions.Add(discussion);
        ctx.SaveChanges();
    }

    public void LevelChange(int groupId, int pupilId, DateTime at)
    {
        using var ctx = Db.CreateContext();
        ctx.SupportLevelChanges.Add(new SupportLevelChange
        {
            PupilId = pupilId, SchoolId = SchoolOf(groupId), Level = 2, PreviousLevel = 1, Reason = "Test", ChangedAt = at,
            ChangedById = CoordinatorId,
        });
        ctx.SaveChanges();
    }

    public void Plan(int groupId, int pupilId, DateTime at)
    {
        using var ctx = Db.CreateContext();
        ctx.SupportPlans.Add(new SupportPlan
        {
            PupilId = pupilId, SchoolId = SchoolOf(groupId), StartsOn = DateOnly.FromDateTime(at), CreatedAt = at,
            CreatedById = CoordinatorId, UpdatedAt = at,
        });
        ctx.SaveChanges();
    }
}
