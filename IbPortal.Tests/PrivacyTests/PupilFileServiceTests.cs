using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Privacy;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>The pupil file: for the pupil's IB'er (also after the pupil left) and current teacher; every read and refusal audited.</summary>
public class PupilFileServiceTests
{
    [Fact]
    public async Task Care_coordinator_reads_identity_enrolments_and_every_concern_with_its_history()
    {
        using var database = new TestDatabase();
        var (pupil, other) = database.TwoPupilsOfTeacherA();
        var mine = await database.ConcernWithFullHistoryAsync(pupil, "Leest spellend.");
        var theirs = await database.RaiseAsync(Logins.TeacherA, other, PrivacyScenario.OtherPupilObservation);

        var file = await database.PupilFiles(Logins.CareCoordinator).GetAsync(pupil);

        using var db = database.CreateContext();
        var stored = db.Pupils.Single(p => p.Id == pupil);
        Assert.Equal(stored.FullName, file.Pupil.FullName);
        Assert.Equal(stored.DateOfBirth, file.Pupil.DateOfBirth);
        var enrolment = Assert.Single(file.Enrolments);
        Assert.True(enrolment.IsCurrent);
        Assert.Equal("5", enrolment.GroupName);
        Assert.Equal("OBS De Vlinderboom", enrolment.SchoolName);
        Assert.Equal("2026-2027", enrolment.SchoolYear);
        Assert.Same(enrolment, file.CurrentEnrolment);

        Assert.Equal(db.Concerns.Where(c => c.PupilId == pupil).Select(c => c.Id).Order(), file.Concerns.Select(c => c.Id).Order());
        Assert.DoesNotContain(file.Concerns, c => c.Id == theirs);
        Assert.Equal(file.Concerns.OrderByDescending(c => c.RaisedAt).ThenByDescending(c => c.Id).Select(c => c.Id), file.Concerns.Select(c => c.Id));
        Assert.Equal(4, file.Concerns.Single(c => c.Id == mine).History.Count);
        Assert.Equal(nameof(PortalRole.CareCoordinator), file.AccessRole);
        Assert.True(file.CanExportInzage);
    }

    [Fact]
    public async Task Each_read_of_the_pupil_file_is_audited_once_with_role_and_school()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherB);
        var files = database.PupilFiles(Logins.CareCoordinator);

        await files.GetAsync(pupil);
        await files.GetAsync(pupil);

        var entries = database.AuditEntries(a => a.Action == PupilFileService.ReadAction);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditRecordKind.PupilFile, e.RecordKind);
            Assert.Equal(pupil, e.RecordId);
            Assert.Equal(pupil, e.PupilId);
            Assert.Equal(database.StaffId(Logins.CareCoordinator), e.StaffMemberId);
            Assert.Equal(nameof(PortalRole.CareCoordinator), e.Role);
            Assert.Equal(database.SchoolId(Logins.SchoolB), e.SchoolId);
            Assert.Equal(AuditOutcome.Allowed, e.Outcome);
        });
    }

    [Fact]
    public async Task Teacher_of_the_pupil_reads_the_file_as_teacher_without_inzage()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var concern = await database.RaiseAsync(Logins.TeacherA, pupil, "Is snel afgeleid.");

        var file = await database.PupilFiles(Logins.TeacherA).GetAsync(pupil);

        Assert.Contains(file.Concerns, c => c.Id == concern);
        Assert.Equal(nameof(PortalRole.Teacher), file.AccessRole);
        Assert.False(file.CanExportInzage);
        var entry = Assert.Single(database.AuditEntries(a => a.Action == PupilFileService.ReadAction));
        Assert.Equal(nameof(PortalRole.Teacher), entry.Role);
        Assert.Equal(database.SchoolId(Logins.SchoolA), entry.SchoolId);
        Assert.Equal(database.StaffId(Logins.TeacherA), entry.StaffMemberId);
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(PrivacyScenario.SchoolLeaderA)]
    [InlineData(PrivacyScenario.PrivacyOfficer)]
    public async Task Others_cannot_read_the_pupil_file_and_the_refusal_is_audited(string login)
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.PupilFiles(login).GetAsync(pupil));

        AssertRefusalAudited(database, login, pupil, denied);
    }

    [Fact]
    public async Task Teacher_of_another_group_at_the_same_school_cannot_read_the_pupil_file()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilAt(Logins.SchoolA, notTaughtBy: Logins.TeacherA);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.PupilFiles(Logins.TeacherA).GetAsync(pupil));

        AssertRefusalAudited(database, Logins.TeacherA, pupil, denied);
    }

    [Fact]
    public async Task Care_coordinator_of_another_school_cannot_read_the_pupil_file()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var login = database.CareCoordinatorOfThirdSchool();

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.PupilFiles(login).GetAsync(pupil));

        AssertRefusalAudited(database, login, pupil, denied);
    }

    [Fact]
    public async Task Care_coordinator_still_reaches_a_pupil_who_left_but_the_former_teacher_does_not()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var concern = await database.RaiseAsync(Logins.TeacherA, pupil, "Komt vaak te laat.");
        database.Leave(pupil, database.Today().AddDays(-3));

        var file = await database.PupilFiles(Logins.CareCoordinator).GetAsync(pupil);

        Assert.Null(file.CurrentEnrolment);
        Assert.Equal(database.Today().AddDays(-3), file.LatestEnrolment?.LeftOn);
        Assert.Contains(file.Concerns, c => c.Id == concern);
        Assert.Equal(database.SchoolId(Logins.SchoolA),
            Assert.Single(database.AuditEntries(a => a.Action == PupilFileService.ReadAction)).SchoolId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.PupilFiles(Logins.TeacherA).GetAsync(pupil));
    }

    [Fact]
    public async Task Anonymous_caller_is_refused()
    {
        using var database = new TestDatabase();
        var service = database.Service<PupilFileService>(TestDatabase.Anonymous());

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(database.PupilOf(Logins.TeacherA)));

        Assert.Empty(database.AuditEntries(a => a.Action == PupilFileService.ReadAction && a.Outcome == AuditOutcome.Allowed));
    }

    private static void AssertRefusalAudited(TestDatabase database, string login, int pupilId, AccessDeniedException denied)
    {
        var staffId = database.StaffId(login);
        Assert.Equal(staffId, denied.StaffMemberId);
        Assert.Equal(pupilId, denied.TargetId);
        var entry = Assert.Single(database.AuditEntries(a => a.Action == PupilFileService.ReadAction));
        Assert.Equal(AuditOutcome.Refused, entry.Outcome);
        Assert.Equal(AuditRecordKind.PupilFile, entry.RecordKind);
        Assert.Equal(pupilId, entry.RecordId);
        Assert.Equal(staffId, entry.StaffMemberId);
    }
}
