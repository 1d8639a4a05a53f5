using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.SupportTests;

public sealed class SupportPlanTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private DateOnly Today => _db.Today();

    [Fact]
    public async Task A_plan_keeps_quick_wins_first_then_goals_with_review_dates_then_needs_in_the_order_typed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var id = await _db.Plans().CreateAsync(new NewSupportPlan
        {
            PupilId = pupil,
            QuickWins = ["Naast de juf aan de instructietafel.", "  ", "Dagplanning op het bankje."],
            Goals = [new GoalInput("Leest AVI-E4 vlot.", Today.AddDays(42)), new GoalInput(null, null), new GoalInput("Vraagt zelf om hulp.", Today)],
            EducationalNeeds = "  Korte opdrachten en directe feedback.  ",
        });

        var school = Assert.Single((await _db.Support(Logins.TeacherA).GetOverviewAsync(pupil)).Schools);
        var plan = Assert.IsType<SupportPlanView>(school.ActivePlan);
        Assert.Equal(id, plan.Id);
        Assert.Equal(["Naast de juf aan de instructietafel.", "Dagplanning op het bankje."], plan.QuickWins.Select(g => g.Description));
        Assert.Equal(["Leest AVI-E4 vlot.", "Vraagt zelf om hulp."], plan.LongTermGoals.Select(g => g.Description));
        Assert.Equal([Today.AddDays(42), Today], plan.LongTermGoals.Select(g => g.ReviewOn!.Value));
        Assert.Equal("Korte opdrachten en directe feedback.", plan.EducationalNeeds);
        Assert.Equal(Today, plan.StartsOn);
        Assert.Equal(SupportPlanStatus.Active, plan.Status);
        Assert.Equal("Ilse Verbeek", plan.CreatedByName);
        Assert.False(school.CanManage); // the teacher reads
    }

    [Fact]
    public async Task A_plan_needs_at_least_one_quick_win_or_goal()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().CreateAsync(new NewSupportPlan
        {
            PupilId = pupil,
            QuickWins = ["", "  "],
            EducationalNeeds = "Rust en structuur.",
        }));

        Assert.Equal("Begin met minstens één quick win of doel: wat helpt deze leerling morgen al?", ex.Errors[SupportFields.QuickWins]);
        Assert.Null((await _db.Support().GetOverviewAsync(pupil)).Primary!.ActivePlan);
    }

    [Fact]
    public async Task A_quick_win_alone_is_enough()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var id = await _db.Plans().CreateAsync(new NewSupportPlan { PupilId = pupil, QuickWins = ["Koptelefoon bij zelfstandig werken."] });

        var goal = Assert.Single(_db.StoredPlan(id).Goals);
        Assert.Equal(GoalKind.QuickWin, goal.Kind);
        Assert.Null(goal.ReviewOn);
    }

    [Fact]
    public async Task Every_longer_term_goal_needs_a_review_date_that_is_not_in_the_past()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().CreateAsync(new NewSupportPlan
        {
            PupilId = pupil,
            QuickWins = ["Instructie herhalen."],
            Goals =
            [
                new GoalInput("Rekent tot 100.", null),
                new GoalInput("Leest vlot.", Today.AddDays(-1)),
                new GoalInput(null, Today.AddDays(10)),
                new GoalInput("Speelt samen in de pauze.", Today),
            ],
        }));

        Assert.Equal("Kies een evaluatiedatum: wanneer kijk je of dit doel gehaald is?", ex.Errors[SupportFields.GoalReviewOn(0)]);
        Assert.Equal("De evaluatiedatum ligt in het verleden. Kies vandaag of een latere datum.", ex.Errors[SupportFields.GoalReviewOn(1)]);
        Assert.Equal("Beschrijf het doel, of haal de datum weg.", ex.Errors[SupportFields.GoalDescription(2)]);
        Assert.False(ex.Errors.ContainsKey(SupportFields.GoalReviewOn(3)));
        Assert.False(ex.Errors.ContainsKey(SupportFields.QuickWins));
        Assert.Null((await _db.Support().GetOverviewAsync(pupil)).Primary!.ActivePlan);
    }

    [Fact]
    public async Task Too_long_texts_are_refused_per_field()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().CreateAsync(new NewSupportPlan
        {
            PupilId = pupil,
            QuickWins = [new string('q', PlanGoal.DescriptionMaxLength + 1)],
            EducationalNeeds = new string('n', SupportPlan.EducationalNeedsMaxLength + 1),
        }));

        Assert.Contains("mag hoogstens", ex.Errors[SupportFields.QuickWin(0)], StringComparison.Ordinal);
        Assert.Contains("mag hoogstens", ex.Errors[SupportFields.EducationalNeeds], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_one_plan_is_active_per_pupil_and_school_until_it_is_closed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var first = await _db.MakePlanAsync(pupil);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.MakePlanAsync(pupil));
        Assert.Equal("Er loopt al een ondersteuningsplan voor deze leerling op deze school. Pas dat plan aan, of sluit het eerst af en begin dan een nieuw plan.", ex.Message);

        await _db.Plans().ClosePlanAsync(first, _db.PlanVersion(first), "Doelen gehaald; verder met een nieuw plan voor rekenen.");
        var second = await _db.MakePlanAsync(pupil);

        var school = Assert.Single((await _db.Support().GetOverviewAsync(pupil)).Schools);
        Assert.Equal(second, school.ActivePlan!.Id);
        var closed = Assert.Single(school.ClosedPlans);
        Assert.Equal((first, Today, "Doelen gehaald; verder met een nieuw plan voor rekenen."), (closed.Id, closed.ClosedOn!.Value, closed.ClosingNote));
    }

    [Fact]
    public async Task A_plan_can_come_from_a_discussion_of_that_pupil_at_that_school()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var discussion = _db.AddDiscussion(_db.SchoolId(Logins.SchoolA), pupil);

        var id = await _db.Plans().CreateAsync(_db.WithDiscussion(pupil, discussion));

        Assert.Equal(discussion, _db.StoredPlan(id).DiscussionId);
        Assert.Equal(discussion, (await _db.Plans().GetPlanStartAsync(pupil, discussion)).Discussion?.Id);
    }

    [Fact]
    public async Task A_discussion_without_the_pupil_or_at_another_school_is_refused()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var other = _db.NewPupilIn(Logins.TeacherA, "Ander");
        var withoutPupil = _db.AddDiscussion(_db.SchoolId(Logins.SchoolA), other);
        var otherSchool = _db.AddDiscussion(_db.SchoolId(Logins.SchoolB), pupil);

        foreach (var discussion in new[] { withoutPupil, otherSchool, 987_654 })
        {
            var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().CreateAsync(_db.WithDiscussion(pupil, discussion)));
            Assert.StartsWith("Deze bespreking hoort niet bij deze leerling", ex.Errors[SupportFields.DiscussionId], StringComparison.Ordinal);
            Assert.Null((await _db.Plans().GetPlanStartAsync(pupil, discussion)).Discussion);
        }
        Assert.False((await _db.Plans().GetPlanStartAsync(pupil)).HasActivePlan);
    }

    [Fact]
    public async Task The_new_plan_form_knows_the_pupil_school_level_and_a_running_plan()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherB, "Noor");
        await _db.Support().ChangeLevelAsync(pupil, 3, "Speciale ondersteuning.");
        await _db.MakePlanAsync(pupil);

        var start = await _db.Plans().GetPlanStartAsync(pupil);

        Assert.Equal(("Noor Nieuw", _db.SchoolId(Logins.SchoolB), 3, true), (start.PupilName, start.SchoolId, start.CurrentLevel, start.HasActivePlan));
        Assert.Single(_db.AuditOf(Logins.CareCoordinator, SupportAuditActions.PlanPrepare), a => a.PupilId == pupil);
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Quality)]
    public async Task Only_the_IBer_makes_a_plan_and_a_refusal_is_audited(string login)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Plans(login).CreateAsync(SupportScenario.SimplePlan(pupil, Today.AddDays(7))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Plans(login).GetPlanStartAsync(pupil));

        Assert.Null((await _db.Support().GetOverviewAsync(pupil)).Primary!.ActivePlan);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.AuditOf(login, SupportAuditActions.PlanCreate)).Outcome);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_db.AuditOf(login, SupportAuditActions.PlanPrepare)).Outcome);
    }

    [Fact]
    public async Task Making_a_plan_is_audited_with_plan_pupil_school_and_role()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        var id = await _db.MakePlanAsync(pupil);

        var entry = Assert.Single(_db.AuditOf(Logins.CareCoordinator, SupportAuditActions.PlanCreate));
        Assert.Equal((AuditRecordKind.SupportPlan, id, pupil, _db.SchoolId(Logins.SchoolA), "CareCoordinator"),
            (entry.RecordKind, entry.RecordId, entry.PupilId, entry.SchoolId, entry.Role));
    }

    [Fact]
    public async Task Goals_are_added_edited_and_removed_and_each_change_raises_the_version()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var plans = _db.Plans();

        var quickWin = await plans.AddGoalAsync(id, 0, GoalKind.QuickWin, "Beurtkaartjes.", null);
        var goal = await plans.AddGoalAsync(id, 1, GoalKind.LongTerm, "Werkt 20 minuten zelfstandig.", Today.AddDays(21));
        await plans.EditGoalAsync(id, 2, goal, "Werkt 25 minuten zelfstandig.", Today.AddDays(28));
        await plans.RemoveGoalAsync(id, 3, quickWin);
        await plans.SetEducationalNeedsAsync(id, 4, "Heeft een vaste plek nodig.");

        var stored = _db.StoredPlan(id);
        Assert.Equal(5, stored.Version);
        Assert.Equal(["Instructie aan de instructietafel, direct na de uitleg.", "Leest een AVI-E4 tekst vlot voor.", "Werkt 25 minuten zelfstandig."],
            stored.Goals.Select(g => g.Description));
        Assert.Equal(Today.AddDays(28), stored.Goals.Single(g => g.Id == goal).ReviewOn);
        Assert.Equal(1, stored.Goals.Single(g => g.Id == goal).Position);
        Assert.Equal("Heeft een vaste plek nodig.", stored.EducationalNeeds);
        Assert.Equal(
            [SupportAuditActions.PlanCreate, SupportAuditActions.GoalAdd, SupportAuditActions.GoalAdd, SupportAuditActions.GoalEdit,
             SupportAuditActions.GoalRemove, SupportAuditActions.NeedsEdit],
            _db.AuditActionsOn(AuditRecordKind.SupportPlan, id));
    }

    [Fact]
    public async Task An_added_longer_term_goal_needs_a_review_date_not_in_the_past()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);

        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().AddGoalAsync(id, 0, GoalKind.LongTerm, "Doel.", null));
        var past = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().AddGoalAsync(id, 0, GoalKind.LongTerm, "Doel.", Today.AddDays(-3)));
        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().AddGoalAsync(id, 0, GoalKind.QuickWin, " ", null));

        Assert.True(missing.Errors.ContainsKey(SupportFields.ReviewOn));
        Assert.True(past.Errors.ContainsKey(SupportFields.ReviewOn));
        Assert.Equal("Beschrijf de quick win: wat helpt deze leerling morgen al?", empty.Errors[SupportFields.Description]);
        Assert.Equal(2, _db.StoredPlan(id).Goals.Count);
        Assert.Equal(0, _db.PlanVersion(id));
    }

    [Fact]
    public async Task An_overdue_unevaluated_goal_keeps_its_past_date_when_only_the_text_changes()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id);
        _db.SetReviewOn(goal.Id, Today.AddDays(-5));

        await _db.Plans().EditGoalAsync(id, 0, goal.Id, "Leest een AVI-E4 tekst vlot en foutloos voor.", Today.AddDays(-5));
        var moved = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Plans().EditGoalAsync(id, 1, goal.Id, "Leest vlot.", Today.AddDays(-2)));

        Assert.True(moved.Errors.ContainsKey(SupportFields.ReviewOn));
        Assert.Equal(Today.AddDays(-5), _db.LongTermGoal(id).ReviewOn);
    }

    [Fact]
    public async Task An_evaluated_goal_can_only_be_edited_in_text_and_not_removed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id);
        await _db.Plans().EvaluateGoalAsync(id, 0, goal.Id, new GoalEvaluationInput
        {
            Result = EvaluationResult.PartlyAchieved, EvaluatedOn = Today, NextReviewOn = Today.AddDays(35),
        });

        var dateChange = await Assert.ThrowsAsync<DomainValidationException>(() =>
            _db.Plans().EditGoalAsync(id, 1, goal.Id, "Ander doel.", Today.AddDays(60)));
        var removal = await Assert.ThrowsAsync<DomainException>(() => _db.Plans().RemoveGoalAsync(id, 1, goal.Id));
        await _db.Plans().EditGoalAsync(id, 1, goal.Id, "Leest een AVI-E4 tekst vlot voor, met intonatie.", Today.AddDays(35));

        Assert.StartsWith("Dit doel is al geëvalueerd: je kunt alleen de tekst nog aanpassen.", dateChange.Errors[SupportFields.ReviewOn], StringComparison.Ordinal);
        Assert.StartsWith("Dit doel is al geëvalueerd", removal.Message, StringComparison.Ordinal);
        var stored = _db.LongTermGoal(id);
        Assert.Equal(("Leest een AVI-E4 tekst vlot voor, met intonatie.", Today.AddDays(35)), (stored.Description, stored.ReviewOn!.Value));
    }

    [Fact]
    public async Task A_goal_agreed_with_the_parents_is_not_removed_behind_the_conversation()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id);
        using (var db = _db.CreateContext())
        {
            var now = _db.Clock.GetUtcNow().UtcDateTime;
            var conversation = new Domain.Parents.ParentConversation
            {
                PupilId = pupil, SchoolId = _db.SchoolId(Logins.SchoolA), HeldOn = Today, Discussed = "Doel besproken.",
                RecordedById = _db.StaffId(Logins.CareCoordinator), CreatedAt = now, UpdatedAt = now,
            };
            conversation.LinkedGoals.Add(new Domain.Parents.ParentConversationGoal { GoalId = goal.Id });
            db.ParentConversations.Add(conversation);
            db.SaveChanges();
        }

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Plans().RemoveGoalAsync(id, 0, goal.Id));

        Assert.StartsWith("Dit doel is met de ouders afgesproken", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_db.StoredPlan(id).Goals, g => g.Id == goal.Id);
    }

    [Fact]
    public async Task The_last_goal_of_a_plan_cannot_be_removed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.Plans().CreateAsync(new NewSupportPlan { PupilId = pupil, QuickWins = ["Vaste plek vooraan."] });

        var ex = await Assert.ThrowsAsync<DomainException>(() => _db.Plans().RemoveGoalAsync(id, 0, _db.QuickWin(id).Id));

        Assert.StartsWith("Een plan heeft minstens één quick win of doel.", ex.Message, StringComparison.Ordinal);
        Assert.Single(_db.StoredPlan(id).Goals);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        await _db.Plans().SetEducationalNeedsAsync(id, 0, "Eerste versie.");

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Plans().SetEducationalNeedsAsync(id, 0, "Tweede versie."));

        Assert.Contains("dit plan", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Eerste versie.", _db.StoredPlan(id).EducationalNeeds);
    }

    [Fact]
    public async Task Closing_needs_a_note_and_a_closed_plan_cannot_be_changed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);

        var noNote = await Assert.ThrowsAsync<DomainValidationException>(() => _db.Plans().ClosePlanAsync(id, 0, "  "));
        await _db.Plans().ClosePlanAsync(id, 0, "Alle doelen behaald.");
        var afterwards = await Assert.ThrowsAsync<DomainException>(() => _db.Plans().AddGoalAsync(id, 1, GoalKind.QuickWin, "Nog iets.", null));

        Assert.True(noNote.Errors.ContainsKey(SupportFields.ClosingNote));
        Assert.StartsWith("Dit plan is afgesloten", afterwards.Message, StringComparison.Ordinal);
        var stored = _db.StoredPlan(id);
        Assert.Equal((SupportPlanStatus.Closed, Today, 2), (stored.Status, stored.ClosedOn!.Value, stored.Goals.Count));
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Administrator)]
    public async Task Only_the_IBer_changes_a_plan_and_each_refusal_is_audited(string login)
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        var id = await _db.MakePlanAsync(pupil);
        var goal = _db.LongTermGoal(id).Id;
        var plans = _db.Plans(login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.AddGoalAsync(id, 0, GoalKind.QuickWin, "Iets.", null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.EditGoalAsync(id, 0, goal, "Iets.", Today.AddDays(9)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.RemoveGoalAsync(id, 0, goal));
        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.SetEducationalNeedsAsync(id, 0, "Iets."));
        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.EvaluateGoalAsync(id, 0, goal,
            new GoalEvaluationInput { Result = EvaluationResult.Achieved, EvaluatedOn = Today }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => plans.ClosePlanAsync(id, 0, "Klaar."));

        Assert.Equal(0, _db.PlanVersion(id));
        foreach (var action in new[] { SupportAuditActions.GoalAdd, SupportAuditActions.GoalEdit, SupportAuditActions.GoalRemove,
                     SupportAuditActions.NeedsEdit, SupportAuditActions.GoalEvaluate, SupportAuditActions.PlanClose })
        {
            var refusal = Assert.Single(_db.AuditOf(login, action));
            Assert.Equal((AuditOutcome.Refused, AuditRecordKind.SupportPlan, id), (refusal.Outcome, refusal.RecordKind, refusal.RecordId));
        }
    }
}

internal static class SupportPlanTestExtensions
{
    public static NewSupportPlan WithDiscussion(this TestDatabase d, int pupil, int discussionId) =>
        SupportScenario.SimplePlan(pupil, d.Today().AddDays(14)) with { DiscussionId = discussionId };
}
