using System.Globalization;
using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The IB'er's live dashboard card of support requests.</summary>
public class SupportRequestCardTests : PortalComponentContext
{
    public SupportRequestCardTests() : base(Logins.CareCoordinator) { }

    private int[] BothSchools => [Database.SchoolId(Logins.SchoolA), Database.SchoolId(Logins.SchoolB)];

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_request_asked_after_the_first_render_appears_at_once_highlighted_and_announced()
    {
        S.CloseAllRequests(Database);
        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-requests-empty]")));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0)); // subscribed after the first render

        // The teacher's service publishes through the test context's IPortalEvents.
        var id = await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Mijn groep is onrustig na de pauze.");

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=support-request-row]"));
            Assert.Equal(Id(id), row.GetAttribute("data-request-id"));
            Assert.Equal($"/hulpvragen/{id}", row.GetAttribute("href"));
            Assert.Contains("Samira Ouali", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Mijn groep is onrustig na de pauze.", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("HA", row.QuerySelector(".school-tag")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(row.QuerySelector("[data-testid=new-badge]"));
            Assert.Contains("is-fresh", row.ClassList);
            Assert.Equal("1", cut.Find("[data-testid=support-requests-count]").TextContent.Trim());
        });
        var snackbars = Services.GetRequiredService<ISnackbar>().ShownSnackbars;
        Assert.Contains(snackbars, s => s.Message == "Nieuwe hulpvraag van Samira Ouali");
    }

    [Fact]
    public async Task The_card_shows_open_and_picked_up_requests_of_the_selected_schools_and_drops_a_closed_one_live()
    {
        S.CloseAllRequests(Database);
        var atA = await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Vraag op de Vlinderboom");
        var pickedUp = await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Al opgepakt");
        await S.Requests(Database, Logins.CareCoordinator).PickUpAsync(pickedUp, 0);
        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Vraag op het Anker");

        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, new[] { Database.SchoolId(Logins.SchoolA) }));
        cut.WaitForAssertion(() => Assert.Equal([Id(atA), Id(pickedUp)],
            cut.FindAll("[data-testid=support-request-row]").Select(r => r.GetAttribute("data-request-id"))));
        Assert.DoesNotContain("Vraag op het Anker", cut.Markup, StringComparison.Ordinal); // the request at the unselected school
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));

        await S.Requests(Database, Logins.CareCoordinator).CloseAsync(atA, 0, "Samen besproken.");

        cut.WaitForAssertion(() => Assert.Equal([Id(pickedUp)],
            cut.FindAll("[data-testid=support-request-row]").Select(r => r.GetAttribute("data-request-id"))));
    }

    [Fact]
    public void Without_open_requests_the_card_says_what_will_happen()
    {
        S.CloseAllRequests(Database);

        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));

        cut.WaitForAssertion(() => Assert.Contains("Geen open hulpvragen", cut.Find("[data-testid=support-requests-empty]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=support-requests-card]"));
    }

    [Fact]
    public async Task Leaving_the_card_ends_its_subscription()
    {
        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));

        await DisposeComponentsAsync();

        Assert.Equal(0, Database.Events.SubscriberCount);
    }
}

/// <summary>The teacher's "Hulp vragen" form.</summary>
public class SupportRequestFormTests : PortalComponentContext
{
    public SupportRequestFormTests() : base(Logins.TeacherA) { }

    private SupportRequestAskOptions Options() => S.Requests(Database, Logins.TeacherA).GetAskOptionsAsync().GetAwaiter().GetResult();

    [Fact]
    public void Submitting_an_empty_form_shows_a_Dutch_message_per_field_and_saves_nothing()
    {
        var before = S.RequestCount(Database);
        var submitted = false;
        var cut = Render<SupportRequestForm>(p => p.Add(f => f.Options, Options()).Add(f => f.OnSubmitted, (int _) => submitted = true));

        cut.Find("[data-testid=support-request-submit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Kies waar je hulp bij wilt: met een leerling, met de groep of met je eigen aanpak.", cut.Find("[data-testid=topic-error]").TextContent.Trim());
            Assert.Contains("Schrijf je hulpvraag: waar loop je tegenaan, en wat zou je willen?", cut.Find("[data-testid=question]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=support-request-form-error]").TextContent, StringComparison.Ordinal);
        });
        Assert.False(submitted);
        Assert.Equal(before, S.RequestCount(Database));
        Assert.Empty(Database.Events.Published);
    }

    [Fact]
    public void A_missing_pupil_is_marked_at_the_pupil_field_and_the_question_and_choices_are_kept()
    {
        var cut = Render<SupportRequestForm>(p => p.Add(f => f.Options, Options()));

        cut.Find("[data-testid=topic-pupil]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=pupil]")));
        cut.Find("[data-testid=question] textarea").Input("Hij haakt af bij de verlengde instructie.");
        cut.Find("[data-testid=support-request-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Kies de leerling waar je vraag over gaat.", cut.Find("[data-testid=pupil]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Hij haakt af bij de verlengde instructie.", cut.Find("[data-testid=question] textarea").TextContent.Trim());
        Assert.Contains("groep 5", cut.Find("[data-testid=group]").TextContent, StringComparison.Ordinal); // the one group stays chosen
        Assert.Contains("mud-chip-selected", cut.Find("[data-testid=topic-pupil]").ClassName, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=topic-error]"));
    }

    [Fact]
    public void A_question_about_the_group_is_sent_with_the_teachers_group_and_reported()
    {
        int? submittedId = null;
        var cut = Render<SupportRequestForm>(p => p.Add(f => f.Options, Options()).Add(f => f.OnSubmitted, (int id) => submittedId = id));

        cut.Find("[data-testid=topic-group]").Click();
        cut.Find("[data-testid=question] textarea").Input("Hoe krijg ik meer rust bij het zelfstandig werken?");
        cut.Find("[data-testid=support-request-submit]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(submittedId));
        var stored = S.Stored(Database, submittedId!.Value);
        Assert.Equal((SupportTopic.Group, S.GroupOf(Database, Logins.TeacherA), "Hoe krijg ik meer rust bij het zelfstandig werken?"),
            (stored.Topic, stored.GroupId!.Value, stored.Question));
        var published = Assert.IsType<Domain.Events.SupportRequestChanged>(Assert.Single(Database.Events.Published));
        Assert.Equal(submittedId, published.RequestId);
    }

    [Fact]
    public async Task The_page_shows_the_form_and_the_teachers_own_requests_with_the_IBers_answer()
    {
        var id = await S.AskAboutGroupAsync(Database);
        await S.Requests(Database, Logins.CareCoordinator).CloseAsync(id, 0, "We plannen een klassenbezoek in.");

        var cut = Render<SupportRequestsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-form]")));
        var mine = cut.Find("[data-testid=my-support-requests]");
        Assert.Contains("We plannen een klassenbezoek in.", mine.TextContent, StringComparison.Ordinal);
        Assert.Contains("Afgesloten", mine.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=support-request-tabs]"));
    }
}

