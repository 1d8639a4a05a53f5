using IbPortal.Domain.Access;
using IbPortal.Domain.Parents;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.ParentTests;

/// <summary>Every consent rule, for each built-in purpose: request, give, refuse, withdraw, expiry, re-request, guardians, dates.</summary>
public sealed class ConsentRuleTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public static TheoryData<string> BuiltInPurposes => [ConsentPurposes.ExternalExpert, ConsentPurposes.PartnershipSharing];

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    private ConsentPurpose PurposeOf(string code) => new ConsentPurposes(Microsoft.Extensions.Options.Options.Create(_db.CareOptions)).Find(code)!;

    private async Task<ConsentRequiredException> RequireFailsAsync(int pupilId, string purpose)
    {
        await using var db = _db.CreateContext();
        return await Assert.ThrowsAsync<ConsentRequiredException>(() =>
            ConsentRules.RequireAsync(db, pupilId, _db.SchoolOf(pupilId), PurposeOf(purpose), Today, CancellationToken.None));
    }

    private async Task<Consent> RequireSucceedsAsync(int pupilId, string purpose)
    {
        await using var db = _db.CreateContext();
        return await ConsentRules.RequireAsync(db, pupilId, _db.SchoolOf(pupilId), PurposeOf(purpose), Today, CancellationToken.None);
    }

    private async Task<PurposeConsent> StateAsync(int pupilId, string purpose) =>
        (await _db.Consents().GetOverviewAsync(pupilId)).For(purpose)!;

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task Without_any_request_the_purpose_shows_not_requested_and_blocks_its_step(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var state = await StateAsync(pupilId, purpose);
        var refusal = await RequireFailsAsync(pupilId, purpose);

        Assert.Equal(ConsentStatus.NotRequested, state.Status);
        Assert.Null(state.Latest);
        Assert.True(state.CanRequest);
        Assert.False(state.CanDecide);
        Assert.Equal(ConsentState.NotRequested, refusal.LatestState);
        Assert.Contains("nog niet gevraagd", refusal.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task A_request_is_open_until_answered_and_does_not_unlock_the_step(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var consentId = await _db.Consents().RequestAsync(pupilId, purpose, "Gevraagd in het oudergesprek.");

        var state = await StateAsync(pupilId, purpose);
        Assert.Equal(ConsentStatus.Requested, state.Status);
        Assert.Equal(consentId, state.Latest!.Id);
        Assert.Equal("Gevraagd in het oudergesprek.", state.Latest.Note);
        Assert.True(state.CanDecide);
        Assert.False(state.CanRequest);
        Assert.Equal(ConsentState.Requested, (await RequireFailsAsync(pupilId, purpose)).LatestState);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task A_second_request_while_one_is_open_is_refused_in_Dutch_and_saves_nothing(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.Consents().RequestAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Consents().RequestAsync(pupilId, purpose));

        Assert.Contains("staat al een vraag om toestemming", ex.Message, StringComparison.Ordinal);
        await using var db = _db.CreateContext();
        Assert.Equal(1, await db.Consents.CountAsync(c => c.PupilId == pupilId && c.Purpose == purpose));
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task Given_consent_unlocks_its_step_and_records_who_when_and_how(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        await _db.Consents().RecordDecisionAsync(consentId, new ConsentDecisionInput
        {
            Decision = ConsentDecision.Given,
            GuardianId = guardianId,
            DecidedOn = Today,
            Method = ConsentMethod.InConversation,
            ExpiresOn = Today.AddYears(1),
        });

        var valid = await RequireSucceedsAsync(pupilId, purpose);
        Assert.Equal(consentId, valid.Id);
        var state = await StateAsync(pupilId, purpose);
        Assert.Equal(ConsentStatus.Given, state.Status);
        Assert.True(state.IsValid);
        Assert.True(state.CanWithdraw);
        Assert.Equal(ParentScenario.GuardianName, state.Latest!.GuardianName);
        Assert.Equal(Today, state.Latest.DecidedOn);
        Assert.Equal(ConsentMethod.InConversation, state.Latest.Method);
        Assert.Equal(Today.AddYears(1), state.Latest.ExpiresOn);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task A_request_while_a_valid_consent_exists_is_refused(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Consents().RequestAsync(pupilId, purpose));

        Assert.Contains("al toestemming gegeven", ex.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task Refused_consent_blocks_the_step_and_may_be_requested_again_as_a_new_record(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var first = await _db.Consents().RequestAsync(pupilId, purpose);
        await _db.Consents().RecordDecisionAsync(first, ParentScenario.Decision(guardianId, Today, ConsentDecision.Refused, expiresOn: Today.AddDays(30)));

        Assert.Equal(ConsentStatus.Refused, (await StateAsync(pupilId, purpose)).Status);
        var refusal = await RequireFailsAsync(pupilId, purpose);
        Assert.Equal(ConsentState.Refused, refusal.LatestState);
        Assert.Contains("geweigerd", refusal.Message, StringComparison.Ordinal);

        var second = await _db.Consents().RequestAsync(pupilId, purpose);

        var state = await StateAsync(pupilId, purpose);
        Assert.NotEqual(first, second);
        Assert.Equal(ConsentStatus.Requested, state.Status);
        Assert.Equal(second, state.Latest!.Id);
        var earlier = Assert.Single(state.Earlier);
        Assert.Equal(first, earlier.Id);
        Assert.Equal(ConsentStatus.Refused, earlier.Status);
        Assert.Null(earlier.ExpiresOn); // an expiry date only belongs to a given consent
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task Withdrawn_consent_blocks_the_step_again_shows_the_date_and_may_be_requested_again(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.GiveConsentAsync(pupilId, purpose);
        _db.Clock.Advance(TimeSpan.FromDays(10));
        await RequireSucceedsAsync(pupilId, purpose);

        await _db.Consents().WithdrawAsync(consentId, Today.AddDays(-2), "Ouders willen eerst een tweede gesprek.");

        var state = await StateAsync(pupilId, purpose);
        Assert.Equal(ConsentStatus.Withdrawn, state.Status);
        Assert.Equal(Today.AddDays(-2), state.Latest!.WithdrawnOn);
        Assert.Contains("Bij intrekking: Ouders willen eerst een tweede gesprek.", state.Latest.Note, StringComparison.Ordinal);
        Assert.False(state.CanWithdraw);
        Assert.True(state.CanRequest);
        var refusal = await RequireFailsAsync(pupilId, purpose);
        Assert.Equal(ConsentState.Withdrawn, refusal.LatestState);
        Assert.Contains("ingetrokken", refusal.Message, StringComparison.Ordinal);

        var again = await _db.Consents().RequestAsync(pupilId, purpose);
        Assert.NotEqual(consentId, again);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task Given_consent_past_its_expiry_shows_as_expired_blocks_the_step_and_may_be_requested_again(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.GiveConsentAsync(pupilId, purpose, expiresOn: Today.AddDays(10));

        _db.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(ConsentStatus.Given, (await StateAsync(pupilId, purpose)).Status); // valid through its last day
        _db.Clock.Advance(TimeSpan.FromDays(1));

        var state = await StateAsync(pupilId, purpose);
        Assert.Equal(ConsentStatus.Expired, state.Status);
        Assert.Equal("Verlopen", state.Status.Label());
        Assert.False(state.CanWithdraw);
        var refusal = await RequireFailsAsync(pupilId, purpose);
        Assert.True(refusal.IsExpired);
        Assert.Contains("verlopen", refusal.Message, StringComparison.Ordinal);
        var withdraw = await Assert.ThrowsAsync<DomainException>(() => _db.Consents().WithdrawAsync(consentId, Today));
        Assert.Contains("al verlopen", withdraw.Message, StringComparison.Ordinal);

        var again = await _db.Consents().RequestAsync(pupilId, purpose);
        Assert.NotEqual(consentId, again);
        Assert.Equal(ConsentStatus.Requested, (await StateAsync(pupilId, purpose)).Status);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task A_guardian_without_parental_authority_cannot_answer(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId, authority: false);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today)));

        Assert.Contains("ouderlijk gezag", ex.Errors[nameof(ConsentDecisionInput.GuardianId)], StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Requested, (await StateAsync(pupilId, purpose)).Status);
        Assert.DoesNotContain((await _db.Consents().GetOverviewAsync(pupilId)).GuardiansWithAuthority, g => g.Id == guardianId);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task An_archived_guardian_cannot_answer(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        await _db.Guardians().ArchiveAsync(guardianId, 0);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today)));

        Assert.Contains("gearchiveerd", ex.Errors[nameof(ConsentDecisionInput.GuardianId)], StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Requested, (await StateAsync(pupilId, purpose)).Status);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task A_guardian_of_another_pupil_cannot_answer(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var otherPupil = _db.NewPupilIn(Logins.TeacherA, "Anderkind");
        var otherGuardian = await _db.AddGuardianAsync(otherPupil);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(otherGuardian, Today)));

        Assert.Contains("van deze leerling", ex.Errors[nameof(ConsentDecisionInput.GuardianId)], StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task The_decision_date_is_neither_in_the_future_nor_before_the_request(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        var future = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today.AddDays(1))));
        var beforeRequest = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today.AddDays(-1))));

        Assert.Contains("toekomst", future.Errors[nameof(ConsentDecisionInput.DecidedOn)], StringComparison.Ordinal);
        Assert.Contains("niet van daarvóór", beforeRequest.Errors[nameof(ConsentDecisionInput.DecidedOn)], StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Requested, (await StateAsync(pupilId, purpose)).Status);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task The_expiry_date_must_fall_after_the_decision(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today, expiresOn: Today)));

        Assert.Contains("na de datum van het antwoord", ex.Errors[nameof(ConsentDecisionInput.ExpiresOn)], StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Requested, (await StateAsync(pupilId, purpose)).Status);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task A_decision_is_recorded_only_on_an_open_request(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var guardianId = await _db.AddGuardianAsync(pupilId);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);
        await _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today, ConsentDecision.Refused));

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, ParentScenario.Decision(guardianId, Today)));

        Assert.Contains("al vastgelegd", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Refused, (await StateAsync(pupilId, purpose)).Status);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task Only_a_given_consent_can_be_withdrawn(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.Consents().RequestAsync(pupilId, purpose);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Consents().WithdrawAsync(consentId, Today));

        Assert.Contains("Alleen een gegeven toestemming", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Requested, (await StateAsync(pupilId, purpose)).Status);
    }

    [Theory, MemberData(nameof(BuiltInPurposes))]
    public async Task The_withdrawal_date_is_neither_in_the_future_nor_before_the_consent_was_given(string purpose)
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.GiveConsentAsync(pupilId, purpose);

        var future = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Consents().WithdrawAsync(consentId, Today.AddDays(1)));
        var beforeGiven = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Consents().WithdrawAsync(consentId, Today.AddDays(-1)));
        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Consents().WithdrawAsync(consentId, null));

        Assert.Contains("toekomst", future.Errors["WithdrawnOn"], StringComparison.Ordinal);
        Assert.Contains("niet van daarvóór", beforeGiven.Errors["WithdrawnOn"], StringComparison.Ordinal);
        Assert.Contains("Kies de datum", missing.Errors["WithdrawnOn"], StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Given, (await StateAsync(pupilId, purpose)).Status);
    }

    [Fact]
    public async Task Consent_for_one_purpose_does_not_unlock_another()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        await _db.GiveConsentAsync(pupilId, ConsentPurposes.PartnershipSharing);

        var refusal = await RequireFailsAsync(pupilId, ConsentPurposes.ExternalExpert);

        Assert.Equal(ConsentState.NotRequested, refusal.LatestState);
    }

    [Fact]
    public async Task An_unknown_purpose_code_gets_a_validation_message_and_nothing_is_saved()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Consents().RequestAsync(pupilId, "bestaat-niet"));

        Assert.Contains("niet bekend", ex.Errors["Purpose"], StringComparison.Ordinal);
        await using var db = _db.CreateContext();
        Assert.False(await db.Consents.AnyAsync(c => c.PupilId == pupilId));
    }

    [Fact]
    public async Task A_configured_purpose_can_be_requested_and_given_and_is_listed_after_the_built_in_ones()
    {
        _db.CareOptions.ConsentPurposes["foto-video"] = "Foto's en video voor coaching";
        var pupilId = _db.NewPupilIn(Logins.TeacherA);

        await _db.GiveConsentAsync(pupilId, "foto-video");

        var overview = await _db.Consents().GetOverviewAsync(pupilId);
        Assert.Equal([ConsentPurposes.ExternalExpert, ConsentPurposes.PartnershipSharing, "foto-video"], overview.Purposes.Select(p => p.Purpose.Code));
        var photo = overview.For("foto-video")!;
        Assert.Equal(ConsentStatus.Given, photo.Status);
        Assert.Null(photo.Purpose.Blocks);
    }

    [Fact]
    public async Task A_decision_without_answer_guardian_date_or_method_names_each_missing_field()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var consentId = await _db.Consents().RequestAsync(pupilId, ConsentPurposes.ExternalExpert);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Consents().RecordDecisionAsync(consentId, new ConsentDecisionInput()));

        Assert.Equal(4, ex.Errors.Count);
        Assert.Contains("gegeven of geweigerd", ex.Errors[nameof(ConsentDecisionInput.Decision)], StringComparison.Ordinal);
        Assert.Contains("ouder of verzorger", ex.Errors[nameof(ConsentDecisionInput.GuardianId)], StringComparison.Ordinal);
        Assert.Contains("datum", ex.Errors[nameof(ConsentDecisionInput.DecidedOn)], StringComparison.Ordinal);
        Assert.Contains("hoe de ouders", ex.Errors[nameof(ConsentDecisionInput.Method)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaited_consents_are_exactly_the_open_requests()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var open = await _db.Consents().RequestAsync(pupilId, ConsentPurposes.ExternalExpert);
        var given = await _db.GiveConsentAsync(pupilId, ConsentPurposes.PartnershipSharing);

        await using var db = _db.CreateContext();
        var awaited = await ConsentRules.Awaited(db.Consents.Where(c => c.PupilId == pupilId)).Select(c => c.Id).ToListAsync();

        Assert.Equal([open], awaited);
        Assert.DoesNotContain(given, awaited);
    }
}
