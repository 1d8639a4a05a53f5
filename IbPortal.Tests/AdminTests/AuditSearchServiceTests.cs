using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.AdminTests;

public sealed class AuditSearchServiceTests : IDisposable
{
    private const int PupilOne = 9001;
    private const int PupilTwo = 9002;
    private readonly TestDatabase _database = new();
    private readonly Dictionary<string, long> _entries = [];

    public AuditSearchServiceTests()
    {
        var ib = _database.StaffId(Logins.CareCoordinator);
        var teacherA = _database.StaffId(Logins.TeacherA);
        var teacherB = _database.StaffId(Logins.TeacherB);
        var schoolA = _database.SchoolId(Logins.SchoolA);
        var schoolB = _database.SchoolId(Logins.SchoolB);

        // Tue 24 Nov 09:30 UTC (the test clock's local zone is UTC)
        Record("ib-reads-one-at-A", new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 1, PupilOne, schoolA, "CareCoordinator"));
        _database.Clock.Advance(TimeSpan.FromHours(1));      // 10:30
        Record("teacherA-reads-two", new AuditRecord(teacherA, "concern.read", AuditRecordKind.Concern, 2, PupilTwo, schoolA, "Teacher"));
        _database.Clock.Advance(new TimeSpan(13, 29, 59));   // 24 Nov 23:59:59
        Record("teacherA-late-on-24th", new AuditRecord(teacherA, "concern.list", AuditRecordKind.Concern, null, null, schoolA, "Teacher"));
        _database.Clock.Advance(TimeSpan.FromSeconds(1));    // Wed 25 Nov 00:00:00
        Record("teacherA-refused-at-midnight", new AuditRecord(teacherA, "concern.read", AuditRecordKind.Concern, 3, null, null, null, AuditOutcome.Refused));
        _database.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));  // 25 Nov 23:59:59
        Record("teacherB-refused-late-on-25th", new AuditRecord(teacherB, "concern.read", AuditRecordKind.Concern, 4, null, null, null, AuditOutcome.Refused));
        _database.Clock.Advance(TimeSpan.FromSeconds(1));    // Thu 26 Nov 00:00:00
        Record("anonymous-refused-26th", new AuditRecord(null, "concern.read", AuditRecordKind.Concern, 5, null, null, null, AuditOutcome.Refused));
        _database.Clock.Advance(TimeSpan.FromDays(1));       // Fri 27 Nov 00:00
        Record("ib-reads-one-at-B", new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 6, PupilOne, schoolB, "CareCoordinator"));
        _database.Clock.Advance(TimeSpan.FromHours(1));
    }

    public void Dispose() => _database.Dispose();

    private void Record(string name, AuditRecord record)
    {
        _database.Audit.RecordAsync(record).GetAwaiter().GetResult();
        _entries[name] = _database.LastAuditId();
    }

    private long[] Ids(params string[] names) => names.Select(n => _entries[n]).ToArray();

    private Task<AuditSearchResult> SearchAsync(AuditQuery query, string login = AdminScenario.PrivacyOfficer) =>
        _database.AuditSearch(login).SearchAsync(query);

    [Fact]
    public async Task Without_filters_the_officer_sees_every_entry_of_their_schools_newest_first()
    {
        var result = await SearchAsync(new AuditQuery());

        Assert.Equal(Ids("ib-reads-one-at-B", "anonymous-refused-26th", "teacherB-refused-late-on-25th", "teacherA-refused-at-midnight",
            "teacherA-late-on-24th", "teacherA-reads-two", "ib-reads-one-at-A"), result.Rows.Select(r => r.Id));
        Assert.False(result.HasMore);
    }

    [Fact]
    public async Task Search_by_pupil_finds_exactly_that_pupils_entries_at_both_schools()
    {
        var result = await SearchAsync(new AuditQuery { PupilId = PupilOne });

        Assert.Equal(Ids("ib-reads-one-at-B", "ib-reads-one-at-A"), result.Rows.Select(r => r.Id));
        var row = result.Rows[1];
        Assert.Equal((_database.StaffId(Logins.CareCoordinator), "Ilse Verbeek", "CareCoordinator", "concern.read", AuditRecordKind.Concern, (int?)1, (int?)PupilOne, AuditOutcome.Allowed),
            (row.StaffMemberId!.Value, row.StaffName, row.Role, row.Action, row.RecordKind, row.RecordId, row.PupilId, row.Outcome));
        Assert.Equal(_database.SchoolId(Logins.SchoolA), row.SchoolId);
        Assert.False(string.IsNullOrEmpty(row.SchoolName));
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime, row.At);
    }

    [Fact]
    public async Task Search_by_user_finds_exactly_that_users_entries_refusals_included()
    {
        var result = await SearchAsync(new AuditQuery { StaffMemberId = _database.StaffId(Logins.TeacherA) });

        Assert.Equal(Ids("teacherA-refused-at-midnight", "teacherA-late-on-24th", "teacherA-reads-two"), result.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_by_period_takes_whole_days_both_inclusive()
    {
        var result = await SearchAsync(new AuditQuery { From = new DateOnly(2026, 11, 25), To = new DateOnly(2026, 11, 25) });

        Assert.Equal(Ids("teacherB-refused-late-on-25th", "teacherA-refused-at-midnight"), result.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_from_a_date_or_until_a_date_alone()
    {
        var from = await SearchAsync(new AuditQuery { From = new DateOnly(2026, 11, 26) });
        var until = await _database.AuditSearch(AdminScenario.PrivacyOfficer).SearchAsync(new AuditQuery { To = new DateOnly(2026, 11, 24), Outcome = AuditOutcome.Allowed });

        Assert.Equal(Ids("ib-reads-one-at-B", "anonymous-refused-26th"), from.Rows.Select(r => r.Id));
        Assert.Equal(Ids("teacherA-late-on-24th", "teacherA-reads-two", "ib-reads-one-at-A"), until.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_by_outcome_finds_exactly_the_refusals()
    {
        var result = await SearchAsync(new AuditQuery { Outcome = AuditOutcome.Refused });

        Assert.Equal(Ids("anonymous-refused-26th", "teacherB-refused-late-on-25th", "teacherA-refused-at-midnight"), result.Rows.Select(r => r.Id));
        Assert.All(result.Rows, r => Assert.Null(r.SchoolId));
        Assert.Null(result.Rows[0].StaffMemberId);
        Assert.Null(result.Rows[0].StaffName);
    }

    [Fact]
    public async Task Filters_combine()
    {
        var result = await SearchAsync(new AuditQuery
        {
            StaffMemberId = _database.StaffId(Logins.TeacherA),
            From = new DateOnly(2026, 11, 24),
            To = new DateOnly(2026, 11, 24),
            Outcome = AuditOutcome.Allowed,
            PupilId = PupilTwo,
        });

        Assert.Equal(Ids("teacherA-reads-two"), result.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Take_limits_the_rows_and_says_there_are_more()
    {
        var result = await SearchAsync(new AuditQuery { Take = 2 });

        Assert.Equal(Ids("ib-reads-one-at-B", "anonymous-refused-26th"), result.Rows.Select(r => r.Id));
        Assert.True(result.HasMore);
    }

    [Fact]
    public async Task An_officer_of_one_school_sees_that_schools_entries_and_school_less_refusals_of_its_own_staff_and_of_nobody()
    {
        _database.AddStaff("privacy-a", "Paula Privacy", (PortalRole.PrivacyOfficer, Logins.SchoolA));

        var result = await SearchAsync(new AuditQuery(), "privacy-a");

        // Not: the read at school B, nor teacher B's refusal (teacher B works only at school B).
        Assert.Equal(Ids("anonymous-refused-26th", "teacherA-refused-at-midnight", "teacherA-late-on-24th", "teacherA-reads-two", "ib-reads-one-at-A"),
            result.Rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData(Logins.CareCoordinator)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.TeacherA)]
    [InlineData(AdminScenario.SchoolLeaderA)]
    public async Task Only_the_privacy_officer_may_search_and_export_and_refusals_are_audited(string login)
    {
        var before = _database.LastAuditId();
        var service = _database.AuditSearch(login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SearchAsync(new AuditQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ExportCsvAsync(new AuditQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SearchStaffAsync("a"));

        var entries = _database.AuditEntriesAfter(before);
        Assert.Equal(["audit.search", "audit.export", "audit.staff-search"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((_database.StaffId(login), AuditRecordKind.AuditTrail, AuditOutcome.Refused),
            (e.StaffMemberId!.Value, e.RecordKind, e.Outcome)));
    }

    [Fact]
    public async Task A_deactivated_privacy_officer_is_refused()
    {
        await _database.StaffAdmin(Logins.Administrator).SetActiveAsync(_database.StaffId(AdminScenario.PrivacyOfficer), false);

        await Assert.ThrowsAsync<AccessDeniedException>(() => SearchAsync(new AuditQuery()));
    }

    [Fact]
    public async Task Each_search_is_itself_audited_with_the_pupil_searched_for()
    {
        var before = _database.LastAuditId();

        await SearchAsync(new AuditQuery { PupilId = PupilOne });

        var entry = Assert.Single(_database.AuditEntriesAfter(before));
        Assert.Equal((_database.StaffId(AdminScenario.PrivacyOfficer), "audit.search", AuditRecordKind.AuditTrail, (int?)PupilOne, "PrivacyOfficer", AuditOutcome.Allowed),
            (entry.StaffMemberId!.Value, entry.Action, entry.RecordKind, entry.PupilId, entry.Role, entry.Outcome));
        Assert.Null(entry.RecordId);

        // So the pupil's own trail shows that the privacy officer looked it up.
        var again = await SearchAsync(new AuditQuery { PupilId = PupilOne });
        Assert.Equal(entry.Id, again.Rows[0].Id);
    }

    [Fact]
    public async Task Each_export_is_itself_audited()
    {
        var before = _database.LastAuditId();

        await _database.AuditSearch(AdminScenario.PrivacyOfficer).ExportCsvAsync(new AuditQuery { Outcome = AuditOutcome.Refused });

        var entry = Assert.Single(_database.AuditEntriesAfter(before));
        Assert.Equal(("audit.export", AuditRecordKind.AuditTrail, AuditOutcome.Allowed, "PrivacyOfficer"), (entry.Action, entry.RecordKind, entry.Outcome, entry.Role));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_a_Dutch_validation_error_and_is_not_audited()
    {
        var before = _database.LastAuditId();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            SearchAsync(new AuditQuery { From = new DateOnly(2026, 11, 25), To = new DateOnly(2026, 11, 24) }));

        Assert.Equal("De einddatum ligt vóór de begindatum. Pas de periode aan.", ex.Errors[nameof(AuditQuery.To)]);
        Assert.Empty(_database.AuditEntriesAfter(before));
    }

    [Fact]
    public async Task The_officer_finds_staff_by_name_for_the_user_filter()
    {
        var found = await _database.AuditSearch(AdminScenario.PrivacyOfficer).SearchStaffAsync("verb");

        var ib = Assert.Single(found);
        Assert.Equal((_database.StaffId(Logins.CareCoordinator), "Ilse Verbeek", Logins.CareCoordinator), (ib.Id, ib.DisplayName, ib.Login));
    }
}
