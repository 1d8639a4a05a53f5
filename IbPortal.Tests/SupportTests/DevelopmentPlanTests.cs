using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.SupportTests;

public sealed class DevelopmentPlanTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    private static NewDevelopmentPlan Opp(int pupil, DevelopmentPlanReason? reason = DevelopmentPlanReason.SupportLevel, string? perspective = "Uitstroom vmbo-basis; leert het best met de handen.") =>
        new() { PupilId = pupil, Reason = reason, Perspective = perspective };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task An_OPP_for_the_support_level_needs_level_4_or_5(int level)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        if (level > 1)
            await _db.SetLevelAsync(pupil, level);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().CreateAsync(Opp(pupil)));

        Assert.Equal($"De leerling zit op niveau {level}. Een OPP vanwege het ondersteuningsniveau hoort bij niveau 4 of 5; kies anders ‘keuze van de school’.",
            ex.Errors[SupportFields.Reason]);
        Assert.Null((await _db.Support().GetOverviewAsync(pupil)).Primary!.ActiveDevelopmentPlan);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task At_level_4_or_5_the_OPP_is_made_for_the_support_level(int level)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        await _db.SetLevelAsync(pupil, level);

        var id = await _db.Opps().CreateAsync(Opp(pupil));

        var stored = _db.StoredOpp(id);
        Assert.Equal((DevelopmentPlanReason.SupportLevel, "Uitstroom vmbo-basis; leert het best met de handen.", _db.SchoolId(Logins.SchoolA)),
            (stored.Reason, stored.Perspective, stored.SchoolId));
        Assert.Null(stored.AgreedWithParentsOn);
        Assert.Null(stored.NextEvaluationOn);
    }

    [Fact]
    public async Task The_school_may_choose_an_OPP_at_any_level()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherB);

        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        var view = (await _db.Support().GetOverviewAsync(pupil)).Primary!.ActiveDevelopmentPlan!;
        Assert.Equal((id, DevelopmentPlanReason.SchoolChoice, "Ilse Verbeek"), (view.Id, view.Reason, view.CreatedByName));
        Assert.Equal(_db.SchoolId(Logins.SchoolB), _db.StoredOpp(id).SchoolId);
    }

    [Fact]
    public async Task Reason_and_perspective_are_required()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().CreateAsync(Opp(pupil, null, "  ")));

        Assert.True(ex.Errors.ContainsKey(SupportFields.Reason));
        Assert.Equal("Beschrijf het ontwikkelingsperspectief: waar werkt de leerling naartoe, en waarom?", ex.Errors[SupportFields.Perspective]);
    }

    [Fact]
    public async Task Only_one_OPP_is_active_per_pupil_and_school_until_it_ends()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var first = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice)));
        await _db.Opps().EndAsync(first, 0);
        var second = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        Assert.StartsWith("Deze leerling heeft op deze school al een lopend OPP.", ex.Message, StringComparison.Ordinal);
        var school = (await _db.Support().GetOverviewAsync(pupil)).Primary!;
        Assert.Equal(second, school.ActiveDevelopmentPlan!.Id);
        Assert.Equal((first, Today), (Assert.Single(school.EndedDevelopmentPlans).Id, school.EndedDevelopmentPlans[0].EndedOn!.Value));
    }

    [Fact]
    public async Task The_parents_agreement_sets_the_first_evaluation_a_year_later()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        await _db.Opps().RecordAgreementAsync(id, 0, Today.AddDays(-3));

        var stored = _db.StoredOpp(id);
        Assert.Equal((Today.AddDays(-3), Today.AddDays(-3).AddYears(1), 1), (stored.AgreedWithParentsOn!.Value, stored.NextEvaluationOn!.Value, stored.Version));
    }

    [Fact]
    public async Task An_agreement_on_29_February_is_evaluated_on_28_February_a_year_later()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        await _db.Opps().RecordAgreementAsync(id, 0, new DateOnly(2024, 2, 29));

        Assert.Equal(new DateOnly(2025, 2, 28), _db.StoredOpp(id).NextEvaluationOn);
    }

    [Fact]
    public async Task The_agreement_date_is_required_and_not_in_the_future()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().RecordAgreementAsync(id, 0, null));
        var future = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().RecordAgreementAsync(id, 0, Today.AddDays(1)));

        Assert.True(missing.Errors.ContainsKey(SupportFields.AgreedOn));
        Assert.True(future.Errors.ContainsKey(SupportFields.AgreedOn));
        Assert.Null(_db.StoredOpp(id).AgreedWithParentsOn);
    }

    [Fact]
    public async Task The_yearly_evaluation_keeps_its_notes_and_sets_the_next_one_a_year_later()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));
        await _db.Opps().RecordAgreementAsync(id, 0, Today.AddYears(-2));

        await _db.Opps().RecordEvaluationAsync(id, 1, Today.AddYears(-1), "Perspectief blijft vmbo-basis.");
        await _db.Opps().RecordEvaluationAsync(id, 2, Today, null);

        var stored = _db.StoredOpp(id);
        Assert.Equal((Today, Today.AddYears(1)), (stored.LastEvaluatedOn!.Value, stored.NextEvaluationOn!.Value));
        Assert.Equal([(Today.AddYears(-1), "Perspectief blijft vmbo-basis."), (Today, (string?)null)],
            stored.Evaluations.OrderBy(e => e.EvaluatedOn).Select(e => (e.EvaluatedOn, e.Notes)));
        var view = (await _db.Support(Logins.TeacherA).GetOverviewAsync(pupil)).Primary!.ActiveDevelopmentPlan!;
        Assert.Equal(2, view.Evaluations.Count);
        Assert.False(view.IsEvaluationDue);
    }

    [Fact]
    public async Task An_evaluation_needs_the_agreement_first_and_a_date_after_it_and_after_the_previous_one()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        var notAgreed = await Assert.ThrowsAsync<DomainException>(() => _db.Opps().RecordEvaluationAsync(id, 0, Today, null));
        await _db.Opps().RecordAgreementAsync(id, 0, Today.AddDays(-100));
        var beforeAgreement = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().RecordEvaluationAsync(id, 1, Today.AddDays(-101), null));
        var future = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().RecordEvaluationAsync(id, 1, Today.AddDays(1), null));
        await _db.Opps().RecordEvaluationAsync(id, 1, Today.AddDays(-10), null);
        var notAfterPrevious = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Opps().RecordEvaluationAsync(id, 2, Today.AddDays(-10), null));

        Assert.StartsWith("Leg eerst vast wanneer de ouders met het OPP instemden", notAgreed.Message, StringComparison.Ordinal);
        Assert.StartsWith("De evaluatie kan niet vóór de instemming", beforeAgreement.Errors[SupportFields.EvaluatedOn], StringComparison.Ordinal);
        Assert.StartsWith("De evaluatie kan niet in de toekomst liggen.", future.Errors[SupportFields.EvaluatedOn], StringComparison.Ordinal);
        Assert.StartsWith("De vorige evaluatie was op", notAfterPrevious.Errors[SupportFields.EvaluatedOn], StringComparison.Ordinal);
        Assert.Single(_db.StoredOpp(id).Evaluations);
    }

    [Fact]
    public async Task The_agreement_can_be_corrected_until_the_first_evaluation()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));
        await _db.Opps().RecordAgreementAsync(id, 0, Today.AddDays(-3));
        await _db.Opps().RecordAgreementAsync(id, 1, Today.AddDays(-5));
        await _db.Opps().RecordEvaluationAsync(id, 2, Today, null);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Opps().RecordAgreementAsync(id, 3, Today.AddDays(-1)));

        Assert.StartsWith("Dit OPP is al geëvalueerd", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Today.AddDays(-5), _db.StoredOpp(id).AgreedWithParentsOn);
    }

    [Fact]
    public async Task An_ended_OPP_cannot_be_changed_and_a_stale_version_is_a_conflict()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Opps().EndAsync(id, 5));
        await _db.Opps().EndAsync(id, 0);
        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Opps().RecordAgreementAsync(id, 1, Today));

        Assert.StartsWith("Dit OPP is beëindigd", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Today, _db.StoredOpp(id).EndedOn);
        Assert.Equal([SupportAuditActions.DevelopmentPlanCreate, SupportAuditActions.DevelopmentPlanEnd], _db.AuditActionsOn(AuditRecordKind.DevelopmentPlan, id));
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_the_IBer_makes_and_changes_an_OPP_and_refusals_are_audited(string login)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Opps().CreateAsync(Opp(pupil, DevelopmentPlanReason.SchoolChoice));
        var other = _db.NewPupilIn(Logins.TeacherA, "Ander");
        var opps = _db.Opps(login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => opps.CreateAsync(Opp(other, DevelopmentPlanReason.SchoolChoice)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => opps.RecordAgreementAsync(id, 0, Today));
        await Assert.ThrowsAsync<AccessDeniedException>(() => opps.RecordEvaluationAsync(id, 0, Today, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => opps.EndAsync(id, 0));

        Assert.Equal(0, _db.StoredOpp(id).Version);
        Assert.Equal((AuditRecordKind.PupilFile, other), (Assert.Single(_db.AuditOf(login, SupportAuditActions.DevelopmentPlanCreate)).RecordKind,
            _db.AuditOf(login, SupportAuditActions.DevelopmentPlanCreate)[0].PupilId!.Value));
        foreach (var action in new[] { SupportAuditActions.DevelopmentPlanAgree, SupportAuditActions.DevelopmentPlanEvaluate, SupportAuditActions.DevelopmentPlanEnd })
        {
            var refusal = Assert.Single(_db.AuditOf(login, action));
            Assert.Equal((AuditOutcome.Refused, AuditRecordKind.DevelopmentPlan, id), (refusal.Outcome, refusal.RecordKind, refusal.RecordId));
        }
    }
}
