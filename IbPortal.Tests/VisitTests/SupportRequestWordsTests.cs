using System.Globalization;
using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>One set of words for support requests on every page: topics, status for the IB'er and for the asking teacher.</summary>
public class SupportRequestLabelTests
{
    [Theory]
    [InlineData(SupportTopic.Pupil, "Met een leerling")]
    [InlineData(SupportTopic.Group, "Met de groep")]
    [InlineData(SupportTopic.OwnPractice, "Eigen aanpak")]
    public void A_topic_has_the_same_words_on_the_request_pages_and_in_the_coaching_history(SupportTopic topic, string words)
    {
        Assert.Equal(words, topic.Label());
        Assert.Equal(words, CoachingLabels.TopicText(topic));
    }

    [Theory]
    [InlineData(SupportRequestStatus.Open, "Nog niet opgepakt")]
    [InlineData(SupportRequestStatus.InProgress, "Opgepakt")]
    [InlineData(SupportRequestStatus.Closed, "Afgesloten")]
    public void A_status_has_the_same_words_for_the_IBer_everywhere(SupportRequestStatus status, string words)
    {
        Assert.Equal(words, status.Label());
        Assert.Equal(words, CoachingLabels.RequestStatusText(status));
    }

    [Fact]
    public async Task The_asking_teacher_reads_an_open_request_as_sent_and_the_IBer_as_not_yet_picked_up()
    {
        using var database = new TestDatabase();
        var id = await S.AskAboutGroupAsync(database, Logins.TeacherA, "Graag meekijken");
        var summary = (await S.Requests(database, Logins.CareCoordinator).FindSummaryAsync(id))!;

        Assert.Equal("Verstuurd", summary.StatusLabel(forAskingTeacher: true));
        Assert.Equal("Nog niet opgepakt", summary.StatusLabel());
        Assert.DoesNotContain("Nieuw", summary.StatusLabel(), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The words and the compact rows on the card, the list page and the detail.</summary>
public class SupportRequestWordsTests : PortalComponentContext
{
    public SupportRequestWordsTests() : base(Logins.CareCoordinator) { }

    private int[] BothSchools => [Database.SchoolId(Logins.SchoolA), Database.SchoolId(Logins.SchoolB)];

    [Fact]
    public async Task A_live_request_on_the_card_has_the_nieuw_badge_next_to_its_status_and_the_topic_words()
    {
        S.CloseAllRequests(Database);
        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));

        await S.AskAboutGroupAsync(Database, Logins.TeacherB, "Mijn groep is onrustig na de pauze.");

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=support-request-row]");
            Assert.Equal("nieuw", row.QuerySelector("[data-testid=new-badge]")!.TextContent.Trim());
            Assert.Equal("Nog niet opgepakt", row.QuerySelector("[data-testid=support-request-status]")!.TextContent.Trim());
            Assert.Contains("Met de groep", row.QuerySelector("[data-testid=support-request-about]")!.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_card_clamps_each_question_to_two_lines_and_says_how_many_more_there_are()
    {
        S.CloseAllRequests(Database);
        for (var i = 0; i < SupportRequestsCard.MaxRows + 2; i++)
            await S.AskAboutGroupAsync(Database, Logins.TeacherA, $"Vraag {i.ToString(CultureInfo.InvariantCulture)}: " + new string('x', 120));

        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));

        cut.WaitForAssertion(() => Assert.Equal(SupportRequestsCard.MaxRows, cut.FindAll("[data-testid=support-request-row]").Count));
        var more = cut.Find("[data-testid=support-requests-more]");
        Assert.Equal("en 2 meer · Alle hulpvragen", more.TextContent.Trim());
        Assert.Equal("/hulpvragen", more.GetAttribute("href"));
        Assert.Equal((SupportRequestsCard.MaxRows + 2).ToString(CultureInfo.InvariantCulture), cut.Find("[data-testid=support-requests-count]").TextContent.Trim());
        Assert.All(cut.FindAll("[data-testid=support-request-excerpt]"), e => Assert.Contains("-webkit-line-clamp:2", e.GetAttribute("style"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_with_few_requests_has_no_more_link()
    {
        S.CloseAllRequests(Database);
        await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Een vraag");

        var cut = Render<SupportRequestsCard>(p => p.Add(c => c.SchoolIds, BothSchools));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=support-request-row]")));
        Assert.Empty(cut.FindAll("[data-testid=support-requests-more]"));
    }

    [Fact]
    public async Task The_IBers_tabs_are_not_yet_picked_up_picked_up_and_closed()
    {
        S.CloseAllRequests(Database);
        await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Nog te doen");

        var cut = Render<SupportRequestsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-tabs]")));
        var tabs = cut.FindAll("[data-testid=support-request-tabs] .mud-tab").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["Nog niet opgepakt (1)", "Opgepakt (0)", "Afgesloten"], tabs);
        Assert.Equal("Hulpvragen", cut.Find("[data-testid=support-requests-title]").TextContent.Trim());
        Assert.Equal("Nog niet opgepakt", cut.Find("[data-testid=support-request-list] [data-testid=support-request-status]").TextContent.Trim());
    }

    [Fact]
    public async Task The_teachers_page_is_called_Hulp_vragen_like_the_menu_and_their_open_request_reads_Verstuurd()
    {
        SignInAs(Logins.TeacherA);
        await S.AskAboutGroupAsync(Database, Logins.TeacherA, "Mijn eigen vraag");

        var cut = Render<SupportRequestsPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=my-support-requests] [data-testid=support-request-row]")));
        Assert.Equal("Hulp vragen", cut.Find("[data-testid=support-requests-title]").TextContent.Trim());
        Assert.Contains(cut.FindAll("[data-testid=my-support-requests] [data-testid=support-request-status]"), s => s.TextContent.Trim() == "Verstuurd");
        Assert.DoesNotContain(cut.FindAll("[data-testid=support-request-status]"), s => s.TextContent.Trim() is "Nieuw" or "Nog niet opgepakt");
        Assert.NotNull(cut.Find("[data-testid=topic-own]"));
        Assert.Equal("Eigen aanpak", cut.Find("[data-testid=topic-own]").TextContent.Trim());
    }

    [Fact]
    public async Task The_close_form_goes_back_with_Terug_not_Annuleren()
    {
        var (id, _) = await S.AskAboutPupilAsync(Database);
        var cut = Render<SupportRequestDetailPanel>(p => p.Add(c => c.RequestId, id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=support-request-close]")));
        Assert.Contains("Met een leerling", cut.Find("[data-testid=support-request-meta]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=support-request-close]").Click();
        var form = cut.Find("[data-testid=support-request-close-form]");
        Assert.DoesNotContain("Annuleren", form.TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=support-request-close-form] [data-testid=support-request-form-back]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=support-request-close-form]")));
        Assert.Equal(SupportRequestStatus.Open, S.Stored(Database, id).Status);
    }
}
