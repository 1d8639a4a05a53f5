using AngleSharp.Dom;
using Bunit;
using IbPortal.Admin;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using MudBlazor;
using MudBlazor.Extensions;

namespace IbPortal.Tests.AdminTests;

public sealed class StaffAdminPageTests : AdminComponentContext
{
    public StaffAdminPageTests() : base(Logins.Administrator) { }

    private int SchoolA => Database.SchoolId(Logins.SchoolA);

    private static IElement Row(IRenderedComponent<StaffAdminPage> cut, string login) =>
        cut.Find($"td[data-login='{login}']").ParentElement!;

    private static IRenderedComponent<StaffAdminPage> Search(IRenderedComponent<StaffAdminPage> cut, string text)
    {
        cut.Find("[data-testid=staff-search] input").Input(text);
        return cut;
    }

    private IRenderedComponent<StaffAdminPage> RenderPage()
    {
        var cut = Render<StaffAdminPage>();
        cut.WaitForElement("[data-testid=staff-table]");
        return cut;
    }

    [Fact]
    public void The_search_narrows_the_list_and_each_person_shows_their_roles_per_school()
    {
        var cut = RenderPage();

        Search(cut, "Verbeek");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=staff-login]")));
        var chips = Row(cut, Logins.CareCoordinator).QuerySelectorAll("[data-testid=role-chip]");
        Assert.Equal(2, chips.Length);
        Assert.All(chips, c => Assert.Equal("CareCoordinator", c.GetAttribute("data-role")));
        Assert.All(chips, c => Assert.Contains("Intern begeleider", c.TextContent, StringComparison.Ordinal));
        Assert.Contains(chips, c => c.QuerySelector(".school-tag")?.TextContent == Logins.SchoolA);
    }

    [Fact]
    public void A_search_without_matches_says_what_to_do()
    {
        var cut = RenderPage();

        Search(cut, "zzz-niemand");

        cut.WaitForAssertion(() => Assert.Contains("Niemand gevonden voor \"zzz-niemand\"", cut.Find("[data-testid=staff-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Assigning_a_role_through_the_form_saves_it_audits_it_and_shows_the_chip()
    {
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));

        Row(cut, Logins.TeacherA).QuerySelector("[data-testid=assign-open]")!.Click();
        cut.WaitForElement("[data-testid=assign-form]");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<PortalRole?>>().Instance.SelectOption(PortalRole.CareCoordinator));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.SelectOption((int?)SchoolA));
        cut.Find("[data-testid=assign-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Row(cut, Logins.TeacherA).QuerySelectorAll("[data-testid=role-chip]"),
            c => c.GetAttribute("data-role") == "CareCoordinator"));
        Assert.Empty(cut.FindAll("[data-testid=assign-form]"));
        Assert.Contains((PortalRole.CareCoordinator, SchoolA, RoleAssignmentSources.Local), Database.RolesOf(Logins.TeacherA));
        Assert.Single(Database.AuditEntries(), e => e.Action.StartsWith("role.assign.", StringComparison.Ordinal) && e.RecordId == Database.StaffId(Logins.TeacherA));
    }

    [Fact]
    public async Task An_error_is_shown_at_the_person_and_keeps_what_was_chosen()
    {
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));

        Row(cut, Logins.TeacherA).QuerySelector("[data-testid=assign-open]")!.Click();
        cut.WaitForElement("[data-testid=assign-form]");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<PortalRole?>>().Instance.SelectOption(PortalRole.Teacher));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.SelectOption((int?)SchoolA));
        cut.Find("[data-testid=assign-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Deze medewerker heeft de rol Leerkracht op deze school al.", cut.Find("[data-testid=row-error]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=assign-form]"));
        Assert.Equal(PortalRole.Teacher, cut.FindComponent<MudSelect<PortalRole?>>().Instance.GetState(x => x.Value));
        Assert.Equal(SchoolA, cut.FindComponent<MudSelect<int?>>().Instance.GetState(x => x.Value));
    }

    [Fact]
    public void Submitting_the_form_without_a_role_asks_for_one_and_saves_nothing()
    {
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));
        var before = Database.LastAuditId();

        Row(cut, Logins.TeacherA).QuerySelector("[data-testid=assign-open]")!.Click();
        cut.Find("[data-testid=assign-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Kies de rol die je wilt toekennen.", cut.Find("[data-testid=assign-role]").TextContent, StringComparison.Ordinal));
        Assert.Single(Database.RolesOf(Logins.TeacherA));
        Assert.Empty(Database.AuditEntriesAfter(before));
    }

    [Fact]
    public void Removing_a_role_asks_first_and_cancelling_keeps_it()
    {
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));

        Row(cut, Logins.TeacherA).QuerySelector("[data-testid=role-revoke]")!.Click();

        var confirm = cut.WaitForElement("[data-testid=confirm]");
        Assert.Contains("Rol Leerkracht op", confirm.TextContent, StringComparison.Ordinal);
        Assert.Single(Database.RolesOf(Logins.TeacherA));

        cut.Find("[data-testid=confirm-no]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=confirm]")));
        Assert.Single(Database.RolesOf(Logins.TeacherA));
        Assert.DoesNotContain(Database.AuditEntries(), e => e.Action.StartsWith("role.revoke", StringComparison.Ordinal));
    }

    [Fact]
    public void Confirming_the_removal_revokes_the_role_and_audits_it()
    {
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));

        Row(cut, Logins.TeacherA).QuerySelector("[data-testid=role-revoke]")!.Click();
        cut.WaitForElement("[data-testid=confirm-yes]").Click();

        cut.WaitForAssertion(() => Assert.Empty(Row(cut, Logins.TeacherA).QuerySelectorAll("[data-testid=role-chip]")));
        Assert.Empty(Database.RolesOf(Logins.TeacherA));
        var entry = Assert.Single(Database.AuditEntries(), e => e.Action.StartsWith("role.revoke", StringComparison.Ordinal));
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
    }

    [Fact]
    public void Removing_a_role_from_Entra_warns_that_the_next_Entra_sign_in_may_grant_it_again()
    {
        Database.AddEntraRole(Logins.TeacherA, PortalRole.QualityCoordinator, Logins.SchoolA);
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));

        var entraChip = Row(cut, Logins.TeacherA).QuerySelectorAll("[data-testid=role-chip]").Single(c => c.GetAttribute("data-role") == "QualityCoordinator");
        Assert.Contains("Entra", entraChip.TextContent, StringComparison.Ordinal);
        entraChip.QuerySelector("[data-testid=role-revoke]")!.Click();

        var note = cut.WaitForElement("[data-testid=confirm-note]");
        Assert.Contains("volgende aanmelding via Entra ID", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_a_person_off_asks_first_then_deactivates_them()
    {
        var cut = Search(RenderPage(), "Hofstede");
        cut.WaitForAssertion(() => Row(cut, Logins.TeacherA));

        Row(cut, Logins.TeacherA).QuerySelector("[data-testid=staff-active] input")!.Change(false);

        var confirm = cut.WaitForElement("[data-testid=confirm]");
        Assert.Contains("uitschakelen", confirm.TextContent, StringComparison.Ordinal);
        Assert.True(Database.IsActive(Logins.TeacherA));

        cut.Find("[data-testid=confirm-yes]").Click();

        cut.WaitForAssertion(() => Assert.Contains("uitgeschakeld", Row(cut, Logins.TeacherA).TextContent, StringComparison.Ordinal));
        Assert.False(Database.IsActive(Logins.TeacherA));
        Assert.Single(Database.AuditEntries(), e => e.Action == "staff.deactivate");
    }
}

public sealed class StaffAdminPageForNonAdministratorTests : AdminComponentContext
{
    public StaffAdminPageForNonAdministratorTests() : base(Logins.CareCoordinator) { }

    [Fact]
    public void A_care_coordinator_is_told_the_page_is_for_administrators_and_sees_no_staff()
    {
        var cut = Render<StaffAdminPage>();

        cut.WaitForAssertion(() => Assert.Contains("Deze pagina is voor beheerders", cut.Find("[data-testid=staff-admin-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=staff-table]"));
        Assert.Single(Database.AuditEntries(), e => e.Action == "staff.list" && e.Outcome == AuditOutcome.Refused);
    }
}
