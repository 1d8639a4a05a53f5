using IbPortal.Domain.Access;
using IbPortal.Domain.Parents;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.ParentTests;

/// <summary>An external expert never observes or assesses a pupil without the parents' consent.</summary>
public sealed class ExternalExpertTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    private async Task<int> ReportCountAsync(int pupilId)
    {
        await using var db = _db.CreateContext();
        return await db.ExternalExpertReports.CountAsync(r => r.PupilId == pupilId);
    }

    private async Task<ConsentRequiredException> RefusedAsync(int pupilId)
    {
        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() =>
            _db.Experts().RecordAsync(pupilId, ParentScenario.ValidReport(Today)));
        Assert.Equal(0, await ReportCountAsync(pupilId));
        Assert.Equal(ConsentPurposes.ExternalExpert, ex.Purpose);
        Assert.Equal(pupilId, ex.PupilId);
        Assert.Contains("er is nog niets vastgelegd", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public async Task Without_any_consent_the_observation_is_refused_and_nothing_is_saved()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var ex = await RefusedAsync(pupilId);

        Assert.Equal(ConsentState.NotRequested, ex.LatestState);
        Assert.Null(ex.LatestConsentId);
    }

    [Fact]
    public async Task With_consent_only_requested_the_observation_is_refused()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.Consents().RequestAsync(pupilId, ConsentPurposes.ExternalExpert);

        var ex = await RefusedAsync(pupilId);

        Assert.Equal(ConsentState.Requested, ex.LatestState);
        Assert.Equal(consentId, ex.LatestConsentId);
    }

    [Fact]
    public async Task With_consent_refused_the_observation_is_refused()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var consentId = await _db.Consents().RequestAsync(pupilId, ConsentPurposes.ExternalExpert);
        await _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today, ConsentDecision.Refused));

        Assert.Equal(ConsentState.Refused, (await RefusedAsync(pupilId)).LatestState);
    }

    [Fact]
    public async Task With_consent_withdrawn_the_observation_is_refused_although_it_was_allowed_before()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.GiveConsentAsync(pupilId);
        await _db.Experts().RecordAsync(pupilId, ParentScenario.ValidReport(Today));

        await _db.Consents().WithdrawAsync(consentId, Today);

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() =>
            _db.Experts().RecordAsync(pupilId, ParentScenario.ValidReport(Today)));
        Assert.Equal(ConsentState.Withdrawn, ex.LatestState);
        Assert.Equal(1, await ReportCountAsync(pupilId));
    }

    [Fact]
    public async Task With_consent_expired_the_observation_is_refused()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId, expiresOn: Today.AddDays(5));
        _db.Clock.Advance(TimeSpan.FromDays(6));

        var ex = await RefusedAsync(pupilId);

        Assert.Equal(ConsentState.Given, ex.LatestState);
        Assert.True(ex.IsExpired);
    }

    [Fact]
    public async Task With_only_the_partnership_consent_the_observation_is_refused()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId, ConsentPurposes.PartnershipSharing);

        Assert.Equal(ConsentState.NotRequested, (await RefusedAsync(pupilId)).LatestState);
    }

    [Fact]
    public async Task An_observation_that_took_place_before_the_parents_consented_is_refused()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Experts().RecordAsync(pupilId, ParentScenario.ValidReport(Today.AddDays(-3))));

        Assert.Contains("vóórdat de ouders toestemming gaven", ex.Errors[nameof(ExternalExpertReportInput.TookPlaceOn)], StringComparison.Ordinal);
        Assert.Equal(0, await ReportCountAsync(pupilId));
    }

    [Fact]
    public async Task With_valid_consent_the_observation_is_recorded_under_that_consent_and_readable_by_the_teacher()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.GiveConsentAsync(pupilId);
        _db.Clock.Advance(TimeSpan.FromDays(7));
        var input = ParentScenario.ValidReport(Today.AddDays(-1));
        input.Kind = ExternalExpertReportKind.Assessment;

        var reportId = await _db.Experts().RecordAsync(pupilId, input);

        await using (var db = _db.CreateContext())
        {
            var stored = await db.ExternalExpertReports.SingleAsync(r => r.Id == reportId);
            Assert.Equal(consentId, stored.ConsentId);
            Assert.Equal(_db.SchoolOf(pupilId), stored.SchoolId);
            Assert.Equal(ExternalExpertReportKind.Assessment, stored.Kind);
        }
        var list = await _db.Experts(Logins.TeacherA).ListAsync(pupilId);
        var item = Assert.Single(list.Reports);
        Assert.Equal(input.Findings, item.Findings);
        Assert.Equal("Drs. Voorbeeld", item.ExpertName);
        Assert.Equal(Today.AddDays(-7), item.ConsentGivenOn);
        Assert.False(list.CanRecord);
        Assert.True((await _db.Experts().ListAsync(pupilId)).CanRecord);
    }

    [Fact]
    public async Task A_report_needs_kind_name_date_and_findings_and_not_a_future_date()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId);

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Experts().RecordAsync(pupilId, new ExternalExpertReportInput()));
        var future = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Experts().RecordAsync(pupilId, ParentScenario.ValidReport(Today.AddDays(1))));

        Assert.Equal(
            [nameof(ExternalExpertReportInput.ExpertName), nameof(ExternalExpertReportInput.Findings), nameof(ExternalExpertReportInput.Kind),
                nameof(ExternalExpertReportInput.TookPlaceOn)],
            empty.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("toekomst", future.Errors[nameof(ExternalExpertReportInput.TookPlaceOn)], StringComparison.Ordinal);
        Assert.Equal(0, await ReportCountAsync(pupilId));
    }

    [Fact]
    public async Task A_teacher_cannot_record_an_observation_and_the_refusal_is_audited()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _db.Experts(Logins.TeacherA).RecordAsync(pupilId, ParentScenario.ValidReport(Today)));

        var refusal = _db.AuditFor(Logins.TeacherA).Last();
        Assert.Equal(ParentAuditActions.ExternalReportRecord, refusal.Action);
        Assert.Equal(Domain.Audit.AuditOutcome.Refused, refusal.Outcome);
        Assert.Equal(Domain.Audit.AuditRecordKind.ExternalExpertReport, refusal.RecordKind);
        Assert.Equal(pupilId, refusal.PupilId);
        Assert.Equal(0, await ReportCountAsync(pupilId));
    }
}
