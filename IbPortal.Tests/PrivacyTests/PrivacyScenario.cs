using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Privacy;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>Helpers for the pupil file and inzage tests, on the seeded demo board.</summary>
internal static class PrivacyScenario
{
    public const string SchoolLeaderA = DemoDataSeeder.SchoolLeaderALogin;
    public const string PrivacyOfficer = DemoDataSeeder.PrivacyOfficerLogin;
    public const string OtherPupilObservation = "ALLEEN-BIJ-DE-ANDERE-LEERLING: huilt vaak bij het afscheid.";

    public static PupilFileService PupilFiles(this TestDatabase database, string login) =>
        database.Service<PupilFileService>(login);

    public static InzageService Inzage(this TestDatabase database, string login) =>
        database.Service<InzageService>(login);

    public static DateOnly Today(this TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Two pupils of teacher A's group with different names: the pupil under test and another one.</summary>
    public static (int Pupil, int Other) TwoPupilsOfTeacherA(this TestDatabase database)
    {
        using var db = database.CreateContext();
        var pupils = db.Enrolments.AsNoTracking()
            .Where(e => e.Group!.Teachers.Any(t => t.StaffMember!.Login == Logins.TeacherA))
            .OrderBy(e => e.PupilId)
            .Select(e => new { e.PupilId, e.Pupil!.FirstName, e.Pupil.Infix, e.Pupil.LastName })
            .ToList();
        var first = pupils[0];
        var other = pupils.First(p => p.FirstName != first.FirstName && p.LastName != first.LastName);
        return (first.PupilId, other.PupilId);
    }

    public static string FullNameOf(this TestDatabase database, int pupilId)
    {
        using var db = database.CreateContext();
        return db.Pupils.AsNoTracking().Single(p => p.Id == pupilId).FullName;
    }

    public static int Version(this TestDatabase database, int concernId)
    {
        using var db = database.CreateContext();
        return db.Concerns.Where(c => c.Id == concernId).Select(c => c.Version).Single();
    }

    /// <summary>Teacher A flags <paramref name="pupilId"/>; the IB'er adds a note, sets a next step and closes it.</summary>
    public static async Task<int> ConcernWithFullHistoryAsync(this TestDatabase database, int pupilId, string observation)
    {
        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.Both,
            SubAreas = SubAreas.Reading | SubAreas.Wellbeing,
            Observation = observation,
            Since = "sinds de kerstvakantie",
            AlreadyTried = "Maatje naast gezet.",
            Urgency = Urgency.Worrying,
        });
        var ib = database.Concerns(Logins.CareCoordinator);
        await ib.AddNoteAsync(id, database.Version(id), "Zoë's ouders bellen — eerst observeren.");
        await ib.SetNextStepAsync(id, database.Version(id), "Meenemen in de leerlingbespreking.");
        await ib.CloseAsync(id, database.Version(id), ConcernOutcome.ResolvedInClass, "Gaat beter.");
        return id;
    }

    public static Task<int> RaiseAsync(this TestDatabase database, string teacherLogin, int pupilId, string observation) =>
        database.Concerns(teacherLogin).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.SocialEmotional,
            Observation = observation,
        });

    public static List<AuditEntry> AuditEntries(this TestDatabase database, Func<AuditEntry, bool> predicate)
    {
        using var db = database.CreateContext();
        return db.AuditEntries.AsNoTracking().AsEnumerable().Where(predicate).OrderBy(a => a.Id).ToList();
    }

    /// <summary>Sets the day a pupil left all their groups.</summary>
    public static void Leave(this TestDatabase database, int pupilId, DateOnly leftOn)
    {
        using var db = database.CreateContext();
        foreach (var enrolment in db.Enrolments.Where(e => e.PupilId == pupilId))
            enrolment.LeftOn = leftOn;
        db.SaveChanges();
    }

    /// <summary>A third school of the same board with its own IB'er (who has no tie to the seeded pupils); returns the login.</summary>
    public static string CareCoordinatorOfThirdSchool(this TestDatabase database)
    {
        using var db = database.CreateContext();
        var board = db.Boards.Single();
        var school = new School { BoardId = board.Id, Name = "OBS De Derde", ShortName = "DD", Color = "#2E7D32" };
        var ib = new StaffMember { Login = "ib-derde", DisplayName = "Ineke Derksen" };
        ib.Roles.Add(new RoleAssignment { Role = PortalRole.CareCoordinator, School = school });
        ib.Roles.Add(new RoleAssignment { Role = PortalRole.PrivacyOfficer, School = school });
        db.StaffMembers.Add(ib);
        db.SaveChanges();
        return ib.Login;
    }

    /// <summary>
    /// A school of another board, where <paramref name="pupilId"/> enrols after leaving, with a concern there;
    /// returns the new enrolment and concern ids.
    /// </summary>
    public static (int EnrolmentId, int ConcernId) MoveToOtherBoard(this TestDatabase database, int pupilId, DateOnly on)
    {
        database.Leave(pupilId, on.AddDays(-1));
        using var db = database.CreateContext();
        var board = new Board { Name = "Stichting Elders" };
        var school = new School { Board = board, Name = "IKC Elders", ShortName = "EL", Color = "#6A1B9A" };
        var year = db.SchoolYears.Single(y => y.StartYear == SchoolYear.StartYearOf(on));
        var group = new Group { School = school, SchoolYearId = year.Id, Name = "5", FirstGrade = 5, LastGrade = 5 };
        var teacher = new StaffMember { Login = "leerkracht-elders", DisplayName = "Eva Elders" };
        teacher.Roles.Add(new RoleAssignment { Role = PortalRole.Teacher, School = school });
        var enrolment = new Enrolment { PupilId = pupilId, Group = group, EnrolledOn = on };
        var at = database.Clock.GetUtcNow().UtcDateTime;
        var concern = new Concern
        {
            PupilId = pupilId,
            Group = group,
            School = school,
            Author = teacher,
            Area = DevelopmentArea.Cognitive,
            Observation = "ALLEEN-BIJ-HET-ANDERE-BESTUUR",
            Urgency = Urgency.Normal,
            Status = ConcernStatus.New,
            RaisedAt = at,
            UpdatedAt = at,
        };
        concern.History.Add(new ConcernHistoryEntry { At = at, Actor = teacher, Change = ConcernChange.Raised, ToStatus = ConcernStatus.New });
        db.AddRange(board, school, group, teacher, enrolment, concern);
        db.SaveChanges();
        return (enrolment.Id, concern.Id);
    }
}
