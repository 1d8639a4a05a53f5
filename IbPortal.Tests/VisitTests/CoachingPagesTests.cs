using Bunit;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using static IbPortal.Tests.VisitTests.CoachingScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>"Mijn coaching" for the teacher, and the IB'er's teacher list and per-teacher history.</summary>
public sealed class CoachingPagesTests : PortalComponentContext
{
    private const string Coached = "lk-coach";
    private readonly int _groupA;
    private readonly int _teacher;

    public CoachingPagesTests() : base(Logins.CareCoordinator)
    {
        _groupA = CurrentGroupOf(Database, Logins.TeacherA);
        _teacher = AddTeacher(Database, Coached, Logins.SchoolA, _groupA);
    }

    private static DateTime Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void My_coaching_puts_reflections_to_write_on_top_linking_to_the_visit_then_visits_goals_and_help()
    {
        var toReflect = AddVisit(Database, _teacher, _groupA, Utc(2026, 11, 17), VisitStatus.FeedbackGiven);
        var upcoming = AddVisit(Database, _teacher, _groupA, Utc(2026, 12, 1, 9));
        var completed = AddVisit(Database, _teacher, _groupA, Utc(2026, 10, 6), VisitStatus.FeedbackGiven, reflected: true);
        var goal = AddGoal(Database, _teacher, Logins.SchoolA, reviewOn: new DateOnly(2026, 12, 15), description: "Ik geef de instructie in hooguit tien minuten.");
        AddGoal(Database, _teacher, Logins.SchoolA, CoachingGoalStatus.Achieved, description: "Ik start elke dag met de dagplanning.");
        AddRequest(Database, _teacher, Logins.SchoolA);
        AddRequest(Database, _teacher, Logins.SchoolA, SupportRequestStatus.InProgress);
        SignInAs(Coached);

        var cut = Render<MyCoachingPage>();

        cut.WaitForElement("[data-testid=coaching-reflections]");
        Assert.Equal($"/bezoeken/{toReflect}#reflectie", cut.Find($"[data-testid=coaching-reflect-{toReflect}]").GetAttribute("href"));
        Assert.Contains("di 17 nov", cut.Find($"[data-testid=coaching-reflection-prompt][data-visit-id='{toReflect}']").TextContent, StringComparison.Ordinal);
        var markup = cut.Markup;
        Assert.True(markup.IndexOf("data-testid=\"coaching-reflections\"", StringComparison.Ordinal) < markup.IndexOf("data-testid=\"coaching-upcoming\"", StringComparison.Ordinal),
            "The reflection prompts come first.");

        var next = cut.Find($"[data-testid=coaching-upcoming] [data-visit-id='{upcoming}']");
        Assert.Equal($"/bezoeken/{upcoming}", next.GetAttribute("href"));
        Assert.Contains("di 1 dec 09:00", next.TextContent, StringComparison.Ordinal);
        Assert.Equal("Planned", next.QuerySelector("[data-testid=visit-stage]")!.GetAttribute("data-stage"));
        var past = cut.Find($"[data-testid=coaching-past] [data-visit-id='{toReflect}']");
        var pastStage = past.QuerySelector("[data-testid=visit-stage]")!;
        Assert.Equal(("AwaitingReflection", "Reflectie volgt"), (pastStage.GetAttribute("data-stage"), pastStage.TextContent.Trim()));
        Assert.Contains("mud-chip-color-info", pastStage.ClassName, StringComparison.Ordinal); // the same colour as on the visit page
        Assert.Contains("reflectie geschreven", cut.Find($"[data-testid=coaching-past] [data-visit-id='{completed}']").TextContent, StringComparison.Ordinal);

        var active = cut.Find($"[data-testid=coaching-goals-active] [data-goal-id='{goal}']");
        Assert.Contains("Ik geef de instructie in hooguit tien minuten.", active.TextContent, StringComparison.Ordinal);
        Assert.Contains("evalueren op di 15 dec", active.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid^=coaching-goal-achieved]"));
        Assert.Contains("Afgeronde doelen (1)", cut.Find("[data-testid=coaching-goals-closed-panel]").TextContent, StringComparison.Ordinal);

        Assert.Equal("/hulpvragen", cut.Find("[data-testid=coaching-help-link]").GetAttribute("href"));
        Assert.Equal("1 vraag wacht op de intern begeleider, 1 vraag is opgepakt.", cut.Find("[data-testid=coaching-help-counts]").TextContent.Trim());
    }

