using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

/// <summary>
/// Visits for the observation and kijkwijzer tests, inserted directly (the planning service is another module), and a
/// few helpers around them.
/// </summary>
public static class ObservationScenario
{
    public const string Focus = "Instructie in de kleine kring";

    /// <summary>
    /// A new classroom visit of <paramref name="teacherLogin"/> in the (first) group they teach, planned by the IB'er,
    /// <paramref name="hoursFromNow"/> from the test clock (negative: its time has come).
    /// </summary>
    public static int NewVisit(TestDatabase database, string teacherLogin = Logins.TeacherA, double hoursFromNow = -1,
        VisitStatus status = VisitStatus.Planned, int? criteriaSetId = null)
    {
        using var db = database.CreateContext();
        var teacherId = db.StaffMembers.AsNoTracking().Single(s => s.Login == teacherLogin).Id;
        var group = db.GroupTeachers.AsNoTracking()
            .Where(t => t.StaffMemberId == teacherId)
            .OrderByDescending(t => t.Group!.SchoolYear!.StartYear).ThenBy(t => t.GroupId)
            .Select(t => new { t.GroupId, t.Group!.SchoolId })
            .First();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var visit = new ClassroomVisit
        {
            SchoolId = group.SchoolId,
            GroupId = group.GroupId,
            TeacherId = teacherId,
            CoordinatorId = db.StaffMembers.AsNoTracking().Single(s => s.Login == Logins.CareCoordinator).Id,
            ScheduledAt = now.AddHours(hoursFromNow),
            Focus = Focus,
            Status = status,
            CriteriaSetId = criteriaSetId,
            ObservedAt = status is VisitStatus.Observed or VisitStatus.FeedbackGiven ? now : null,
            CancelledAt = status == VisitStatus.Cancelled ? now : null,
            CreatedAt = now.AddDays(-7),
            UpdatedAt = now.AddDays(-7),
        };
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        return visit.Id;
    }

    public static ClassroomVisit Visit(TestDatabase database, int visitId)
    {
        using var db = database.CreateContext();
        return db.ClassroomVisits.AsNoTracking().Include(v => v.Scores).Single(v => v.Id == visitId);
    }

    /// <summary>Records a feedback conversation directly (the feedback step is another module).</summary>
    public static void RecordFeedback(TestDatabase database, int visitId)
    {
        using var db = database.CreateContext();
        var visit = db.ClassroomVisits.Single(v => v.Id == visitId);
        visit.Status = VisitStatus.FeedbackGiven;
        visit.FeedbackNotes = "Nagesprek: instructie korter maken.";
        visit.FeedbackAt = database.Clock.GetUtcNow().UtcDateTime;
        visit.Version++;
        db.SaveChanges();
    }

    /// <summary>Someone else changes the visit meanwhile (raises its version).</summary>
    public static void ChangeMeanwhile(TestDatabase database, int visitId)
    {
        using var db = database.CreateContext();
        var visit = db.ClassroomVisits.Single(v => v.Id == visitId);
        visit.Version++;
        db.SaveChanges();
    }

    /// <summary>Scores for every criterion of <paramref name="model"/>, all with <paramref name="score"/>.</summary>
    public static ObservationInput ScoreAll(ObservationModel model, int? score, string? notes = null) => new()
    {
        CriteriaSetId = model.Criteria.SetId,
        Notes = notes,
        Scores = model.Areas.SelectMany(a => a.Criteria)
            .Select(c => new ObservationScoreInput { CriterionId = c.CriterionId, Score = score }).ToList(),
    };

    /// <summary>A draft that changes the current kijkwijzer: the first criterion reworded and one criterion added to the last area.</summary>
    public static CriteriaSetDraft ChangedDraft(CriteriaSetView current, string? changeNote = "Eerste criterium scherper geformuleerd.")
    {
        var draft = CriteriaSetDraft.From(current);
        draft.ChangeNote = changeNote;
        draft.Areas[0].Criteria[0] = "De leerkracht zorgt zichtbaar voor een veilige sfeer.";
        draft.Areas[^1].Criteria.Add("Leerlingen helpen elkaar bij het werk.");
        return draft;
    }

    /// <summary>A new board with one school and one administrator (for tests that need a board without a kijkwijzer yet).</summary>
    public static string NewBoardAdministrator(TestDatabase database, string login = "beheer-nieuw")
    {
        using var db = database.CreateContext();
        var board = new Board { Name = "Stichting Nieuw Begin" };
        var school = new School { Board = board, Name = "OBS De Nieuwe Tak", ShortName = "NT", Color = "#2E7D32" };
        var admin = new StaffMember { Login = login, DisplayName = "Nieuwe Beheerder" };
        admin.Roles.Add(new RoleAssignment { Role = PortalRole.Administrator, School = school });
        db.AddRange(board, school, admin);
        db.SaveChanges();
        return login;
    }
}
