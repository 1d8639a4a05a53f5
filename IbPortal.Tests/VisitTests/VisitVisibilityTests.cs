using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.VisitTests;

/// <summary>Who reads a visit (the IB'er of the school and the visited teacher, nobody else), and the IB'er's overview by stage.</summary>
public sealed class VisitVisibilityTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ClassroomVisitService Ib => _db.Visits(Logins.CareCoordinator);

    [Fact]
    public async Task The_visited_teacher_reads_their_visit_and_the_read_is_audited_as_teacher()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var detail = await _db.Visits(Logins.TeacherA).GetAsync(id);

        Assert.Equal(("Instructie in de kleine kring", "Mark Hofstede", "Ilse Verbeek"), (detail.Focus, detail.TeacherName, detail.CoordinatorName));
        Assert.True(detail.IsVisitedTeacher);
        Assert.False(detail.CanManage || detail.CanReschedule || detail.CanCancel);
        var read = Assert.Single(_db.VisitAudit(VisitAuditActions.Read, Logins.TeacherA));
        Assert.Equal(("Teacher", (int?)id, AuditOutcome.Allowed), (read.Role, read.RecordId, read.Outcome));
    }

    [Fact]
    public async Task The_IBer_reads_the_visit_as_care_coordinator_and_a_refresh_is_not_audited_again()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        var detail = await Ib.GetAsync(id);
        await Ib.RefreshAsync(id);

        Assert.True(detail.CanManage);
        Assert.False(detail.IsVisitedTeacher);
        Assert.Equal("CareCoordinator", Assert.Single(_db.VisitAudit(VisitAuditActions.Read, Logins.CareCoordinator)).Role);
    }

    [Fact]
    public async Task Another_teacher_of_the_same_school_the_school_leader_and_the_other_schools_teacher_are_refused_and_audited()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        await Ib.RecordFeedbackAsync(id, _db.VisitVersion(id), new FeedbackInput { Notes = "Alleen voor de leerkracht" });
        var colleague = _db.OtherTeacherAtSchoolOf(Logins.TeacherA);

        foreach (var login in new[] { colleague, Logins.SchoolLeaderA, Logins.TeacherB, Logins.Quality, Logins.PrivacyOfficer, Logins.Administrator })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(login).GetAsync(id));
            var refusal = Assert.Single(_db.VisitAudit(VisitAuditActions.Read, login));
            Assert.Equal((AuditOutcome.Refused, (int?)id), (refusal.Outcome, refusal.RecordId));
        }
    }

    [Fact]
    public async Task An_IBer_of_only_the_other_school_does_not_read_the_visit()
    {
        var ibB = _db.AddCareCoordinatorOnlyAt(Logins.SchoolB);
        var id = await _db.PlanVisitAsync(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(ibB).GetAsync(id));
    }

    [Fact]
    public async Task A_teacher_who_no_longer_holds_the_teacher_role_at_the_school_no_longer_reads_their_visit()
    {
        var id = await _db.PlanVisitAsync(Logins.TeacherA);
        using (var db = _db.CreateContext())
        {
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMember!.Login == Logins.TeacherA));
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.TeacherA).GetAsync(id));
    }

    [Fact]
    public async Task The_overview_puts_each_visit_under_its_stage_and_is_audited_once()
    {
        var thisWeek = await _db.PlanVisitAsync(Logins.TeacherA);
        var later = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Date = _db.VisitToday().AddDays(14) });
        var due = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Date = _db.VisitToday(), Time = new TimeOnly(8, 30) });
        var observed = await _db.ObservedVisitAsync(Logins.TeacherA);
        var awaitingReflection = await _db.ObservedVisitAsync(Logins.TeacherB);
        await Ib.RecordFeedbackAsync(awaitingReflection, _db.VisitVersion(awaitingReflection), new FeedbackInput { Notes = "Nagesprek" });
        var completed = await _db.ObservedVisitAsync(Logins.TeacherA);
        var v = await Ib.RecordFeedbackAsync(completed, _db.VisitVersion(completed), new FeedbackInput { Notes = "Nagesprek" });
        await _db.Visits(Logins.TeacherA).SaveReflectionAsync(completed, v, new ReflectionInput { WentWell = "Rust" });
        var cancelled = await _db.PlanVisitAsync(Logins.TeacherB);
        await Ib.CancelAsync(cancelled, 0);

        var overview = await Ib.GetOverviewAsync();

        Assert.Contains(overview.ThisWeek, x => x.Id == thisWeek);
        Assert.Contains(overview.Later, x => x.Id == later);
        Assert.Contains(overview.ObservationDue, x => x.Id == due);
        Assert.Contains(overview.AwaitingFeedback, x => x.Id == observed);
        Assert.Contains(overview.AwaitingReflection, x => x.Id == awaitingReflection);
        Assert.Contains(overview.RecentlyCompleted, x => x.Id == completed);
        Assert.Contains(overview.RecentlyCancelled, x => x.Id == cancelled);
        Assert.DoesNotContain(overview.Later, x => x.Id == thisWeek);
        Assert.Equal(2, overview.Schools.Count);
        var list = Assert.Single(_db.VisitAudit(VisitAuditActions.List, Logins.CareCoordinator));
        Assert.Equal((AuditRecordKind.ClassroomVisit, AuditOutcome.Allowed), (list.RecordKind, list.Outcome));
    }

    [Fact]
    public async Task The_overview_narrowed_to_one_school_leaves_out_the_other_schools_visits()
    {
        var atA = await _db.PlanVisitAsync(Logins.TeacherA);
        var atB = await _db.PlanVisitAsync(Logins.TeacherB);

        var overview = await Ib.GetOverviewAsync([_db.SchoolId(Logins.SchoolB)]);

        Assert.Contains(overview.ThisWeek, x => x.Id == atB);
        Assert.DoesNotContain(overview.ThisWeek, x => x.Id == atA);
    }

    [Fact]
    public async Task The_overview_is_the_IBers_and_a_teacher_or_school_leader_is_refused_with_an_audit_entry()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.TeacherA).GetOverviewAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.SchoolLeaderA).GetOverviewAsync());

        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.List, Logins.TeacherA)).Outcome);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.VisitAudit(VisitAuditActions.List, Logins.SchoolLeaderA)).Outcome);
    }

    [Fact]
    public async Task The_dashboard_card_shows_this_weeks_visits_and_those_awaiting_observation_or_feedback_only()
    {
        var thisWeek = await _db.PlanVisitAsync(Logins.TeacherA);
        var later = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Date = _db.VisitToday().AddDays(14) });
        var due = await _db.PlanVisitAsync(Logins.TeacherA, d => d with { Date = _db.VisitToday(), Time = new TimeOnly(8, 0) });
        var observed = await _db.ObservedVisitAsync(Logins.TeacherB);
        var withFeedback = await _db.ObservedVisitAsync(Logins.TeacherA);
        await Ib.RecordFeedbackAsync(withFeedback, _db.VisitVersion(withFeedback), new FeedbackInput { Notes = "Nagesprek" });

        var card = await Ib.GetUpcomingAsync([_db.SchoolId(Logins.SchoolA), _db.SchoolId(Logins.SchoolB)]);
        var onlyA = await Ib.GetUpcomingAsync([_db.SchoolId(Logins.SchoolA)]);

        Assert.Contains(card.ThisWeek, x => x.Id == thisWeek);
        Assert.Contains(card.ObservationDue, x => x.Id == due);
        Assert.Contains(card.AwaitingFeedback, x => x.Id == observed);
        var all = card.ThisWeek.Concat(card.ObservationDue).Concat(card.AwaitingFeedback).Select(x => x.Id).ToList();
        Assert.DoesNotContain(later, all);
        Assert.DoesNotContain(withFeedback, all);
        Assert.DoesNotContain(onlyA.AwaitingFeedback, x => x.Id == observed);
        Assert.Empty(_db.VisitAudit(VisitAuditActions.List, Logins.CareCoordinator));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Visits(Logins.TeacherA).GetUpcomingAsync([_db.SchoolId(Logins.SchoolA)]));
    }

    [Fact]
    public async Task A_reflection_awaited_for_more_than_a_year_drops_out_of_the_overview()
    {
        var id = await _db.ObservedVisitAsync(Logins.TeacherA);
        await Ib.RecordFeedbackAsync(id, _db.VisitVersion(id), new FeedbackInput { Notes = "Nagesprek" });

        _db.Clock.Advance(TimeSpan.FromDays(VisitOverview.AwaitedReflectionDays - 1));
        Assert.Contains((await Ib.GetOverviewAsync()).AwaitingReflection, x => x.Id == id);

        _db.Clock.Advance(TimeSpan.FromDays(2));
        var overview = await Ib.GetOverviewAsync();
        Assert.DoesNotContain(overview.AwaitingReflection, x => x.Id == id);
        Assert.DoesNotContain(overview.RecentlyCompleted, x => x.Id == id);
    }
}
