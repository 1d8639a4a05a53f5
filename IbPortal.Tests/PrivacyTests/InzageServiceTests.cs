using System.Text;
using System.Text.Json;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Privacy;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>The inzage export (right of access): complete for the pupil, nothing of anyone else, only for the IB'er and the privacy officer, always audited.</summary>
public class InzageServiceTests
{
    [Fact]
    public async Task Inzage_export_contains_every_record_of_the_pupil_and_none_of_another_pupil()
    {
        using var database = new TestDatabase();
        var (pupil, other) = database.TwoPupilsOfTeacherA();
        var mine = await database.ConcernWithFullHistoryAsync(pupil, "Leest spellend; vraagt steeds om hulp.");
        var second = await database.RaiseAsync(Logins.TeacherA, pupil, "Speelt in de pauze alleen.");
        var theirs = await database.RaiseAsync(Logins.TeacherA, other, PrivacyScenario.OtherPupilObservation);
        await database.Concerns(Logins.CareCoordinator).GetDetailAsync(theirs);
        await database.PupilFiles(Logins.CareCoordinator).GetAsync(other);

        var export = await database.Inzage(Logins.CareCoordinator).ExportAsync(pupil);

        using var db = database.CreateContext();
        var expectedConcerns = db.Concerns.Where(c => c.PupilId == pupil).Select(c => c.Id).Order().ToList();
        var expectedHistory = db.ConcernHistory.Where(h => h.Concern!.PupilId == pupil).Select(h => h.Id).Order().ToList();
        var expectedEnrolments = db.Enrolments.Where(e => e.PupilId == pupil).Select(e => e.Id).Order().ToList();
        Assert.Contains(mine, expectedConcerns);
        Assert.Contains(second, expectedConcerns);
        Assert.Equal(expectedConcerns, export.Concerns.Select(c => c.Id).Order());
        Assert.Equal(expectedHistory, export.Concerns.SelectMany(c => c.History).Select(h => h.Id).Order());
        Assert.Equal(expectedEnrolments, export.Enrolments.Select(e => e.Id).Order());
        Assert.Equal(pupil, export.Pupil.Id);

        var otherConcerns = db.Concerns.Where(c => c.PupilId == other).Select(c => c.Id).ToList();
        var otherHistory = db.ConcernHistory.Where(h => h.Concern!.PupilId == other).Select(h => h.Id).ToList();
        var otherEnrolments = db.Enrolments.Where(e => e.PupilId == other).Select(e => e.Id).ToList();
        var otherAudit = db.AuditEntries.Where(a => a.PupilId == other || (a.RecordKind == AuditRecordKind.Concern && otherConcerns.Contains(a.RecordId!.Value)))
            .Select(a => a.Id).ToList();
        Assert.Contains(theirs, otherConcerns);
        Assert.NotEmpty(otherAudit);
        Assert.DoesNotContain(export.Concerns, c => otherConcerns.Contains(c.Id));
        Assert.DoesNotContain(export.Concerns.SelectMany(c => c.History), h => otherHistory.Contains(h.Id));
        Assert.DoesNotContain(export.Enrolments, e => otherEnrolments.Contains(e.Id));
        Assert.DoesNotContain(export.AccessLog, a => otherAudit.Contains(a.Id));
        Assert.DoesNotContain(export.Concerns, c => c.Observation == PrivacyScenario.OtherPupilObservation);

        // Every field of a concern is there, and its whole history in order.
        var full = export.Concerns.Single(c => c.Id == mine);
        Assert.Equal(DevelopmentArea.Both, full.Area);
        Assert.Equal(SubAreas.Reading | SubAreas.Wellbeing, full.SubAreas);
        Assert.Equal("sinds de kerstvakantie", full.Since);
        Assert.Equal("Maatje naast gezet.", full.AlreadyTried);
        Assert.Equal(ConcernOutcome.ResolvedInClass, full.Outcome);
        Assert.Equal("Mark Hofstede", full.AuthorName);
        Assert.Equal("Ilse Verbeek", full.AcknowledgedByName);
        Assert.NotNull(full.ClosedAt);
        Assert.Equal([ConcernChange.Raised, ConcernChange.NoteAdded, ConcernChange.NextStepSet, ConcernChange.Closed],
            full.History.Select(h => h.Change));
    }

    [Fact]
    public async Task Inzage_export_shows_who_viewed_the_pupils_records()
    {
        using var database = new TestDatabase();
        var (pupil, _) = database.TwoPupilsOfTeacherA();
        var concern = await database.RaiseAsync(Logins.TeacherA, pupil, "Rekenen stagneert.");
        await database.Concerns(Logins.CareCoordinator).GetDetailAsync(concern);
        await database.PupilFiles(Logins.TeacherA).GetAsync(pupil);
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Concerns(Logins.TeacherB).GetDetailAsync(concern));

