using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PartnershipTests;

public sealed class ReferralWorkflowTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private ReferralService Ib => _database.Referrals(Logins.CareCoordinator);

    private async Task<(int Pupil, int School, int Referral)> SubmittedAsync()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        _database.Consent(pupil, school, ConsentState.Given);
        var id = await _database.DraftAsync(pupil);
        await Ib.SubmitAsync(id, 0);
        return (pupil, school, id);
    }

    [Fact]
    public async Task A_new_referral_is_a_draft_at_the_pupils_current_school_drafted_by_the_care_coordinator()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherB);

        var id = await Ib.CreateAsync(pupil, new ReferralInput
        {
            Kind = ReferralKind.AdmissionStatementRequest,
            SupportQuestion = "  Is het speciaal basisonderwijs passend?  ",
            TriedAndEffect = "Extra instructie; weinig effect.",
            EducationalNeeds = "Korte instructie, veel herhaling.",
            ParentsView = "Ouders twijfelen.",
            ConsultantName = "J. Consulent",
        });

        var stored = _database.StoredReferral(id);
        Assert.Equal(ReferralStatus.Draft, stored.Status);
        Assert.Equal(ReferralKind.AdmissionStatementRequest, stored.Kind);
        Assert.Equal(_database.SchoolId(Logins.SchoolB), stored.SchoolId);
        Assert.Equal("Is het speciaal basisonderwijs passend?", stored.SupportQuestion);
        Assert.Equal("J. Consulent", stored.ConsultantName);
        Assert.Equal(_database.StaffId(Logins.CareCoordinator), stored.CreatedById);
        Assert.Null(stored.SubmittedOn);
        Assert.Null(stored.ConsentId);
        var audit = Assert.Single(_database.AuditOf(PartnershipAuditActions.Create));
        Assert.Equal((id, pupil, stored.SchoolId, "CareCoordinator", AuditRecordKind.Referral),
            (audit.RecordId!.Value, audit.PupilId!.Value, audit.SchoolId!.Value, audit.Role, audit.RecordKind));
    }

    [Fact]
    public async Task The_support_question_and_kind_are_required_and_nothing_is_saved_without_them()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.CreateAsync(pupil, new ReferralInput { SupportQuestion = "   " }));

        Assert.StartsWith("Beschrijf de hulpvraag", ex.Errors[nameof(ReferralInput.SupportQuestion)]);
        Assert.StartsWith("Kies wat je aanvraagt", ex.Errors[nameof(ReferralInput.Kind)]);
        using var db = _database.CreateContext();
        Assert.False(db.PartnershipReferrals.Any(r => r.PupilId == pupil));
        Assert.Empty(_database.AuditOf(PartnershipAuditActions.Create));
    }

    [Fact]
    public async Task Texts_longer_than_allowed_are_refused_per_field_with_their_length()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.CreateAsync(pupil, new ReferralInput
        {
            Kind = ReferralKind.Consultation,
            SupportQuestion = "Vraag",
            ParentsView = new string('x', PartnershipReferral.TextMaxLength + 1),
            ConsultantName = new string('y', ReferralService.ConsultantNameMaxLength + 1),
        }));

        Assert.Contains($"nu {PartnershipReferral.TextMaxLength + 1}", ex.Errors[nameof(ReferralInput.ParentsView)], StringComparison.Ordinal);
        Assert.Contains(nameof(ReferralInput.ConsultantName), ex.Errors.Keys);
        Assert.DoesNotContain(nameof(ReferralInput.SupportQuestion), ex.Errors.Keys);
    }

    [Fact]
    public async Task A_draft_can_be_edited_with_its_current_version_and_a_stale_version_is_a_conflict()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var id = await _database.DraftAsync(pupil);

        await Ib.UpdateAsync(id, 0, new ReferralInput { Kind = ReferralKind.ArrangementRequest, SupportQuestion = "Nieuwe vraag", EducationalNeeds = "Rust" });
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Ib.UpdateAsync(id, 0, new ReferralInput { Kind = ReferralKind.Consultation, SupportQuestion = "Oude stand" }));

        var stored = _database.StoredReferral(id);
        Assert.Equal((ReferralKind.ArrangementRequest, "Nieuwe vraag", "Rust", 1), (stored.Kind, stored.SupportQuestion, stored.EducationalNeeds, stored.Version));
        Assert.Contains("aanvraag", conflict.Message, StringComparison.Ordinal);
        Assert.Single(_database.AuditOf(PartnershipAuditActions.Update));
    }

    [Fact]
    public async Task A_submitted_referral_can_no_longer_be_edited()
    {
        var (_, _, id) = await SubmittedAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Ib.UpdateAsync(id, 1, new ReferralInput { Kind = ReferralKind.Consultation, SupportQuestion = "Toch anders" }));

        Assert.StartsWith("Alleen een concept", ex.Message);
        Assert.Equal("Welke ondersteuning past bij deze leerling?", _database.StoredReferral(id).SupportQuestion);
    }

    [Fact]
    public async Task A_decision_is_recorded_only_on_a_submitted_referral()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var draft = await _database.DraftAsync(pupil);
        var today = _database.Today();
        var decision = new ReferralDecisionInput { Outcome = ReferralOutcome.Granted, DecidedOn = today, Note = "Arrangement voor een jaar." };

        var onDraft = await Assert.ThrowsAsync<DomainException>(() => Ib.RecordDecisionAsync(draft, 0, decision));
        var (_, _, submitted) = await SubmittedAsync();
        await Ib.RecordDecisionAsync(submitted, 1, decision);

        Assert.StartsWith("Een besluit leg je vast nadat", onDraft.Message);
        Assert.Equal(ReferralStatus.Draft, _database.StoredReferral(draft).Status);
        var decided = _database.StoredReferral(submitted);
        Assert.Equal((ReferralStatus.Decided, ReferralOutcome.Granted, today, "Arrangement voor een jaar.", 2),
            (decided.Status, decided.Outcome!.Value, decided.DecidedOn!.Value, decided.OutcomeNote, decided.Version));
        var again = await Assert.ThrowsAsync<DomainException>(() => Ib.RecordDecisionAsync(submitted, 2, decision));
        Assert.Equal("Deze aanvraag is al afgerond.", again.Message);
    }

    [Fact]
    public async Task A_decision_needs_an_outcome_and_a_date_that_is_neither_in_the_future_nor_before_submission()
    {
        var (_, _, id) = await SubmittedAsync();
        var today = _database.Today();

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.RecordDecisionAsync(id, 1, new ReferralDecisionInput()));
        var future = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.RecordDecisionAsync(id, 1, new ReferralDecisionInput { Outcome = ReferralOutcome.Rejected, DecidedOn = today.AddDays(1) }));
        var early = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.RecordDecisionAsync(id, 1, new ReferralDecisionInput { Outcome = ReferralOutcome.Rejected, DecidedOn = today.AddDays(-1) }));

        Assert.Equal([nameof(ReferralDecisionInput.DecidedOn), nameof(ReferralDecisionInput.Outcome)], empty.Errors.Keys.Order());
        Assert.Contains("toekomst", future.Errors[nameof(ReferralDecisionInput.DecidedOn)], StringComparison.Ordinal);
        Assert.Contains("vóór de datum waarop de aanvraag is ingediend", early.Errors[nameof(ReferralDecisionInput.DecidedOn)], StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Submitted, _database.StoredReferral(id).Status);
    }

    [Fact]
    public async Task Drafts_and_submitted_referrals_can_be_withdrawn_but_decided_ones_cannot()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var draft = await _database.DraftAsync(pupil);
        var (_, _, submitted) = await SubmittedAsync();
        var (_, _, decided) = await SubmittedAsync();
        await Ib.RecordDecisionAsync(decided, 1, new ReferralDecisionInput { Outcome = ReferralOutcome.AdviceGiven, DecidedOn = _database.Today() });

        await Ib.WithdrawAsync(draft, 0);
        await Ib.WithdrawAsync(submitted, 1);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Ib.WithdrawAsync(decided, 2));

        Assert.Equal(ReferralStatus.Withdrawn, _database.StoredReferral(draft).Status);
        Assert.Equal(ReferralStatus.Withdrawn, _database.StoredReferral(submitted).Status);
        Assert.Equal(ReferralStatus.Decided, _database.StoredReferral(decided).Status);
        Assert.Contains("intrekken kan niet meer", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Ib.SubmitAsync(draft, 1));
        await Assert.ThrowsAsync<DomainException>(() =>
            Ib.RecordDecisionAsync(submitted, 2, new ReferralDecisionInput { Outcome = ReferralOutcome.Granted, DecidedOn = _database.Today() }));
    }

    [Fact]
    public async Task The_list_shows_the_pupils_referrals_newest_first_and_lets_only_the_care_coordinator_manage()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var first = await _database.DraftAsync(pupil, "Eerste vraag");
        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _database.DraftAsync(pupil, "Tweede vraag", ReferralKind.ArrangementRequest);
        var other = await _database.DraftAsync(_database.NewPupilIn(Logins.TeacherA, "Anderleerling"), "Niet van deze leerling");

        var asIb = await Ib.ListAsync(pupil);
        var asTeacher = await _database.Referrals(Logins.TeacherA).ListAsync(pupil);

        Assert.Equal([second, first], asIb.Referrals.Select(r => r.Id));
        Assert.DoesNotContain(asIb.Referrals, r => r.Id == other);
        Assert.True(asIb.CanCreate);
        Assert.All(asIb.Referrals, r => Assert.True(r.CanManage && r.CanSubmit && r.CanEdit));
        Assert.Equal([second, first], asTeacher.Referrals.Select(r => r.Id));
        Assert.False(asTeacher.CanCreate);
        Assert.All(asTeacher.Referrals, r => Assert.False(r.CanManage || r.CanEdit || r.CanSubmit || r.CanWithdraw || r.CanDecide));
        var reads = _database.AuditOf(PartnershipAuditActions.List);
        Assert.Equal(["CareCoordinator", "Teacher"], reads.Select(a => a.Role));
        Assert.All(reads, a => Assert.Equal(pupil, a.PupilId));
    }

    [Fact]
    public async Task The_pupils_teacher_reads_but_cannot_create_submit_or_withdraw_and_each_refusal_is_audited()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        _database.Consent(pupil, school, ConsentState.Given);
        var id = await _database.DraftAsync(pupil);
        var teacher = _database.Referrals(Logins.TeacherA);

        var read = await teacher.GetAsync(id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.CreateAsync(pupil, new ReferralInput { Kind = ReferralKind.Consultation, SupportQuestion = "Vraag" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ProposeAsync(pupil));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.SubmitAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.WithdrawAsync(id, 0));

        Assert.Equal(id, read.Id);
        Assert.False(read.CanManage);
        Assert.Equal(ReferralStatus.Draft, _database.StoredReferral(id).Status);
        using var db = _database.CreateContext();
        var teacherId = _database.StaffId(Logins.TeacherA);
        var refusals = db.AuditEntries.AsNoTracking()
            .Where(a => a.StaffMemberId == teacherId && a.Outcome == AuditOutcome.Refused && a.RecordKind == AuditRecordKind.Referral)
            .Select(a => a.Action).ToList();
        Assert.Equal([PartnershipAuditActions.Create, PartnershipAuditActions.Propose, PartnershipAuditActions.Submit, PartnershipAuditActions.Withdraw],
            refusals.Order());
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Others_cannot_list_or_read_a_pupils_referrals_and_the_refusal_is_audited(string login)
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var id = await _database.DraftAsync(pupil);
        var service = _database.Referrals(login);

        var list = await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(pupil));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetSummaryAsync(pupil, id));

        Assert.StartsWith("Je hebt geen toegang", list.Message);
        var staffId = _database.StaffId(login);
        using var db = _database.CreateContext();
        Assert.Equal(3, db.AuditEntries.Count(a => a.StaffMemberId == staffId && a.Outcome == AuditOutcome.Refused && a.RecordKind == AuditRecordKind.Referral));
        Assert.False(db.AuditEntries.Any(a => a.StaffMemberId == staffId && a.Outcome == AuditOutcome.Allowed && a.RecordKind == AuditRecordKind.Referral));
    }

    [Fact]
    public async Task A_referral_stays_at_the_school_that_drafted_it_when_the_pupil_moves()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var id = await _database.DraftAsync(pupil);
        using (var db = _database.CreateContext())
        {
            var today = _database.Today();
            foreach (var e in db.Enrolments.Where(e => e.PupilId == pupil))
                e.LeftOn = today.AddDays(-1);
            var groupB = db.GroupTeachers.Where(t => t.StaffMember!.Login == Logins.TeacherB).Select(t => t.GroupId).First();
            db.Enrolments.Add(new Domain.Pupils.Enrolment { PupilId = pupil, GroupId = groupB, EnrolledOn = today });
            db.SaveChanges();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => _database.Referrals(Logins.TeacherA).GetAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _database.Referrals(Logins.TeacherB).GetAsync(id));
        var next = await _database.DraftAsync(pupil, "Vraag op de nieuwe school");

        Assert.Equal(_database.SchoolId(Logins.SchoolA), _database.StoredReferral(id).SchoolId);
        Assert.Equal(_database.SchoolId(Logins.SchoolB), _database.StoredReferral(next).SchoolId);
        Assert.Equal([next], (await _database.Referrals(Logins.TeacherB).ListAsync(pupil)).Referrals.Select(r => r.Id));
    }

    [Fact]
    public void Every_action_code_has_a_Dutch_label_for_the_inzage_export()
    {
        var codes = typeof(PartnershipAuditActions).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(9, codes.Count);
        Assert.All(codes, c => Assert.NotEqual(c, Domain.Privacy.AuditActionLabels.Describe(c)));
    }
}
