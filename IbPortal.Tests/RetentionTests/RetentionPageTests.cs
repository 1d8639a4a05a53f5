using System.Globalization;
using Bunit;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Privacy;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace IbPortal.Tests.RetentionTests;

public class RetentionPageTests : RetentionPageContext
{
    public RetentionPageTests() : base(DemoDataSeeder.PrivacyOfficerLogin) { }

    [Fact]
    public void The_page_explains_the_periods_and_says_in_words_that_nothing_ran_yet()
    {
        var cut = Render<RetentionPage>();

        var empty = cut.WaitForElement("[data-testid=retention-runs-empty]");
        Assert.Contains("Er is nog niet opgeschoond", empty.TextContent, StringComparison.Ordinal);
        var periods = cut.FindAll("[data-testid=retention-period]");
        Assert.Equal(2, periods.Count);
        Assert.Contains("Zorggegevens: 2 jaar nadat de leerling de school verliet", Squash(periods[0].TextContent), StringComparison.Ordinal);
        Assert.Contains("Verwijzingen via het samenwerkingsverband: 3 jaar nadat de leerling de school verliet", Squash(periods[1].TextContent), StringComparison.Ordinal);
        Assert.Contains("toelaatbaarheidsverklaring", periods[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("oudergesprekken, toestemmingen", periods[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("elke nacht om 02:00", cut.Find("[data-testid=retention-schedule]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=retention-report]"));
    }

    [Fact]
    public void The_dry_run_shows_the_counts_and_ids_per_kind_and_removes_nothing()
    {
        var scenario = RetentionScenario.Create(Database);
        var concerns = Database.ConcernIds();
        var cut = Render<RetentionPage>();

        cut.WaitForElement("[data-testid=retention-preview-button]").Click();

        var report = cut.WaitForElement("[data-testid=retention-report]");
        Assert.Equal("true", report.GetAttribute("data-dry-run"));
        var care = cut.Find("[data-testid=report-kind][data-kind=care-data]");
        Assert.Equal(Text(scenario.ExpectedCareRecordCount),
            care.QuerySelector("[data-testid=report-count]")!.TextContent.Trim());
        var careIds = care.QuerySelector("[data-testid=report-ids]")!.TextContent;
        Assert.Contains($"{scenario.ExpectedConcernIds.Count} signaleringen: nrs. {string.Join(", ", scenario.ExpectedConcernIds.Order())}", careIds, StringComparison.Ordinal);
        Assert.Contains($"{scenario.ExpectedHistoryIds.Count} stappen uit de geschiedenis", careIds, StringComparison.Ordinal);
        var referral = cut.Find("[data-testid=report-kind][data-kind=referral-data]");
        Assert.Equal("0", referral.QuerySelector("[data-testid=report-count]")!.TextContent.Trim());
        var pupils = cut.Find("[data-testid=report-kind][data-kind=pupils]");
        Assert.Equal(Text(scenario.ExpectedAnonymized.Count), pupils.QuerySelector("[data-testid=report-count]")!.TextContent.Trim());
        Assert.Contains($"leerlingnrs. {string.Join(", ", scenario.ExpectedAnonymized.Order())}", pupils.TextContent, StringComparison.Ordinal);

        var row = Assert.Single(cut.FindAll("[data-testid=retention-run-row]"));
        Assert.Contains("Proefronde", row.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ma 15 jan 10:30", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(concerns, Database.ConcernIds());
        scenario.AssertNoNamesIn(cut.Find("[data-testid=retention-report]").TextContent);
    }

    [Fact]
    public void Nu_opschonen_removes_the_data_only_after_the_privacy_officer_confirms()
    {
        var scenario = RetentionScenario.Create(Database);
        var concerns = Database.ConcernIds();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<RetentionPage>();

        cut.WaitForElement("[data-testid=retention-run-button]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Nu opschonen?", dialogs.Markup, StringComparison.Ordinal));
        Button(dialogs, "Annuleren").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Nu opschonen?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(concerns, Database.ConcernIds());
        Assert.Empty(cut.FindAll("[data-testid=retention-report]"));

        cut.Find("[data-testid=retention-run-button]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Nu opschonen?", dialogs.Markup, StringComparison.Ordinal));
        Button(dialogs, "Ja, nu opschonen").Click();

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=retention-report]").GetAttribute("data-dry-run")));
        Assert.Equal(concerns.Except(scenario.ExpectedConcernIds).ToHashSet(), Database.ConcernIds());
        Assert.Equal(scenario.ExpectedAnonymized, Database.AnonymizedPupilIds());
        var row = Assert.Single(cut.FindAll("[data-testid=retention-run-row]"));
        Assert.Contains("Opgeschoond", row.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pieter Lammers", row.ParentElement.TextContent, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public class RetentionPageRefusalTests : RetentionPageContext
{
    public RetentionPageRefusalTests() : base(Logins.TeacherA) { }

    [Fact]
    public void A_teacher_sees_the_Dutch_refusal_and_no_buttons_and_the_refusal_is_audited()
    {
        var cut = Render<RetentionPage>();

        var denied = cut.WaitForElement("[data-testid=retention-denied]");
        Assert.Contains("Je hebt geen toegang tot deze gegevens", denied.TextContent, StringComparison.Ordinal);
        Assert.Contains("privacyfunctionaris", denied.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=retention-preview-button]"));
        Assert.Empty(cut.FindAll("[data-testid=retention-run-button]"));
        using var db = Database.CreateContext();
        var refusal = db.AuditEntries.AsNoTracking().Single(a => a.RecordKind == AuditRecordKind.Retention);
        Assert.Equal(AuditOutcome.Refused, refusal.Outcome);
        Assert.Equal(Database.StaffId(Logins.TeacherA), refusal.StaffMemberId);
    }
}