        var export = await database.Inzage(Logins.CareCoordinator).ExportAsync(pupil);

        var read = Assert.Single(export.AccessLog, a => a.Action == "concern.read" && a.Outcome == AuditOutcome.Allowed);
        Assert.Equal(concern, read.RecordId);
        Assert.Equal("Ilse Verbeek", read.StaffName);
        Assert.Equal(nameof(PortalRole.CareCoordinator), read.Role);
        Assert.Equal("OBS De Vlinderboom", read.SchoolName);
        Assert.Equal("Signalering bekeken", read.Description);

        var file = Assert.Single(export.AccessLog, a => a.Action == PupilFileService.ReadAction);
        Assert.Equal("Mark Hofstede", file.StaffName);
        Assert.Equal(nameof(PortalRole.Teacher), file.Role);

        var refused = Assert.Single(export.AccessLog, a => a.Outcome == AuditOutcome.Refused);
        Assert.Equal("Samira Ouali", refused.StaffName);
        Assert.Equal(concern, refused.RecordId);

        Assert.Single(export.AccessLog, a => a.Action == "concern.raise");
        Assert.Equal(export.AccessLog.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Id), export.AccessLog.Select(a => a.Id));
    }

    [Fact]
    public async Task Producing_the_export_is_audited_exactly_once_and_appears_in_the_export()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var before = database.AuditEntries(_ => true).Count;

        var export = await database.Inzage(Logins.CareCoordinator).ExportAsync(pupil);

        var entries = database.AuditEntries(_ => true).Skip(before).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(InzageService.ExportAction, entry.Action);
        Assert.Equal(AuditRecordKind.Inzage, entry.RecordKind);
        Assert.Equal(pupil, entry.RecordId);
        Assert.Equal(pupil, entry.PupilId);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), entry.StaffMemberId);
        Assert.Equal(nameof(PortalRole.CareCoordinator), entry.Role);
        Assert.Equal(database.SchoolId(Logins.SchoolA), entry.SchoolId);
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);

        Assert.Equal(entry.Id, Assert.Single(export.AccessLog, a => a.Action == InzageService.ExportAction).Id);
        Assert.Equal(entry.At, export.GeneratedAt);
        Assert.Equal("Ilse Verbeek", export.GeneratedBy.Name);
        Assert.Equal("OBS De Vlinderboom", export.GeneratedBy.SchoolName);
    }

    [Fact]
    public async Task Privacy_officer_can_export_but_cannot_open_the_pupil_file()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherB);

        var export = await database.Inzage(PrivacyScenario.PrivacyOfficer).ExportAsync(pupil);

        Assert.Equal(pupil, export.Pupil.Id);
        Assert.Equal(nameof(PortalRole.PrivacyOfficer), export.GeneratedBy.Role);
        var entry = Assert.Single(database.AuditEntries(a => a.Action == InzageService.ExportAction));
        Assert.Equal(nameof(PortalRole.PrivacyOfficer), entry.Role);
        Assert.Equal(database.SchoolId(Logins.SchoolB), entry.SchoolId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.PupilFiles(PrivacyScenario.PrivacyOfficer).GetAsync(pupil));
    }

    [Theory]
    [InlineData(Logins.TeacherA)] // teaches the pupil, but the export is not the teacher's to make
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(PrivacyScenario.SchoolLeaderA)]
    public async Task Others_cannot_export_and_the_refusal_is_audited(string login)
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.Inzage(login).ExportAsync(pupil));

        AssertRefusalAudited(database, login, pupil, denied);
    }

    [Fact]
    public async Task Care_coordinator_of_a_school_the_pupil_never_attended_cannot_export()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var login = database.CareCoordinatorOfThirdSchool();

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.Inzage(login).ExportAsync(pupil));

        AssertRefusalAudited(database, login, pupil, denied);
    }

    [Fact]
    public async Task Deactivated_care_coordinator_cannot_export()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var inzage = database.Inzage(Logins.CareCoordinator);
        using (var db = database.CreateContext())
        {
            db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).IsActive = false;
            db.SaveChanges();
        }

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => inzage.ExportAsync(pupil));

        AssertRefusalAudited(database, Logins.CareCoordinator, pupil, denied);
    }

    [Fact]
    public async Task Unknown_pupil_is_refused_like_any_other()
    {
        using var database = new TestDatabase();

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => database.Inzage(Logins.CareCoordinator).ExportAsync(999_999));

        AssertRefusalAudited(database, Logins.CareCoordinator, 999_999, denied);
    }

    [Fact]
    public async Task A_pupil_who_left_is_still_exportable_by_the_care_coordinator()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var concern = await database.RaiseAsync(Logins.TeacherA, pupil, "Komt vaak te laat.");
        var left = database.Today().AddDays(-10);
        database.Leave(pupil, left);

        var export = await database.Inzage(Logins.CareCoordinator).ExportAsync(pupil);

        var enrolment = Assert.Single(export.Enrolments);
        Assert.Equal(left, enrolment.LeftOn);
        Assert.False(enrolment.IsCurrent);
        Assert.Contains(export.Concerns, c => c.Id == concern);
        Assert.Equal(database.SchoolId(Logins.SchoolA), export.GeneratedBy.SchoolId);
    }

    [Fact]
    public async Task Records_kept_by_another_board_are_left_out()
    {
        using var database = new TestDatabase();
        var pupil = database.PupilOf(Logins.TeacherA);
        var (elsewhereEnrolment, elsewhereConcern) = database.MoveToOtherBoard(pupil, database.Today().AddDays(-7));

        var export = await database.Inzage(Logins.CareCoordinator).ExportAsync(pupil);

        Assert.NotEmpty(export.Enrolments);
        Assert.DoesNotContain(export.Enrolments, e => e.Id == elsewhereEnrolment);
        Assert.DoesNotContain(export.Concerns, c => c.Id == elsewhereConcern);
        Assert.All(export.Enrolments, e => Assert.Equal("OBS De Vlinderboom", e.SchoolName));
    }

    [Fact]
    public async Task Json_round_trips_is_readable_and_contains_no_other_pupils_name()
    {
        using var database = new TestDatabase();
        var (pupil, other) = database.TwoPupilsOfTeacherA();
        await database.ConcernWithFullHistoryAsync(pupil, "Schrijft <b>niet</b> mee & kijkt weg.");
        var theirs = await database.RaiseAsync(Logins.TeacherA, other, PrivacyScenario.OtherPupilObservation);
        await database.Concerns(Logins.CareCoordinator).GetDetailAsync(theirs);
        var export = await database.Inzage(Logins.CareCoordinator).ExportAsync(pupil);

        var json = InzageService.ToJson(export);
        var text = Encoding.UTF8.GetString(json);

        var back = InzageService.FromJson(json);
        Assert.Equal(text, Encoding.UTF8.GetString(InzageService.ToJson(back)));
        Assert.Equal(export.Pupil, back.Pupil);
        Assert.Equal(export.GeneratedBy, back.GeneratedBy);
        Assert.Equal(export.GeneratedAt, back.GeneratedAt);
        Assert.Equal(DateTimeKind.Utc, back.GeneratedAt.Kind);
        Assert.Equal(export.Concerns.Select(c => c.Id), back.Concerns.Select(c => c.Id));
        Assert.Equal(export.AccessLog.Select(a => a.Id), back.AccessLog.Select(a => a.Id));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(pupil, root.GetProperty("pupil").GetProperty("id").GetInt32());
        Assert.Equal(database.FullNameOf(pupil), root.GetProperty("pupil").GetProperty("fullName").GetString());
        var firstConcern = root.GetProperty("concerns")[0];
        Assert.Equal(JsonValueKind.String, firstConcern.GetProperty("status").ValueKind);
        Assert.Contains(root.GetProperty("accessLog").EnumerateArray(), a => a.GetProperty("outcome").GetString() == "Allowed");
        Assert.Contains("\n  \"generatedBy\"", text, StringComparison.Ordinal);   // indented, camelCase
        Assert.Contains("Zoë", text, StringComparison.Ordinal);                  // letters stay readable
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);            // markup is escaped

        Assert.DoesNotContain(database.FullNameOf(other), text, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivacyScenario.OtherPupilObservation, text, StringComparison.Ordinal);
    }

    private static void AssertRefusalAudited(TestDatabase database, string login, int pupilId, AccessDeniedException denied)
    {
        var staffId = database.StaffId(login);
        Assert.Equal(staffId, denied.StaffMemberId);
        Assert.Equal(pupilId, denied.TargetId);
        Assert.DoesNotContain(pupilId.ToString(System.Globalization.CultureInfo.InvariantCulture), denied.Message, StringComparison.Ordinal);
        var entry = Assert.Single(database.AuditEntries(a => a.Action == InzageService.ExportAction));
        Assert.Equal(AuditOutcome.Refused, entry.Outcome);
        Assert.Equal(AuditRecordKind.Inzage, entry.RecordKind);
        Assert.Equal(pupilId, entry.RecordId);
        Assert.Equal(staffId, entry.StaffMemberId);
    }
}
