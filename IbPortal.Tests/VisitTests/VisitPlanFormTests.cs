using Bunit;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IbPortal.Tests.VisitTests;

/// <summary>The plan form: prefill from a concern or earlier visit, Dutch errors per field that keep the input, saving.</summary>
public sealed class VisitPlanFormTests : PortalComponentContext
{
    public VisitPlanFormTests() : base(Logins.CareCoordinator) { }

    private IRenderedComponent<VisitPlanForm> RenderForm(VisitPlanPrefill? prefill = null, Action<int>? onSaved = null)
    {
        var cut = Render<VisitPlanForm>(p =>
        {
            p.Add(f => f.Prefill, prefill);
            if (onSaved is not null)
                p.Add(f => f.OnSaved, onSaved);
        });
        cut.WaitForElement("[data-testid=visit-form]");
        return cut;
    }

    private static string? InputValue(IRenderedComponent<VisitPlanForm> cut, string testId) =>
        cut.Find($"[data-testid={testId}] input").GetAttribute("value");

    [Fact]
    public void Opened_from_a_concern_the_group_its_teacher_and_the_focus_are_filled_in_and_saving_links_the_concern()
    {
        var pupil = Database.NewPupilIn(Logins.TeacherA, "Sanne");
        var concern = Database.RaiseConcernAbout(Logins.TeacherA, pupil, DevelopmentArea.Cognitive);
        int? saved = null;

        var cut = RenderForm(new VisitPlanPrefill { ConcernId = concern }, id => saved = id);

        Assert.Contains("Groep 5", InputValue(cut, "visit-group") ?? "", StringComparison.Ordinal);
        Assert.Equal("Mark Hofstede (groep 5)", InputValue(cut, "visit-teacher"));
        Assert.Equal(("2026-11-25", "09:00", "45"), (InputValue(cut, "visit-date"), InputValue(cut, "visit-time"), InputValue(cut, "visit-duration")));
        Assert.Equal("Naar aanleiding van een signalering (cognitief).", cut.Find("[data-testid=visit-focus] textarea").TextContent.Trim());
        Assert.Contains("signalering over Sanne", cut.Find("[data-testid=visit-source-concern] [data-testid=visit-source-quote]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/signaleringen/{concern}", cut.Find("[data-testid=visit-source-concern] [data-testid=visit-source-link]").GetAttribute("href"));
        Assert.Contains("eigen woorden", cut.Find("[data-testid=visit-focus]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=visit-time] input").Change("13:30");
        cut.Find("[data-testid=visit-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        var visit = Database.StoredVisit(saved!.Value);
        Assert.Equal((concern, Database.StaffId(Logins.TeacherA), new DateTime(2026, 11, 25, 13, 30, 0, DateTimeKind.Utc)),
            (visit.ConcernId, visit.TeacherId, visit.ScheduledAt));
    }

    [Fact]
    public void The_group_options_name_each_groups_teacher_under_a_header_per_school()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderForm(new VisitPlanPrefill { GroupId = Database.TaughtGroup(Logins.TeacherA) });

        Assert.Equal("Groep 5 · Mark Hofstede · OBS De Vlinderboom", InputValue(cut, "visit-group"));
        cut.Find("[data-testid=visit-group] .mud-input-control.mud-select").MouseDown();

        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        var headers = popovers.FindAll("[data-testid=visit-group-school]").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("OBS De Vlinderboom", headers);
        Assert.Equal(2, headers.Count);
        Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == "Groep 5 · Mark Hofstede");
    }

    [Fact]
    public void Wrong_input_shows_a_Dutch_message_per_field_keeps_everything_typed_and_saves_nothing()
    {
        var before = Database.VisitCount();
        var cut = RenderForm(new VisitPlanPrefill { GroupId = Database.TaughtGroup(Logins.TeacherA) });

        cut.Find("[data-testid=visit-date] input").Change("2026-11-20");
        cut.Find("[data-testid=visit-time] input").Change("10:15");
        cut.Find("[data-testid=visit-duration] input").Change("300");
        cut.Find("[data-testid=visit-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=visit-form-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Deze datum is al voorbij. Kies vandaag of een latere dag.", cut.Find("[data-testid=visit-date]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Kies een duur van 10 tot 240 minuten.", cut.Find("[data-testid=visit-duration]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Schrijf op waar je op let", cut.Find("[data-testid=visit-focus]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kies", cut.Find("[data-testid=visit-time]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("2026-11-20", "10:15", "300"), (InputValue(cut, "visit-date"), InputValue(cut, "visit-time"), InputValue(cut, "visit-duration")));
        Assert.Equal("Mark Hofstede (groep 5)", InputValue(cut, "visit-teacher"));
        Assert.Equal(before, Database.VisitCount());

        // Correcting the fields and saving again works with what was kept.
        cut.Find("[data-testid=visit-date] input").Change("2026-11-27");
        cut.Find("[data-testid=visit-duration] input").Change("60");
        cut.Find("[data-testid=visit-focus] textarea").Change("Rust bij de overgangen");
        cut.Find("[data-testid=visit-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(before + 1, Database.VisitCount()));
    }

    [Fact]
    public void A_date_that_is_not_a_date_is_named_as_such_and_kept()
    {
        var cut = RenderForm(new VisitPlanPrefill { GroupId = Database.TaughtGroup(Logins.TeacherA) });

        cut.Find("[data-testid=visit-date] input").Change("volgende week");
        cut.Find("[data-testid=visit-focus] textarea").Change("Instructie");
        cut.Find("[data-testid=visit-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Vul een geldige datum in", cut.Find("[data-testid=visit-date]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Instructie", cut.Find("[data-testid=visit-focus] textarea").TextContent.Trim());
    }

    [Fact]
    public async Task Opened_from_a_cancelled_visit_it_says_that_this_will_not_be_a_follow_up()
    {
        var earlier = await Database.PlanVisitAsync(Logins.TeacherA);
        await Database.Visits(Logins.CareCoordinator).CancelAsync(earlier, 0);

        var cut = RenderForm(new VisitPlanPrefill { FollowUpOfId = earlier });

        Assert.Contains("geannuleerd", cut.Find("[data-testid=visit-source-followup]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Mark Hofstede (groep 5)", InputValue(cut, "visit-teacher"));
    }

    [Fact]
    public void A_teacher_is_told_that_the_IBer_plans_visits_and_the_attempt_is_audited()
    {
        SignInAs(Logins.TeacherA);

        var cut = Render<VisitPlanForm>();

        cut.WaitForAssertion(() => Assert.Contains("Alleen de intern begeleider plant klassenbezoeken", cut.Find("[data-testid=visit-form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=visit-save]"));
        Assert.Equal(AuditOutcome.Refused, Assert.Single(Database.VisitAudit(VisitAuditActions.PlanOptions, Logins.TeacherA)).Outcome);
    }

    [Fact]
    public void The_page_reads_the_teacher_from_the_query_and_goes_to_the_new_visit_after_saving()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/bezoeken/nieuw?leerkracht={Database.StaffId(Logins.TeacherB)}");

        var cut = Render<VisitPlanPage>();
        cut.WaitForElement("[data-testid=visit-form]");
        Assert.Contains("Samira Ouali", cut.Find("[data-testid=visit-teacher] input").GetAttribute("value") ?? "", StringComparison.Ordinal);
        cut.Find("[data-testid=visit-focus] textarea").Change("Differentiatie in de combinatiegroep");
        cut.Find("[data-testid=visit-save]").Click();

        cut.WaitForAssertion(() => Assert.Matches(@"/bezoeken/\d+$", navigation.Uri));
        var id = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Database.StaffId(Logins.TeacherB), Database.StoredVisit(id).TeacherId);
    }
}
