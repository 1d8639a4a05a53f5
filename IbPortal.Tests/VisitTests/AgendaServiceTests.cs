using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The week and month agenda of classroom visits and discussions: what is in range, who sees what, the limits.</summary>
public class AgendaServiceTests
{
    // The test clock: Tuesday 24 November 2026, 09:30, in UTC (the test database's school zone).
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static AgendaQuery Week(DateOnly monday, bool includeCancelled = false, IReadOnlyCollection<int>? schools = null) =>
        new() { From = monday, To = monday.AddDays(6), IncludeCancelled = includeCancelled, SchoolIds = schools };

    private static Task<int> ScheduleDiscussionAsync(TestDatabase database, string teacherLogin, DateOnly date, TimeOnly time,
        DiscussionKind kind = DiscussionKind.GroupDiscussion, params int[] pupils) =>
        database.Service<DiscussionService>(Logins.CareCoordinator).ScheduleAsync(new DiscussionDraft
        {
            Kind = kind,
            GroupId = S.GroupOf(database, teacherLogin),
            Date = date,
            Time = time,
            PupilIds = pupils,
        });

    [Fact]
    public async Task The_IBer_sees_visits_and_discussions_of_the_range_with_times_titles_stages_and_links()
    {
        using var database = new TestDatabase();
        var wednesday = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        var visit = S.AddVisit(database, Logins.TeacherA, wednesday, durationMinutes: 60);
        var observed = S.AddVisit(database, Logins.TeacherB, new DateTime(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc), VisitStatus.Observed);
        var nextWeek = S.AddVisit(database, Logins.TeacherA, wednesday.AddDays(7));
        var lastWeek = S.AddVisit(database, Logins.TeacherA, wednesday.AddDays(-7));
        var discussion = await ScheduleDiscussionAsync(database, Logins.TeacherA, new DateOnly(2026, 11, 26), new TimeOnly(14, 15));

        var agenda = await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday));

        var v = Assert.Single(agenda.Entries, e => e.IsVisit && e.Id == visit);
        Assert.Equal((AgendaEntryKind.Visit, wednesday, wednesday.AddMinutes(60), "Mark Hofstede", "5", VisitStage.Planned, "/bezoeken/" + visit, database.SchoolId(Logins.SchoolA)),
            (v.Kind, v.StartUtc, v.EndUtc, v.Title, v.GroupName, v.Stage!.Value, v.Link, v.SchoolId));
        Assert.Equal(new DateOnly(2026, 11, 25), v.Date);
        Assert.Equal(VisitStage.AwaitingFeedback, agenda.Entries.Single(e => e.IsVisit && e.Id == observed).Stage);
        Assert.DoesNotContain(agenda.Entries, e => e.IsVisit && (e.Id == nextWeek || e.Id == lastWeek));

        var d = Assert.Single(agenda.Entries, e => !e.IsVisit && e.Id == discussion);
        Assert.Equal((AgendaEntryKind.GroupDiscussion, "Groepsbespreking groep 5", "/besprekingen/" + discussion, DiscussionStatus.Planned, new TimeOnly(14, 15)),
            (d.Kind, d.Title, d.Link, d.DiscussionStatus!.Value, TimeOnly.FromDateTime(d.LocalStart)));
        Assert.Equal(d.StartUtc.AddMinutes(VisitAgendaService.DiscussionMinutes), d.EndUtc);

        Assert.Equal(agenda.Entries.OrderBy(e => e.StartUtc).Select(e => (e.Kind, e.Id)), agenda.Entries.Select(e => (e.Kind, e.Id)));
        Assert.Equal(2, agenda.Schools.Count);
        Assert.True(agenda.CanPlan);
    }

    [Fact]
    public async Task Times_are_shown_in_the_schools_time_zone()
    {
        using var database = new TestDatabase();
        database.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var visit = S.AddVisit(database, Logins.TeacherA, new DateTime(2026, 11, 25, 23, 30, 0, DateTimeKind.Utc)); // Thursday 00:30 in Amsterdam

        var agenda = await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday));

        var entry = agenda.Entries.Single(e => e.IsVisit && e.Id == visit);
        Assert.Equal(new DateTime(2026, 11, 26, 0, 30, 0), entry.LocalStart);
        Assert.Equal(new DateOnly(2026, 11, 26), entry.Date);
    }

    [Fact]
    public async Task Cancelled_visits_and_discussions_show_only_when_asked()
    {
        using var database = new TestDatabase();
        var cancelled = S.AddVisit(database, Logins.TeacherA, new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), VisitStatus.Cancelled);

        var plain = await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday));
        var withCancelled = await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday, includeCancelled: true));

        Assert.DoesNotContain(plain.Entries, e => e.IsVisit && e.Id == cancelled);
        var entry = Assert.Single(withCancelled.Entries, e => e.IsVisit && e.Id == cancelled);
        Assert.True(entry.IsCancelled);
        Assert.Equal("Geannuleerd", entry.StatusLabel);
    }

    [Fact]
    public async Task A_teacher_sees_their_own_visits_and_their_groups_discussions_and_no_one_elses()
    {
        using var database = new TestDatabase();
        var at = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        var own = S.AddVisit(database, Logins.TeacherA, at);
        var colleagueGroup = S.OtherGroupAt(database, Logins.SchoolA, Logins.TeacherA);
        S.AddStaff(database, "collega-a", [(PortalRole.Teacher, Logins.SchoolA)], colleagueGroup);
        var colleagues = S.AddVisit(database, "collega-a", at.AddHours(1), groupId: colleagueGroup);
        var otherSchool = S.AddVisit(database, Logins.TeacherB, at.AddHours(2));
        var ownDiscussion = await ScheduleDiscussionAsync(database, Logins.TeacherA, new DateOnly(2026, 11, 26), new TimeOnly(15, 0));
        var otherDiscussion = await ScheduleDiscussionAsync(database, Logins.TeacherB, new DateOnly(2026, 11, 26), new TimeOnly(15, 0));

        var agenda = await S.Agenda(database, Logins.TeacherA).GetAsync(Week(Monday));

        Assert.Contains(agenda.Entries, e => e.IsVisit && e.Id == own);
        Assert.Contains(agenda.Entries, e => !e.IsVisit && e.Id == ownDiscussion);
        Assert.DoesNotContain(agenda.Entries, e => e.IsVisit && (e.Id == colleagues || e.Id == otherSchool));
        Assert.DoesNotContain(agenda.Entries, e => !e.IsVisit && e.Id == otherDiscussion);
        Assert.False(agenda.CanPlan);
        Assert.Equal(Logins.SchoolA, Assert.Single(agenda.Schools).ShortName);

        var colleagueAgenda = await S.Agenda(database, "collega-a").GetAsync(Week(Monday));
        Assert.Contains(colleagueAgenda.Entries, e => e.IsVisit && e.Id == colleagues);
        Assert.DoesNotContain(colleagueAgenda.Entries, e => e.IsVisit && e.Id == own);
    }

    [Fact]
    public async Task The_IBer_of_one_school_sees_nothing_of_the_other_and_the_school_filter_narrows()
    {
        using var database = new TestDatabase();
        var at = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        var atA = S.AddVisit(database, Logins.TeacherA, at);
        var atB = S.AddVisit(database, Logins.TeacherB, at);
        S.AddStaff(database, "ib-ha", [(PortalRole.CareCoordinator, Logins.SchoolB)]);

        var onlyB = await S.Agenda(database, "ib-ha").GetAsync(Week(Monday));
        Assert.Contains(onlyB.Entries, e => e.IsVisit && e.Id == atB);
        Assert.DoesNotContain(onlyB.Entries, e => e.IsVisit && e.Id == atA);
        Assert.All(onlyB.Entries, e => Assert.Equal(database.SchoolId(Logins.SchoolB), e.SchoolId));

        var filtered = await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday, schools: [database.SchoolId(Logins.SchoolA)]));
        Assert.Contains(filtered.Entries, e => e.IsVisit && e.Id == atA);
        Assert.All(filtered.Entries, e => Assert.Equal(database.SchoolId(Logins.SchoolA), e.SchoolId));

        // A school the user has no role at cannot be asked for.
        var foreign = await S.Agenda(database, "ib-ha").GetAsync(Week(Monday, schools: [database.SchoolId(Logins.SchoolA)]));
        Assert.Empty(foreign.Entries);
    }

    [Fact]
    public async Task The_agenda_names_no_pupils()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA, "Zichtbaarnooit");
        var discussion = await ScheduleDiscussionAsync(database, Logins.TeacherA, new DateOnly(2026, 11, 26), new TimeOnly(15, 0),
            DiscussionKind.PupilDiscussion, pupil);

        var agenda = await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday));

        var entry = Assert.Single(agenda.Entries, e => !e.IsVisit && e.Id == discussion);
        Assert.Equal("Leerlingbespreking groep 5", entry.Title);
        Assert.DoesNotContain(agenda.Entries, e => $"{e.Title} {e.TeacherName} {e.GroupName} {e.StatusLabel}".Contains("Zichtbaarnooit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Without_the_IBer_or_teacher_role_the_agenda_is_refused_and_audited(string login)
    {
        using var database = new TestDatabase();

        await Assert.ThrowsAsync<AccessDeniedException>(() => S.Agenda(database, login).GetAsync(Week(Monday)));

        var refusal = Assert.Single(S.AuditOf(database, login));
        Assert.Equal((VisitAuditActions.Agenda, AuditRecordKind.VisitAgenda, AuditOutcome.Refused), (refusal.Action, refusal.RecordKind, refusal.Outcome));
    }

    [Fact]
    public async Task Reading_the_agenda_is_a_working_view_that_is_not_audited()
    {
        using var database = new TestDatabase();

        await S.Agenda(database, Logins.CareCoordinator).GetAsync(Week(Monday));

        Assert.DoesNotContain(S.AuditOf(database, Logins.CareCoordinator), a => a.Action == VisitAuditActions.Agenda);
    }

    [Fact]
    public async Task The_range_is_at_most_42_days_and_does_not_end_before_it_starts()
    {
        using var database = new TestDatabase();
        var agenda = S.Agenda(database, Logins.CareCoordinator);

        var sixWeeks = await agenda.GetAsync(new AgendaQuery { From = Monday, To = Monday.AddDays(41) });
        Assert.Equal(Monday.AddDays(41), sixWeeks.To);
        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() => agenda.GetAsync(new AgendaQuery { From = Monday, To = Monday.AddDays(42) }));
        Assert.Equal("De agenda toont hooguit 42 dagen tegelijk. Kies een kortere periode.", tooLong.Errors[nameof(AgendaQuery.To)]);
        var backwards = await Assert.ThrowsAsync<DomainValidationException>(() => agenda.GetAsync(new AgendaQuery { From = Monday, To = Monday.AddDays(-1) }));
        Assert.True(backwards.Errors.ContainsKey(nameof(AgendaQuery.To)));
        var oneDay = await agenda.GetAsync(new AgendaQuery { From = Monday, To = Monday });
        Assert.All(oneDay.Entries, e => Assert.Equal(Monday, e.Date));
    }

    [Fact]
    public void A_week_runs_Monday_to_Sunday_and_a_month_covers_whole_weeks_within_the_limit()
    {
        Assert.Equal((Monday, new DateOnly(2026, 11, 29)), AgendaRange.Week(new DateOnly(2026, 11, 29)));
        Assert.Equal((new DateOnly(2026, 10, 26), new DateOnly(2026, 12, 6)), AgendaRange.Month(new DateOnly(2026, 11, 17)));

        for (var month = new DateOnly(2026, 1, 1); month.Year < 2030; month = month.AddMonths(1))
        {
            var (from, to) = AgendaRange.Month(month.AddDays(10));
            Assert.Equal(DayOfWeek.Monday, from.DayOfWeek);
            Assert.Equal(DayOfWeek.Sunday, to.DayOfWeek);
            Assert.True(from <= month && to >= month.AddMonths(1).AddDays(-1));
            Assert.InRange(to.DayNumber - from.DayNumber + 1, 28, VisitAgendaService.MaxDays);
        }
    }
}
