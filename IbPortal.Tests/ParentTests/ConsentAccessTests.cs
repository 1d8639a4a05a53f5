using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.ParentTests;

/// <summary>Who reaches consents, and that every read, change and refusal leaves an audit entry with ids only.</summary>
public sealed class ConsentAccessTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task The_teacher_reads_the_consents_but_may_not_request_decide_or_withdraw()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var open = await _db.Consents().RequestAsync(pupilId, ConsentPurposes.PartnershipSharing);
        var given = await _db.GiveConsentAsync(pupilId);

        var overview = await _db.Consents(Logins.TeacherA).GetOverviewAsync(pupilId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Consents(Logins.TeacherA).RequestAsync(pupilId, ConsentPurposes.ExternalExpert));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _db.Consents(Logins.TeacherA).RecordDecisionAsync(open, ParentScenario.Decision(guardianId, _db.Today())));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Consents(Logins.TeacherA).WithdrawAsync(given, _db.Today()));

        Assert.False(overview.CanManage);
        Assert.All(overview.Purposes, p => Assert.False(p.CanRequest || p.CanDecide || p.CanWithdraw));
        Assert.Equal(ConsentStatus.Given, overview.For(ConsentPurposes.ExternalExpert)!.Status);
        Assert.False(await _db.Consents(Logins.TeacherA).CanRequestAsync(pupilId));
        Assert.True(await _db.Consents().CanRequestAsync(pupilId));
        var refusals = _db.AuditFor(Logins.TeacherA).Where(a => a.Outcome == AuditOutcome.Refused).ToList();
        Assert.Equal([ParentAuditActions.ConsentRequest, ParentAuditActions.ConsentDecide, ParentAuditActions.ConsentWithdraw], refusals.Select(a => a.Action));
        Assert.All(refusals, a => Assert.Equal(AuditRecordKind.Consent, a.RecordKind));
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Others_are_refused_the_consents_and_the_refusal_is_audited_with_the_pupil(string login)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Consents(login).GetOverviewAsync(pupilId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Experts(login).ListAsync(pupilId));

        var refusals = _db.AuditFor(login).Where(a => a.Outcome == AuditOutcome.Refused && a.PupilId == pupilId).ToList();
        Assert.Equal([(ParentAuditActions.ConsentRead, AuditRecordKind.Consent), (ParentAuditActions.ExternalReportList, AuditRecordKind.ExternalExpertReport)],
            refusals.Select(a => (a.Action, a.RecordKind)));
    }

    [Fact]
    public async Task Every_consent_change_and_read_is_audited_with_ids_role_and_school()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var school = _db.SchoolOf(pupilId);
        var consentId = await _db.GiveConsentAsync(pupilId);
        await _db.Consents().WithdrawAsync(consentId, _db.Today());
        await _db.Consents().GetOverviewAsync(pupilId);

        var entries = _db.AuditFor(Logins.CareCoordinator).Where(a => a.RecordKind == AuditRecordKind.Consent && a.PupilId == pupilId).ToList();

        Assert.Equal([ParentAuditActions.ConsentRequest, ParentAuditActions.ConsentDecide, ParentAuditActions.ConsentWithdraw, ParentAuditActions.ConsentRead],
            entries.Select(a => a.Action));
        Assert.All(entries, a => Assert.Equal((school, "CareCoordinator", AuditOutcome.Allowed), (a.SchoolId!.Value, a.Role, a.Outcome)));
        Assert.All(entries.Take(3), a => Assert.Equal(consentId, a.RecordId));
        Assert.All(ParentAuditActionsInUse(), code => Assert.True(ParentAuditActions.Labels.ContainsKey(code), code));
    }

    [Fact]
    public async Task The_consent_logs_carry_ids_only()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var log = new RecordingLogger<ConsentService>();
        var service = new ConsentService(_db.Factory, _db.UserFor(Logins.CareCoordinator), _db.Audit,
            new ConsentPurposes(Microsoft.Extensions.Options.Options.Create(_db.CareOptions)), _db.Clock, log);

        var id = await service.RequestAsync(pupilId, ConsentPurposes.ExternalExpert, "Vader twijfelt nog.");
        await service.RecordDecisionAsync(id, ParentScenario.Decision(guardianId, _db.Today()));
        await service.WithdrawAsync(id, _db.Today(), "Moeder wil eerst overleg.");

        Assert.Equal(3, log.Lines.Count);
        Assert.All(log.Lines, line =>
        {
            Assert.DoesNotContain("Sanne", line, StringComparison.Ordinal);
            Assert.DoesNotContain("twijfelt", line, StringComparison.Ordinal);
            Assert.DoesNotContain("overleg", line, StringComparison.Ordinal);
        });
    }

    private static IEnumerable<string> ParentAuditActionsInUse() =>
        typeof(ParentAuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
