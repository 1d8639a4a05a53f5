using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.VisitTests;

/// <summary>Planning a visit: what is stored and audited, the rules per field, the links to a concern, request or earlier visit.</summary>
public sealed class VisitPlanningTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ClassroomVisitService Ib => _db.Visits(Logins.CareCoordinator);

    [Fact]
    public async Task Planning_stores_the_visit_for_the_teacher_and_group_and_audits_it()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { DurationMinutes = 60, Focus = "  Klassenmanagement bij de overgangen " });

        var visit = _db.StoredVisit(id);
        Assert.Equal((VisitStatus.Planned, _db.TaughtGroup(Logins.TeacherA), _db.StaffId(Logins.TeacherA), _db.StaffId(Logins.CareCoordinator)),
            (visit.Status, visit.GroupId, visit.TeacherId, visit.CoordinatorId));
        Assert.Equal((new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc), 60, "Klassenmanagement bij de overgangen", 0),
            (visit.ScheduledAt, visit.DurationMinutes, visit.Focus, visit.Version));
        Assert.Equal(_db.SchoolId(Logins.SchoolA), visit.SchoolId);
        var entry = Assert.Single(_db.VisitAudit(VisitAuditActions.Plan, Logins.CareCoordinator));
        Assert.Equal((AuditRecordKind.ClassroomVisit, (int?)id, (int?)visit.SchoolId, "CareCoordinator", AuditOutcome.Allowed),
            (entry.RecordKind, entry.RecordId, entry.SchoolId, entry.Role, entry.Outcome));
    }

    [Fact]
    public async Task Without_a_duration_or_teacher_the_default_duration_and_the_groups_teacher_are_taken()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { DurationMinutes = null, TeacherId = null });

        var visit = _db.StoredVisit(id);
        Assert.Equal((ClassroomVisit.DefaultDurationMinutes, _db.StaffId(Logins.TeacherA)), (visit.DurationMinutes, visit.TeacherId));
    }

    [Fact]
    public async Task An_empty_draft_gets_a_Dutch_message_per_field_and_nothing_is_saved()
    {
        var before = _db.VisitCount();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(new VisitDraft()));

        Assert.Equal("Kies de groep waar je op bezoek gaat.", ex.Errors[nameof(VisitDraft.GroupId)]);
        Assert.Equal("Kies de datum van het bezoek.", ex.Errors[nameof(VisitDraft.Date)]);
        Assert.Equal("Kies het tijdstip van het bezoek.", ex.Errors[nameof(VisitDraft.Time)]);
        Assert.StartsWith("Schrijf op waar je op let", ex.Errors[nameof(VisitDraft.Focus)], StringComparison.Ordinal);
        Assert.Equal(before, _db.VisitCount());
        Assert.Empty(_db.VisitAudit(VisitAuditActions.Plan, Logins.CareCoordinator));
    }

    [Theory]
    [InlineData(-1, 45, "Date", "Deze datum is al voorbij. Kies vandaag of een latere dag.")]
    [InlineData(366, 45, "Date", "Plan het bezoek binnen een jaar vanaf vandaag.")]
    [InlineData(2, 5, "DurationMinutes", "Kies een duur van 10 tot 240 minuten.")]
    [InlineData(2, 241, "DurationMinutes", "Kies een duur van 10 tot 240 minuten.")]
    public async Task Dates_outside_today_to_a_year_and_durations_outside_10_to_240_minutes_are_refused(int daysAhead, int duration, string field, string message)
    {
        var draft = _db.VisitDraftFor(Logins.TeacherA) with { Date = _db.VisitToday().AddDays(daysAhead), DurationMinutes = duration };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(draft));

        Assert.Equal(message, Assert.Single(ex.Errors).Value);
        Assert.Equal(field, ex.Errors.Single().Key);
    }

    [Fact]
    public async Task Today_and_exactly_a_year_ahead_and_the_duration_bounds_are_accepted()
    {
        var today = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Date = _db.VisitToday(), DurationMinutes = 10 });
        var inAYear = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Date = _db.VisitToday().AddYears(1), DurationMinutes = 240 });

        Assert.Equal(10, _db.StoredVisit(today).DurationMinutes);
        Assert.Equal(240, _db.StoredVisit(inAYear).DurationMinutes);
    }

    [Fact]
    public async Task A_time_in_the_spring_forward_gap_is_refused_with_a_Dutch_message()
    {
        _db.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var draft = _db.VisitDraftFor(Logins.TeacherA) with { Date = new DateOnly(2027, 3, 28), Time = new TimeOnly(2, 30) };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(draft));

        Assert.Contains("zomertijd", ex.Errors[nameof(VisitDraft.Time)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_focus_is_required_and_at_most_1000_characters()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { Focus = new string('f', ClassroomVisit.FocusMaxLength + 1) }));
        Assert.Contains("hooguit 1000 tekens (nu 1001)", ex.Errors[nameof(VisitDraft.Focus)], StringComparison.Ordinal);

        var id = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Focus = new string('f', ClassroomVisit.FocusMaxLength) });
        Assert.Equal(ClassroomVisit.FocusMaxLength, _db.StoredVisit(id).Focus.Length);
    }

    [Fact]
    public async Task The_teacher_must_hold_the_teacher_role_at_the_groups_school_and_be_active()
    {
        var otherSchool = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { TeacherId = _db.StaffId(Logins.TeacherB) }));
        Assert.Equal("Kies een leerkracht van deze school.", otherSchool.Errors[nameof(VisitDraft.TeacherId)]);

        var notATeacher = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { TeacherId = _db.StaffId(Logins.SchoolLeaderA) }));
        Assert.True(notATeacher.Errors.ContainsKey(nameof(VisitDraft.TeacherId)));

        var colleague = _db.OtherTeacherAtSchoolOf(Logins.TeacherA);
        var byColleague = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { TeacherId = _db.StaffId(colleague) });
        Assert.Equal(_db.StaffId(colleague), _db.StoredVisit(byColleague).TeacherId);

        using (var db = _db.CreateContext())
        {
            await db.StaffMembers.Where(s => s.Login == colleague).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false));
        }
        var inactive = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { TeacherId = _db.StaffId(colleague) }));
        Assert.True(inactive.Errors.ContainsKey(nameof(VisitDraft.TeacherId)));
    }

    [Fact]
    public async Task A_group_of_an_earlier_school_year_cannot_be_visited()
    {
        var old = _db.LastYearsGroupOf(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { GroupId = old }));

        Assert.Equal("Kies een groep van dit schooljaar.", ex.Errors[nameof(VisitDraft.GroupId)]);
    }

    [Fact]
    public async Task Only_an_IBer_plans_and_a_teachers_attempt_is_refused_and_audited()
    {
        var before = _db.VisitCount();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.TeacherA).PlanAsync(_db.VisitDraftFor(Logins.TeacherA)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.SchoolLeaderA).PlanAsync(_db.VisitDraftFor(Logins.TeacherA)));

        Assert.Equal(before, _db.VisitCount());
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.Plan, Logins.TeacherA)).Outcome);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.Plan, Logins.SchoolLeaderA)).Outcome);
    }

    [Fact]
    public async Task A_concern_must_belong_to_the_groups_school()
    {
        var concernB = _db.RaiseConcernAbout(Logins.TeacherB, _db.NewPupilIn(Logins.TeacherB));
        var concernA = _db.RaiseConcernAbout(Logins.TeacherA, _db.NewPupilIn(Logins.TeacherA));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { ConcernId = concernB }));
        Assert.StartsWith("Deze signalering hoort bij een andere school", ex.Errors[nameof(VisitDraft.ConcernId)], StringComparison.Ordinal);

        var id = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { ConcernId = concernA });
        Assert.Equal(concernA, _db.StoredVisit(id).ConcernId);
    }

    [Fact]
    public async Task A_support_request_must_be_of_the_same_school_and_teacher_and_still_open_or_in_progress()
    {
        var otherTeacher = _db.AddSupportRequest(_db.OtherTeacherAtSchoolOf(Logins.TeacherA));
        var otherSchool = _db.AddSupportRequest(Logins.TeacherB);
        var closed = _db.AddSupportRequest(Logins.TeacherA, status: SupportRequestStatus.Closed);

        var teacherError = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { SupportRequestId = otherTeacher }));
        Assert.StartsWith("Deze hulpvraag is van een andere leerkracht", teacherError.Errors[nameof(VisitDraft.SupportRequestId)], StringComparison.Ordinal);
        var schoolError = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { SupportRequestId = otherSchool }));
        Assert.StartsWith("Deze hulpvraag hoort bij een andere school", schoolError.Errors[nameof(VisitDraft.SupportRequestId)], StringComparison.Ordinal);
        var closedError = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { SupportRequestId = closed }));
        Assert.StartsWith("Deze hulpvraag is al afgesloten", closedError.Errors[nameof(VisitDraft.SupportRequestId)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Planning_from_an_open_support_request_picks_it_up_audits_it_and_publishes_the_change_after_saving()
    {
        var requestId = _db.AddSupportRequest(Logins.TeacherA);

        var id = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { SupportRequestId = requestId });

        var request = _db.StoredRequest(requestId);
        Assert.Equal((SupportRequestStatus.InProgress, (int?)_db.StaffId(Logins.CareCoordinator), _db.Clock.GetUtcNow().UtcDateTime, 1),
            (request.Status, request.PickedUpById, request.PickedUpAt!.Value, request.Version));
        Assert.Equal(requestId, _db.StoredVisit(id).SupportRequestId);
        var pickUp = Assert.Single(_db.VisitAudit(SupportRequestAuditActions.PickUp, Logins.CareCoordinator));
        Assert.Equal((AuditRecordKind.SupportRequest, (int?)requestId), (pickUp.RecordKind, pickUp.RecordId));
        var published = Assert.Single(_db.Events.Published.OfType<SupportRequestChanged>());
        Assert.Equal((requestId, request.SchoolId, request.TeacherId, SupportRequestChange.PickedUp),
            (published.RequestId, published.SchoolId, published.TeacherId, published.Change));
    }

    [Fact]
    public async Task Planning_from_a_request_already_in_progress_leaves_it_as_it_is_and_publishes_nothing()
    {
        var requestId = _db.AddSupportRequest(Logins.TeacherA, status: SupportRequestStatus.InProgress);

        await _db.PlanVisitAsync(Logins.TeacherA, d => d with { SupportRequestId = requestId });

        Assert.Equal((SupportRequestStatus.InProgress, 0), (_db.StoredRequest(requestId).Status, _db.StoredRequest(requestId).Version));
        Assert.Empty(_db.Events.Published.OfType<SupportRequestChanged>());
        Assert.Empty(_db.VisitAudit(SupportRequestAuditActions.PickUp, Logins.CareCoordinator));
    }

    [Fact]
    public async Task An_invalid_draft_from_an_open_request_does_not_pick_it_up()
    {
        var requestId = _db.AddSupportRequest(Logins.TeacherA);

        await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { SupportRequestId = requestId, Focus = null }));

        Assert.Equal(SupportRequestStatus.Open, _db.StoredRequest(requestId).Status);
        Assert.Empty(_db.Events.Published.OfType<SupportRequestChanged>());
    }

    [Fact]
    public async Task An_earlier_visit_must_be_of_the_same_teacher_and_not_cancelled()
    {
        var ofColleague = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { TeacherId = _db.StaffId(_db.OtherTeacherAtSchoolOf(Logins.TeacherA)) });
        var cancelled = await _db.PlanVisitAsync(Logins.TeacherA);
        await Ib.CancelAsync(cancelled, 0);
        var atOtherSchool = await _db.PlanVisitAsync(Logins.TeacherB);

        var teacherError = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { FollowUpOfId = ofColleague }));
        Assert.StartsWith("Het eerdere bezoek was bij een andere leerkracht", teacherError.Errors[nameof(VisitDraft.FollowUpOfId)], StringComparison.Ordinal);
        var cancelledError = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { FollowUpOfId = cancelled }));
        Assert.StartsWith("Het eerdere bezoek is geannuleerd", cancelledError.Errors[nameof(VisitDraft.FollowUpOfId)], StringComparison.Ordinal);
        var schoolError = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { FollowUpOfId = atOtherSchool }));
        Assert.StartsWith("Het eerdere bezoek was op een andere school", schoolError.Errors[nameof(VisitDraft.FollowUpOfId)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_visit_is_rescheduled_with_a_new_time_and_duration_and_the_change_is_audited()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var version = await Ib.RescheduleAsync(id, 0, _db.VisitToday().AddDays(7), new TimeOnly(13, 15), 30);

        var visit = _db.StoredVisit(id);
        Assert.Equal((new DateTime(2026, 12, 1, 13, 15, 0, DateTimeKind.Utc), 30, 1, 1), (visit.ScheduledAt, visit.DurationMinutes, visit.Version, version));
        Assert.Equal((int?)id, Assert.Single(_db.VisitAudit(VisitAuditActions.Reschedule, Logins.CareCoordinator)).RecordId);
    }

    [Fact]
    public async Task Rescheduling_to_an_invalid_moment_names_the_fields_and_changes_nothing()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Ib.RescheduleAsync(id, 0, _db.VisitToday().AddDays(-3), null, 300));

        Assert.Equal([nameof(VisitDraft.Date), nameof(VisitDraft.DurationMinutes), nameof(VisitDraft.Time)], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, _db.VisitVersion(id));
    }

    [Fact]
    public async Task A_visit_is_neither_rescheduled_nor_cancelled_once_the_observation_is_finished()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        var version = _db.VisitVersion(id);

        var reschedule = await Assert.ThrowsAsync<DomainException>(() => Ib.RescheduleAsync(id, version, _db.VisitToday().AddDays(3), new TimeOnly(9, 0), 45));
        var cancel = await Assert.ThrowsAsync<DomainException>(() => Ib.CancelAsync(id, version));

        Assert.Contains("observatie van dit bezoek is al afgerond", reschedule.Message, StringComparison.Ordinal);
        Assert.Contains("observatie van dit bezoek is al afgerond", cancel.Message, StringComparison.Ordinal);
        Assert.Equal((VisitStatus.Observed, version), (_db.StoredVisit(id).Status, _db.VisitVersion(id)));
    }

    [Fact]
    public async Task Cancelling_a_planned_visit_records_when_and_a_cancelled_visit_cannot_be_cancelled_or_moved_again()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var version = await Ib.CancelAsync(id, 0);

        var visit = _db.StoredVisit(id);
        Assert.Equal((VisitStatus.Cancelled, _db.Clock.GetUtcNow().UtcDateTime), (visit.Status, visit.CancelledAt!.Value));
        Assert.Equal(VisitStage.Cancelled, (await Ib.GetAsync(id)).Stage);
        Assert.Single(_db.VisitAudit(VisitAuditActions.Cancel, Logins.CareCoordinator));
        await Assert.ThrowsAsync<DomainException>(() => Ib.CancelAsync(id, version));
        await Assert.ThrowsAsync<DomainException>(() => Ib.RescheduleAsync(id, version, _db.VisitToday().AddDays(3), new TimeOnly(9, 0), 45));
    }

    [Fact]
    public async Task The_visited_teacher_cannot_reschedule_or_cancel_and_the_refusals_are_audited()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);
        var teacher = _db.Visits(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.CancelAsync(id, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.RescheduleAsync(id, 0, _db.VisitToday().AddDays(3), new TimeOnly(9, 0), 45));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.RecordFeedbackAsync(id, 0, new FeedbackInput { Notes = "Zelf" }));

        Assert.Equal(VisitStatus.Planned, _db.StoredVisit(id).Status);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.Cancel, Logins.TeacherA)).Outcome);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.Reschedule, Logins.TeacherA)).Outcome);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.RecordFeedback, Logins.TeacherA)).Outcome);
    }

    [Fact]
    public async Task Rescheduling_with_an_old_version_is_a_conflict()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);
        await Ib.RescheduleAsync(id, 0, _db.VisitToday().AddDays(5), new TimeOnly(11, 0), 45);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Ib.CancelAsync(id, 0));

        Assert.Equal(VisitStatus.Planned, _db.StoredVisit(id).Status);
    }
}
