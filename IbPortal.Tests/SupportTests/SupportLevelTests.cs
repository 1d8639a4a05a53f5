using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.SupportTests;

public sealed class SupportLevelTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_pupil_without_any_change_is_at_level_1_with_an_empty_history()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var overview = await _db.Support().GetOverviewAsync(pupil);

        var school = Assert.Single(overview.Schools);
        Assert.Equal(1, school.CurrentLevel);
        Assert.Empty(school.LevelHistory);
        Assert.True(school.IsCurrentSchool);
        Assert.True(school.CanStartNew);
        Assert.Null(school.ActivePlan);
        Assert.Equal(_db.SchoolId(Logins.SchoolA), school.SchoolId);
    }

    [Fact]
    public async Task Level_changes_build_a_history_with_reason_who_and_when_newest_first()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var support = _db.Support();

        await support.ChangeLevelAsync(pupil, 2, "  Extra instructie in de klas nodig.  ");
        _db.Clock.Advance(TimeSpan.FromHours(2));
        await support.ChangeLevelAsync(pupil, 3, "Na zes weken nog geen groei; de IB'er begeleidt.");

        var school = Assert.Single((await support.GetOverviewAsync(pupil)).Schools);
        Assert.Equal(3, school.CurrentLevel);
        Assert.Collection(school.LevelHistory,
            latest =>
            {
                Assert.Equal(3, latest.Level);
                Assert.Equal(2, latest.PreviousLevel);
                Assert.Equal("Na zes weken nog geen groei; de IB'er begeleidt.", latest.Reason);
            },
            first =>
            {
                Assert.Equal(2, first.Level);
                Assert.Equal(1, first.PreviousLevel);
                Assert.Equal("Extra instructie in de klas nodig.", first.Reason);
                Assert.Equal("Ilse Verbeek", first.ChangedByName);
                Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime.AddHours(-2), first.ChangedAt);
                Assert.Null(first.ConsentId);
            });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_change_to_the_current_level_is_refused_with_a_message_and_saves_nothing(int level)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        if (level != 1)
            await _db.Support().ChangeLevelAsync(pupil, level, "Eerste stap.");
        var before = _db.LevelChanges(pupil).Count;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Support().ChangeLevelAsync(pupil, level, "Nog eens."));

        Assert.StartsWith($"De leerling zit al op niveau {level}", ex.Errors[SupportFields.Level], StringComparison.Ordinal);
        Assert.Equal(before, _db.LevelChanges(pupil).Count);
    }

    [Theory]
    [InlineData(null, "Reden", SupportFields.Level)]
    [InlineData(0, "Reden", SupportFields.Level)]
    [InlineData(6, "Reden", SupportFields.Level)]
    [InlineData(2, "   ", SupportFields.Reason)]
    [InlineData(2, null, SupportFields.Reason)]
    public async Task Level_must_be_1_to_5_and_a_reason_is_required(int? level, string? reason, string field)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Support().ChangeLevelAsync(pupil, level, reason));

        Assert.True(ex.Errors.ContainsKey(field));
        Assert.Empty(_db.LevelChanges(pupil));
    }

    [Fact]
    public async Task A_reason_longer_than_the_maximum_is_refused_in_Dutch()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Support().ChangeLevelAsync(pupil, 2, new string('x', SupportLevelChange.ReasonMaxLength + 1)));

        Assert.Contains("mag hoogstens 1000 tekens", ex.Errors[SupportFields.Reason], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Moving_to_level_4_or_5_without_consent_is_refused_and_saves_nothing(int level)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.Support().ChangeLevelAsync(pupil, 3, "Speciale ondersteuning.");

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => _db.Support().ChangeLevelAsync(pupil, level, "Externe deskundige nodig."));

        Assert.Equal(ConsentPurposes.ExternalExpert, ex.Purpose);
        Assert.Equal(ConsentState.NotRequested, ex.LatestState);
        Assert.Contains("toestemming van de ouders", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single((await _db.Support().GetOverviewAsync(pupil)).Schools).CurrentLevel);
        Assert.Single(_db.LevelChanges(pupil));
        Assert.Single(_db.AuditOf(Logins.CareCoordinator, SupportAuditActions.LevelChange), a => a.PupilId == pupil); // only the move to 3
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Moving_to_level_4_or_5_with_a_valid_consent_is_recorded_with_that_consent(int level)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var consent = _db.AddConsent(pupil, expiresOn: _db.Today());

        var id = await _db.Support().ChangeLevelAsync(pupil, level, "Orthopedagoog observeert in de klas.");

        var change = Assert.Single(_db.LevelChanges(pupil));
        Assert.Equal(id, change.Id);
        Assert.Equal(level, change.Level);
        Assert.Equal(consent, change.ConsentId);
    }

    [Fact]
    public async Task An_expired_consent_does_not_allow_level_4()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        _db.AddConsent(pupil, decidedOn: _db.Today().AddDays(-400), expiresOn: _db.Today().AddDays(-1));

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => _db.Support().ChangeLevelAsync(pupil, 4, "Externe deskundige."));

        Assert.True(ex.IsExpired);
        Assert.Contains("verlopen", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_db.LevelChanges(pupil));
    }

    [Fact]
    public async Task A_withdrawn_consent_does_not_allow_level_4()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        _db.AddConsent(pupil, ConsentState.Withdrawn);

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => _db.Support().ChangeLevelAsync(pupil, 4, "Externe deskundige."));

        Assert.Equal(ConsentState.Withdrawn, ex.LatestState);
        Assert.Contains("ingetrokken", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_db.LevelChanges(pupil));
    }

    [Theory]
    [InlineData(ConsentState.Requested)]
    [InlineData(ConsentState.Refused)]
    public async Task A_consent_that_was_not_given_does_not_allow_level_5(ConsentState state)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        _db.AddConsent(pupil, state);

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => _db.Support().ChangeLevelAsync(pupil, 5, "Verwijzing."));

        Assert.Equal(state, ex.LatestState);
        Assert.Empty(_db.LevelChanges(pupil));
    }

    [Fact]
    public async Task A_consent_for_another_purpose_or_at_another_school_does_not_count()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        _db.AddConsent(pupil, purpose: ConsentPurposes.PartnershipSharing);
        _db.AddConsent(pupil, schoolId: _db.SchoolId(Logins.SchoolB));

        await Assert.ThrowsAsync<ConsentRequiredException>(() => _db.Support().ChangeLevelAsync(pupil, 4, "Externe deskundige."));

        Assert.Empty(_db.LevelChanges(pupil));
    }

    [Fact]
    public async Task Going_down_never_needs_consent_also_after_it_was_withdrawn()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var consent = _db.AddConsent(pupil);
        await _db.Support().ChangeLevelAsync(pupil, 5, "Verwijzing via het samenwerkingsverband.");
        _db.WithdrawConsent(consent);

        await _db.Support().ChangeLevelAsync(pupil, 4, "Terug naar begeleiding met de externe deskundige.");
        await _db.Support().ChangeLevelAsync(pupil, 2, "Gaat goed: extra ondersteuning in de klas is genoeg.");

        var changes = _db.LevelChanges(pupil);
        Assert.Equal([5, 4, 2], changes.Select(c => c.Level));
        Assert.Null(changes[1].ConsentId);
        Assert.Null(changes[2].ConsentId);
    }

    [Fact]
    public async Task A_level_change_goes_to_the_pupils_current_school_and_is_audited()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherB);

        var id = await _db.Support().ChangeLevelAsync(pupil, 2, "Extra ondersteuning in de klas.");

        var change = Assert.Single(_db.LevelChanges(pupil));
        Assert.Equal(_db.SchoolId(Logins.SchoolB), change.SchoolId);
        var entry = Assert.Single(_db.AuditOf(Logins.CareCoordinator, SupportAuditActions.LevelChange));
        Assert.Equal((AuditRecordKind.SupportLevel, id, pupil, change.SchoolId, "CareCoordinator", AuditOutcome.Allowed),
            (entry.RecordKind, entry.RecordId, entry.PupilId, entry.SchoolId, entry.Role, entry.Outcome));
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.SchoolLeaderA)]
    public async Task Only_the_schools_IBer_changes_a_level_and_a_refusal_is_audited(string login)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Support(login).ChangeLevelAsync(pupil, 2, "Extra ondersteuning."));

        Assert.Empty(_db.LevelChanges(pupil));
        var refusal = Assert.Single(_db.AuditOf(login, SupportAuditActions.LevelChange));
        Assert.Equal((AuditOutcome.Refused, AuditRecordKind.PupilFile, pupil, pupil), (refusal.Outcome, refusal.RecordKind, refusal.RecordId, refusal.PupilId));
    }
}
