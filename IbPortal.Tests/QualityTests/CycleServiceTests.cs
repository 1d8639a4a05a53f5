using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using static IbPortal.Tests.QualityTests.CycleTestData;

namespace IbPortal.Tests.QualityTests;

/// <summary>The quality cycle service: goals, actions, checks, adjustments, rights, audit, validation and concurrency.</summary>
public sealed class CycleServiceTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly int _schoolA;
    private readonly int _schoolB;

    public CycleServiceTests()
    {
        _schoolA = School(_db, Logins.SchoolA);
        _schoolB = School(_db, Logins.SchoolB);
    }

    public void Dispose() => _db.Dispose();

    private QualityCycleService As(string login) => _db.Service<QualityCycleService>(login);

    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private Task<int> NewGoalAsync(string login = Logins.Quality, int? school = null, QualityGoalInput? input = null) =>
        As(login).CreateGoalAsync(school ?? _schoolB, input ?? Goal());

    // ---- Plan ----

    [Fact]
    public async Task The_quality_coordinator_creates_a_goal_with_every_field_and_the_creation_is_audited_with_ids_only()
    {
        var id = await As(Logins.Quality).CreateGoalAsync(_schoolB,
            Goal("  Signaleringen sneller oppakken  ", indicator: QualityIndicator.AcknowledgementMedianDays, baseline: 4, target: 2));

        var goal = StoredGoal(_db, id);
        Assert.Equal((_schoolB, 2026, "Signaleringen sneller oppakken", QualityIndicator.AcknowledgementMedianDays, 4.0, 2.0, QualityGoalStatus.Active, 0),
            (goal.SchoolId, goal.SchoolYearStart, goal.Title, goal.Indicator, goal.Baseline!.Value, goal.Target!.Value, goal.Status, goal.Version));
        Assert.Equal("De groepen zijn binnen vijf minuten na de pauze aan het werk.", goal.IndicatorText);
        Assert.Equal(_db.StaffId(Logins.Quality), goal.CreatedById);
        var entry = Assert.Single(Audit(_db, QualityCycleAuditActions.Create));
        Assert.Equal((_db.StaffId(Logins.Quality), AuditRecordKind.QualityGoal, id, (int?)null, _schoolB, "QualityCoordinator", AuditOutcome.Allowed),
            (entry.StaffMemberId!.Value, entry.RecordKind, entry.RecordId!.Value, entry.PupilId, entry.SchoolId!.Value, entry.Role, entry.Outcome));
    }

    [Fact]
    public async Task The_school_leader_and_the_IBer_manage_their_schools_cycle_too()
    {
        var byLeader = await As(Logins.SchoolLeaderA).CreateGoalAsync(_schoolA, Goal("Door de schoolleider", year: 2027));
        var byIb = await As(Logins.CareCoordinator).CreateGoalAsync(_schoolA, Goal("Door de IB'er", year: 2027));

        var list = await As(Logins.CareCoordinator).ListGoalsAsync(_schoolA, 2027);
        Assert.Equal([byLeader, byIb], list.Goals.Select(g => g.Id));
        Assert.Equal(["SchoolLeader", "CareCoordinator"], Audit(_db, QualityCycleAuditActions.Create).Select(a => a.Role));
    }

    [Fact]
    public async Task Editing_a_goal_changes_it_bumps_the_version_and_is_audited()
    {
        var id = await NewGoalAsync();

        await As(Logins.Quality).EditGoalAsync(id, 0, Goal("Rust na de pauze", year: 2027, indicator: QualityIndicator.VisitCoveragePercent, baseline: 40, target: 90)
            with { Description = "  " });

        var goal = StoredGoal(_db, id);
        Assert.Equal(("Rust na de pauze", (string?)null, 2027, QualityIndicator.VisitCoveragePercent, 40.0, 90.0, 1),
            (goal.Title, goal.Description, goal.SchoolYearStart, goal.Indicator, goal.Baseline!.Value, goal.Target!.Value, goal.Version));
        Assert.Equal(id, Assert.Single(Audit(_db, QualityCycleAuditActions.Edit)).RecordId);
    }

    [Fact]
    public async Task Editing_with_an_old_version_is_a_conflict_and_overwrites_nothing()
    {
        var id = await NewGoalAsync();
        await As(Logins.Quality).EditGoalAsync(id, 0, Goal("Eerste wijziging"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => As(Logins.CareCoordinator).EditGoalAsync(id, 0, Goal("Tweede wijziging")));

        Assert.Equal(("Eerste wijziging", 1), (StoredGoal(_db, id).Title, StoredGoal(_db, id).Version));
        Assert.Single(Audit(_db, QualityCycleAuditActions.Edit));
    }

    public static TheoryData<string, QualityGoalInput, string> InvalidGoals() => new()
    {
        { "Title", Goal() with { Title = "   " }, "Geef het doel een titel" },
        { "Title", Goal(new string('t', QualityGoal.TitleMaxLength + 1)), $"hoogstens {QualityGoal.TitleMaxLength} tekens lang zijn (nu {QualityGoal.TitleMaxLength + 1})" },
        { "Description", Goal() with { Description = new string('d', QualityGoal.DescriptionMaxLength + 1) }, $"De toelichting mag hoogstens {QualityGoal.DescriptionMaxLength} tekens" },
        { "IndicatorText", Goal() with { IndicatorText = null }, "Beschrijf waaraan jullie zien dat het doel bereikt is." },
        { "IndicatorText", Goal() with { IndicatorText = new string('i', QualityGoal.IndicatorTextMaxLength + 1) }, $"hoogstens {QualityGoal.IndicatorTextMaxLength} tekens" },
        { "Indicator", Goal() with { Indicator = (QualityIndicator)99 }, "Kies een cijfer uit de lijst" },
        { "Baseline", Goal(baseline: 3), "Een beginwaarde hoort bij een cijfer" },
        { "Target", Goal(target: 2), "Een streefwaarde hoort bij een cijfer" },
        { "Target", Goal(indicator: QualityIndicator.AcknowledgementMedianDays, baseline: 4), "Vul de streefwaarde in" },
        { "Target", Goal(indicator: QualityIndicator.AcknowledgementMedianDays, baseline: 4, target: 4), "gelijk aan de beginwaarde" },
        { "Target", Goal(indicator: QualityIndicator.VisitCoveragePercent, baseline: 50, target: 120), "percentage: vul een getal van 0 tot en met 100 in" },
        { "Baseline", Goal(indicator: QualityIndicator.AcknowledgementMedianDays, baseline: -1, target: 2), "De beginwaarde kan niet negatief zijn." },
        { "Baseline", Goal(indicator: QualityIndicator.AcknowledgementMedianDays, baseline: double.NaN, target: 2), "De beginwaarde is geen geldig getal." },
        { "SchoolYearStart", Goal() with { SchoolYearStart = null }, "Kies het schooljaar van het doel." },
        { "SchoolYearStart", Goal(year: 2028), "Plan hoogstens één schooljaar vooruit: tot en met 2027-2028." },
        { "SchoolYearStart", Goal(year: 2015), "Kies een schooljaar vanaf 2016-2017." },
    };

    [Theory]
    [MemberData(nameof(InvalidGoals))]
    public async Task An_invalid_goal_names_the_field_in_Dutch_and_saves_nothing(string field, QualityGoalInput input, string message)
    {
        var before = GoalCount(_db);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).CreateGoalAsync(_schoolB, input));

        Assert.Contains(message, error.Errors[field], StringComparison.Ordinal);
        Assert.Equal(before, GoalCount(_db));
        Assert.Empty(Audit(_db, QualityCycleAuditActions.Create));
    }

    [Fact]
    public async Task An_edit_that_breaks_the_rules_changes_nothing()
    {
        var id = await NewGoalAsync();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).EditGoalAsync(id, 0, Goal() with { Title = "" }));

        Assert.Equal(["Title"], error.Errors.Keys);
        Assert.Equal(("Rust in de school", 0), (StoredGoal(_db, id).Title, StoredGoal(_db, id).Version));
    }

    [Fact]
    public async Task Moving_a_goal_to_a_later_year_with_open_actions_due_before_it_is_refused_per_field()
    {
        var id = await NewGoalAsync();
        await As(Logins.Quality).AddActionAsync(id, Action(_db.StaffId(Logins.TeacherB), D(12, 1)));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).EditGoalAsync(id, 0, Goal(year: 2027)));

        Assert.Contains("vóór het begin van 2027-2028", error.Errors["SchoolYearStart"], StringComparison.Ordinal);
        Assert.Equal(2026, StoredGoal(_db, id).SchoolYearStart);
    }

    // ---- Status ----

    [Fact]
    public async Task Setting_the_status_closes_the_goal_blocks_new_steps_and_setting_it_active_again_opens_it()
    {
        var id = await NewGoalAsync();
        var owner = _db.StaffId(Logins.TeacherB);

        await As(Logins.Quality).SetGoalStatusAsync(id, 0, QualityGoalStatus.Achieved);

        var detail = await As(Logins.Quality).GetGoalAsync(id);
        Assert.Equal((QualityGoalStatus.Achieved, QualityCycleStage.Closed, 1), (detail.Status, detail.Stage, detail.Version));
        var closed = await Assert.ThrowsAsync<DomainException>(() => As(Logins.Quality).AddActionAsync(id, Action(owner, D(12, 1))));
        Assert.Contains("Zet het eerst weer op 'Actief'", closed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => As(Logins.Quality).RecordCheckAsync(id, new QualityCheckInput { Findings = "x", Result = QualityCheckResult.OnTrack }));
        await Assert.ThrowsAsync<DomainException>(() => As(Logins.Quality).RecordAdjustmentAsync(id, new QualityAdjustmentInput { Decision = "x" }));

        await As(Logins.Quality).SetGoalStatusAsync(id, 1, QualityGoalStatus.Active);
        await As(Logins.Quality).AddActionAsync(id, Action(owner, D(12, 1)));
        Assert.Equal(2, Audit(_db, QualityCycleAuditActions.SetStatus).Count);
        Assert.Single(StoredGoal(_db, id).Actions);
    }

    [Fact]
    public async Task A_status_must_be_chosen_differ_from_the_current_one_and_match_the_version()
    {
        var id = await NewGoalAsync();

        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).SetGoalStatusAsync(id, 0, null));
        Assert.Equal("Kies hoe het doel ervoor staat.", missing.Errors["Status"]);
        var same = await Assert.ThrowsAsync<DomainException>(() => As(Logins.Quality).SetGoalStatusAsync(id, 0, QualityGoalStatus.Active));
        Assert.Equal("Dit doel staat al op 'Actief'.", same.Message);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => As(Logins.Quality).SetGoalStatusAsync(id, 5, QualityGoalStatus.Dropped));
        Assert.Equal(QualityGoalStatus.Active, StoredGoal(_db, id).Status);
    }

    // ---- Do ----

    [Fact]
    public async Task An_action_gets_an_owner_from_the_school_a_due_date_and_can_be_edited_done_and_cancelled_each_audited()
    {
        var id = await NewGoalAsync();
        var teacherB = _db.StaffId(Logins.TeacherB);
        var ib = _db.StaffId(Logins.CareCoordinator);

        var candidates = await As(Logins.Quality).GetOwnerCandidatesAsync(_schoolB);
        Assert.Contains(candidates, c => c.StaffMemberId == teacherB && c.RoleText == "leerkracht");
        Assert.Contains(candidates, c => c.StaffMemberId == ib && c.RoleText == "intern begeleider");
        Assert.DoesNotContain(candidates, c => c.StaffMemberId == _db.StaffId(Logins.TeacherA));

        var first = await As(Logins.Quality).AddActionAsync(id, Action(teacherB, D(12, 1)));
        var second = await As(Logins.Quality).AddActionAsync(id, Action(ib, D(1, 15, 2027), "Teamvergadering"));
        await As(Logins.Quality).EditActionAsync(first, 0, Action(ib, D(12, 8), "  Afspraken maken met het team  "));
        await As(Logins.Quality).CompleteActionAsync(first, 1);
        await As(Logins.Quality).CancelActionAsync(second, 0);

        var detail = await As(Logins.Quality).GetGoalAsync(id);
        Assert.Equal([(first, "Afspraken maken met het team", ib, D(12, 8), QualityActionStatus.Done, (DateOnly?)D(11, 24)),
                      (second, "Teamvergadering", ib, D(1, 15, 2027), QualityActionStatus.Cancelled, null)],
            detail.Actions.Select(a => (a.Id, a.Description, a.OwnerId, a.DueOn, a.Status, a.DoneOn)));
        Assert.Equal(2, Audit(_db, QualityCycleAuditActions.ActionAdd).Count);
        Assert.All(new[] { QualityCycleAuditActions.ActionEdit, QualityCycleAuditActions.ActionDone, QualityCycleAuditActions.ActionCancel },
            action => Assert.Equal((id, _schoolB), (Assert.Single(Audit(_db, action)).RecordId!.Value, Audit(_db, action)[0].SchoolId!.Value)));
    }

    [Fact]
    public async Task An_action_needs_a_description_an_owner_at_the_school_and_a_due_date_from_the_school_year_start()
    {
        var id = await NewGoalAsync();

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).AddActionAsync(id, new QualityActionInput()));
        Assert.Equal(("Beschrijf de actie: wat gaan jullie doen?", "Kies wie de actie trekt.", "Kies de datum waarop de actie klaar moet zijn."),
            (empty.Errors["Description"], empty.Errors["OwnerId"], empty.Errors["DueOn"]));

        var wrong = await Assert.ThrowsAsync<DomainValidationException>(() =>
            As(Logins.Quality).AddActionAsync(id, Action(_db.StaffId(Logins.TeacherA), D(7, 31)) with { Description = new string('a', QualityAction.DescriptionMaxLength + 1) }));
        Assert.Equal("Kies iemand die op deze school werkt.", wrong.Errors["OwnerId"]);
        Assert.Equal("Kies een datum vanaf het begin van het schooljaar 2026-2027 (1 augustus 2026).", wrong.Errors["DueOn"]);
        Assert.Contains($"hoogstens {QualityAction.DescriptionMaxLength} tekens", wrong.Errors["Description"], StringComparison.Ordinal);

        var tooLate = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).AddActionAsync(id, Action(_db.StaffId(Logins.TeacherB), D(8, 1, 2028))));
        Assert.Equal("Kies een datum tot en met 31 juli 2028.", tooLate.Errors["DueOn"]);

        // The first day of the school year counts, an overdue date inside it too.
        await As(Logins.Quality).AddActionAsync(id, Action(_db.StaffId(Logins.TeacherB), D(8, 1)));
        Assert.Single(StoredGoal(_db, id).Actions);
        Assert.Single(Audit(_db, QualityCycleAuditActions.ActionAdd));
    }

    [Fact]
    public async Task An_inactive_staff_member_cannot_own_an_action()
    {
        var id = await NewGoalAsync();
        var gone = AddPerson(_db, "vertrokken", (PortalRole.Teacher, Logins.SchoolB));
        using (var db = _db.CreateContext())
        {
            db.StaffMembers.Single(s => s.Id == gone).IsActive = false;
            db.SaveChanges();
        }

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).AddActionAsync(id, Action(gone, D(12, 1))));

        Assert.Equal(["OwnerId"], error.Errors.Keys);
        Assert.DoesNotContain(await As(Logins.Quality).GetOwnerCandidatesAsync(_schoolB), c => c.StaffMemberId == gone);
    }

    [Fact]
    public async Task Changing_an_action_with_an_old_version_is_a_conflict_and_a_finished_action_cannot_change()
    {
        var id = await NewGoalAsync();
        var action = await As(Logins.Quality).AddActionAsync(id, Action(_db.StaffId(Logins.TeacherB), D(12, 1)));
        await As(Logins.Quality).CompleteActionAsync(action, 0);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => As(Logins.Quality).CancelActionAsync(action, 0));
        var done = await Assert.ThrowsAsync<DomainException>(() => As(Logins.Quality).CancelActionAsync(action, 1));
        Assert.Equal("Deze actie is al afgerond of geschrapt.", done.Message);
        Assert.Equal(QualityActionStatus.Done, Assert.Single(StoredGoal(_db, id).Actions).Status);
    }

    // ---- Check and act ----

    [Fact]
    public async Task A_check_of_a_goal_in_words_stores_findings_and_result_without_a_measured_value()
    {
        var id = await NewGoalAsync();

        var check = await As(Logins.CareCoordinator).RecordCheckAsync(id, new QualityCheckInput { Findings = "  Het gaat beter in de bovenbouw.  ", Result = QualityCheckResult.OnTrack });

        var stored = Assert.Single(StoredGoal(_db, id).Checks);
        Assert.Equal((check, D(11, 24), "Het gaat beter in de bovenbouw.", QualityCheckResult.OnTrack, (double?)null, _db.StaffId(Logins.CareCoordinator)),
            (stored.Id, stored.CheckedOn, stored.Findings, stored.Result, stored.MeasuredValue, stored.RecordedById));
        var entry = Assert.Single(Audit(_db, QualityCycleAuditActions.CheckRecord));
        Assert.Equal((id, "CareCoordinator"), (entry.RecordId!.Value, entry.Role));
    }

    [Fact]
    public async Task A_check_needs_findings_and_a_result()
    {
        var id = await NewGoalAsync();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).RecordCheckAsync(id, new QualityCheckInput { Findings = " " }));
        Assert.Equal(("Schrijf op wat jullie zien: wat ging goed, wat niet?", "Kies hoe het doel ervoor staat: op koers, achter op het doel of bereikt."),
            (error.Errors["Findings"], error.Errors["Result"]));
        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).RecordCheckAsync(id,
            new QualityCheckInput { Findings = new string('f', QualityCheck.FindingsMaxLength + 1), Result = (QualityCheckResult)9 }));
        Assert.Equal(["Findings", "Result"], tooLong.Errors.Keys.Order());
        Assert.Empty(StoredGoal(_db, id).Checks);
    }

    [Fact]
    public async Task An_adjustment_records_the_decision_optionally_after_a_check_of_the_same_goal()
    {
        var id = await NewGoalAsync();
        var other = await NewGoalAsync(input: Goal("Ander doel"));
        var check = await As(Logins.Quality).RecordCheckAsync(id, new QualityCheckInput { Findings = "Nog niet", Result = QualityCheckResult.BehindTarget });
        var otherCheck = await As(Logins.Quality).RecordCheckAsync(other, new QualityCheckInput { Findings = "Prima", Result = QualityCheckResult.OnTrack });

        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => As(Logins.Quality).RecordAdjustmentAsync(id, new QualityAdjustmentInput()));
        Assert.Equal("Schrijf op wat jullie besluiten aan te passen.", empty.Errors["Decision"]);
        var foreign = await Assert.ThrowsAsync<DomainValidationException>(() =>
            As(Logins.Quality).RecordAdjustmentAsync(id, new QualityAdjustmentInput { Decision = "Anders", CheckId = otherCheck }));
        Assert.Equal("Kies een evaluatie van dit doel, of geen.", foreign.Errors["CheckId"]);

        await As(Logins.Quality).RecordAdjustmentAsync(id, new QualityAdjustmentInput { Decision = "Elke week een korte evaluatie.", CheckId = check });
        await As(Logins.Quality).RecordAdjustmentAsync(id, new QualityAdjustmentInput { Decision = "Zonder evaluatie." });

        var detail = await As(Logins.Quality).GetGoalAsync(id);
        Assert.Equal([("Zonder evaluatie.", (int?)null, (DateOnly?)null), ("Elke week een korte evaluatie.", check, D(11, 24))],
            detail.Adjustments.Select(a => (a.Decision, a.CheckId, a.CheckOn)));
        Assert.Equal(2, Audit(_db, QualityCycleAuditActions.AdjustmentRecord).Count);
    }

    [Fact]
    public async Task The_stage_moves_from_plan_to_do_to_check_to_act_and_back_to_do()
    {
        var id = await NewGoalAsync();
        var owner = _db.StaffId(Logins.TeacherB);
        async Task<QualityCycleStage> Stage() => (await As(Logins.Quality).GetGoalAsync(id)).Stage;

        Assert.Equal(QualityCycleStage.Plan, await Stage());
        var action = await As(Logins.Quality).AddActionAsync(id, Action(owner, D(12, 1)));
        Assert.Equal(QualityCycleStage.Do, await Stage());
        await As(Logins.Quality).CompleteActionAsync(action, 0);
        Assert.Equal(QualityCycleStage.Check, await Stage());
        var check = await As(Logins.Quality).RecordCheckAsync(id, new QualityCheckInput { Findings = "Beter", Result = QualityCheckResult.OnTrack });
        Assert.Equal(QualityCycleStage.Act, await Stage());
        await As(Logins.Quality).RecordAdjustmentAsync(id, new QualityAdjustmentInput { Decision = "Doorgaan en uitbreiden", CheckId = check });
        await As(Logins.Quality).AddActionAsync(id, Action(owner, D(2, 1, 2027)));
        Assert.Equal(QualityCycleStage.Do, await Stage());
    }

    [Fact]
    public void A_goal_without_open_actions_after_an_adjustment_waits_for_the_next_check()
    {
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(QualityCycleStage.Check, QualityCycleStages.Of(QualityGoalStatus.Active, [QualityActionStatus.Done], at, 1, [(1, at.AddDays(1))]));
        Assert.Equal(QualityCycleStage.Act, QualityCycleStages.Of(QualityGoalStatus.Active, [QualityActionStatus.Planned], at, 2, [(1, at.AddDays(-1))]));
        Assert.Equal(QualityCycleStage.Plan, QualityCycleStages.Of(QualityGoalStatus.Active, [QualityActionStatus.Cancelled], null, null, []));
        Assert.Equal(QualityCycleStage.Closed, QualityCycleStages.Of(QualityGoalStatus.Dropped, [], null, null, []));
    }

    // ---- Rights ----

    [Fact]
    public async Task A_teacher_is_refused_every_read_and_change_and_each_refusal_is_audited()
    {
        var id = await NewGoalAsync(school: _schoolA, input: Goal(year: 2027));
        var teacher = As(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetScopeAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.ListGoalsAsync(_schoolA, 2027));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetGoalAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.GetYearOverviewAsync(_schoolA, 2027));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.CreateGoalAsync(_schoolA, Goal()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.EditGoalAsync(id, 0, Goal("Overschreven")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.AddActionAsync(id, Action(_db.StaffId(Logins.TeacherA), D(12, 1))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => teacher.RecordCheckAsync(id, new QualityCheckInput { Findings = "x", Result = QualityCheckResult.OnTrack }));

        Assert.Equal(8, Refusals(_db, Logins.TeacherA));
        var refusal = Audit(_db, QualityCycleAuditActions.Read).Single(a => a.Outcome == AuditOutcome.Refused);
        Assert.Equal((AuditRecordKind.QualityGoal, id), (refusal.RecordKind, refusal.RecordId!.Value));
        Assert.Equal("Rust in de school", StoredGoal(_db, id).Title);
        Assert.Empty(StoredGoal(_db, id).Actions);
    }

    [Fact]
    public async Task The_IBer_of_another_school_is_refused_and_audited()
    {
        AddPerson(_db, "ib-alleen-b", (PortalRole.CareCoordinator, Logins.SchoolB));
        var id = await NewGoalAsync(school: _schoolA, input: Goal(year: 2027));
        var other = As("ib-alleen-b");

        await Assert.ThrowsAsync<AccessDeniedException>(() => other.GetGoalAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => other.ListGoalsAsync(_schoolA, 2027));
        await Assert.ThrowsAsync<AccessDeniedException>(() => other.SetGoalStatusAsync(id, 0, QualityGoalStatus.Dropped));
        await Assert.ThrowsAsync<AccessDeniedException>(() => other.RecordAdjustmentAsync(id, new QualityAdjustmentInput { Decision = "x" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => other.GetOwnerCandidatesAsync(_schoolA));

        Assert.Equal(5, Refusals(_db, "ib-alleen-b"));
        Assert.Equal(QualityGoalStatus.Active, StoredGoal(_db, id).Status);
        // At their own school they may.
        var scope = await other.GetScopeAsync();
        Assert.Equal([_schoolB], scope.Schools.Select(s => s.Id));
    }

    [Fact]
    public async Task A_goal_that_does_not_exist_is_refused_like_one_of_another_school()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(Logins.Quality).GetGoalAsync(987_654));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(Logins.Quality).CompleteActionAsync(987_654, 0));
        Assert.Equal(2, Refusals(_db, Logins.Quality));
    }

    [Fact]
    public async Task Reads_are_not_audited()
    {
        var id = await NewGoalAsync();
        int Entries()
        {
            using var db = _db.CreateContext();
            return db.AuditEntries.Count();
        }
        var before = Entries();

        await As(Logins.Quality).GetScopeAsync();
        await As(Logins.Quality).ListGoalsAsync(_schoolB, 2026);
        await As(Logins.Quality).GetGoalAsync(id);
        await As(Logins.Quality).GetYearOverviewAsync(_schoolB, 2026);

        Assert.Equal(before, Entries());
    }

    [Fact]
    public async Task The_scope_lists_the_managed_schools_and_the_years_with_goals_around_the_current_one()
    {
        await NewGoalAsync(input: Goal(year: 2020));

        var scope = await As(Logins.Quality).GetScopeAsync();

        Assert.Equal([_schoolA, _schoolB], scope.Schools.Select(s => s.Id).Order());
        Assert.Equal([2020, 2025, 2026, 2027], scope.SchoolYears);
        Assert.Equal((2026, D(11, 24)), (scope.CurrentSchoolYear, scope.Today));
        var leader = await As(Logins.SchoolLeaderA).GetScopeAsync();
        Assert.Equal([_schoolA], leader.Schools.Select(s => s.Id));
    }

    // ---- Lists and the yearly overview ----

    [Fact]
    public async Task The_list_shows_one_school_and_year_with_active_goals_first_and_counts_per_card()
    {
        var owner = _db.StaffId(Logins.TeacherB);
        var done = await NewGoalAsync(input: Goal("Al behaald"));
        await As(Logins.Quality).SetGoalStatusAsync(done, 0, QualityGoalStatus.Achieved);
        var active = await NewGoalAsync(input: Goal("Loopt nog"));
        await As(Logins.Quality).AddActionAsync(active, Action(owner, D(11, 1)));
        await As(Logins.Quality).AddActionAsync(active, Action(owner, D(12, 10)));
        await NewGoalAsync(input: Goal("Volgend jaar", year: 2027));

        var list = await As(Logins.Quality).ListGoalsAsync(_schoolB, 2026);

        Assert.Equal(["Loopt nog", "Al behaald"], list.Goals.Select(g => g.Title));
        var card = list.Goals[0];
        Assert.Equal((new QualityActionCounts(0, 2, 1, 0), (DateOnly?)D(11, 1), QualityCycleStage.Do), (card.Actions, card.NextDueOn, card.Stage));
        Assert.Equal(QualityCycleStage.Closed, list.Goals[1].Stage);
    }

    [Fact]
    public async Task The_yearly_overview_counts_goals_actions_checks_and_adjustments_exactly()
    {
        var owner = _db.StaffId(Logins.TeacherB);
        var q = As(Logins.Quality);
        var main = await NewGoalAsync(input: Goal("Hoofddoel", indicator: QualityIndicator.AcknowledgementMedianDays, baseline: 4, target: 2));
        var doneAction = await q.AddActionAsync(main, Action(owner, D(10, 1), "Gedaan"));
        await q.CompleteActionAsync(doneAction, 0);
        await q.AddActionAsync(main, Action(owner, D(11, 1), "Te laat"));
        await q.AddActionAsync(main, Action(owner, D(11, 24), "Vandaag"));
        var cancelled = await q.AddActionAsync(main, Action(owner, D(9, 1), "Geschrapt"));
        await q.CancelActionAsync(cancelled, 0);
        var achieved = await NewGoalAsync(input: Goal("Behaald"));
        await q.AddActionAsync(achieved, Action(owner, D(9, 15), "Open bij behaald doel"));
        var check = await q.RecordCheckAsync(achieved, new QualityCheckInput { Findings = "Gelukt", Result = QualityCheckResult.Achieved });
        await q.RecordAdjustmentAsync(achieved, new QualityAdjustmentInput { Decision = "Borgen", CheckId = check });
        await q.SetGoalStatusAsync(achieved, 0, QualityGoalStatus.Achieved);
        var dropped = await NewGoalAsync(input: Goal("Losgelaten"));
        await q.SetGoalStatusAsync(dropped, 0, QualityGoalStatus.Dropped);
        await NewGoalAsync(input: Goal("Vorig jaar", year: 2025));

        var overview = await q.GetYearOverviewAsync(_schoolB, 2026);

        Assert.Equal(["Hoofddoel", "Behaald", "Losgelaten"], overview.Goals.Select(g => g.Title));
        Assert.Equal(new QualityYearSummary(Goals: 3, Active: 1, Achieved: 1, PartlyAchieved: 0, NotAchieved: 0, Dropped: 1,
            ActionsDone: 1, ActionsOpen: 3, ActionsOverdue: 2, ActionsCancelled: 1, Checks: 1, Adjustments: 1), overview.Summary);
        Assert.Equal(new QualityActionCounts(1, 2, 1, 1), overview.Goals[0].ActionCounts);
        Assert.Equal(["Te laat"], overview.Goals[0].Actions.Where(a => a.IsOverdue).Select(a => a.Description));

        var goals = QualityCycleTables.Goals(overview);
        Assert.Equal(3, goals.Rows.Count);
        Assert.Equal(["Hoofddoel", "Actief", "Do", "De groepen zijn binnen vijf minuten na de pauze aan het werk.",
                "Dagen tot de IB'er een signalering ziet (mediaan)", "4", "2", "–", "1", "2", "1"],
            goals.Rows[0].Select(c => c.Text));
        Assert.Equal(5, QualityCycleTables.Actions(overview).Rows.Count);
        Assert.Equal(["Behaald", "di 24 nov", "Doel bereikt", "–", "Gelukt"], Assert.Single(QualityCycleTables.Checks(overview).Rows).Select(c => c.Text));
        Assert.Equal(["Behaald", "di 24 nov", "Borgen", "di 24 nov"], Assert.Single(QualityCycleTables.Adjustments(overview).Rows).Select(c => c.Text));
        var summary = QualityCycleTables.Summary(overview);
        Assert.Equal(("Acties te laat", 2.0), (summary.Rows[8][0].Text, summary.Rows[8][1].Number!.Value));
        Assert.Equal("kwaliteitsdoelen-ha-2026-2027", goals.FileName);
    }

    [Fact]
    public async Task The_demo_seed_gives_school_A_two_goals_this_year_and_an_achieved_goal_last_year()
    {
        var q = As(Logins.Quality);

        var thisYear = await q.GetYearOverviewAsync(_schoolA, 2026);
        var lastYear = await q.ListGoalsAsync(_schoolA, 2025);

        var tied = Assert.Single(thisYear.Goals, g => g.Indicator == QualityIndicator.AcknowledgementMedianDays);
        Assert.Equal((4.0, 2.0, 3.0, QualityCycleStage.Do), (tied.Baseline!.Value, tied.Target!.Value, tied.LastMeasuredValue!.Value, tied.Stage));
        Assert.Equal(new QualityActionCounts(1, 2, 1, 0), tied.ActionCounts);
        Assert.Equal((1, 1), (tied.Checks.Count, tied.Adjustments.Count));
        Assert.Equal(tied.Checks[0].Id, tied.Adjustments[0].CheckId);
        Assert.Single(thisYear.Goals, g => g.Indicator == QualityIndicator.None);
        Assert.Equal(QualityGoalStatus.Achieved, Assert.Single(lastYear.Goals).Status);
    }
}
