using IbPortal.Domain.Access;
using IbPortal.Domain.Care;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.CareTests;

/// <summary>The "one at a time" rules hold in the database too, and a lost race reads as the rule, not as a fault.</summary>
public sealed class UniqueRaceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateTime Now => _db.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void The_database_refuses_a_second_active_plan_but_not_a_closed_one()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        AddPlan(pupil, SupportPlanStatus.Active);
        AddPlan(pupil, SupportPlanStatus.Closed);

        Assert.Throws<DbUpdateException>(() => AddPlan(pupil, SupportPlanStatus.Active));
    }

    [Fact]
    public void The_database_refuses_a_second_open_consent_request_for_the_same_purpose()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        AddConsent(pupil, ConsentPurposes.ExternalExpert, ConsentState.Requested);
        AddConsent(pupil, ConsentPurposes.PartnershipSharing, ConsentState.Requested);
        AddConsent(pupil, ConsentPurposes.ExternalExpert, ConsentState.Refused);

        Assert.Throws<DbUpdateException>(() => AddConsent(pupil, ConsentPurposes.ExternalExpert, ConsentState.Requested));
    }

    [Fact]
    public async Task A_lost_race_becomes_the_rules_message_and_any_other_failure_stays_a_failure()
    {
        var lost = await Assert.ThrowsAsync<DomainException>(() =>
            UniqueRace.SaveAsync(() => throw new DbUpdateException("unique"), () => Task.FromResult(true), "Er loopt al een plan."));
        Assert.Equal("Er loopt al een plan.", lost.Message);

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            UniqueRace.SaveAsync(() => throw new DbUpdateException("locked"), () => Task.FromResult(false), "Er loopt al een plan."));
    }

    private void AddPlan(int pupil, SupportPlanStatus status)
    {
        using var db = _db.CreateContext();
        db.SupportPlans.Add(new SupportPlan
        {
            PupilId = pupil, SchoolId = _db.SchoolId(Logins.SchoolA), Status = status, StartsOn = DateOnly.FromDateTime(Now),
            CreatedAt = Now, UpdatedAt = Now, CreatedById = _db.StaffId(Logins.CareCoordinator),
        });
        db.SaveChanges();
    }

    private void AddConsent(int pupil, string purpose, ConsentState state)
    {
        using var db = _db.CreateContext();
        db.Consents.Add(new Consent
        {
            PupilId = pupil, SchoolId = _db.SchoolId(Logins.SchoolA), Purpose = purpose, State = state, RequestedAt = Now,
            RequestedById = _db.StaffId(Logins.CareCoordinator), UpdatedAt = Now,
        });
        db.SaveChanges();
    }
}
