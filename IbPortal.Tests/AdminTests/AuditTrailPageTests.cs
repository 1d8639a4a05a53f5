using Bunit;
using IbPortal.Domain.Audit;
using IbPortal.Privacy;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace IbPortal.Tests.AdminTests;

public sealed class AuditTrailPageTests : AdminComponentContext
{
    public AuditTrailPageTests() : base(AdminScenario.PrivacyOfficer)
    {
        var ib = Database.StaffId(Logins.CareCoordinator);
        var schoolA = Database.SchoolId(Logins.SchoolA);
        Database.Audit.RecordAsync(new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 1, 9001, schoolA, "CareCoordinator")).GetAwaiter().GetResult();
        Database.Clock.Advance(TimeSpan.FromMinutes(5));
        Database.Audit.RecordAsync(new AuditRecord(ib, "concern.read", AuditRecordKind.Concern, 2, 9002, schoolA, "CareCoordinator")).GetAwaiter().GetResult();
        Database.Clock.Advance(TimeSpan.FromMinutes(5));
        Database.Audit.RecordAsync(new AuditRecord(Database.StaffId(Logins.TeacherA), "concern.read", AuditRecordKind.Concern, 3, null, null, null,
            AuditOutcome.Refused)).GetAwaiter().GetResult();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<AuditTrailPage> RenderAt(string relativeUrl)
    {
        Navigation.NavigateTo(relativeUrl);
        var cut = Render<AuditTrailPage>();
        cut.WaitForElement("[data-testid=audit-results]");
        return cut;
    }

    private static List<string> PupilCells(IRenderedComponent<AuditTrailPage> cut) =>
        cut.FindAll("[data-testid=audit-pupil]").Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public void A_bookmarked_link_fills_the_filters_shows_only_matching_rows_and_exports_the_same()
    {
        var cut = RenderAt("/privacy/audit?leerling=9001");

        cut.WaitForAssertion(() => Assert.Equal(["9001"], PupilCells(cut)));
        Assert.Equal("9001", cut.Find("[data-testid=filter-pupil] input").GetAttribute("value"));
        var export = cut.Find("a[data-testid=audit-export]");
        Assert.Equal("/privacy/audit.csv?leerling=9001", export.GetAttribute("href"));
        Assert.True(export.HasAttribute("download"));   // so that Blazor's router lets the browser download it
        Assert.Contains("1 regel gevonden", cut.Find("[data-testid=audit-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bookmarked_outcome_and_user_show_in_the_filters()
    {
        var teacherA = Database.StaffId(Logins.TeacherA);

        var cut = RenderAt($"/privacy/audit?medewerker={teacherA}&uitkomst=geweigerd");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")));
        Assert.Contains("Geweigerd", cut.Find("[data-testid=audit-outcome]").TextContent, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Refused, cut.FindComponent<MudSelect<AuditOutcome?>>().Instance.GetState(x => x.Value));
        Assert.Equal(teacherA, cut.FindComponent<MudAutocomplete<AuditStaffOption>>().Instance.GetState(x => x.Value)?.Id);
        Assert.Equal($"/privacy/audit.csv?medewerker={teacherA}&uitkomst=geweigerd", cut.Find("a[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task Searching_puts_the_filters_in_the_URL_and_shows_the_matching_rows()
    {
        var cut = RenderAt("/privacy/audit");
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=audit-row]").Count));

        cut.Find("[data-testid=filter-pupil] input").Change("9002");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<AuditOutcome?>>().Instance.SelectOption(AuditOutcome.Allowed));
        cut.Find("[data-testid=audit-search]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/privacy/audit?leerling=9002&uitkomst=toegestaan", Navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(["9002"], PupilCells(cut)));
        Assert.Equal("/privacy/audit.csv?leerling=9002&uitkomst=toegestaan", cut.Find("a[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public void A_pupil_id_that_is_not_a_number_is_explained_and_kept()
    {
        var cut = RenderAt("/privacy/audit");
        var before = Navigation.Uri;

        cut.Find("[data-testid=filter-pupil] input").Change("Jan");
        cut.Find("[data-testid=audit-search]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Een leerling-id is een positief getal", cut.Find("[data-testid=filter-pupil]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Jan", cut.Find("[data-testid=filter-pupil] input").GetAttribute("value"));
        Assert.Equal(before, Navigation.Uri);
    }

    [Fact]
    public void A_link_with_a_filter_that_cannot_be_read_says_so_keeps_the_rest_and_searches_nothing()
    {
        var before = Database.LastAuditId();
        Navigation.NavigateTo("/privacy/audit?leerling=9001&van=gisteren");

        var cut = Render<AuditTrailPage>();

        cut.WaitForAssertion(() => Assert.Contains("jjjj-mm-dd", cut.Find("[data-testid=audit-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("9001", cut.Find("[data-testid=filter-pupil] input").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=audit-results]"));
        Assert.Empty(Database.AuditEntriesAfter(before));
    }

    [Fact]
    public void A_search_without_results_says_what_to_try()
    {
        var cut = RenderAt("/privacy/audit?leerling=424242");

        cut.WaitForAssertion(() => Assert.Contains("Maak de periode groter", cut.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_search_from_the_page_is_audited()
    {
        var before = Database.LastAuditId();

        var cut = RenderAt("/privacy/audit?leerling=9001");
        cut.WaitForAssertion(() => Assert.Equal(["9001"], PupilCells(cut)));

        var entry = Assert.Single(Database.AuditEntriesAfter(before));
        Assert.Equal(("audit.search", (int?)9001), (entry.Action, entry.PupilId));
    }
}

public sealed class AuditTrailPageForCareCoordinatorTests : AdminComponentContext
{
    public AuditTrailPageForCareCoordinatorTests() : base(Logins.CareCoordinator) { }

    [Fact]
    public void A_care_coordinator_is_told_the_audit_trail_is_for_the_privacy_officer()
    {
        var cut = Render<AuditTrailPage>();

        cut.WaitForAssertion(() => Assert.Contains("alleen voor de privacyfunctionaris", cut.Find("[data-testid=audit-denied]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=audit-results]"));
        Assert.Single(Database.AuditEntries(), e => e.Action == "audit.search" && e.Outcome == AuditOutcome.Refused);
    }
}
