using System.Text.Json;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Tests.DomainTests;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.RetentionTests;

public sealed class RetentionServiceTests : IDisposable
{
    private const string Privacy = DemoDataSeeder.PrivacyOfficerLogin;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Run_removes_exactly_the_expired_care_data_and_keeps_everything_else()
    {
        var scenario = RetentionScenario.Create(_database);
        var concernsBefore = _database.ConcernIds();
        var historyBefore = _database.HistoryIds();
        Assert.NotEmpty(scenario.ExpectedConcernIds);
        Assert.Subset(concernsBefore, new HashSet<int>(scenario.ExpectedConcernIds));

        await _database.Retention(Privacy).RunAsync();

        Assert.Equal(concernsBefore.Except(scenario.ExpectedConcernIds).ToHashSet(), _database.ConcernIds());
        Assert.Equal(historyBefore.Except(scenario.ExpectedHistoryIds).ToHashSet(), _database.HistoryIds());
    }

    [Fact]
    public async Task Care_data_expires_on_the_day_two_years_after_leaving_and_not_a_day_earlier()
    {
        var scenario = RetentionScenario.Create(_database);
        using (var db = _database.CreateContext())
        {
            Assert.Equal(RetentionScenario.ExactlyTwoYears, db.Enrolments.Single(e => e.PupilId == scenario.LeftExactlyTwoYears).LeftOn);
            Assert.Equal(RetentionScenario.TwoYearsMinusOneDay, db.Enrolments.Single(e => e.PupilId == scenario.LeftOneDayShort).LeftOn);
        }
        var oneDayShort = ConcernsOf(scenario.LeftOneDayShort);
        var exactly = ConcernsOf(scenario.LeftExactlyTwoYears);

        var first = await _database.Retention(Privacy).RunAsync();

        Assert.Subset(first.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet(), exactly);
        Assert.Empty(ConcernsOf(scenario.LeftExactlyTwoYears));
        Assert.Equal(oneDayShort, ConcernsOf(scenario.LeftOneDayShort));
        Assert.Null(_database.StoredPupil(scenario.LeftOneDayShort).AnonymizedAt);

        _database.Clock.Advance(TimeSpan.FromDays(1));
        var next = await _database.Retention(Privacy).RunAsync();

        Assert.Equal(oneDayShort, next.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        Assert.Empty(ConcernsOf(scenario.LeftOneDayShort));
        Assert.Contains(scenario.LeftOneDayShort, next.PupilsToAnonymize);
    }

    [Fact]
    public async Task The_leaving_date_is_the_latest_LeftOn_of_all_enrolments_at_the_school()
    {
        var scenario = RetentionScenario.Create(_database);
        var concerns = ConcernsOf(scenario.LeftTwoGroupsOfOneSchool);
        Assert.NotEmpty(concerns);

        await _database.Retention(Privacy).RunAsync();

        Assert.Equal(concerns, ConcernsOf(scenario.LeftTwoGroupsOfOneSchool));
    }

    [Fact]
    public async Task Care_data_at_a_school_the_pupil_left_goes_while_data_at_the_current_school_stays()
    {
        var scenario = RetentionScenario.Create(_database);
        var atA = ConcernsOf(scenario.MovedToSchoolB, scenario.SchoolA);
        var atB = ConcernsOf(scenario.MovedToSchoolB, scenario.SchoolB);
        Assert.NotEmpty(atA);
        Assert.NotEmpty(atB);

        await _database.Retention(Privacy).RunAsync();

        Assert.Empty(ConcernsOf(scenario.MovedToSchoolB, scenario.SchoolA));
        Assert.Equal(atB, ConcernsOf(scenario.MovedToSchoolB, scenario.SchoolB));
        Assert.Null(_database.StoredPupil(scenario.MovedToSchoolB).AnonymizedAt);
    }

    [Fact]
    public async Task A_pupil_with_care_data_that_has_not_expired_keeps_their_name_even_when_enrolled_nowhere()
    {
        var scenario = RetentionScenario.Create(_database);
        var atA = ConcernsOf(scenario.ConcernAtSchoolWithoutEnrolment, scenario.SchoolA);
        var atB = ConcernsOf(scenario.ConcernAtSchoolWithoutEnrolment, scenario.SchoolB);
        Assert.NotEmpty(atA);
        Assert.NotEmpty(atB);

        var report = await _database.Retention(Privacy).RunAsync();

        Assert.Empty(ConcernsOf(scenario.ConcernAtSchoolWithoutEnrolment, scenario.SchoolA));
        Assert.Equal(atB, ConcernsOf(scenario.ConcernAtSchoolWithoutEnrolment, scenario.SchoolB));
        Assert.DoesNotContain(scenario.ConcernAtSchoolWithoutEnrolment, report.PupilsToAnonymize);
        Assert.Null(_database.StoredPupil(scenario.ConcernAtSchoolWithoutEnrolment).AnonymizedAt);
    }

    [Fact]
    public async Task Active_and_future_leaving_enrolments_keep_their_care_data()
    {
        var scenario = RetentionScenario.Create(_database);
        var enrolled = ConcernsOf(scenario.StillEnrolled);
        var later = ConcernsOf(scenario.LeavesLater);

        await _database.Retention(Privacy).RunAsync();

        Assert.Equal(enrolled, ConcernsOf(scenario.StillEnrolled));
        Assert.Equal(later, ConcernsOf(scenario.LeavesLater));
    }

    [Fact]
    public async Task Pupils_are_anonymized_only_when_all_their_care_data_is_gone_and_no_enrolment_is_active()
    {
        var scenario = RetentionScenario.Create(_database);
        var anonymizedBefore = _database.AnonymizedPupilIds();
        Assert.Empty(anonymizedBefore);

        var report = await _database.Retention(Privacy).RunAsync();

        Assert.Equal(scenario.ExpectedAnonymized, _database.AnonymizedPupilIds());
        Assert.Equal(scenario.ExpectedAnonymized, report.PupilsToAnonymize.ToHashSet());
        foreach (var id in scenario.ExpectedAnonymized)
        {
            var pupil = _database.StoredPupil(id);
            Assert.Equal("Leerling", pupil.FirstName);
            Assert.Null(pupil.Infix);
            Assert.Equal($"#{id}", pupil.LastName);
            Assert.Equal(new DateOnly(scenario.NamesBefore[id].DateOfBirth.Year, 1, 1), pupil.DateOfBirth);
            Assert.Equal(RetentionScenario.RunMoment.UtcDateTime, pupil.AnonymizedAt);
            Assert.Empty(ConcernsOf(id));
        }
        foreach (var id in scenario.ExpectedNotAnonymized)
        {
            var pupil = _database.StoredPupil(id);
            Assert.Null(pupil.AnonymizedAt);
            Assert.Equal(scenario.NamesBefore[id].FirstName, pupil.FirstName);
            Assert.Equal(scenario.NamesBefore[id].LastName, pupil.LastName);
            Assert.Equal(scenario.NamesBefore[id].DateOfBirth, pupil.DateOfBirth);
        }
    }

    [Fact]
    public async Task The_dry_run_reports_exactly_what_the_real_run_removes_and_removes_nothing_itself()
    {
        var scenario = RetentionScenario.Create(_database);
        var concernsBefore = _database.ConcernIds();
        var historyBefore = _database.HistoryIds();
        var service = _database.Retention(Privacy);

        var preview = await service.PreviewAsync();

        Assert.True(preview.DryRun);
        Assert.Equal(concernsBefore, _database.ConcernIds());
        Assert.Equal(historyBefore, _database.HistoryIds());
        Assert.Empty(_database.AnonymizedPupilIds());

        var run = await service.RunAsync();

        Assert.False(run.DryRun);
        var care = preview.Kind(RetentionKinds.CareData);
        Assert.Equal(scenario.ExpectedConcernIds, care.IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        Assert.Equal(scenario.ExpectedHistoryIds, care.IdsOf(RetentionKinds.ConcernHistoryRecord).ToHashSet());
        Assert.Equal(scenario.ExpectedAnonymized, preview.PupilsToAnonymize.ToHashSet());
        Assert.Equal(Flatten(preview), Flatten(run));
        Assert.Equal(preview.PupilsToAnonymize, run.PupilsToAnonymize);
        Assert.Equal(concernsBefore.Except(_database.ConcernIds()).Order(), care.IdsOf(RetentionKinds.ConcernRecord));
        Assert.Equal(historyBefore.Except(_database.HistoryIds()).Order(), care.IdsOf(RetentionKinds.ConcernHistoryRecord));
        Assert.Equal(_database.AnonymizedPupilIds().Order(), preview.PupilsToAnonymize);
    }

    [Fact]
    public async Task A_second_run_removes_nothing()
    {
        RetentionScenario.Create(_database);
        var service = _database.Retention(Privacy);
        var first = await service.RunAsync();
        Assert.False(first.IsEmpty);
        var concerns = _database.ConcernIds();
        var history = _database.HistoryIds();

        var second = await service.RunAsync();

        Assert.True(second.IsEmpty);
        Assert.All(second.Kinds, k => Assert.Equal(0, k.Count));
        Assert.Empty(second.PupilsToAnonymize);
        Assert.Equal(concerns, _database.ConcernIds());
        Assert.Equal(history, _database.HistoryIds());
        Assert.True((await service.PreviewAsync()).IsEmpty);
    }

    [Fact]
    public async Task Referral_data_is_a_kind_with_its_own_period_reported_with_count_zero()
    {
        RetentionScenario.Create(_database);

        var report = await _database.Retention(Privacy, new RetentionOptions { ReferralDataYearsAfterLeaving = 4 }).PreviewAsync();

        Assert.Equal([RetentionKinds.CareData, RetentionKinds.ReferralData], report.Kinds.Select(k => k.Kind));
        var referral = report.Kind(RetentionKinds.ReferralData);
        Assert.Equal(4, referral.YearsAfterLeaving);
        Assert.Equal(0, referral.Count);
        Assert.Equal(2, report.Kind(RetentionKinds.CareData).YearsAfterLeaving);
    }

    [Fact]
    public async Task A_longer_configured_care_period_keeps_data_that_the_default_would_remove()
    {
        var scenario = RetentionScenario.Create(_database);
        var options = new RetentionOptions { CareDataYearsAfterLeaving = 3 };
        var longAgo = ConcernsOf(scenario.LeftLongAgo);

        var report = await _database.Retention(Privacy, options).RunAsync();

        Assert.True(report.IsEmpty);
        Assert.Equal(longAgo, ConcernsOf(scenario.LeftLongAgo));

        _database.Clock.SetUtcNow(new DateTimeOffset(RetentionScenario.LongAgo.AddYears(3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var later = await _database.Retention(Privacy, options).RunAsync();

        Assert.Equal(3, later.Kind(RetentionKinds.CareData).YearsAfterLeaving);
        Assert.Subset(later.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet(), longAgo);
        Assert.Empty(ConcernsOf(scenario.LeftLongAgo));
        Assert.Contains(scenario.LeftLongAgo, later.PupilsToAnonymize);
    }

    [Theory]
    [InlineData(Logins.CareCoordinator)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Quality)]
    [InlineData(DemoDataSeeder.SchoolLeaderALogin)]
    public async Task Non_privacy_users_are_refused_and_each_refusal_is_audited(string login)
    {
        RetentionScenario.Create(_database);
        var concerns = _database.ConcernIds();
        var staffId = _database.StaffId(login);
        var service = _database.Retention(login);

        var preview = await Assert.ThrowsAsync<AccessDeniedException>(() => service.PreviewAsync());
        var run = await Assert.ThrowsAsync<AccessDeniedException>(() => service.RunAsync());
        var list = await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetRecentRunsAsync());

        Assert.StartsWith("Je hebt geen toegang", run.Message);
        Assert.Equal(staffId, preview.StaffMemberId);
        Assert.Equal(concerns, _database.ConcernIds());
        Assert.Empty(_database.AnonymizedPupilIds());
        using var db = _database.CreateContext();
        Assert.Empty(db.RetentionRuns);
        var refusals = db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordKind == AuditRecordKind.Retention && a.StaffMemberId == staffId)
            .Select(a => new { a.Action, a.Outcome })
            .ToList();
        Assert.Equal(
            [RetentionService.ListAction, RetentionService.PreviewAction, RetentionService.RunAction],
            refusals.Select(r => r.Action).Order());
        Assert.All(refusals, r => Assert.Equal(AuditOutcome.Refused, r.Outcome));
        _ = list;
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused_and_audited_too()
    {
        var service = _database.Retention(login: null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RunAsync());

        using var db = _database.CreateContext();
        var refusal = db.AuditEntries.AsNoTracking().Single(a => a.RecordKind == AuditRecordKind.Retention);
        Assert.Null(refusal.StaffMemberId);
        Assert.Equal(AuditOutcome.Refused, refusal.Outcome);
        Assert.Equal(RetentionService.RunAction, refusal.Action);
    }

    [Fact]
    public async Task A_deactivated_privacy_officer_is_refused()
    {
        using (var db = _database.CreateContext())
        {
            db.StaffMembers.Single(s => s.Login == Privacy).IsActive = false;
            db.SaveChanges();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => _database.Retention(Privacy).PreviewAsync());
    }

    [Fact]
    public async Task The_run_is_recorded_with_counts_and_ids_but_no_names_or_content()
    {
        var scenario = RetentionScenario.Create(_database);
        var privacyId = _database.StaffId(Privacy);
        string[] texts;
        using (var db = _database.CreateContext())
        {
            texts =
            [
                .. db.Concerns.Where(c => scenario.ExpectedConcernIds.Contains(c.Id)).Select(c => c.Observation).ToList(),
                .. db.ConcernHistory.Where(h => scenario.ExpectedHistoryIds.Contains(h.Id) && h.Text != null).Select(h => h.Text!).ToList(),
            ];
        }
        Assert.Contains(texts, t => t.Contains(RetentionScenario.SecretObservation, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(RetentionScenario.SecretNote, StringComparison.Ordinal));

        var report = await _database.Retention(Privacy).RunAsync();

        using var check = _database.CreateContext();
        var run = check.RetentionRuns.AsNoTracking().Single();
        Assert.Equal(report.RunId, run.Id);
        Assert.False(run.DryRun);
        Assert.Equal(privacyId, run.StaffMemberId);
        Assert.Equal(RetentionScenario.RunMoment.UtcDateTime, run.StartedAt);
        Assert.True(run.FinishedAt >= run.StartedAt);

        using var json = JsonDocument.Parse(run.Summary);
        var kinds = json.RootElement.GetProperty("kinds").EnumerateArray().ToList();
        var care = kinds.Single(k => k.GetProperty("kind").GetString() == RetentionKinds.CareData);
        Assert.Equal(scenario.ExpectedCareRecordCount, care.GetProperty("count").GetInt32());
        var concernIds = care.GetProperty("records").EnumerateArray()
            .Single(r => r.GetProperty("recordType").GetString() == RetentionKinds.ConcernRecord)
            .GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToHashSet();
        Assert.Equal(scenario.ExpectedConcernIds, concernIds);
        var referral = kinds.Single(k => k.GetProperty("kind").GetString() == RetentionKinds.ReferralData);
        Assert.Equal(0, referral.GetProperty("count").GetInt32());
        var anonymized = json.RootElement.GetProperty("anonymizedPupils");
        Assert.Equal(scenario.ExpectedAnonymized.Count, anonymized.GetProperty("count").GetInt32());
        Assert.Equal(scenario.ExpectedAnonymized, anonymized.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToHashSet());

        scenario.AssertNoNamesIn(run.Summary);
        foreach (var (_, _, _, birth) in scenario.NamesBefore.Values)
            Assert.DoesNotContain(birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), run.Summary, StringComparison.Ordinal);
        foreach (var text in texts)
            Assert.DoesNotContain(text, run.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("GEHEIM", run.Summary, StringComparison.OrdinalIgnoreCase);

        var entry = check.AuditEntries.AsNoTracking().Single(a => a.Action == RetentionService.RunAction);
        Assert.Equal(AuditRecordKind.Retention, entry.RecordKind);
        Assert.Equal(run.Id, entry.RecordId);
        Assert.Equal(privacyId, entry.StaffMemberId);
        Assert.Equal("PrivacyOfficer", entry.Role);
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
    }

    [Fact]
    public async Task The_dry_run_is_recorded_as_a_dry_run_and_listed_with_its_counts()
    {
        var scenario = RetentionScenario.Create(_database);
        var service = _database.Retention(Privacy);

        var preview = await service.PreviewAsync();
        await service.RunAsync();
        var runs = await service.GetRecentRunsAsync();

        Assert.Equal(2, runs.Count);
        var (latest, dry) = (runs[0], runs[1]);
        Assert.False(latest.DryRun);
        Assert.True(dry.DryRun);
        Assert.Equal(preview.RunId, dry.Id);
        Assert.Equal("Pieter Lammers", dry.StartedBy);
        Assert.Equal(scenario.ExpectedCareRecordCount, dry.CountOf(RetentionKinds.CareData));
        Assert.Equal(0, dry.CountOf(RetentionKinds.ReferralData));
        Assert.Equal(scenario.ExpectedAnonymized.Count, dry.AnonymizedPupils);
        Assert.Equal(dry.CountOf(RetentionKinds.CareData), latest.CountOf(RetentionKinds.CareData));
        using var db = _database.CreateContext();
        Assert.Single(db.AuditEntries.AsNoTracking().Where(a => a.Action == RetentionService.PreviewAction && a.RecordId == dry.Id));
    }

    [Fact]
    public async Task The_audit_trail_is_untouched_by_the_run_apart_from_the_entry_for_the_run()
    {
        var scenario = RetentionScenario.Create(_database, moveClock: false);
        // Real reads and changes on the pupils whose data will go, so that the trail names them.
        var ib = _database.Concerns(Logins.CareCoordinator);
        int concernId;
        using (var db = _database.CreateContext())
        {
            concernId = db.Concerns.Where(c => scenario.ExpectedConcernIds.Contains(c.Id) && c.Status != IbPortal.Domain.Concerns.ConcernStatus.Closed)
                .OrderBy(c => c.Id).Select(c => c.Id).First();
        }
        await ib.GetDetailAsync(concernId);
        await ib.AddNoteAsync(concernId, _database.Stored(concernId).Version, "Nog een notitie.");
        _database.Clock.SetUtcNow(RetentionScenario.RunMoment);
        // AddNoteAsync added a history entry to a concern that goes: it goes too.
        var expectedHistory = _database.HistoryIds().Where(h => BelongsTo(h, scenario.ExpectedConcernIds)).ToHashSet();

        List<AuditEntry> before;
        using (var db = _database.CreateContext())
            before = db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToList();
        Assert.Contains(before, a => a.RecordId == concernId && a.Action == "concern.read");

        var report = await _database.Retention(Privacy).RunAsync();

        Assert.Equal(expectedHistory, report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernHistoryRecord).ToHashSet());
        using var check = _database.CreateContext();
        var after = check.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToList();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(
            before.Select(a => (a.Id, a.At, a.StaffMemberId, a.Role, a.SchoolId, a.Action, a.RecordKind, a.RecordId, a.PupilId, a.Outcome)),
            after.Take(before.Count).Select(a => (a.Id, a.At, a.StaffMemberId, a.Role, a.SchoolId, a.Action, a.RecordKind, a.RecordId, a.PupilId, a.Outcome)));
        Assert.Equal(RetentionService.RunAction, after[^1].Action);
    }

    [Fact]
    public async Task The_scheduled_run_runs_as_the_system_and_is_audited_without_a_user()
    {
        var scenario = RetentionScenario.Create(_database);

        var report = await _database.Retention(login: null).RunAsSystemAsync();

        Assert.NotNull(report);
        Assert.Equal(scenario.ExpectedConcernIds, report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord).ToHashSet());
        using var db = _database.CreateContext();
        var run = db.RetentionRuns.AsNoTracking().Single();
        Assert.Null(run.StaffMemberId);
        Assert.False(run.DryRun);
        var entry = db.AuditEntries.AsNoTracking().Single(a => a.Action == RetentionService.RunAction);
        Assert.Null(entry.StaffMemberId);
        Assert.Null(entry.Role);
        Assert.Equal(run.Id, entry.RecordId);
    }

    [Fact]
    public async Task The_log_names_counts_and_ids_but_never_a_pupil_or_care_content()
    {
        var scenario = RetentionScenario.Create(_database);
        var logger = new CapturingLogger<RetentionService>();

        var report = await _database.Retention(Privacy, logger: logger).RunAsync();

        var log = string.Join("\n", logger.Lines);
        Assert.Contains(report.Kind(RetentionKinds.CareData).IdsOf(RetentionKinds.ConcernRecord)[0].ToString(System.Globalization.CultureInfo.InvariantCulture), log, StringComparison.Ordinal);
        Assert.Contains(RetentionKinds.CareData, log, StringComparison.Ordinal);
        scenario.AssertNoNamesIn(log);
        Assert.DoesNotContain("GEHEIM", log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_policy_shows_the_configured_periods_and_schedule()
    {
        var policy = _database.Retention(Logins.TeacherA,
            new RetentionOptions { CareDataYearsAfterLeaving = 5, ReferralDataYearsAfterLeaving = 7, RunDaily = false, RunAtHour = 4 }).GetPolicy();

        Assert.Equal([new RetentionPeriod(RetentionKinds.CareData, 5), new RetentionPeriod(RetentionKinds.ReferralData, 7)], policy.Periods);
        Assert.False(policy.RunDaily);
        Assert.Equal(4, policy.RunAtHour);
    }

    private static IEnumerable<(string, string, int)> Flatten(RetentionReport report) =>
        report.Kinds.SelectMany(k => k.Records.SelectMany(r => r.Ids.Select(id => (k.Kind, r.RecordType, id))));

    private bool BelongsTo(int historyId, IReadOnlySet<int> concernIds)
    {
        using var db = _database.CreateContext();
        return concernIds.Contains(db.ConcernHistory.Where(h => h.Id == historyId).Select(h => h.ConcernId).Single());
    }

    private HashSet<int> ConcernsOf(int pupilId, int? schoolId = null)
    {
        using var db = _database.CreateContext();
        return db.Concerns.Where(c => c.PupilId == pupilId && (schoolId == null || c.SchoolId == schoolId)).Select(c => c.Id).ToHashSet();
    }
}
