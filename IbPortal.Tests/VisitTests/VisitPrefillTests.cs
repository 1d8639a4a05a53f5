using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.VisitTests;

/// <summary>The plan form's options and its draft prefilled from a concern, a support request, an earlier visit, a teacher or a group.</summary>
public sealed class VisitPrefillTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ClassroomVisitService Ib => _db.Visits(Logins.CareCoordinator);

    [Fact]
    public async Task The_options_list_this_years_groups_of_both_schools_with_their_teachers_and_all_teachers()
    {
        var lastYears = _db.LastYearsGroupOf(Logins.TeacherA);

        var options = await Ib.GetPlanOptionsAsync();

        var groupA = options.Groups.Single(g => g.GroupId == _db.TaughtGroup(Logins.TeacherA));
        Assert.Equal(_db.StaffId(Logins.TeacherA), groupA.DefaultTeacherId);
        Assert.Contains(options.Groups, g => g.GroupId == _db.TaughtGroup(Logins.TeacherB));
        Assert.DoesNotContain(options.Groups, g => g.GroupId == lastYears);
        Assert.Contains(options.Teachers, t => t.StaffMemberId == _db.StaffId(Logins.TeacherB) && t.SchoolId == _db.SchoolId(Logins.SchoolB));
        Assert.DoesNotContain(options.Teachers, t => t.StaffMemberId == _db.StaffId(Logins.SchoolLeaderA));
        // Without a source: an empty draft for the next school day at nine, 45 minutes.
        Assert.Equal((null, null, new DateOnly(2026, 11, 25), new TimeOnly(9, 0), 45, null),
            (options.Draft.GroupId, options.Draft.TeacherId, options.Draft.Date, options.Draft.Time, options.Draft.DurationMinutes, options.Draft.Focus));
        Assert.Empty(options.Sources);
    }

    [Fact]
    public async Task From_a_concern_the_draft_names_the_area_but_not_the_pupil_in_the_focus_and_takes_the_concerns_group_and_its_teacher()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA, "Sanne");
        var concern = _db.RaiseConcernAbout(Logins.TeacherA, pupil, DevelopmentArea.SocialEmotional);

        var options = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { ConcernId = concern });

        Assert.Equal((_db.TaughtGroup(Logins.TeacherA), _db.StaffId(Logins.TeacherA), concern),
            (options.Draft.GroupId, options.Draft.TeacherId, options.Draft.ConcernId));
        // The focus is read by the visited teacher and outlives the concern: no pupil's name; the IB'er's source line has it.
        Assert.Equal("Naar aanleiding van een signalering (sociaal-emotioneel).", options.Draft.Focus);
        var source = Assert.Single(options.Sources);
        Assert.Equal((VisitPlanSourceKind.Concern, "Naar aanleiding van de signalering over Sanne (sociaal-emotioneel)"), (source.Kind, source.Description));
        var read = Assert.Single(_db.VisitAudit(VisitAuditActions.PlanOptions, Logins.CareCoordinator));
        Assert.Equal((AuditRecordKind.Concern, (int?)concern, (int?)pupil, AuditOutcome.Allowed), (read.RecordKind, read.RecordId, read.PupilId, read.Outcome));

        // And the draft plans as it is.
        var id = await Ib.PlanAsync(options.Draft);
        Assert.Equal(concern, _db.StoredVisit(id).ConcernId);
    }

    [Fact]
    public async Task From_a_support_request_the_draft_takes_the_requests_teacher_and_group_and_its_topic()
    {
        var request = _db.AddSupportRequest(Logins.TeacherA, SupportTopic.OwnPractice);

        var options = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { SupportRequestId = request });

        Assert.Equal((_db.TaughtGroup(Logins.TeacherA), _db.StaffId(Logins.TeacherA), request),
            (options.Draft.GroupId, options.Draft.TeacherId, options.Draft.SupportRequestId));
        Assert.Equal("Naar aanleiding van de hulpvraag over de eigen aanpak in de klas.", options.Draft.Focus);
        Assert.Equal(AuditRecordKind.SupportRequest, Assert.Single(_db.VisitAudit(VisitAuditActions.PlanOptions, Logins.CareCoordinator)).RecordKind);
    }

    [Fact]
    public async Task From_a_request_about_a_pupil_only_the_ib_ers_source_line_names_the_pupil_not_the_focus()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA, "Daan");
        var request = _db.AddSupportRequest(Logins.TeacherA, SupportTopic.Pupil, pupilId: pupil);

        var options = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { SupportRequestId = request });

        Assert.Equal("Naar aanleiding van de hulpvraag over een leerling.", options.Draft.Focus);
        Assert.Equal("Naar aanleiding van de hulpvraag over Daan", Assert.Single(options.Sources).Description);
    }

    [Fact]
    public async Task From_a_closed_request_the_teacher_is_taken_but_the_visit_is_not_linked_and_a_notice_says_why()
    {
        var request = _db.AddSupportRequest(Logins.TeacherA, status: SupportRequestStatus.Closed);

        var options = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { SupportRequestId = request });

        Assert.Equal(_db.StaffId(Logins.TeacherA), options.Draft.TeacherId);
        Assert.Null(options.Draft.SupportRequestId);
        Assert.Contains("al afgesloten", Assert.Single(options.Sources).Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_an_earlier_visit_without_goals_the_focus_names_its_date_and_a_cancelled_one_is_not_linked()
    {
        var earlier = await _db.PlanVisitAsync(Logins.TeacherA);
        var cancelled = await _db.PlanVisitAsync(Logins.TeacherA);
        await Ib.CancelAsync(cancelled, 0);

        var followUp = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { FollowUpOfId = earlier });
        var fromCancelled = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { FollowUpOfId = cancelled });

        Assert.Equal("Vervolg op het klassenbezoek van do 26 nov.", followUp.Draft.Focus);
        Assert.Equal(earlier, followUp.Draft.FollowUpOfId);
        Assert.Null(fromCancelled.Draft.FollowUpOfId);
        Assert.Equal(_db.StaffId(Logins.TeacherA), fromCancelled.Draft.TeacherId);
        Assert.Contains("geannuleerd", Assert.Single(fromCancelled.Sources).Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teacher_alone_brings_their_group_and_a_group_alone_brings_its_teacher()
    {
        var byTeacher = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { TeacherId = _db.StaffId(Logins.TeacherB) });
        var byGroup = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { GroupId = _db.TaughtGroup(Logins.TeacherA) });

        Assert.Equal((_db.TaughtGroup(Logins.TeacherB), _db.StaffId(Logins.TeacherB)), (byTeacher.Draft.GroupId, byTeacher.Draft.TeacherId));
        Assert.Equal((_db.TaughtGroup(Logins.TeacherA), _db.StaffId(Logins.TeacherA)), (byGroup.Draft.GroupId, byGroup.Draft.TeacherId));
        Assert.Empty(_db.VisitAudit(VisitAuditActions.PlanOptions, Logins.CareCoordinator));
    }

    [Fact]
    public async Task An_explicit_teacher_wins_over_the_concerns_teacher()
    {
        var concern = _db.RaiseConcernAbout(Logins.TeacherA, _db.NewPupilIn(Logins.TeacherA));
        var colleague = _db.StaffId(_db.OtherTeacherAtSchoolOf(Logins.TeacherA));

        var options = await Ib.GetPlanOptionsAsync(new VisitPlanPrefill { ConcernId = concern, TeacherId = colleague, GroupId = _db.TaughtGroup(Logins.TeacherA) });

        Assert.Equal((_db.TaughtGroup(Logins.TeacherA), colleague, concern), (options.Draft.GroupId, options.Draft.TeacherId, options.Draft.ConcernId));
    }

    [Fact]
    public async Task An_IBer_of_one_school_is_refused_every_prefill_source_of_the_other_school_and_each_refusal_is_audited()
    {
        var ibA = _db.AddCareCoordinatorOnlyAt(Logins.SchoolA);
        var service = _db.Visits(ibA);
        var concernB = _db.RaiseConcernAbout(Logins.TeacherB, _db.NewPupilIn(Logins.TeacherB));
        var requestB = _db.AddSupportRequest(Logins.TeacherB);
        var visitB = await _db.PlanVisitAsync(Logins.TeacherB);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetPlanOptionsAsync(new VisitPlanPrefill { ConcernId = concernB }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetPlanOptionsAsync(new VisitPlanPrefill { SupportRequestId = requestB }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetPlanOptionsAsync(new VisitPlanPrefill { FollowUpOfId = visitB }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetPlanOptionsAsync(new VisitPlanPrefill { TeacherId = _db.StaffId(Logins.TeacherB) }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetPlanOptionsAsync(new VisitPlanPrefill { GroupId = _db.TaughtGroup(Logins.TeacherB) }));

        var refusals = _db.VisitAudit(VisitAuditActions.PlanOptions, ibA);
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(AuditOutcome.Refused, r.Outcome));
        Assert.Equal([(AuditRecordKind.Concern, (int?)concernB), (AuditRecordKind.SupportRequest, requestB), (AuditRecordKind.ClassroomVisit, visitB)],
            refusals.Take(3).Select(r => (r.RecordKind, r.RecordId)));

        // Its own school's options are fine, and list only school A.
        var own = await service.GetPlanOptionsAsync();
        Assert.All(own.Groups, g => Assert.Equal(_db.SchoolId(Logins.SchoolA), g.SchoolId));
    }

    [Fact]
    public async Task An_IBer_of_one_school_cannot_plan_at_the_other_school_nor_link_its_records()
    {
        var ibA = _db.AddCareCoordinatorOnlyAt(Logins.SchoolA);
        var service = _db.Visits(ibA);
        var concernB = _db.RaiseConcernAbout(Logins.TeacherB, _db.NewPupilIn(Logins.TeacherB));
        var requestB = _db.AddSupportRequest(Logins.TeacherB);
        var before = _db.VisitCount();

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.PlanAsync(_db.VisitDraftFor(Logins.TeacherB)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { ConcernId = concernB }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.PlanAsync(_db.VisitDraftFor(Logins.TeacherA) with { SupportRequestId = requestB }));

        Assert.Equal(before, _db.VisitCount());
        Assert.Equal(SupportRequestStatus.Open, _db.StoredRequest(requestB).Status);
        var refusals = _db.VisitAudit(VisitAuditActions.Plan, ibA);
        Assert.Equal([AuditRecordKind.ClassroomVisit, AuditRecordKind.Concern, AuditRecordKind.SupportRequest], refusals.Select(r => r.RecordKind));
        Assert.All(refusals, r => Assert.Equal(AuditOutcome.Refused, r.Outcome));
    }

    [Fact]
    public async Task Someone_who_coordinates_care_nowhere_gets_no_options_and_the_refusal_is_audited()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.TeacherA).GetPlanOptionsAsync());

        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.PlanOptions, Logins.TeacherA)).Outcome);
    }
}
