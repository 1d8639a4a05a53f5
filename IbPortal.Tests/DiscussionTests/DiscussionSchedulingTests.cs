using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DiscussionTests;

/// <summary>Scheduling a pupil or group discussion: who may, what is stored, and the Dutch validation per field.</summary>
public class DiscussionSchedulingTests
{
    [Fact]
    public async Task IBer_schedules_a_pupil_discussion_with_the_groups_teacher_by_default()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);

        var id = await database.Discussions(Logins.CareCoordinator).ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil));

        var stored = database.StoredDiscussion(id);
        Assert.Equal(DiscussionKind.PupilDiscussion, stored.Kind);
        Assert.Equal(DiscussionStatus.Planned, stored.Status);
        Assert.Equal(database.GroupOf(Logins.TeacherA), stored.GroupId);
        Assert.Equal(database.SchoolId(Logins.SchoolA), stored.SchoolId);
        Assert.Equal(database.StaffId(Logins.TeacherA), stored.TeacherId);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), stored.CoordinatorId);
        Assert.Equal(new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc), stored.ScheduledAt);
        Assert.Equal(pupil, Assert.Single(stored.Pupils).PupilId);
        Assert.Empty(stored.Agenda); // a pupil without care records has nothing to propose
        Assert.Equal(0, stored.Version);

        var entry = Assert.Single(database.AuditOf(Logins.CareCoordinator), a => a.Action == DiscussionAuditActions.Schedule);
        Assert.Equal((AuditRecordKind.Discussion, id, pupil, stored.SchoolId, "CareCoordinator", AuditOutcome.Allowed),
            (entry.RecordKind, entry.RecordId!.Value, entry.PupilId!.Value, entry.SchoolId!.Value, entry.Role!, entry.Outcome));
    }

    [Fact]
    public async Task The_local_time_is_stored_as_UTC_in_the_schools_time_zone()
    {
        using var database = new TestDatabase();
        database.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var pupil = database.NewPupilIn(Logins.TeacherA);

        var id = await database.Discussions(Logins.CareCoordinator).ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with
        {
            Date = new DateOnly(2026, 11, 26),
            Time = new TimeOnly(15, 0),
        });

        Assert.Equal(new DateTime(2026, 11, 26, 14, 0, 0, DateTimeKind.Utc), database.StoredDiscussion(id).ScheduledAt);
        var detail = await database.Discussions(Logins.CareCoordinator).GetAsync(id);
        Assert.Equal(new DateTime(2026, 11, 26, 15, 0, 0), detail.ScheduledLocal);
    }

    [Fact]
    public async Task A_time_that_does_not_exist_when_summer_time_starts_is_refused()
    {
        using var database = new TestDatabase();
        database.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var pupil = database.NewPupilIn(Logins.TeacherA);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => database.Discussions(Logins.CareCoordinator)
            .ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { Date = new DateOnly(2027, 3, 28), Time = new TimeOnly(2, 30) }));

        Assert.Contains("zomertijd", error.Errors[nameof(DiscussionDraft.Time)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_discussion_covers_every_pupil_enrolled_in_the_group_today()
    {
        using var database = new TestDatabase();
        var group = database.GroupOf(Logins.TeacherA);
        var leaver = database.NewPupilIn(Logins.TeacherA, "Vertrokken");
        database.Leave(leaver, database.Today().AddDays(-1));
        var expected = database.PupilsOf(group);

        var id = await database.ScheduleGroupDiscussionAsync(Logins.TeacherA);

        var stored = database.StoredDiscussion(id);
        Assert.Equal(DiscussionKind.GroupDiscussion, stored.Kind);
        Assert.Equal(expected.Order(), stored.Pupils.Select(p => p.PupilId).Order());
        Assert.DoesNotContain(stored.Pupils, p => p.PupilId == leaver);
        // One entry per pupil on it (the agenda copies each pupil's concerns and goals), none for the pupil who left.
        Assert.Equal(expected.Order(), database.AuditOf(Logins.CareCoordinator)
            .Where(a => a.Action == DiscussionAuditActions.Schedule && a.RecordId == id).Select(a => a.PupilId!.Value).Order());
    }

    [Fact]
    public async Task An_empty_draft_gets_a_Dutch_message_per_field_and_nothing_is_saved()
    {
        using var database = new TestDatabase();
        var before = database.DiscussionCount();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            database.Discussions(Logins.CareCoordinator).ScheduleAsync(new DiscussionDraft()));

        Assert.Equal("Kies of het een leerlingbespreking of een groepsbespreking is.", error.Errors[nameof(DiscussionDraft.Kind)]);
        Assert.Equal("Kies de groep.", error.Errors[nameof(DiscussionDraft.GroupId)]);
        Assert.Equal("Kies de datum van de bespreking.", error.Errors[nameof(DiscussionDraft.Date)]);
        Assert.Equal("Kies het tijdstip van de bespreking.", error.Errors[nameof(DiscussionDraft.Time)]);
        Assert.Equal(before, database.DiscussionCount());
    }

    [Fact]
    public async Task A_date_in_the_past_is_refused_but_earlier_today_is_allowed_for_recording_afterwards()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var ib = database.Discussions(Logins.CareCoordinator);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            ib.ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { Date = database.Today().AddDays(-1) }));
        Assert.Equal("Deze datum is al voorbij. Kies vandaag of een latere dag.", error.Errors[nameof(DiscussionDraft.Date)]);

        // 08:00 today lies before the clock's 09:30: allowed, so a discussion held this morning can still be recorded.
        var id = await ib.ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { Date = database.Today(), Time = new TimeOnly(8, 0) });
        Assert.Equal(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), database.StoredDiscussion(id).ScheduledAt);
    }

    [Fact]
    public async Task A_date_more_than_a_year_ahead_is_refused()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => database.Discussions(Logins.CareCoordinator)
            .ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { Date = database.Today().AddDays(DiscussionService.MaxDaysAhead + 1) }));

        Assert.Equal("Plan de bespreking binnen een jaar vanaf vandaag.", error.Errors[nameof(DiscussionDraft.Date)]);
    }

    [Fact]
    public async Task A_pupil_discussion_needs_at_least_one_pupil()
    {
        using var database = new TestDatabase();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            database.Discussions(Logins.CareCoordinator).ScheduleAsync(database.PupilDraft(Logins.TeacherA)));

        Assert.Equal("Kies minstens één leerling om te bespreken.", error.Errors[nameof(DiscussionDraft.PupilIds)]);
    }

    [Fact]
    public async Task Pupils_must_be_enrolled_in_the_group_today()
    {
        using var database = new TestDatabase();
        var otherGroupPupil = database.PupilAt(Logins.SchoolA, notTaughtBy: Logins.TeacherA);
        var leaver = database.NewPupilIn(Logins.TeacherA);
        database.Leave(leaver, database.Today().AddDays(-1));
        var ib = database.Discussions(Logins.CareCoordinator);
        const string message = "Kies alleen leerlingen die nu in deze groep zitten.";

        var other = await Assert.ThrowsAsync<DomainValidationException>(() => ib.ScheduleAsync(database.PupilDraft(Logins.TeacherA, otherGroupPupil)));
        var left = await Assert.ThrowsAsync<DomainValidationException>(() => ib.ScheduleAsync(database.PupilDraft(Logins.TeacherA, leaver)));

        Assert.Equal(message, other.Errors[nameof(DiscussionDraft.PupilIds)]);
        Assert.Equal(message, left.Errors[nameof(DiscussionDraft.PupilIds)]);
    }

    [Fact]
    public async Task The_teacher_must_hold_the_teacher_role_at_the_groups_school()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var ib = database.Discussions(Logins.CareCoordinator);

        foreach (var notATeacherHere in new[] { Logins.TeacherB, Logins.SchoolLeaderA, Logins.CareCoordinator })
        {
            var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
                ib.ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { TeacherId = database.StaffId(notATeacherHere) }));
            Assert.Equal("Kies een leerkracht van deze school.", error.Errors[nameof(DiscussionDraft.TeacherId)]);
        }
    }

    [Fact]
    public async Task Another_teacher_of_the_school_may_be_chosen()
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var colleague = database.AddStaff("rt-a", PortalRole.Teacher, Logins.SchoolA);

        var id = await database.Discussions(Logins.CareCoordinator)
            .ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil) with { TeacherId = colleague });

        Assert.Equal(colleague, database.StoredDiscussion(id).TeacherId);
    }

    [Fact]
    public async Task A_group_of_last_school_year_cannot_be_chosen()
    {
        using var database = new TestDatabase();
        var oldGroup = database.AddLastYearGroup(Logins.SchoolA);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => database.Discussions(Logins.CareCoordinator).ScheduleAsync(
            new DiscussionDraft { Kind = DiscussionKind.GroupDiscussion, GroupId = oldGroup, Date = database.Today().AddDays(1), Time = new TimeOnly(15, 0) }));

        Assert.Equal("Kies een groep van dit schooljaar.", error.Errors[nameof(DiscussionDraft.GroupId)]);
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_the_IBer_schedules_and_every_refusal_is_audited(string login)
    {
        using var database = new TestDatabase();
        var pupil = database.NewPupilIn(Logins.TeacherA);
        var before = database.DiscussionCount();

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions(login).ScheduleAsync(database.PupilDraft(Logins.TeacherA, pupil)));

        Assert.Equal(before, database.DiscussionCount());
        var refusal = Assert.Single(database.AuditOf(login), a => a.Outcome == AuditOutcome.Refused);
        Assert.Equal((DiscussionAuditActions.Schedule, AuditRecordKind.Discussion), (refusal.Action, refusal.RecordKind));
    }

    [Fact]
    public async Task An_IBer_of_one_school_cannot_schedule_at_the_other_school()
    {
        using var database = new TestDatabase();
        database.AddStaff("ib-a", PortalRole.CareCoordinator, Logins.SchoolA);
        var pupilB = database.NewPupilIn(Logins.TeacherB);

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions("ib-a").ScheduleAsync(database.PupilDraft(Logins.TeacherB, pupilB)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions("ib-a").ProposeAgendaAsync(database.PupilDraft(Logins.TeacherB, pupilB)));

        Assert.Equal(2, database.Refusals("ib-a"));
    }

    [Fact]
    public async Task Schedule_options_offer_this_years_groups_of_the_IBers_schools_with_pupils_and_teachers()
    {
        using var database = new TestDatabase();
        database.AddLastYearGroup(Logins.SchoolA);
        var pupil = database.NewPupilIn(Logins.TeacherA);

        var options = await database.Discussions(Logins.CareCoordinator).GetScheduleOptionsAsync();

        var groupA = Assert.Single(options.Groups, g => g.GroupId == database.GroupOf(Logins.TeacherA));
        Assert.Equal(database.StaffId(Logins.TeacherA), groupA.DefaultTeacherId);
        Assert.Contains(groupA.Pupils, p => p.PupilId == pupil && p.FullName == "Testleerling Nieuw");
        Assert.Contains(options.Groups, g => g.GroupId == database.GroupOf(Logins.TeacherB));
        Assert.DoesNotContain(options.Groups, g => g.Name == "oud-4");
        Assert.Contains(options.Teachers, t => t.StaffMemberId == database.StaffId(Logins.TeacherA) && t.SchoolId == database.SchoolId(Logins.SchoolA));
        Assert.DoesNotContain(options.Teachers, t => t.StaffMemberId == database.StaffId(Logins.SchoolLeaderA));
    }

    [Fact]
    public async Task Schedule_options_are_refused_to_a_teacher()
    {
        using var database = new TestDatabase();

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Discussions(Logins.TeacherA).GetScheduleOptionsAsync());

        Assert.Equal(1, database.Refusals(Logins.TeacherA));
    }
}
