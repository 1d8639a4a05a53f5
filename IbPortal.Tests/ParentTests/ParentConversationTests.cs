using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.ParentTests;

public sealed class ParentConversationTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    private static ConversationPlanInput Plan(DateOnly on) => new()
    {
        HeldOn = on,
        ParentExpectations = "Dat hij met plezier naar school gaat.",
        SchoolExpectations = "Samen afspreken hoe we het lezen thuis en op school oefenen.",
        Agenda = "1. Hoe gaat het thuis\n2. Lezen\n3. Afspraken",
    };

    private static ConversationReportInput Report(DateOnly on, IReadOnlyCollection<int>? goals = null, DateOnly? next = null) => new()
    {
        HeldOn = on,
        Discussed = "Thuis leest hij graag strips; op school haakt hij af bij lange teksten.",
        AgreedGoals = "Elke avond tien minuten samen lezen.",
        GoalIds = goals ?? [],
        NextOn = next,
    };

    [Fact]
    public async Task A_planned_conversation_is_recorded_with_linked_plan_goals_and_listed_newest_first()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var (quickWin, longTerm) = _db.AddActivePlan(pupilId, _db.SchoolOf(pupilId));
        var older = await _db.Conversations().PlanAsync(pupilId, Plan(Today.AddDays(-20)));
        var newer = await _db.Conversations().PlanAsync(pupilId, Plan(Today.AddDays(-1)));

        await _db.Conversations().RecordAsync(newer, 0, Report(Today.AddDays(-1), [longTerm, quickWin], Today.AddDays(41)));

        var list = await _db.Conversations(Logins.TeacherA).ListAsync(pupilId);
        Assert.Equal([newer, older], list.Conversations.Select(c => c.Id));
        var recorded = list.Conversations[0];
        Assert.True(recorded.IsRecorded);
        Assert.False(list.Conversations[1].IsRecorded);
        Assert.Equal("Dat hij met plezier naar school gaat.", recorded.ParentExpectations);
        Assert.StartsWith("Samen afspreken", recorded.SchoolExpectations, StringComparison.Ordinal);
        Assert.StartsWith("1. Hoe gaat het thuis", recorded.Agenda, StringComparison.Ordinal);
        Assert.StartsWith("Thuis leest hij graag", recorded.Discussed, StringComparison.Ordinal);
        Assert.Equal("Elke avond tien minuten samen lezen.", recorded.AgreedGoals);
        Assert.Equal(Today.AddDays(41), recorded.NextOn);
        Assert.Equal(["Korte instructie aan de instructietafel", "Leest AVI E4 aan het eind van het jaar"],
            recorded.LinkedGoals.Select(g => g.Description));
        Assert.Equal(2, list.PlanGoals.Count);
        Assert.False(list.CanManage);
    }

    [Fact]
    public async Task Recording_again_replaces_the_linked_goals()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var (quickWin, longTerm) = _db.AddActivePlan(pupilId, _db.SchoolOf(pupilId));
        var id = await _db.Conversations().PlanAsync(pupilId, Plan(Today));
        await _db.Conversations().RecordAsync(id, 0, Report(Today, [quickWin]));

        await _db.Conversations().RecordAsync(id, 1, Report(Today, [longTerm]));

        await using var db = _db.CreateContext();
        Assert.Equal([longTerm], await db.ParentConversationGoals.Where(g => g.ConversationId == id).Select(g => g.GoalId).ToListAsync());
    }

    [Fact]
    public async Task A_goal_linked_before_stays_linked_when_the_report_is_corrected_after_its_plan_closed()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var (quickWin, _) = _db.AddActivePlan(pupilId, _db.SchoolOf(pupilId));
        var id = await _db.Conversations().PlanAsync(pupilId, Plan(Today));
        await _db.Conversations().RecordAsync(id, 0, Report(Today, [quickWin]));
        await using (var db = _db.CreateContext())
        {
            var plan = await db.SupportPlans.SingleAsync(p => p.PupilId == pupilId);
            plan.Status = SupportPlanStatus.Closed;
            await db.SaveChangesAsync();
        }

        await _db.Conversations().RecordAsync(id, 1, Report(Today, [quickWin]));

        var list = await _db.Conversations().ListAsync(pupilId);
        Assert.Equal([quickWin], list.Conversations.Single().LinkedGoals.Select(g => g.GoalId));
        Assert.Empty(list.PlanGoals);
    }

    [Fact]
    public async Task Goals_of_another_pupils_plan_or_of_a_closed_plan_cannot_be_linked()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var other = _db.NewPupilIn(Logins.TeacherA, "Anderkind");
        var school = _db.SchoolOf(pupilId);
        var (othersGoal, _) = _db.AddActivePlan(other, school);
        var (closedGoal, _) = _db.AddActivePlan(pupilId, school, SupportPlanStatus.Closed);
        var id = await _db.Conversations().PlanAsync(pupilId, Plan(Today));

        var foreign = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Conversations().RecordAsync(id, 0, Report(Today, [othersGoal])));
        var closed = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Conversations().RecordAsync(id, 0, Report(Today, [closedGoal])));

        Assert.Contains("actieve plan", foreign.Errors[nameof(ConversationReportInput.GoalIds)], StringComparison.Ordinal);
        Assert.Contains("actieve plan", closed.Errors[nameof(ConversationReportInput.GoalIds)], StringComparison.Ordinal);
        var stored = (await _db.Conversations().ListAsync(pupilId)).Conversations.Single();
        Assert.False(stored.IsRecorded);
        Assert.Equal(0, stored.Version);
    }

    [Fact]
    public async Task A_plan_needs_a_date_and_a_report_needs_what_was_discussed_a_past_date_and_a_later_next_date()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Conversations().PlanAsync(pupilId, Plan(Today.AddDays(7)));

        var noDate = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Conversations().PlanAsync(pupilId, new ConversationPlanInput()));
        var empty = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Conversations().RecordAsync(id, 0, new ConversationReportInput { HeldOn = Today }));
        var notYetHeld = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Conversations().RecordAsync(id, 0, Report(Today.AddDays(7))));
        var nextBefore = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Conversations().RecordAsync(id, 0, Report(Today, next: Today)));

        Assert.Equal("Kies de datum van het gesprek.", noDate.Errors[nameof(ConversationPlanInput.HeldOn)]);
        Assert.Equal("Beschrijf wat er besproken is.", empty.Errors[nameof(ConversationReportInput.Discussed)]);
        Assert.Contains("nog niet plaatsgevonden", notYetHeld.Errors[nameof(ConversationReportInput.HeldOn)], StringComparison.Ordinal);
        Assert.Contains("na dit gesprek", nextBefore.Errors[nameof(ConversationReportInput.NextOn)], StringComparison.Ordinal);
        Assert.False((await _db.Conversations().ListAsync(pupilId)).Conversations.Single().IsRecorded);
    }

    [Fact]
    public async Task Editing_the_plan_with_a_stale_version_is_a_conflict_and_keeps_the_other_change()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Conversations().PlanAsync(pupilId, Plan(Today.AddDays(3)));
        var first = Plan(Today.AddDays(4));
        first.Agenda = "Alleen het lezen";
        await _db.Conversations().UpdatePlanAsync(id, 0, first);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Conversations().UpdatePlanAsync(id, 0, Plan(Today.AddDays(5))));

        var stored = (await _db.Conversations().ListAsync(pupilId)).Conversations.Single();
        Assert.Equal(Today.AddDays(4), stored.HeldOn);
        Assert.Equal("Alleen het lezen", stored.Agenda);
    }

    [Fact]
    public async Task A_too_long_text_is_refused_per_field()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var input = Plan(Today);
        input.Agenda = new string('a', ParentConversation.TextMaxLength + 1);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Conversations().PlanAsync(pupilId, input));

        Assert.Contains("hoogstens 4000 tekens", ex.Errors[nameof(ConversationPlanInput.Agenda)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_teacher_reads_but_cannot_plan_or_record_and_both_refusals_are_audited()
    {
        var pupilId = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Conversations().PlanAsync(pupilId, Plan(Today));

        await _db.Conversations(Logins.TeacherA).ListAsync(pupilId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Conversations(Logins.TeacherA).PlanAsync(pupilId, Plan(Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Conversations(Logins.TeacherA).RecordAsync(id, 0, Report(Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Conversations(Logins.TeacherB).ListAsync(pupilId));

        var teacherA = _db.AuditFor(Logins.TeacherA);
        Assert.Contains(teacherA, a => a is { Action: ParentAuditActions.ConversationList, Outcome: AuditOutcome.Allowed, Role: "Teacher" });
        Assert.Contains(teacherA, a => a is { Action: ParentAuditActions.ConversationPlan, Outcome: AuditOutcome.Refused } && a.PupilId == pupilId);
        Assert.Contains(teacherA, a => a is { Action: ParentAuditActions.ConversationRecord, Outcome: AuditOutcome.Refused } && a.RecordId == id);
        Assert.Contains(_db.AuditFor(Logins.TeacherB), a => a is { Action: ParentAuditActions.ConversationList, Outcome: AuditOutcome.Refused });
        var change = Assert.Single(_db.AuditFor(Logins.CareCoordinator), a => a.Action == ParentAuditActions.ConversationPlan && a.RecordId == id);
        Assert.Equal((AuditRecordKind.ParentConversation, (int?)pupilId, "CareCoordinator"), (change.RecordKind, change.PupilId, change.Role));
    }
}
