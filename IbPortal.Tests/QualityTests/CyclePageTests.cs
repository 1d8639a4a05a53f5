using Bunit;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Quality.Cycle;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static IbPortal.Tests.QualityTests.CycleTestData;

namespace IbPortal.Tests.QualityTests;

/// <summary>The quality cycle's pages: the goals of a school and year, one goal, and the printable yearly overview.</summary>
public sealed class CyclePageTests : PortalComponentContext
{
    // The test clock: Tuesday 24 November 2026 (school year 2026-2027).
    public CyclePageTests() : base(Logins.Quality) { }

    private int SchoolA => School(Database, Logins.SchoolA);
    private int SchoolB => School(Database, Logins.SchoolB);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private void Open(string url) => Navigation.NavigateTo(url);

    private QualityCycleService Cycle => Database.Service<QualityCycleService>(Logins.Quality);

    private static string? InputValue<T>(IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.Find($"[data-testid={testId}] input").GetAttribute("value");

    /// <summary>Opens a MudSelect by its wrapper's test id and picks the option whose text starts with <paramref name="text"/>.</summary>
    private static void Pick<T>(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<T> cut, string testId, string text) where T : IComponent
    {
        cut.Find($"[data-testid={testId}] .mud-input-control.mud-select").MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Click();
    }

    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    // ---- The goals of a school and year ----

    [Fact]
    public void A_year_without_goals_says_what_to_do_next()
    {
        Open($"/kwaliteit/cyclus?school={SchoolB}&jaar=2026");

        var cut = Render<QualityCyclePage>();

        cut.WaitForAssertion(() => Assert.Equal(
            "Nog geen kwaliteitsdoelen voor 2026-2027. Begin met één doel: wat wil de school dit jaar verbeteren?",
            cut.Find("[data-testid=cycle-empty]").TextContent.Trim()));
        Assert.Equal("CBS Het Anker", cut.Find("[data-testid=cycle-school] input").GetAttribute("value"));
        Assert.Equal("2026-2027", cut.Find("[data-testid=cycle-year] input").GetAttribute("value"));
        Assert.Equal($"/kwaliteit/cyclus/jaaroverzicht?school={SchoolB}&jaar=2026", cut.Find("[data-testid=cycle-overview-link]").GetAttribute("href"));
    }

    [Fact]
    public void Without_a_query_the_first_school_and_the_current_year_show_with_each_goal_as_a_card_with_its_stage()
    {
        SignInAs(Logins.SchoolLeaderA);

        var cut = Render<QualityCyclePage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".goal-card").Count));
        Assert.Equal("OBS De Vlinderboom", cut.Find("[data-testid=cycle-school] input").GetAttribute("value"));
        var tied = cut.FindAll(".goal-card").First(c => c.TextContent.Contains("Signaleringen sneller oppakken", StringComparison.Ordinal));
        Assert.Equal("Do: de acties lopen.", tied.QuerySelector("[data-testid=goal-card-stage]")!.TextContent.Trim());
        Assert.Equal("1 te laat", tied.QuerySelector("[data-testid=goal-card-overdue]")!.TextContent.Trim());
        Assert.Equal(["done", "current", "todo", "todo"],
            tied.QuerySelectorAll("[data-testid=cycle-stepper] li").Select(li => li.GetAttribute("data-state")));
        Assert.Equal("Dagen tot de IB'er een signalering ziet (mediaan): van 4 dagen naar 2 dagen · laatst gemeten 3 dagen",
            Words(tied.QuerySelector("[data-testid=goal-card-figure]")!.TextContent));
    }

    [Fact]
    public void Creating_a_goal_saves_it_and_opens_the_goal()
    {
        Open($"/kwaliteit/cyclus?school={SchoolB}&jaar=2026");
        var cut = Render<QualityCyclePage>();
        cut.WaitForElement("[data-testid=cycle-empty]");

        cut.Find("[data-testid=goal-new]").Click();
        cut.Find("[data-testid=goal-title] input").Change("Rust na de pauze");
        cut.Find("[data-testid=goal-indicator-text] textarea").Change("Binnen vijf minuten aan het werk.");
        cut.Find("[data-testid=goal-save]").Click();

        cut.WaitForAssertion(() => Assert.Matches(@"/kwaliteit/cyclus/doelen/\d+$", Navigation.Uri));
        var id = int.Parse(Navigation.Uri.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var goal = StoredGoal(Database, id);
        Assert.Equal((SchoolB, 2026, "Rust na de pauze", "Binnen vijf minuten aan het werk.", QualityIndicator.None),
            (goal.SchoolId, goal.SchoolYearStart, goal.Title, goal.IndicatorText, goal.Indicator));
    }

    [Fact]
    public void A_goal_with_errors_shows_the_domains_message_per_field_keeps_the_input_and_saves_nothing()
    {
        var popovers = Render<MudPopoverProvider>();
        Open($"/kwaliteit/cyclus?school={SchoolB}&jaar=2026");
        var cut = Render<QualityCyclePage>();
        cut.WaitForElement("[data-testid=cycle-empty]");
        var before = GoalCount(Database);

        cut.Find("[data-testid=goal-new]").Click();
        cut.Find("[data-testid=goal-title] input").Change("Sneller oppakken");
        Pick(popovers, cut, "goal-indicator", "Dagen tot de IB'er");
        cut.WaitForElement("[data-testid=goal-target]");
        cut.Find("[data-testid=goal-baseline] input").Change("4,5");
        cut.Find("[data-testid=goal-target] input").Change("twee");
        cut.Find("[data-testid=goal-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=goal-form-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Vul een getal in, bijvoorbeeld 4 of 2,5.", cut.Find("[data-testid=goal-target]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("Sneller oppakken", "4,5", "twee"),
            (InputValue(cut, "goal-title"), InputValue(cut, "goal-baseline"), InputValue(cut, "goal-target")));

        cut.Find("[data-testid=goal-target] input").Change("2");
        cut.Find("[data-testid=goal-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Beschrijf waaraan jullie zien dat het doel bereikt is.",
            cut.Find("[data-testid=goal-indicator-text]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Vul een getal in", cut.Find("[data-testid=goal-target]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("Sneller oppakken", "4,5", "2"),
            (InputValue(cut, "goal-title"), InputValue(cut, "goal-baseline"), InputValue(cut, "goal-target")));
        Assert.Equal(before, GoalCount(Database));
    }

    [Fact]
    public void A_teacher_is_told_who_the_cycle_is_for()
    {
        SignInAs(Logins.TeacherA);

        var cut = Render<QualityCyclePage>();

        cut.WaitForAssertion(() => Assert.Equal(QualityCycleLinks.NotYoursText, cut.Find("[data-testid=cycle-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=goal-new]"));
    }

    // ---- One goal ----

    [Fact]
    public async Task Adding_an_action_on_the_goal_page_shows_it_with_owner_and_due_date_and_an_overdue_one_says_te_laat()
    {
        var id = await Cycle.CreateGoalAsync(SchoolB, Goal());
        await Cycle.AddActionAsync(id, Action(Database.StaffId(Logins.CareCoordinator), new DateOnly(2026, 11, 1), "Al te laat"));
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));
        cut.WaitForElement("[data-testid=action-form]");
        Assert.Equal("te laat", cut.Find("[data-testid=action-overdue]").TextContent.Trim());

        cut.Find("[data-testid=action-description] textarea").Change("Afspraken over binnenkomen");
        Pick(popovers, cut, "action-owner", "Samira Ouali");
        cut.Find("[data-testid=action-due] input").Change("2026-12-15");
        cut.Find("[data-testid=action-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=action-list] > li").Count));
        var added = cut.FindAll("[data-testid=action-list] > li").Single(li => li.TextContent.Contains("Afspraken over binnenkomen", StringComparison.Ordinal));
        Assert.Equal("Samira Ouali · klaar op di 15 dec", added.QuerySelector("[data-testid=action-meta]")!.TextContent.Trim());
        Assert.Null(added.QuerySelector("[data-testid=action-overdue]"));
        Assert.Equal("", cut.Find("[data-testid=action-description] textarea").TextContent);
        Assert.Equal(QualityCycleStage.Do, (await Cycle.GetGoalAsync(id)).Stage);
    }

    [Fact]
    public async Task An_action_without_owner_and_date_shows_both_messages_and_keeps_the_description()
    {
        var id = await Cycle.CreateGoalAsync(SchoolB, Goal());
        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));
        cut.WaitForElement("[data-testid=action-form]");

        cut.Find("[data-testid=action-description] textarea").Change("Teamvergadering plannen");
        cut.Find("[data-testid=action-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Kies wie de actie trekt.", cut.Find("[data-testid=action-owner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Kies de datum waarop de actie klaar moet zijn.", cut.Find("[data-testid=action-due]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Teamvergadering plannen", cut.Find("[data-testid=action-description] textarea").TextContent);
        Assert.Empty(StoredGoal(Database, id).Actions);
    }

    [Fact]
    public async Task Recording_a_check_on_the_goal_page_shows_it_and_moves_the_goal_to_act()
    {
        var id = await Cycle.CreateGoalAsync(SchoolB, Goal());
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));
        cut.WaitForElement("[data-testid=check-form]");
        Assert.NotNull(cut.Find("[data-testid=checks-empty]"));

        cut.Find("[data-testid=check-findings-field] textarea").Change("De bovenbouw start sneller.");
        Pick(popovers, cut, "check-result-field", "Op koers");
        cut.Find("[data-testid=check-save]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=check-list] > li")));
        var check = cut.Find("[data-testid=check-list] > li");
        Assert.Equal("Op koers", check.QuerySelector("[data-testid=check-result]")!.TextContent.Trim());
        Assert.Equal("De bovenbouw start sneller.", check.QuerySelector("[data-testid=check-findings]")!.TextContent.Trim());
        Assert.Null(check.QuerySelector("[data-testid=check-measured]"));
        Assert.Equal("Act: geëvalueerd. Besluit wat jullie bijstellen.", cut.Find("[data-testid=goal-stage]").TextContent.Trim());
        Assert.Single(StoredGoal(Database, id).Checks);
    }

    [Fact]
    public async Task A_check_without_findings_shows_the_message_and_saves_nothing()
    {
        var id = await Cycle.CreateGoalAsync(SchoolB, Goal());
        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));
        cut.WaitForElement("[data-testid=check-form]");

        cut.Find("[data-testid=check-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Schrijf op wat jullie zien", cut.Find("[data-testid=check-findings-field]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Kies hoe het doel ervoor staat", cut.Find("[data-testid=check-result-field]").TextContent, StringComparison.Ordinal);
        Assert.Empty(StoredGoal(Database, id).Checks);
    }

    [Fact]
    public async Task The_IBer_of_another_school_cannot_open_the_goal()
    {
        var id = await Cycle.CreateGoalAsync(SchoolA, Goal(year: 2027));
        AddPerson(Database, "ib-van-b", (PortalRole.CareCoordinator, Logins.SchoolB));
        SignInAs("ib-van-b");

        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));

        cut.WaitForAssertion(() => Assert.Contains("Dit kwaliteitsdoel kun je niet openen.", cut.Find("[data-testid=goal-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=section-plan]"));
        Assert.Equal(1, Refusals(Database, "ib-van-b"));
    }

    // ---- Someone else changed it in the meantime ----

    private const string Conflict = "Iemand anders heeft dit net gewijzigd.";

    [Fact]
    public async Task After_a_conflict_on_the_goal_form_the_typed_fields_stay_and_saving_again_succeeds()
    {
        var id = await Cycle.CreateGoalAsync(SchoolB, Goal());
        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));
        cut.WaitForElement("[data-testid=goal-edit]").Click();
        cut.Find("[data-testid=goal-title] input").Change("Rust na de pauze");
        cut.Find("[data-testid=goal-indicator-text] textarea").Change("Binnen drie minuten aan het werk.");
        await Database.Service<QualityCycleService>(Logins.CareCoordinator).EditGoalAsync(id, 0, Goal("Door de IB'er gewijzigd"));

        cut.Find("[data-testid=goal-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Conflict, cut.Find("[data-testid=goal-form-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Rust na de pauze", InputValue(cut, "goal-title"));
        Assert.Equal("Binnen drie minuten aan het werk.", cut.Find("[data-testid=goal-indicator-text] textarea").TextContent);
        Assert.Equal("Door de IB'er gewijzigd", StoredGoal(Database, id).Title);

        cut.Find("[data-testid=goal-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=goal-plan]")));
        Assert.Empty(cut.FindAll("[data-testid=goal-form]"));
        Assert.Equal("Rust na de pauze", cut.Find("[data-testid=goal-title-heading]").TextContent.Trim());
        var goal = StoredGoal(Database, id);
        Assert.Equal(("Rust na de pauze", "Binnen drie minuten aan het werk.", 2), (goal.Title, goal.IndicatorText, goal.Version));
    }

    [Fact]
    public async Task After_a_conflict_on_editing_an_action_the_typed_fields_stay_and_saving_again_changes_that_action()
    {
        var id = await Cycle.CreateGoalAsync(SchoolB, Goal());
        var owner = Database.StaffId(Logins.CareCoordinator);
        var actionId = await Cycle.AddActionAsync(id, Action(owner, new DateOnly(2026, 12, 15), "Afspraken maken"));
        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));
        cut.WaitForElement($"[data-testid=action-{actionId}] [data-testid=action-edit]").Click();
        cut.Find("[data-testid=action-description] textarea").Change("Afspraken maken met het hele team");
        cut.Find("[data-testid=action-due] input").Change("2027-01-22");
        await Database.Service<QualityCycleService>(Logins.CareCoordinator)
            .EditActionAsync(actionId, 0, Action(owner, new DateOnly(2026, 12, 15), "Door de IB'er gewijzigd"));

        cut.Find("[data-testid=action-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Conflict, cut.Find("[data-testid=action-form-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Afspraken maken met het hele team", cut.Find("[data-testid=action-description] textarea").TextContent);
        Assert.Equal("2027-01-22", InputValue(cut, "action-due"));
        Assert.Equal("Actie wijzigen", cut.Find("[data-testid=action-form] h3").TextContent.Trim());
        Assert.Contains("Door de IB'er gewijzigd", cut.Find($"[data-testid=action-{actionId}]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=action-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Afspraken maken met het hele team", cut.Find($"[data-testid=action-{actionId}]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=action-form-error]"));
        Assert.Equal("Actie toevoegen", cut.Find("[data-testid=action-form] h3").TextContent.Trim());
        var action = Assert.Single(StoredGoal(Database, id).Actions);
        Assert.Equal((actionId, "Afspraken maken met het hele team", new DateOnly(2027, 1, 22), 2), (action.Id, action.Description, action.DueOn, action.Version));
    }

    // ---- The measured value of a check ----

    /// <summary>A goal at the fresh school X tied to concerns per 100 pupils, ten pupils of whom <paramref name="withConcern"/> have one, checked by the IB'er.</summary>
    private async Task<int> CheckedGoalAtXAsync(int withConcern)
    {
        var world = new QualityWorld(Database);
        for (var i = 0; i < 10; i++)
        {
            if (i < withConcern)
                world.Concern(world.Group3, Domain.Concerns.DevelopmentArea.Cognitive, new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc));
            else
                world.NewPupil(world.Group3);
        }
        var ib = Database.Service<QualityCycleService>(Logins.CareCoordinator);
        var id = await ib.CreateGoalAsync(world.SchoolX, Goal(indicator: QualityIndicator.ConcernsPer100Pupils, baseline: 40, target: 20));
        await ib.RecordCheckAsync(id, new QualityCheckInput { Findings = "Rustiger in groep 3.", Result = QualityCheckResult.OnTrack });
        return id;
    }

    [Fact]
    public async Task A_check_on_a_figure_based_on_fewer_than_five_pupils_shows_niet_te_tonen_to_the_quality_coordinator()
    {
        var id = await CheckedGoalAtXAsync(withConcern: 3);

        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));

        cut.WaitForAssertion(() => Assert.Equal("Gemeten: niet te tonen (minder dan 5 leerlingen of nog geen gegevens)",
            Words(cut.Find("[data-testid=check-measured]").TextContent)));
        Assert.DoesNotContain("laatst gemeten", cut.Find("[data-testid=goal-figure]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_on_a_figure_based_on_five_or_more_pupils_shows_the_value()
    {
        var id = await CheckedGoalAtXAsync(withConcern: 6);

        var cut = Render<QualityGoalPage>(p => p.Add(x => x.GoalId, id));

        cut.WaitForAssertion(() => Assert.Equal("Gemeten: 60 per 100 leerlingen", Words(cut.Find("[data-testid=check-measured]").TextContent)));
        Assert.EndsWith("laatst gemeten 60 per 100 leerlingen", Words(cut.Find("[data-testid=goal-figure]").TextContent), StringComparison.Ordinal);
    }

    // ---- The yearly overview ----

    [Fact]
    public void The_yearly_overview_shows_every_section_as_a_table_and_prints()
    {
        Open($"/kwaliteit/cyclus/jaaroverzicht?school={SchoolA}&jaar=2026");
        var cut = Render<QualityYearOverviewPage>();

        cut.WaitForElement("[data-testid=overview-section-goals]");
        Assert.Equal("Jaaroverzicht kwaliteitscyclus OBS De Vlinderboom 2026-2027", cut.Find("[data-testid=overview-heading]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=overview-section-goals] tbody tr").Count);
        Assert.Equal(4, cut.FindAll("[data-testid=overview-section-actions] tbody tr").Count);
        Assert.Single(cut.FindAll("[data-testid=overview-section-checks] tbody tr"));
        Assert.Single(cut.FindAll("[data-testid=overview-section-adjustments] tbody tr"));
        Assert.Equal("1 actie te laat", Words(cut.Find("[data-testid=overview-actions-overdue]").TextContent));
        Assert.Equal(["Doel", "Stand", "Fase", "Waaraan zien we het?", "Cijfer", "Beginwaarde", "Streefwaarde", "Laatst gemeten", "Acties gedaan", "Acties open", "Te laat"],
            cut.FindAll("[data-testid=overview-section-goals] thead th").Select(th => th.TextContent.Trim()));
        Assert.Contains("no-print", cut.Find("[data-testid=cycle-filters]").ClassName, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=print]").Closest(".no-print"));

        cut.Find("[data-testid=print]").Click();

        JSInterop.VerifyInvoke("print");
    }

    [Fact]
    public void The_yearly_overview_of_a_year_without_goals_links_to_starting_one()
    {
        Open($"/kwaliteit/cyclus/jaaroverzicht?school={SchoolB}&jaar=2027");
        var cut = Render<QualityYearOverviewPage>();

        cut.WaitForElement("[data-testid=overview-empty]");
        Assert.Contains("Nog geen kwaliteitsdoelen voor 2027-2028.", cut.Find("[data-testid=overview-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/kwaliteit/cyclus?school={SchoolB}&jaar=2027", cut.Find("[data-testid=overview-empty] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=overview-section-goals]"));
    }
}
