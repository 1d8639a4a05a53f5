using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.ParentTests;

public sealed class GuardianTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_guardian_is_added_at_the_pupils_current_school_and_listed()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherB);

        var id = await _db.Guardians().AddAsync(pupilId, ParentScenario.ValidGuardian());

        var list = await _db.Guardians().ListAsync(pupilId);
        Assert.Equal(_db.SchoolId(Logins.SchoolB), list.SchoolId);
        var guardian = Assert.Single(list.Guardians);
        Assert.Equal(id, guardian.Id);
        Assert.Equal(ParentScenario.GuardianName, guardian.Name);
        Assert.Equal("moeder", guardian.Relationship);
        Assert.Equal(ParentScenario.GuardianEmail, guardian.Email);
        Assert.Equal(ParentScenario.GuardianPhone, guardian.Phone);
        Assert.True(guardian.HasParentalAuthority);
        Assert.True(list.CanManage);
        Assert.True(list.CanAdd);
    }

    [Fact]
    public async Task Name_and_parental_authority_are_required_and_nothing_is_saved()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Guardians().AddAsync(pupilId, new GuardianInput { Name = "  ", Relationship = "vader" }));

        Assert.Equal("Vul de naam van de ouder of verzorger in.", ex.Errors[nameof(GuardianInput.Name)]);
        Assert.Contains("ouderlijk gezag", ex.Errors[nameof(GuardianInput.HasParentalAuthority)], StringComparison.Ordinal);
        await using var db = _db.CreateContext();
        Assert.False(await db.Guardians.AnyAsync(g => g.PupilId == pupilId));
    }

    [Theory]
    [InlineData("sanne@voorbeeld", null)]
    [InlineData("sanne voorbeeld.nl", null)]
    [InlineData(null, "bel me")]
    [InlineData(null, "12345")]
    [InlineData(null, "06-1234-5678-9012-3456")]
    public async Task An_invalid_email_address_or_phone_number_is_refused_with_a_Dutch_message(string? email, string? phone)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var input = ParentScenario.ValidGuardian();
        input.Email = email;
        input.Phone = phone;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Guardians().AddAsync(pupilId, input));

        var field = email is not null ? nameof(GuardianInput.Email) : nameof(GuardianInput.Phone);
        Assert.Contains(email is not null ? "geen geldig e-mailadres" : "geen geldig telefoonnummer", ex.Errors[field], StringComparison.Ordinal);
        Assert.Single(ex.Errors);
    }

    [Theory]
    [InlineData("0612345678")]
    [InlineData("+31 6 12345678")]
    [InlineData("(010) 123 45 67")]
    public async Task Common_Dutch_phone_numbers_are_accepted(string phone)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var input = ParentScenario.ValidGuardian();
        input.Phone = phone;
        input.Email = null;

        var id = await _db.Guardians().AddAsync(pupilId, input);

        Assert.Equal(phone, (await _db.Guardians().ListAsync(pupilId)).Guardians.Single(g => g.Id == id).Phone);
    }

    [Fact]
    public async Task Editing_changes_the_details_and_a_stale_version_is_a_conflict()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.AddGuardianAsync(pupilId);
        var edit = ParentScenario.ValidGuardian(authority: false, name: "Sanne de Voorbeeld");

        await _db.Guardians().UpdateAsync(id, 0, edit);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _db.Guardians().UpdateAsync(id, 0, ParentScenario.ValidGuardian(name: "Iemand anders")));

        Assert.Contains("ouder/verzorger net gewijzigd", conflict.Message, StringComparison.Ordinal);
        var guardian = (await _db.Guardians().ListAsync(pupilId)).Guardians.Single();
        Assert.Equal("Sanne de Voorbeeld", guardian.Name);
        Assert.False(guardian.HasParentalAuthority);
        Assert.Equal(1, guardian.Version);
    }

    [Fact]
    public async Task Archived_guardians_are_listed_last_and_cannot_be_edited()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var archived = await _db.AddGuardianAsync(pupilId, name: "Anna Aardig");
        var current = await _db.AddGuardianAsync(pupilId, name: "Zeger Zorgzaam");

        await _db.Guardians().ArchiveAsync(archived, 0);

        var list = (await _db.Guardians().ListAsync(pupilId)).Guardians;
        Assert.Equal([current, archived], list.Select(g => g.Id));
        Assert.True(list[1].IsArchived);
        var edit = await Assert.ThrowsAsync<DomainException>(() => _db.Guardians().UpdateAsync(archived, 1, ParentScenario.ValidGuardian()));
        Assert.Contains("gearchiveerd", edit.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => _db.Guardians().ArchiveAsync(archived, 1));
    }

    [Fact]
    public async Task The_teacher_reads_the_guardians_but_cannot_add_edit_or_archive_and_each_refusal_is_audited()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.AddGuardianAsync(pupilId);

        var list = await _db.Guardians(Logins.TeacherA).ListAsync(pupilId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Guardians(Logins.TeacherA).AddAsync(pupilId, ParentScenario.ValidGuardian()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Guardians(Logins.TeacherA).UpdateAsync(id, 0, ParentScenario.ValidGuardian()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Guardians(Logins.TeacherA).ArchiveAsync(id, 0));

        Assert.Single(list.Guardians);
        Assert.False(list.CanManage);
        Assert.False(list.CanAdd);
        var audit = _db.AuditFor(Logins.TeacherA);
        var read = audit.Single(a => a.Action == ParentAuditActions.GuardianList);
        Assert.Equal((AuditOutcome.Allowed, "Teacher", pupilId, _db.SchoolId(Logins.SchoolA)), (read.Outcome, read.Role, read.PupilId, read.SchoolId));
        Assert.Equal(
            [ParentAuditActions.GuardianAdd, ParentAuditActions.GuardianUpdate, ParentAuditActions.GuardianArchive],
            audit.Where(a => a.Outcome == AuditOutcome.Refused).Select(a => a.Action));
        Assert.All(audit.Where(a => a.Outcome == AuditOutcome.Refused), a => Assert.Equal(AuditRecordKind.Guardian, a.RecordKind));
    }

    [Fact]
    public async Task A_teacher_of_another_school_is_refused_the_list_and_the_refusal_names_the_pupil()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.AddGuardianAsync(pupilId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Guardians(Logins.TeacherB).ListAsync(pupilId));

        var refusal = Assert.Single(_db.AuditFor(Logins.TeacherB), a => a.Action == ParentAuditActions.GuardianList);
        Assert.Equal((AuditOutcome.Refused, AuditRecordKind.Guardian, (int?)pupilId), (refusal.Outcome, refusal.RecordKind, refusal.PupilId));
    }

    [Fact]
    public async Task Adding_and_archiving_are_audited_with_ids_and_the_logs_carry_no_names_or_contact_details()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var log = new RecordingLogger<GuardianService>();
        var service = new GuardianService(_db.Factory, _db.UserFor(Logins.CareCoordinator), _db.Audit, _db.Clock, log);

        var id = await service.AddAsync(pupilId, ParentScenario.ValidGuardian());
        await service.ArchiveAsync(id, 0);
        await service.ListAsync(pupilId);

        var audit = _db.AuditFor(Logins.CareCoordinator).Where(a => a.RecordKind == AuditRecordKind.Guardian && a.PupilId == pupilId).ToList();
        Assert.Equal([ParentAuditActions.GuardianAdd, ParentAuditActions.GuardianArchive, ParentAuditActions.GuardianList], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((pupilId, "CareCoordinator"), (a.PupilId!.Value, a.Role)));
        Assert.Equal(id, audit[0].RecordId);
        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines, line =>
        {
            Assert.DoesNotContain("Sanne", line, StringComparison.Ordinal);
            Assert.DoesNotContain(ParentScenario.GuardianEmail, line, StringComparison.Ordinal);
            Assert.DoesNotContain("12345678", line, StringComparison.Ordinal);
        });
        Assert.Contains(log.Lines, l => l.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pupil_who_left_keeps_the_guardians_readable_for_the_former_schools_IBer_but_nothing_new_is_added()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.AddGuardianAsync(pupilId);
        await using (var db = _db.CreateContext())
        {
            var enrolment = await db.Enrolments.SingleAsync(e => e.PupilId == pupilId);
            enrolment.LeftOn = _db.Today().AddDays(-1);
            await db.SaveChangesAsync();
        }

        var list = await _db.Guardians().ListAsync(pupilId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Guardians().AddAsync(pupilId, ParentScenario.ValidGuardian()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Guardians(Logins.TeacherA).ListAsync(pupilId));

        Assert.Single(list.Guardians);
        Assert.False(list.CanAdd);
    }

    [Fact]
    public async Task Nobody_signed_in_reaches_nothing()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var service = new GuardianService(_db.Factory, TestDatabase.Anonymous(), _db.Audit, _db.Clock, NullLogger<GuardianService>.Instance);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(pupilId));
    }
}
