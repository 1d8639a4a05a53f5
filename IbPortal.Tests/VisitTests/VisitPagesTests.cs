using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Concerns;
using IbPortal.Visits;

namespace IbPortal.Tests.VisitTests;

/// <summary>The visit page (stepper, reschedule and cancel with confirmation, goals, follow-up), the overview and the dashboard card.</summary>
public sealed class VisitPagesTests : PortalComponentContext
{
    public VisitPagesTests() : base(Logins.CareCoordinator) { }

    private IRenderedComponent<VisitDetailPanel> RenderPanel(int id)
    {
        var cut = Render<VisitDetailPanel>(p => p.Add(x => x.VisitId, id));
        cut.WaitForElement("[data-testid=visit-detail]");
        return cut;
    }

    [Fact]
    public async Task A_planned_visit_shows_who_when_and_the_focus_with_the_observation_as_the_next_step()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);

        var cut = RenderPanel(id);

        Assert.Equal("Klassenbezoek groep 5", cut.Find("[data-testid=visit-title]").TextContent.Trim());
        var meta = cut.Find("[data-testid=visit-meta]").TextContent;
        Assert.Contains("do 26 nov 10:00", meta, StringComparison.Ordinal);
        Assert.Contains("45 min", meta, StringComparison.Ordinal);
        Assert.Contains("Mark Hofstede", meta, StringComparison.Ordinal);
        Assert.Equal("Instructie in de kleine kring", cut.Find("[data-testid=visit-focus-text]").TextContent.Trim());
        Assert.Equal(("current", "todo", "todo", "todo"),
            (Step(cut, 1), Step(cut, 2), Step(cut, 3), Step(cut, 4)));
        Assert.Contains("Bezoek op do 26 nov 10:00 (komt nog)", Text(cut, "visit-step-1"), StringComparison.Ordinal);
        Assert.Contains("Observatie (nog niet)", Text(cut, "visit-step-2"), StringComparison.Ordinal);
        Assert.Contains("bij Mark Hofstede", meta, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=observation-form]"));
        Assert.Empty(cut.FindAll("[data-testid=visit-plan-follow-up]"));
        Assert.Equal("/bezoeken", cut.Find("[data-testid=visit-back]").GetAttribute("href"));
    }

    private static string? Step(IRenderedComponent<VisitDetailPanel> cut, int n) => cut.Find($"[data-testid=visit-step-{n}]").GetAttribute("data-state");

    private static string Text(IRenderedComponent<VisitDetailPanel> cut, string testId) =>
        string.Join(' ', cut.Find($"[data-testid={testId}]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Once_its_time_has_come_the_visit_is_under_way_and_the_observation_is_the_current_step()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);
        Database.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(35)); // do 26 nov 10:05

        var cut = RenderPanel(id);

        Assert.Equal(("done", "current", "todo", "todo"), (Step(cut, 1), Step(cut, 2), Step(cut, 3), Step(cut, 4)));
        Assert.Contains("Bezoek op do 26 nov 10:00 (begonnen)", Text(cut, "visit-step-1"), StringComparison.Ordinal);
        Assert.Contains("Observatie (nu aan de beurt)", Text(cut, "visit-step-2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_observation_the_feedback_conversation_and_the_reflection_are_open_side_by_side_in_any_order()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        await Database.Visits(Logins.TeacherA).SaveReflectionAsync(id, Database.VisitVersion(id), new ReflectionInput { WentWell = "Rustige start" });

        var cut = RenderPanel(id);

        Assert.Equal(("done", "done", "current", "done"), (Step(cut, 1), Step(cut, 2), Step(cut, 3), Step(cut, 4)));
        Assert.Contains("Bezoek op do 26 nov 10:00 (geweest)", Text(cut, "visit-step-1"), StringComparison.Ordinal);
        Assert.Contains("Nagesprek (open)", Text(cut, "visit-step-3"), StringComparison.Ordinal);
        Assert.Contains("Reflectie (klaar)", Text(cut, "visit-step-4"), StringComparison.Ordinal);
        var after = cut.Find("[data-testid=visit-steps-after]");
        Assert.Contains("in willekeurige volgorde", after.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-testid=visit-step-3]"));
        Assert.NotNull(after.QuerySelector("[data-testid=visit-step-4]"));
        Assert.Null(after.QuerySelector("[data-testid=visit-step-4] svg + svg")); // no chevron between the two: they are parallel
        Assert.Equal("reflectie", cut.Find("[data-testid=visit-section-reflection]").Id);
        Assert.True(cut.Markup.IndexOf("data-testid=\"visit-section-observation\"", StringComparison.Ordinal) < cut.Markup.IndexOf("data-testid=\"visit-section-reflection\"", StringComparison.Ordinal),
            "For the IB'er the reflection stays after the observation.");
    }

    [Fact]
    public async Task Cancelling_asks_for_confirmation_first()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);
        var cut = RenderPanel(id);

        cut.Find("[data-testid=visit-cancel]").Click();
        Assert.Equal(VisitStatus.Planned, Database.StoredVisit(id).Status);
        cut.Find("[data-testid=visit-cancel-keep]").Click();
        Assert.Empty(cut.FindAll("[data-testid=visit-cancel-confirm]"));

        cut.Find("[data-testid=visit-cancel]").Click();
        cut.Find("[data-testid=visit-cancel-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(VisitStatus.Cancelled, Database.StoredVisit(id).Status));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=visit-stepper-cancelled]")));
        Assert.Empty(cut.FindAll("[data-testid=visit-cancel]"));
    }

    [Fact]
    public async Task Rescheduling_moves_the_visit_and_a_wrong_duration_is_named_while_the_input_stays()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);
        var cut = RenderPanel(id);
        cut.Find("[data-testid=visit-reschedule]").Click();

        cut.Find("[data-testid=reschedule-date] input").Change("2026-12-03");
        cut.Find("[data-testid=reschedule-duration] input").Change("5");
        cut.Find("[data-testid=visit-reschedule-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Kies een duur van 10 tot 240 minuten.", cut.Find("[data-testid=reschedule-duration]").TextContent, StringComparison.Ordinal));
        Assert.Equal("2026-12-03", cut.Find("[data-testid=reschedule-date] input").GetAttribute("value"));

        cut.Find("[data-testid=reschedule-duration] input").Change("30");
        cut.Find("[data-testid=visit-reschedule-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc), Database.StoredVisit(id).ScheduledAt));
        Assert.Equal(30, Database.StoredVisit(id).DurationMinutes);
        cut.WaitForAssertion(() => Assert.Contains("do 3 dec 10:00", cut.Find("[data-testid=visit-meta]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_observation_the_IBer_adds_and_closes_a_goal_and_can_plan_the_follow_up()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var cut = RenderPanel(id);

        Assert.Equal($"/bezoeken/nieuw?vervolgOp={id}", cut.Find("[data-testid=visit-plan-follow-up]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=visit-cancel]"));
        cut.Find("[data-testid=goal-new-description] input").Change("Ik geef de instructie in hooguit tien minuten.");
        cut.Find("[data-testid=goal-add]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=goal-status]")));
        Assert.Contains("Ik geef de instructie in hooguit tien minuten.", cut.Find("[data-testid=visit-goals]").TextContent, StringComparison.Ordinal);
        var goalId = (await Database.Visits(Logins.CareCoordinator).RefreshAsync(id)).Goals.Single().Id;

        Assert.Equal("Markeer als bereikt", cut.Find($"[data-testid=goal-achieved-{goalId}]").TextContent.Trim());
        Assert.Equal("Doel loslaten", cut.Find($"[data-testid=goal-drop-{goalId}]").TextContent.Trim());
        cut.Find($"[data-testid=goal-achieved-{goalId}]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Bereikt", cut.Find("[data-testid=goal-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task An_empty_goal_gets_a_Dutch_message_in_the_field()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        var cut = RenderPanel(id);

        cut.Find("[data-testid=goal-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Beschrijf het doel", cut.Find("[data-testid=goal-new-description]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_visited_teacher_sees_their_visit_without_the_IBers_actions_and_writes_the_reflection_there()
    {
        var id = await Database.ObservedVisitAsync(Logins.TeacherA);
        SignInAs(Logins.TeacherA);

        var cut = RenderPanel(id);

        Assert.NotNull(cut.Find("[data-testid=visit-teacher-intro]"));
        Assert.Equal("/coaching", cut.Find("[data-testid=visit-back]").GetAttribute("href"));
        var meta = cut.Find("[data-testid=visit-meta]").TextContent;
        Assert.Contains("bij jou", meta, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark Hofstede", meta, StringComparison.Ordinal);
        var markup = cut.Markup;
        Assert.Equal("reflectie", cut.Find("[data-testid=visit-section-reflection]").Id);
        Assert.True(markup.IndexOf("data-testid=\"visit-section-reflection\"", StringComparison.Ordinal) < markup.IndexOf("data-testid=\"visit-section-observation\"", StringComparison.Ordinal),
            "The teacher who may reflect finds the reflection above the observation.");
        Assert.Empty(cut.FindAll("[data-testid=visit-cancel]"));
        Assert.Empty(cut.FindAll("[data-testid=visit-reschedule]"));
        Assert.Empty(cut.FindAll("[data-testid=goal-add-form]"));
        Assert.Empty(cut.FindAll("[data-testid=visit-plan-follow-up]"));
        cut.Find("[data-testid=reflection-WentWell] textarea").Change("Rustige start");
        cut.Find("[data-testid=reflection-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Rustige start", Database.StoredVisit(id).ReflectionWentWell));
        cut.WaitForAssertion(() => Assert.Equal("done", Step(cut, 4)));
    }

    [Fact]
    public async Task Before_the_observation_the_teacher_finds_the_observation_first_and_is_told_when_to_reflect()
    {
        var planned = await Database.PlanVisitAsync(Logins.TeacherA);
        SignInAs(Logins.TeacherA);

        var cut = RenderPanel(planned);

        Assert.True(cut.Markup.IndexOf("data-testid=\"visit-section-observation\"", StringComparison.Ordinal) < cut.Markup.IndexOf("data-testid=\"visit-section-reflection\"", StringComparison.Ordinal));
        Assert.Contains("zodra de intern begeleider de observatie heeft afgerond", cut.Find("[data-testid=reflection-empty]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("in elke volgorde", cut.Find("[data-testid=visit-teacher-intro]").TextContent, StringComparison.Ordinal);
        Assert.Contains("bij jou", cut.Find("[data-testid=visit-meta]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_shows_the_running_goals_of_earlier_visits_read_only_under_its_own_goals()
    {
        var earlier = await Database.ObservedVisitAsync(Logins.TeacherA);
        var goal = await Database.Service<CoachingGoalService>(Logins.CareCoordinator)
            .AddAsync(new NewCoachingGoal { VisitId = earlier, Description = "Ik geef de instructie in hooguit tien minuten.", ReviewOn = new DateOnly(2026, 12, 15) });
        var followUp = await Database.PlanVisitAsync(Logins.TeacherA, d => d with { Date = Database.VisitToday().AddDays(9), FollowUpOfId = earlier });

        SignInAs(Logins.TeacherA);
        var cut = RenderPanel(followUp);

        var row = cut.Find($"[data-testid=visit-earlier-goals] [data-testid=earlier-goal-{goal}]");
        Assert.Contains("Lopende doelen van eerdere bezoeken", cut.Find("[data-testid=visit-earlier-goals]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ik geef de instructie in hooguit tien minuten.", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("na het bezoek van do 26 nov", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("evalueren op di 15 dec", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/bezoeken/{earlier}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(row.QuerySelectorAll("button"));
        Assert.Contains("Nog geen nieuwe doelen bij dit bezoek", cut.Find("[data-testid=goals-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_teacher_of_the_school_is_told_they_have_no_access()
    {
        var id = await Database.PlanVisitAsync(Logins.TeacherA);
        SignInAs(Database.OtherTeacherAtSchoolOf(Logins.TeacherA));

        var cut = Render<VisitDetailPanel>(p => p.Add(x => x.VisitId, id));

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=visit-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=visit-detail]"));
    }

    [Fact]
    public async Task The_overview_page_lists_visits_under_their_stage_with_links_to_plan_the_agenda_and_teachers()
    {
        var planned = await Database.PlanVisitAsync(Logins.TeacherA);
        var observed = await Database.ObservedVisitAsync(Logins.TeacherB);

        var cut = Render<VisitsPage>();
        cut.WaitForElement("[data-testid=visits-this-week]");

        Assert.Single(cut.FindAll($"[data-testid=visits-this-week] [data-visit-id='{planned}']"));
        Assert.Single(cut.FindAll($"[data-testid=visits-awaiting-feedback] [data-visit-id='{observed}']"));
        Assert.Equal($"/bezoeken/{planned}", cut.Find($"[data-visit-id='{planned}'] [data-testid=visit-card-link]").GetAttribute("href"));
        Assert.Equal("/bezoeken/nieuw", cut.Find("[data-testid=visit-new]").GetAttribute("href"));
        Assert.Equal("/agenda", cut.Find("[data-testid=visits-agenda]").GetAttribute("href"));
        Assert.Equal("/coaching/leerkrachten", cut.Find("[data-testid=visits-teachers]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_visit_card_shows_where_the_visit_comes_from_as_an_icon_with_its_words_for_screen_readers_not_as_text()
    {
        var earlier = await Database.ObservedVisitAsync(Logins.TeacherA);
        var followUp = await Database.PlanVisitAsync(Logins.TeacherA, d => d with { Date = Database.VisitToday().AddDays(3), FollowUpOfId = earlier, Focus = "Specifieke feedback" });

        var cut = Render<VisitsPage>();
        cut.WaitForElement($"[data-testid=visit-card][data-visit-id='{followUp}']");

        var card = cut.Find($"[data-testid=visit-card][data-visit-id='{followUp}']");
        Assert.Equal("Vervolgbezoek", card.QuerySelector("[data-testid=visit-source-follow-up]")!.GetAttribute("aria-label"));
        Assert.Equal("Specifieke feedback", card.QuerySelector("[data-testid=visit-card-focus]")!.TextContent.Trim());
        Assert.Null(cut.Find($"[data-testid=visit-card][data-visit-id='{earlier}']").QuerySelector("[data-testid=visit-source-follow-up]"));
    }

    [Fact]
    public void A_teacher_opening_the_overview_is_pointed_to_their_own_coaching_page()
    {
        SignInAs(Logins.TeacherA);

        var cut = Render<VisitsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Mijn coaching", cut.Find("[data-testid=visits-not-ib]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=visit-new]"));
    }

    [Fact]
    public async Task The_dashboard_card_links_each_visit_of_the_selected_schools()
    {
        var atA = await Database.PlanVisitAsync(Logins.TeacherA);
        var observedB = await Database.ObservedVisitAsync(Logins.TeacherB);

        var cut = Render<UpcomingVisitsCard>(p => p.Add(x => x.SchoolIds, [Database.SchoolId(Logins.SchoolA), Database.SchoolId(Logins.SchoolB)]));
        cut.WaitForElement("[data-testid=agenda-visit]");

        Assert.Equal($"/bezoeken/{atA}", cut.Find($"[data-testid=agenda-visit][data-visit-id='{atA}']").GetAttribute("href"));
        Assert.Equal("Nagesprek te doen", cut.Find($"[data-testid=agenda-visit][data-visit-id='{observedB}'] [data-testid=agenda-visit-waiting]").TextContent.Trim());
        Assert.Empty(cut.FindAll($"[data-testid=agenda-visit][data-visit-id='{atA}'] [data-testid=agenda-visit-waiting]"));
        Assert.Contains("d-flex", cut.Find($"[data-testid=agenda-visit][data-visit-id='{atA}'] .agenda-when").ClassName, StringComparison.Ordinal);
        Assert.Contains("agenda-row", cut.Find($"[data-testid=agenda-visit][data-visit-id='{atA}']").ClassName, StringComparison.Ordinal);

        cut.Render(p => p.Add(x => x.SchoolIds, [Database.SchoolId(Logins.SchoolA)]));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=agenda-visit][data-visit-id='{observedB}']")));
        Assert.Single(cut.FindAll($"[data-testid=agenda-visit][data-visit-id='{atA}']"));
    }

    [Fact]
    public void The_IBer_plans_a_visit_from_a_concern()
    {
        var concern = Database.RaiseConcernAbout(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));

        var cut = Render<ConcernDetailPanel>(p => p.Add(x => x.ConcernId, concern));
        cut.WaitForElement("[data-testid=concern-detail]");

        Assert.Equal($"/bezoeken/nieuw?signalering={concern}", cut.Find("[data-testid=concern-plan-visit]").GetAttribute("href"));
    }

    [Fact]
    public void The_teacher_sees_no_button_to_plan_a_visit_from_their_concern()
    {
        var concern = Database.RaiseConcernAbout(Logins.TeacherA, Database.NewPupilIn(Logins.TeacherA));
        SignInAs(Logins.TeacherA);

        var cut = Render<ConcernDetailPanel>(p => p.Add(x => x.ConcernId, concern));
        cut.WaitForElement("[data-testid=concern-detail]");

        Assert.Empty(cut.FindAll("[data-testid=concern-plan-visit]"));
    }
}
