using Bunit;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IbPortal.Domain.Quality;
using IbPortal.Quality;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using Microsoft.JSInterop;

namespace IbPortal.Tests.QualityTests;

public sealed class ExportButtonsTests : PortalComponentContext
{
    public ExportButtonsTests() : base(Logins.Quality) { }

    private IRenderedComponent<ExportButtons> RenderButtons(QualityTable table) =>
        Render<ExportButtons>(p => p.Add(x => x.Table, table));

    private (string FileName, string ContentType, byte[] Content) Downloaded()
    {
        var invocation = Assert.Single(JSInterop.Invocations, i => i.Identifier == ExportButtons.DownloadFunction);
        var stream = Assert.IsType<DotNetStreamReference>(invocation.Arguments[2]).Stream;
        // MemoryStream.ToArray also works once the component has disposed the stream after the call.
        return ((string)invocation.Arguments[0]!, (string)invocation.Arguments[1]!, Assert.IsType<MemoryStream>(stream).ToArray());
    }

    [Fact]
    public void Csv_button_downloads_the_table_as_csv_named_after_the_title()
    {
        JSInterop.SetupVoid(ExportButtons.DownloadFunction, _ => true).SetVoidResult();
        var table = ExportTableTests.Sample();
        var cut = RenderButtons(table);

        cut.Find("[data-testid=export-csv]").Click();

        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == ExportButtons.DownloadFunction));
        var (fileName, contentType, content) = Downloaded();
        Assert.Equal("signaleringen-per-maand.csv", fileName);
        Assert.Equal("text/csv", contentType);
        Assert.Equal(TableExport.ToCsv(table), content);
    }

    [Fact]
    public void Excel_button_downloads_a_workbook_named_after_the_title()
    {
        JSInterop.SetupVoid(ExportButtons.DownloadFunction, _ => true).SetVoidResult();
        var cut = RenderButtons(ExportTableTests.Sample());

        cut.Find("[data-testid=export-xlsx]").Click();

        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == ExportButtons.DownloadFunction));
        var (fileName, contentType, content) = Downloaded();
        Assert.Equal("signaleringen-per-maand.xlsx", fileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", contentType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), isEditable: false);
        Assert.Equal("Signaleringen per maand", document.WorkbookPart!.Workbook.Descendants<Sheet>().Single().Name?.Value);
    }

    [Fact]
    public void Buttons_name_the_table_for_screen_readers_and_stay_off_paper()
    {
        var cut = RenderButtons(new QualityTable("Zorgsnelheid", ["School"], []));

        Assert.Equal("Tabel ‘Zorgsnelheid’ downloaden als CSV", cut.Find("[data-testid=export-csv]").GetAttribute("aria-label"));
        Assert.Equal("Tabel ‘Zorgsnelheid’ downloaden als Excel", cut.Find("[data-testid=export-xlsx]").GetAttribute("aria-label"));
        Assert.Equal("CSV", cut.Find("[data-testid=export-csv]").TextContent.Trim());
        Assert.Equal("Excel", cut.Find("[data-testid=export-xlsx]").TextContent.Trim());
        Assert.Contains("no-print", cut.Find("[data-testid=export-buttons]").ClassList);
        Assert.Empty(cut.FindAll("[data-testid=export-failed]"));
    }

    [Fact]
    public void A_failed_download_says_so_and_the_next_try_clears_the_message()
    {
        var failing = JSInterop.SetupVoid(ExportButtons.DownloadFunction, i => ((string)i.Arguments[0]!).EndsWith(".csv", StringComparison.Ordinal));
        failing.SetException(new JSException("Download geblokkeerd"));
        JSInterop.SetupVoid(ExportButtons.DownloadFunction, i => ((string)i.Arguments[0]!).EndsWith(".xlsx", StringComparison.Ordinal)).SetVoidResult();
        var cut = RenderButtons(ExportTableTests.Sample());

        cut.Find("[data-testid=export-csv]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Downloaden lukte niet", cut.Find("[data-testid=export-failed]").TextContent, StringComparison.Ordinal));
        Assert.False(cut.Find("[data-testid=export-xlsx]").HasAttribute("disabled"));

        cut.Find("[data-testid=export-xlsx]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=export-failed]")));
    }
}
