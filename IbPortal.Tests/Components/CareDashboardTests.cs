using Bunit;
using IbPortal.Dashboard;
using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.Components;

public class CareDashboardTests : PortalComponentContext
{
    public CareDashboardTests() : base(Logins.CareCoordinator) { }

    [Fact]
    public void Dashboard_shows_the_new_concerns_of_both_schools_and_their_counts()
    {
        using var db = Database.CreateContext();
        var newConcerns = db.Concerns.Where(c => c.Status == ConcernStatus.New).Select(c => c.SchoolId).ToList();
        Assert.Equal(2, newConcerns.Distinct().Count()); // the seed has new concerns at both schools

        var cut = Render<CareDashboard>();

        cut.WaitForAssertion(() => Assert.Equal(newConcerns.Count, cut.FindAll("[data-testid=concern-card]").Count));
        Assert.Equal(newConcerns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("[data-testid=counter-new] [data-testid=counter-value]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=school-groups]").Count);
        Assert.Contains("OBS De Vlinderboom", cut.Markup);
        Assert.Contains("CBS Het Anker", cut.Markup);
    }

    [Fact]
    public async Task A_published_concern_adds_a_card_with_a_new_badge_and_updates_the_counter_without_reload()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=concern-card]")));
        var cardsBefore = cut.FindAll("[data-testid=concern-card]").Count;
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0)); // subscribed after first render

        var pupilId = Database.PupilOf(Logins.TeacherB);
        string pupilName;
        using (var db = Database.CreateContext())
        {
            var pupil = db.Pupils.Single(p => p.Id == pupilId);
            pupilName = pupil.FullName;
        }
        var id = await Database.Concerns(Logins.TeacherB).RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.Cognitive,
            Observation = "Rekenen stagneert.",
            Urgency = Urgency.Urgent,
        });

        cut.WaitForAssertion(() =>
        {
            var cards = cut.FindAll("[data-testid=concern-card]");
            Assert.Equal(cardsBefore + 1, cards.Count);
            var card = cards.Single(c => c.GetAttribute("data-concern-id") == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(pupilName, card.TextContent);
            Assert.NotNull(card.QuerySelector("[data-testid=new-badge]"));
            Assert.Contains("needs-attention", card.ClassList);
            Assert.Equal((cardsBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                cut.Find("[data-testid=counter-new] [data-testid=counter-value]").TextContent.Trim());
        });
    }

    [Fact]
    public async Task Leaving_the_dashboard_ends_its_subscription()
    {
        var cut = Render<CareDashboard>();
        cut.WaitForAssertion(() => Assert.True(Database.Events.SubscriberCount > 0));

        await DisposeComponentsAsync();

        Assert.Equal(0, Database.Events.SubscriberCount);
    }
}
