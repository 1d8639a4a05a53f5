using AngleSharp.Dom;
using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IbPortal.Tests.VisitTests;

/// <summary>The administrator's kijkwijzer editor: the draft, publishing a new version, errors that keep the draft, and the history.</summary>
public sealed class KijkwijzerPageTests : PortalComponentContext
{
    public KijkwijzerPageTests() : base(Logins.Administrator) { }

    private CriteriaSetView Current() =>
        Database.Service<CriteriaSetService>(Logins.Administrator).GetCurrentAsync().GetAwaiter().GetResult();

    private IRenderedComponent<KijkwijzerPage> RenderPage()
    {
        var cut = Render<KijkwijzerPage>();
        cut.WaitForElement("[data-testid=kijkwijzer-history]");
        return cut;
    }

    private static IElement Field(IRenderedComponent<KijkwijzerPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea");

    private static string ValueOf(IElement field) =>
        field.TagName.Equals("TEXTAREA", StringComparison.OrdinalIgnoreCase) ? field.TextContent.Trim() : field.GetAttribute("value") ?? "";

    private List<ObservationCriteriaSet> Versions(int boardId)
    {
        using var db = Database.CreateContext();
        return db.ObservationCriteriaSets.AsNoTracking().Where(s => s.BoardId == boardId)
            .Include(s => s.Areas).ThenInclude(a => a.Criteria)
            .OrderBy(s => s.Version).ToList();
    }

    [Fact]
    public void The_page_shows_the_current_version_as_a_draft_and_the_history()
    {
        var current = Current();

        var cut = RenderPage();

        Assert.Equal(current.Name, ValueOf(Field(cut, "kijkwijzer-name")));
        for (var i = 0; i < current.Areas.Count; i++)
        {
            Assert.Equal(current.Areas[i].Name, ValueOf(Field(cut, $"kijkwijzer-area-{i}-name")));
            for (var j = 0; j < current.Areas[i].Criteria.Count; j++)
                Assert.Equal(current.Areas[i].Criteria[j].Text, ValueOf(Field(cut, $"kijkwijzer-criterion-{i}-{j}")));
        }
        Assert.Empty(cut.FindAll($"[data-testid=kijkwijzer-area-{current.Areas.Count}]"));
        Assert.Contains($"Versie {current.Version} is in gebruik", cut.Find("[data-testid=kijkwijzer-status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("in gebruik", cut.Find($"[data-testid=kijkwijzer-version-{current.Version}]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Publishing_after_confirmation_creates_the_next_version_with_the_edits_and_keeps_the_old_one()
    {
        var current = Current();
        var lastArea = current.Areas.Count - 1;
        var cut = RenderPage();

        Field(cut, "kijkwijzer-criterion-0-0").Change("De leerkracht zorgt zichtbaar voor rust.");
        Field(cut, "kijkwijzer-area-1-name").Change("Instructie en uitleg");
        cut.Find("[data-testid=kijkwijzer-area-1-up]").Click(); // "Instructie en uitleg" becomes the first area
        cut.Find($"[data-testid=kijkwijzer-add-criterion-{lastArea}]").Click();
        var added = current.Areas[lastArea].Criteria.Count;
        Field(cut, $"kijkwijzer-criterion-{lastArea}-{added}").Change("Leerlingen helpen elkaar.");
        cut.Find($"[data-testid=kijkwijzer-criterion-{lastArea}-0-remove]").Click();
        Field(cut, "kijkwijzer-change-note").Change("Instructie eerst; samenwerken toegevoegd.");
        cut.Find("[data-testid=kijkwijzer-publish]").Click();

        Assert.Contains("houden de versie waarmee ze gescoord zijn", cut.Find("[data-testid=kijkwijzer-publish-confirm-panel]").TextContent, StringComparison.Ordinal);
        Assert.Single(Versions(current.BoardId), v => v.Version == current.Version);
        Assert.DoesNotContain(Versions(current.BoardId), v => v.Version > current.Version);
        cut.Find("[data-testid=kijkwijzer-publish-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Versions(current.BoardId), v => v.Version == current.Version + 1));
        var published = Versions(current.BoardId).Single(v => v.Version == current.Version + 1);
        var areas = published.Areas.OrderBy(a => a.Position).ToList();
        Assert.Equal("Instructie en uitleg", areas[0].Name);
        Assert.Equal(current.Areas[0].Name, areas[1].Name);
        Assert.Equal("De leerkracht zorgt zichtbaar voor rust.", areas[1].Criteria.OrderBy(c => c.Position).First().Text);
        var last = areas[^1].Criteria.OrderBy(c => c.Position).Select(c => c.Text).ToList();
        Assert.Equal([.. current.Areas[lastArea].Criteria.Skip(1).Select(c => c.Text), "Leerlingen helpen elkaar."], last);
        Assert.Equal("Instructie eerst; samenwerken toegevoegd.", published.ChangeNote);
        Assert.Equal(Database.StaffId(Logins.Administrator), published.PublishedById);

        var old = Versions(current.BoardId).Single(v => v.Id == current.Id);
        Assert.Equal(current.Areas.Select(a => a.Name), old.Areas.OrderBy(a => a.Position).Select(a => a.Name));
        Assert.Equal(current.Areas[0].Criteria[0].Text, old.Areas.OrderBy(a => a.Position).First().Criteria.OrderBy(c => c.Position).First().Text);

        cut.WaitForAssertion(() => Assert.Contains($"Versie {current.Version + 1} is in gebruik", cut.Find("[data-testid=kijkwijzer-status]").TextContent, StringComparison.Ordinal));
        Assert.Contains("in gebruik", cut.Find($"[data-testid=kijkwijzer-version-{current.Version + 1}]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("in gebruik", cut.Find($"[data-testid=kijkwijzer-version-{current.Version}]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Instructie eerst; samenwerken toegevoegd.", cut.Find($"[data-testid=kijkwijzer-version-{current.Version + 1}]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Instructie en uitleg", ValueOf(Field(cut, "kijkwijzer-area-0-name")));
    }

    [Fact]
    public void Empty_fields_are_marked_with_Dutch_messages_nothing_is_published_and_the_draft_is_kept()
    {
        var current = Current();
        var cut = RenderPage();

        Field(cut, "kijkwijzer-name").Change("Kijkwijzer 2027");
        Field(cut, "kijkwijzer-criterion-0-1").Change("   ");
        cut.Find("[data-testid=kijkwijzer-add-area]").Click();
        var newArea = current.Areas.Count;
        cut.Find("[data-testid=kijkwijzer-publish]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Vul dit criterium in, of verwijder het.", cut.Find("[data-testid=kijkwijzer-criterion-0-1]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Geef dit gebied een naam.", cut.Find($"[data-testid=kijkwijzer-area-{newArea}-name]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Vul dit criterium in, of verwijder het.", cut.Find($"[data-testid=kijkwijzer-criterion-{newArea}-0]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Controleer de gemarkeerde velden", cut.Find("[data-testid=kijkwijzer-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=kijkwijzer-publish-confirm-panel]"));
        Assert.Equal("Kijkwijzer 2027", ValueOf(Field(cut, "kijkwijzer-name")));
        Assert.Equal(current.Areas[0].Criteria[0].Text, ValueOf(Field(cut, "kijkwijzer-criterion-0-0")));
        Assert.DoesNotContain(Versions(current.BoardId), v => v.Version > current.Version);
    }

    [Fact]
    public void Removing_every_area_asks_for_at_least_one()
    {
        var current = Current();
        var cut = RenderPage();

        for (var i = current.Areas.Count - 1; i >= 0; i--)
            cut.Find($"[data-testid=kijkwijzer-area-{i}-remove]").Click();
        cut.Find("[data-testid=kijkwijzer-publish]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Voeg minstens één gebied toe", cut.Find("[data-testid=kijkwijzer-areas-error]").TextContent.Trim(), StringComparison.Ordinal));
        cut.Find("[data-testid=kijkwijzer-reset]").Click();
        Assert.Equal(current.Areas[0].Name, ValueOf(Field(cut, "kijkwijzer-area-0-name")));
        Assert.Empty(cut.FindAll("[data-testid=kijkwijzer-areas-error]"));
    }

    [Fact]
    public async Task A_version_published_meanwhile_is_a_conflict_that_keeps_the_draft_and_offers_the_newest()
    {
        var current = Current();
        var cut = RenderPage();
        Field(cut, "kijkwijzer-criterion-0-0").Change("Mijn eigen formulering.");
        await Database.Service<CriteriaSetService>(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(current, "Van een collega."));

        cut.Find("[data-testid=kijkwijzer-publish]").Click();
        cut.Find("[data-testid=kijkwijzer-publish-confirm]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Er is intussen een nieuwere versie vastgesteld", cut.Find("[data-testid=kijkwijzer-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("Mijn eigen formulering.", ValueOf(Field(cut, "kijkwijzer-criterion-0-0")));
        Assert.Contains("Van een collega.", cut.Find($"[data-testid=kijkwijzer-version-{current.Version + 1}]").TextContent, StringComparison.Ordinal);
        Assert.Equal(current.Version + 1, Versions(current.BoardId).Max(v => v.Version));

        cut.Find("[data-testid=kijkwijzer-load-newest]").Click();

        cut.WaitForAssertion(() => Assert.Equal("De leerkracht zorgt zichtbaar voor een veilige sfeer.", ValueOf(Field(cut, "kijkwijzer-criterion-0-0"))));
        Assert.Contains($"Versie {current.Version + 1} is in gebruik", cut.Find("[data-testid=kijkwijzer-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=kijkwijzer-error]"));
    }

    [Fact]
    public async Task An_old_version_can_be_looked_at_from_the_history()
    {
        var old = Current();
        await Database.Service<CriteriaSetService>(Logins.Administrator).PublishAsync(ObservationScenario.ChangedDraft(old));
        var cut = RenderPage();

        cut.Find($"[data-testid=kijkwijzer-version-{old.Version}-show]").Click();

        cut.WaitForAssertion(() => Assert.Contains(old.Areas[0].Criteria[0].Text,
            cut.Find($"[data-testid=kijkwijzer-version-{old.Version}-criteria]").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find($"[data-testid=kijkwijzer-version-{old.Version}-show]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void The_IBer_sees_the_kijkwijzer_read_only()
    {
        var current = Current();
        SignInAs(Logins.CareCoordinator);

        var cut = RenderPage();

        Assert.Contains("Alleen de beheerder", cut.Find("[data-testid=kijkwijzer-readonly]").TextContent, StringComparison.Ordinal);
        Assert.Contains(current.Areas[0].Criteria[0].Text, cut.Find("[data-testid=kijkwijzer-criteria-list]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=kijkwijzer-publish]"));
        Assert.Empty(cut.FindAll("[data-testid=kijkwijzer-name]"));
    }

    [Fact]
    public void A_teacher_gets_the_access_message()
    {
        SignInAs(Logins.TeacherA);

        var cut = Render<KijkwijzerPage>();

        cut.WaitForAssertion(() => Assert.Contains("Je hebt geen toegang", cut.Find("[data-testid=kijkwijzer-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=kijkwijzer-publish]"));
    }

    [Fact]
    public void Leaving_with_an_unpublished_draft_asks_first_and_staying_keeps_the_draft()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage();
        Field(cut, "kijkwijzer-criterion-0-0").Change("Mijn eigen formulering.");

        navigation.NavigateTo("/beheer");
        dialogs.WaitForAssertion(() => Assert.Contains("nog niet vastgesteld", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Blijven").Click();

        NavigationWait.Until(navigation, NavigationState.Prevented);
        Assert.Equal("Mijn eigen formulering.", ValueOf(Field(cut, "kijkwijzer-criterion-0-0")));

        navigation.NavigateTo("/beheer");
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Weggaan zonder vaststellen").Click();
        NavigationWait.Until(navigation, NavigationState.Succeeded);
    }

    [Fact]
    public void Leaving_an_unchanged_or_undone_draft_goes_without_asking()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage();
        cut.Find("[data-testid=kijkwijzer-add-area]").Click();
        cut.Find("[data-testid=kijkwijzer-reset]").Click();

        navigation.NavigateTo("/beheer");

        NavigationWait.Until(navigation, NavigationState.Succeeded);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }
}