/// <summary>The request's detail page: the IB'er's actions and the teacher's withdrawal.</summary>
public class SupportRequestDetailTests : PortalComponentContext
{
    public SupportRequestDetailTests() : base(Logins.CareCoordinator) { }

    [Fact]
    public async Task The_IBer_picks_up_and_closes_a_request_and_an_empty_answer_is_marked_at_its_field()
    {
        var (id, _) = await S.AskAboutPupilAsync(Database);
        var cut = Render<SupportRequestDetailPanel>(p => p.Add(c => c.RequestId, id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-pick-up]")));
        Assert.Equal($"/bezoeken/nieuw?hulpvraag={id}", cut.Find("[data-testid=support-request-plan-visit]").GetAttribute("href"));

        cut.Find("[data-testid=support-request-pick-up]").Click();
        cut.WaitForAssertion(() => Assert.Equal(SupportRequestStatus.InProgress, S.Stored(Database, id).Status));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=support-request-pick-up]")));

        cut.Find("[data-testid=support-request-close]").Click();
        cut.Find("[data-testid=close-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains(TeacherSupportRequestService.ResponseRequiredMessage, cut.Find("[data-testid=close-response]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=close-response] textarea").Change("Samen de instructie voorbereid.");
        cut.Find("[data-testid=close-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Samen de instructie voorbereid.", cut.Find("[data-testid=support-request-response]").TextContent, StringComparison.Ordinal));
        Assert.Equal(SupportRequestStatus.Closed, S.Stored(Database, id).Status);
        Assert.NotNull(cut.Find("[data-testid=support-request-reopen]"));
    }

    [Fact]
    public async Task The_IBer_records_a_coaching_goal_from_the_request()
    {
        var (id, _) = await S.AskAboutPupilAsync(Database);
        var cut = Render<SupportRequestDetailPanel>(p => p.Add(c => c.RequestId, id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-add-goal]")));

        cut.Find("[data-testid=support-request-add-goal]").Click();
        cut.Find("[data-testid=goal-description] textarea").Change("Ik geef de instructie in hooguit tien minuten.");
        cut.Find("[data-testid=goal-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Ik geef de instructie in hooguit tien minuten.", cut.Find("[data-testid=support-request-goal]").TextContent, StringComparison.Ordinal));
        Assert.Equal(SupportRequestStatus.InProgress, S.Stored(Database, id).Status);
    }

    [Fact]
    public async Task The_teacher_withdraws_an_open_request_after_confirming()
    {
        SignInAs(Logins.TeacherA);
        var (id, _) = await S.AskAboutPupilAsync(Database);
        var cut = Render<SupportRequestDetailPanel>(p => p.Add(c => c.RequestId, id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-withdraw]")));
        Assert.Empty(cut.FindAll("[data-testid=support-request-actions]"));
        Assert.Equal("Verstuurd", cut.Find("[data-testid=support-request-status]").TextContent.Trim()); // as the asking teacher reads it

        cut.Find("[data-testid=support-request-withdraw]").Click();
        cut.Find("[data-testid=withdraw-confirm]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-withdrawn]")));
        Assert.Equal(SupportRequestStatus.Closed, S.Stored(Database, id).Status);
        Assert.Empty(cut.FindAll("[data-testid=support-request-withdraw]"));
        cut.WaitForAssertion(() => Assert.Equal("Ingetrokken", cut.Find("[data-testid=support-request-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task Someone_who_may_not_see_the_request_gets_the_access_message()
    {
        var (id, _) = await S.AskAboutPupilAsync(Database);
        SignInAs(Logins.TeacherB);

        var cut = Render<SupportRequestDetailPanel>(p => p.Add(c => c.RequestId, id));

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=support-request-error]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Noor", cut.Markup, StringComparison.Ordinal);
    }
}
