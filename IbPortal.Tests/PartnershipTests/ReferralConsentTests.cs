using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.PartnershipTests;

/// <summary>Submitting a referral shares the pupil's data with the samenwerkingsverband: only under the parents' consent.</summary>
public sealed class ReferralConsentTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private ReferralService Ib => _database.Referrals(Logins.CareCoordinator);

    public enum Missing
    {
        NotRequested,
        Requested,
        Refused,
        Withdrawn,
        Expired,
        OnlyForAnotherPurpose,
        OnlyAtAnotherSchool,
        GivenFromTomorrow,
    }

    [Theory]
    [InlineData(Missing.NotRequested, ConsentState.NotRequested, "nog niet gevraagd")]
    [InlineData(Missing.Requested, ConsentState.Requested, "nog niet geantwoord")]
    [InlineData(Missing.Refused, ConsentState.Refused, "geweigerd")]
    [InlineData(Missing.Withdrawn, ConsentState.Withdrawn, "ingetrokken")]
    [InlineData(Missing.Expired, ConsentState.Given, "verlopen")]
    [InlineData(Missing.OnlyForAnotherPurpose, ConsentState.NotRequested, "nog niet gevraagd")]
    [InlineData(Missing.OnlyAtAnotherSchool, ConsentState.NotRequested, "nog niet gevraagd")]
    [InlineData(Missing.GivenFromTomorrow, ConsentState.Given, "latere datum")]
    public async Task Submitting_without_a_valid_sharing_consent_is_refused_and_changes_nothing(Missing missing, ConsentState latest, string says)
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        var today = _database.Today();
        switch (missing)
        {
            case Missing.Requested:
                _database.Consent(pupil, school, ConsentState.Requested);
                break;
            case Missing.Refused:
                _database.Consent(pupil, school, ConsentState.Refused);
                break;
            case Missing.Withdrawn:
                _database.Consent(pupil, school, ConsentState.Withdrawn, decidedOn: today.AddDays(-30));
                break;
            case Missing.Expired:
                _database.Consent(pupil, school, ConsentState.Given, decidedOn: today.AddYears(-1), expiresOn: today.AddDays(-1));
                break;
            case Missing.OnlyForAnotherPurpose:
                _database.Consent(pupil, school, ConsentState.Given, purpose: ConsentPurposes.ExternalExpert);
                break;
            case Missing.OnlyAtAnotherSchool:
                _database.Consent(pupil, _database.SchoolId(Logins.SchoolB), ConsentState.Given);
                break;
            case Missing.GivenFromTomorrow:
                _database.Consent(pupil, school, ConsentState.Given, decidedOn: today.AddDays(1));
                break;
        }
        var id = await _database.DraftAsync(pupil);

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => Ib.SubmitAsync(id, 0));

        Assert.Equal(ConsentPurposes.PartnershipSharing, ex.Purpose);
        Assert.Equal(latest, ex.LatestState);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Delen van het dossier met het samenwerkingsverband", ex.Message, StringComparison.Ordinal);
        var stored = _database.StoredReferral(id);
        Assert.Equal((ReferralStatus.Draft, 0, (int?)null, (DateOnly?)null), (stored.Status, stored.Version, stored.ConsentId, stored.SubmittedOn));
        Assert.Empty(_database.AuditOf(PartnershipAuditActions.Submit));
    }

    [Fact]
    public async Task With_a_valid_sharing_consent_the_referral_is_submitted_today_under_that_consent()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherA);
        var school = _database.CurrentSchoolOf(pupil);
        var today = _database.Today();
        _database.Consent(pupil, school, ConsentState.Given, decidedOn: today.AddDays(-40), expiresOn: today.AddDays(-2));
        var consent = _database.Consent(pupil, school, ConsentState.Given, decidedOn: today.AddDays(-3), expiresOn: today);
        var id = await _database.DraftAsync(pupil);

        await Ib.SubmitAsync(id, 0);

        var stored = _database.StoredReferral(id);
        Assert.Equal(ReferralStatus.Submitted, stored.Status);
        Assert.Equal(today, stored.SubmittedOn);
        Assert.Equal(consent, stored.ConsentId);
        Assert.Equal(1, stored.Version);
        var audit = Assert.Single(_database.AuditOf(PartnershipAuditActions.Submit));
        Assert.Equal((id, pupil, school), (audit.RecordId!.Value, audit.PupilId!.Value, audit.SchoolId!.Value));
    }

    [Fact]
    public async Task Once_the_parents_gave_consent_after_a_refusal_the_same_draft_can_be_submitted()
    {
        var pupil = _database.NewPupilIn(Logins.TeacherB);
        var school = _database.CurrentSchoolOf(pupil);
        var id = await _database.DraftAsync(pupil);
        await Assert.ThrowsAsync<ConsentRequiredException>(() => Ib.SubmitAsync(id, 0));

        var consent = _database.Consent(pupil, school, ConsentState.Given);
        await Ib.SubmitAsync(id, 0);

        Assert.Equal(consent, _database.StoredReferral(id).ConsentId);
    }
}
