using Bunit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Privacy;

namespace IbPortal.Tests.RetentionTests;

public sealed class CareRecordRetentionPageTests : RetentionPageContext
{
    public CareRecordRetentionPageTests() : base(DemoDataSeeder.PrivacyOfficerLogin) { }

    [Fact]
    public void The_dry_run_names_each_type_of_care_record_in_Dutch_with_its_ids()
    {
        var s = CareRecordRetentionScenario.Create(Database);
        var cut = Render<RetentionPage>();

        cut.WaitForElement("[data-testid=retention-preview-button]").Click();

        var care = cut.WaitForElement("[data-testid=report-kind][data-kind=care-data]");
        var ids = care.QuerySelector("[data-testid=report-ids]")!.TextContent;
        var reports = s.IdsOf(RetentionKinds.ExternalExpertReportRecord, (s.Leaver, s.SchoolA), (s.Mover, s.SchoolA)).Order();
        Assert.Contains($"2 verslagen van externe deskundigen: nrs. {string.Join(", ", reports)}", ids, StringComparison.Ordinal);
        foreach (var words in new[] { "oudergesprekken", "toestemmingen", "ouders/verzorgers", "OPP's", "doelen uit plannen", "evaluaties van doelen",
                     "ondersteuningsplannen", "wijzigingen van het ondersteuningsniveau", "leerlingregels uit besprekingen", "agendapunten", "actiepunten" })
            Assert.Contains(words, ids, StringComparison.Ordinal);
        Assert.DoesNotContain(CareRecordRetentionScenario.Secret, cut.Markup, StringComparison.Ordinal);
    }
}
