using IbPortal.Domain.Care;
using IbPortal.Domain.Privacy;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.CareTests;

/// <summary>Notes about a pupil made during a classroom visit, and teachers' support requests about a pupil, in the pupil file and inzage.</summary>
public sealed class VisitTimelineTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private (int Pupil, int Visit) VisitWithNote(string note, VisitStatus status = VisitStatus.Observed)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        using var db = _db.CreateContext();
        var enrolment = db.Enrolments.AsNoTracking().Where(e => e.PupilId == pupil).Select(e => new { e.GroupId, e.Group!.SchoolId }).Single();
        var now = _db.Clock.GetUtcNow().UtcDateTime;
        var visit = new ClassroomVisit
        {
            SchoolId = enrolment.SchoolId, GroupId = enrolment.GroupId, Status = status, ScheduledAt = now.AddHours(-2), Focus = "Instructie",
            TeacherId = db.StaffMembers.Single(s => s.Login == Logins.TeacherA).Id,
            CoordinatorId = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id, CreatedAt = now, UpdatedAt = now,
        };
        visit.PupilNotes.Add(new VisitPupilNote { PupilId = pupil, SchoolId = enrolment.SchoolId, Note = note, CreatedAt = now, CreatedById = visit.CoordinatorId });
        db.ClassroomVisits.Add(visit);
        db.SaveChanges();
        return (pupil, visit.Id);
    }

    [Fact]
    public async Task A_note_about_the_pupil_from_a_visit_appears_in_the_file_for_the_ib_er_and_the_pupils_teacher_without_a_link_to_the_visit()
    {
        var (pupil, _) = VisitWithNote("Kwam niet op gang bij de verwerking.");

        foreach (var login in new[] { Logins.CareCoordinator, Logins.TeacherA })
        {
            var file = await _db.Service<PupilFileService>(login).GetAsync(pupil);
            var entry = Assert.Single(file.Timeline, e => e.Kind == TimelineKind.ClassroomVisit);
            Assert.Equal("Klassenbezoek groep 5", entry.Title);
            Assert.Equal("Kwam niet op gang bij de verwerking.", entry.Detail);
            Assert.Null(entry.Link);
        }
    }

    [Fact]
    public async Task A_note_from_a_visit_cancelled_afterwards_stays_in_the_file_and_the_inzage_marked_as_cancelled()
    {
        var (pupil, _) = VisitWithNote("Viel op bij de start.", VisitStatus.Cancelled);

        var file = await _db.Service<PupilFileService>(Logins.CareCoordinator).GetAsync(pupil);
        var export = await _db.Service<InzageService>(Logins.PrivacyOfficer).ExportAsync(pupil);

        Assert.Equal("Klassenbezoek groep 5 · bezoek geannuleerd", Assert.Single(file.Timeline, e => e.Kind == TimelineKind.ClassroomVisit).Title);
        Assert.Contains(export.CareRecords, e => e.Kind == TimelineKind.ClassroomVisit && e.Detail == "Viel op bij de start.");
    }

    [Fact]
    public async Task A_support_request_about_the_pupil_is_read_in_the_file_by_the_asking_teacher_and_the_ib_er_not_by_a_colleague()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        using (var db = _db.CreateContext())
        {
            var enrolment = db.Enrolments.AsNoTracking().Where(e => e.PupilId == pupil).Select(e => new { e.GroupId, e.Group!.SchoolId }).Single();
            var colleague = new Domain.Staff.StaffMember { Login = "duo-collega", DisplayName = "Duo collega" };
            colleague.Roles.Add(new Domain.Staff.RoleAssignment { Role = Domain.Staff.PortalRole.Teacher, SchoolId = enrolment.SchoolId });
            colleague.Groups.Add(new Domain.Staff.GroupTeacher { GroupId = enrolment.GroupId });
            db.StaffMembers.Add(colleague);
            db.TeacherSupportRequests.Add(new TeacherSupportRequest
            {
                SchoolId = enrolment.SchoolId, GroupId = enrolment.GroupId, PupilId = pupil, Topic = SupportTopic.Pupil,
                TeacherId = db.StaffMembers.Single(s => s.Login == Logins.TeacherA).Id, Question = "Hoe krijg ik hem aan het werk?",
                Status = SupportRequestStatus.Closed, ClosedById = db.StaffMembers.Single(s => s.Login == Logins.TeacherA).Id,
                CreatedAt = _db.Clock.GetUtcNow().UtcDateTime,
            });
            db.SaveChanges();
        }

        foreach (var login in new[] { Logins.CareCoordinator, Logins.TeacherA })
        {
            var file = await _db.Service<PupilFileService>(login).GetAsync(pupil);
            Assert.Equal("Hulpvraag van de leerkracht · ingetrokken", Assert.Single(file.Timeline, e => e.Kind == TimelineKind.SupportRequest).Title);
        }
        var colleagues = await _db.Service<PupilFileService>("duo-collega").GetAsync(pupil);
        Assert.DoesNotContain(colleagues.Timeline, e => e.Kind == TimelineKind.SupportRequest);
    }

    [Fact]
    public async Task The_inzage_holds_the_visit_note_and_a_support_request_about_the_pupil_with_its_answer()
    {
        var (pupil, _) = VisitWithNote("Werkte geconcentreerd in het groepje.");
        using (var db = _db.CreateContext())
        {
            var enrolment = db.Enrolments.AsNoTracking().Where(e => e.PupilId == pupil).Select(e => new { e.GroupId, e.Group!.SchoolId }).Single();
            db.TeacherSupportRequests.Add(new TeacherSupportRequest
            {
                SchoolId = enrolment.SchoolId, GroupId = enrolment.GroupId, PupilId = pupil, Topic = SupportTopic.Pupil,
                TeacherId = db.StaffMembers.Single(s => s.Login == Logins.TeacherA).Id, Question = "Hoe help ik haar bij het starten?",
                Status = SupportRequestStatus.Closed, Response = "Samen een startkaartje gemaakt.", CreatedAt = _db.Clock.GetUtcNow().UtcDateTime,
            });
            db.SaveChanges();
        }

        var export = await _db.Service<InzageService>(Logins.PrivacyOfficer).ExportAsync(pupil);

        Assert.Contains(export.CareRecords, e => e.Kind == TimelineKind.ClassroomVisit && e.Detail == "Werkte geconcentreerd in het groepje.");
        var request = Assert.Single(export.CareRecords, e => e.Kind == TimelineKind.SupportRequest);
        Assert.Equal("Hulpvraag van de leerkracht · afgesloten", request.Title);
        Assert.Equal("Hoe help ik haar bij het starten?\nAntwoord: Samen een startkaartje gemaakt.", request.Detail);
    }

    [Fact]
    public async Task A_teacher_of_the_other_school_does_not_reach_the_note()
    {
        var (pupil, _) = VisitWithNote("Vertrouwelijk.");

        await Assert.ThrowsAsync<Domain.Access.AccessDeniedException>(() => _db.Service<PupilFileService>(Logins.TeacherB).GetAsync(pupil));
    }
}
