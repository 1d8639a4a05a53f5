using IbPortal.Domain.Parents;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.CareTests;

/// <summary>A step that relies on a consent is not saved when the consent was withdrawn while the step was under way.</summary>
public sealed class ConsentRaceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_step_relying_on_a_consent_withdrawn_meanwhile_is_not_saved()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var school = _db.SchoolId(Logins.SchoolA);
        var today = DateOnly.FromDateTime(_db.Clock.GetUtcNow().UtcDateTime);
        var consentId = GiveConsent(pupil, school, today.AddDays(-10));

        // The step has checked the consent ...
        using var step = _db.CreateContext();
        var consent = await ConsentRules.RequireAsync(step, pupil, school, ConsentPurposes.ExternalExpertPurpose, today, CancellationToken.None);
        Assert.Equal(consentId, consent.Id);

        // ... when the IB'er records the parents' withdrawal ...
        await _db.Service<ConsentService>(Logins.CareCoordinator).WithdrawAsync(consentId, today, "Ouders trekken in.");

        // ... so the step's save fails instead of recording an observation under a withdrawn consent.
        step.ExternalExpertReports.Add(new ExternalExpertReport
        {
            PupilId = pupil, SchoolId = school, Kind = ExternalExpertReportKind.Observation, ExpertName = "Drs. B. de Vries",
            TookPlaceOn = today, Findings = "Observatie.", ConsentId = consent.Id, RecordedById = _db.StaffId(Logins.CareCoordinator),
            RecordedAt = _db.Clock.GetUtcNow().UtcDateTime,
        });
        ConsentRules.RelyOn(step, consent);
        Assert.Throws<DbUpdateConcurrencyException>(() => step.SaveChanges());

        using var check = _db.CreateContext();
        Assert.False(check.ExternalExpertReports.Any(r => r.PupilId == pupil));
        Assert.Equal(ConsentState.Withdrawn, check.Consents.Single(c => c.Id == consentId).State);
    }

    private int GiveConsent(int pupil, int school, DateOnly decidedOn)
    {
        using var db = _db.CreateContext();
        var now = _db.Clock.GetUtcNow().UtcDateTime;
        var guardian = new Guardian { PupilId = pupil, SchoolId = school, Name = "Ouder", HasParentalAuthority = true, CreatedAt = now, UpdatedAt = now };
        var consent = new Consent
        {
            PupilId = pupil, SchoolId = school, Purpose = ConsentPurposes.ExternalExpert, State = ConsentState.Given, Guardian = guardian,
            RequestedAt = now.AddDays(-12), RequestedById = _db.StaffId(Logins.CareCoordinator), DecidedOn = decidedOn,
            Method = ConsentMethod.SignedForm, UpdatedAt = now,
        };
        db.Consents.Add(consent);
        db.SaveChanges();
        return consent.Id;
    }
}
