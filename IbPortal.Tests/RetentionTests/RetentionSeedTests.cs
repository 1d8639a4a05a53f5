using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Tests.Support;
using Xunit.Abstractions;

namespace IbPortal.Tests.RetentionTests;

public sealed class RetentionSeedTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_dry_run_on_the_seeded_demo_data_reports_what_it_finds_and_removes_nothing()
    {
        var concerns = _database.ConcernIds();
        int pupils, leftEnrolments;
        using (var db = _database.CreateContext())
        {
            pupils = db.Pupils.Count();
            leftEnrolments = db.Enrolments.Count(e => e.LeftOn != null);
        }

        var report = await _database.Retention(DemoDataSeeder.PrivacyOfficerLogin).PreviewAsync();

        var care = report.Kind(RetentionKinds.CareData);
        var referral = report.Kind(RetentionKinds.ReferralData);
        output.WriteLine($"Measured: retention dry run on the seeded demo data ({pupils} pupils, {concerns.Count} concerns, " +
                         $"{leftEnrolments} enrolments with a leaving date) as of {report.ReferenceDate:yyyy-MM-dd}: " +
                         $"care data {care.Count} records ({care.IdsOf(RetentionKinds.ConcernRecord).Count} concerns, " +
                         $"{care.IdsOf(RetentionKinds.ConcernHistoryRecord).Count} history entries), referral data {referral.Count}, " +
                         $"pupils to anonymize {report.PupilsToAnonymize.Count}");
        // The seed has no pupil who left a school, so nothing has expired.
        Assert.Equal(0, leftEnrolments);
        Assert.True(report.IsEmpty);
        Assert.True(report.DryRun);
        Assert.True(report.RunId > 0);
        Assert.Equal(concerns, _database.ConcernIds());
    }

    [Fact]
    public async Task When_every_seeded_pupil_has_left_long_ago_all_care_data_goes_and_every_pupil_is_anonymized()
    {
        var concerns = _database.ConcernIds();
        var history = _database.HistoryIds();
        int pupils, referred;
        using (var db = _database.CreateContext())
        {
            pupils = db.Pupils.Count();
            // Referral data has its own, longer period: those pupils keep their name a year longer.
            referred = db.PartnershipReferrals.Select(r => r.PupilId).Distinct().Count();
            foreach (var enrolment in db.Enrolments)
                enrolment.LeftOn = new DateOnly(2026, 12, 18);
            db.SaveChanges();
        }
        _database.Clock.SetUtcNow(new DateTimeOffset(2028, 12, 18, 3, 0, 0, TimeSpan.Zero));
        var service = _database.Retention(DemoDataSeeder.PrivacyOfficerLogin);

        var preview = await service.PreviewAsync();
        var run = await service.RunAsync();

        Assert.Equal(concerns.Order(), run.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord));
        Assert.Equal(history.Order(), run.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernHistoryRecord));
        Assert.True(referred > 0, "the seed has referrals");
        Assert.Equal(pupils - referred, run.PupilsToAnonymize.Count);
        Assert.Equal(preview.PupilsToAnonymize, run.PupilsToAnonymize);
        Assert.Empty(_database.ConcernIds());
        Assert.Empty(_database.HistoryIds());
        Assert.Equal(pupils - referred, _database.AnonymizedPupilIds().Count);
        output.WriteLine($"Measured: retention with the whole demo board left two years ago: {concerns.Count} concerns, " +
                         $"{history.Count} history entries removed, {pupils - referred} pupils anonymized");
    }

    [Fact]
    public async Task Ten_years_on_nothing_of_the_seeded_data_has_expired_because_every_pupil_is_still_enrolled()
    {
        _database.Clock.Advance(TimeSpan.FromDays(3653));

        var report = await _database.Retention(DemoDataSeeder.PrivacyOfficerLogin).PreviewAsync();

        Assert.True(report.IsEmpty);
    }
}