    [Fact]
    public void A_teacher_without_visits_or_goals_is_told_what_happens_next()
    {
        SignInAs(Coached);

        var cut = Render<MyCoachingPage>();

        cut.WaitForElement("[data-testid=coaching-upcoming-empty]");
        Assert.Contains("Vraag het via \"Hulp vragen\"", cut.Find("[data-testid=coaching-upcoming-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Na een bezoek", cut.Find("[data-testid=coaching-past-empty]").TextContent, StringComparison.Ordinal);
        Assert.Contains("spreek je samen met de intern begeleider", cut.Find("[data-testid=coaching-goals-active] [data-testid=coaching-goals-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=coaching-reflections]"));
        Assert.Equal("Hulp vragen", cut.Find("[data-testid=coaching-help-link]").TextContent.Trim());
    }

    [Fact]
    public void Someone_who_is_no_teacher_is_told_what_the_page_is_for()
    {
        SignInAs(Logins.Quality);

        var cut = Render<MyCoachingPage>();

        cut.WaitForAssertion(() => Assert.Contains("Deze pagina is voor leerkrachten", cut.Find("[data-testid=my-coaching-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_teacher_list_flags_teachers_not_visited_links_to_their_history_and_to_planning_and_narrows_by_school()
    {
        AddVisit(Database, _teacher, _groupA, Utc(2026, 10, 20), VisitStatus.FeedbackGiven);
        var unvisited = AddTeacher(Database, "lk-nog-niet", Logins.SchoolA, _groupA);
        var teacherB = Database.StaffId(Logins.TeacherB);

        var cut = Render<CoachingTeachersPage>();

        cut.WaitForElement("[data-testid=coaching-teachers]");
        var visited = cut.Find($"[data-testid=coaching-teacher][data-staff-id='{_teacher}']");
        Assert.Empty(visited.QuerySelectorAll("[data-testid=coaching-not-visited]"));
        Assert.Contains("di 20 okt", visited.QuerySelector("[data-testid=coaching-last-visit]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/coaching/leerkrachten/{_teacher}", visited.QuerySelector("[data-testid=coaching-teacher-link]")!.GetAttribute("href"));
        Assert.Equal($"/bezoeken/nieuw?leerkracht={_teacher}", visited.QuerySelector("[data-testid=coaching-plan-visit]")!.GetAttribute("href"));
        var notYet = cut.Find($"[data-testid=coaching-teacher][data-staff-id='{unvisited}']");
        Assert.Equal("nog niet bezocht dit schooljaar", notYet.QuerySelector("[data-testid=coaching-not-visited]")!.TextContent.Trim());
        // Nothing to tell beyond that: no line of zeroes.
        Assert.Empty(notYet.QuerySelectorAll("[data-testid=coaching-visit-count]"));
        var order = cut.FindAll("[data-testid=coaching-teacher]").Select(e => e.GetAttribute("data-staff-id")).ToList();
        Assert.True(order.IndexOf(unvisited.ToString(System.Globalization.CultureInfo.InvariantCulture)) < order.IndexOf(_teacher.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(cut.FindAll($"[data-testid=coaching-teacher][data-staff-id='{teacherB}']"));

        cut.Find($"[data-testid=coaching-school-{Database.SchoolId(Logins.SchoolB)}]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=coaching-teacher][data-staff-id='{teacherB}']")));
        Assert.NotEmpty(cut.FindAll($"[data-testid=coaching-teacher][data-staff-id='{_teacher}']"));
    }

    [Fact]
    public void The_teacher_list_tells_a_teacher_where_their_own_coaching_is()
    {
        SignInAs(Coached);

        var cut = Render<CoachingTeachersPage>();

        cut.WaitForAssertion(() => Assert.Contains("Mijn coaching", cut.Find("[data-testid=coaching-teachers-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_history_shows_visits_with_feedback_and_reflection_goals_and_requests_with_links()
    {
        var visit = AddVisit(Database, _teacher, _groupA, Utc(2026, 10, 20), VisitStatus.FeedbackGiven);
        var goal = AddGoal(Database, _teacher, Logins.SchoolA, visitId: visit, description: "Ik werk met een instructietafel.");
        var request = AddRequest(Database, _teacher, Logins.SchoolA, SupportRequestStatus.InProgress, SupportTopic.Group, _groupA);

        var cut = Render<TeacherHistoryPage>(p => p.Add(x => x.StaffId, _teacher));

        cut.WaitForElement("[data-testid=history-visits]");
        Assert.Equal($"Coach {Coached}", cut.Find("[data-testid=history-name]").TextContent.Trim());
        var row = cut.Find($"[data-testid=history-visits] [data-visit-id='{visit}']");
        Assert.Equal($"/bezoeken/{visit}", row.GetAttribute("href"));
        Assert.Contains("nagesprek vastgelegd", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("nog geen reflectie", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ik werk met een instructietafel.", cut.Find($"[data-goal-id='{goal}']").TextContent, StringComparison.Ordinal);
        var requestRow = cut.Find($"[data-testid=history-request][data-request-id='{request}']");
        Assert.Equal($"/hulpvragen/{request}", requestRow.GetAttribute("href"));
        Assert.Contains("Met de groep (groep 5)", requestRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Opgepakt", requestRow.QuerySelector("[data-testid=history-request-status]")!.TextContent.Trim());
        Assert.DoesNotContain(QuestionMarker, cut.Markup, StringComparison.Ordinal);
        Assert.Equal($"/bezoeken/nieuw?leerkracht={_teacher}", cut.Find("[data-testid=history-plan-visit]").GetAttribute("href"));
    }

    [Fact]
    public void The_IBer_closes_a_goal_as_achieved_and_reopens_it_from_the_history()
    {
        var goal = AddGoal(Database, _teacher, Logins.SchoolA, description: "Ik sluit elke les af met een terugblik.");

        var cut = Render<TeacherHistoryPage>(p => p.Add(x => x.StaffId, _teacher));
        cut.WaitForElement($"[data-testid=coaching-goal-achieved-{goal}]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Achieved", cut.Find($"[data-goal-id='{goal}']").GetAttribute("data-status")));
        Assert.Equal(CoachingGoalStatus.Achieved, StoredGoal(Database, goal).Status);
        Assert.Contains("bereikt", cut.Find($"[data-goal-id='{goal}']").TextContent, StringComparison.Ordinal);

        cut.Find($"[data-testid=coaching-goal-reopen-{goal}]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Active", cut.Find($"[data-goal-id='{goal}']").GetAttribute("data-status")));
        Assert.Equal(CoachingGoalStatus.Active, StoredGoal(Database, goal).Status);
    }

    [Fact]
    public async Task A_goal_someone_else_closed_meanwhile_gives_a_clear_message_and_the_latest_state()
    {
        var goal = AddGoal(Database, _teacher, Logins.SchoolA);
        var cut = Render<TeacherHistoryPage>(p => p.Add(x => x.StaffId, _teacher));
        cut.WaitForElement($"[data-testid=coaching-goal-drop-{goal}]");
        await Database.Service<CoachingGoalService>(Logins.CareCoordinator).CloseAsync(goal, 0, achieved: true);

        cut.Find($"[data-testid=coaching-goal-drop-{goal}]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Iemand anders heeft dit coachingsdoel net gewijzigd", cut.Find("[data-testid=coaching-goal-error]").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal("Achieved", cut.Find($"[data-goal-id='{goal}']").GetAttribute("data-status")));
        Assert.Equal(CoachingGoalStatus.Achieved, StoredGoal(Database, goal).Status);
    }

    [Fact]
    public void Adding_a_goal_shows_Dutch_field_errors_keeps_the_input_and_then_saves()
    {
        var cut = Render<TeacherHistoryPage>(p => p.Add(x => x.StaffId, _teacher));
        cut.WaitForElement("[data-testid=history-goal-add]");
        cut.Find("[data-testid=history-goal-review] input").Change("2026-11-01");

        cut.Find("[data-testid=history-goal-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Beschrijf het doel", cut.Find("[data-testid=history-goal-description]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Deze datum is al voorbij", cut.Find("[data-testid=history-goal-review]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-01", cut.Find("[data-testid=history-goal-review] input").GetAttribute("value"));
        Assert.Empty(GoalsOf(Database, _teacher));

        cut.Find("[data-testid=history-goal-description] textarea").Change("Ik geef de instructie in hooguit tien minuten.");
        cut.Find("[data-testid=history-goal-review] input").Change("2026-12-15");
        cut.Find("[data-testid=history-goal-add]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-goal-list] [data-testid=coaching-goal]")));
        var stored = Assert.Single(GoalsOf(Database, _teacher));
        Assert.Equal(("Ik geef de instructie in hooguit tien minuten.", (DateOnly?)new DateOnly(2026, 12, 15), Database.SchoolId(Logins.SchoolA)),
            (stored.Description, stored.ReviewOn, stored.SchoolId));
    }

    [Fact]
    public void An_IBer_of_the_other_school_is_shown_no_history()
    {
        AddPerson(Database, "ib-alleen-b", [(PortalRole.CareCoordinator, Logins.SchoolB)]);
        AddVisit(Database, _teacher, _groupA, Utc(2026, 10, 20), VisitStatus.FeedbackGiven);
        SignInAs("ib-alleen-b");

        var cut = Render<TeacherHistoryPage>(p => p.Add(x => x.StaffId, _teacher));

        cut.WaitForAssertion(() => Assert.Contains("alleen leerkrachten van de scholen", cut.Find("[data-testid=history-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=coaching-visit]"));
        Assert.DoesNotContain(FocusMarker, cut.Markup, StringComparison.Ordinal);
    }
}
