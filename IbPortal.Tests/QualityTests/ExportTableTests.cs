using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using IbPortal.Domain.Quality;

namespace IbPortal.Tests.QualityTests;

public class ExportTableTests
{
    /// <summary>A small table with every kind of cell: text, whole and fractional numbers, "&lt;5", hostile text.</summary>
    internal static QualityTable Sample() => new(
        "Signaleringen per maand",
        ["Maand", "School; locatie", "Aantal", "Gemiddeld"],
        [
            [TableCell.Of("nov 2026"), TableCell.Of("De \"Vlinder\""), TableCell.Of(12), new TableCell("2.5", 2.5)],
            [TableCell.Of("=HYPERLINK(\"x\")"), TableCell.Of("+31"), TableCell.Of(new CountFigure(3, Suppressed: true)), new TableCell("-3", -3)],
            [TableCell.Of("-3"), TableCell.Of("@SUM(A1)"), TableCell.Of("\tTab"), TableCell.Of(new CountFigure(0, Suppressed: false))],
            [TableCell.Of("Regel\r\nbreuk"), TableCell.Of(""), TableCell.Of(""), TableCell.Of("")],
        ]);

    [Fact]
    public void Csv_is_utf8_with_bom_semicolons_crlf_quoting_decimal_commas_small_counts_and_the_injection_guard()
    {
        var bytes = TableExport.ToCsv(Sample());

        var expected = "Maand;\"School; locatie\";Aantal;Gemiddeld\r\n"
            + "nov 2026;\"De \"\"Vlinder\"\"\";12;2,5\r\n"
            + "\"'=HYPERLINK(\"\"x\"\")\";'+31;<5;-3\r\n"
            + "'-3;'@SUM(A1);'\tTab;0\r\n"
            + "\"Regel\r\nbreuk\";;;\r\n";
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes[3..]);
    }

    [Fact]
    public void Csv_keeps_non_ascii_text_as_utf8_and_leaves_out_the_title()
    {
        var table = new QualityTable("Zorgsnelheid ‘mediaan’", ["Sociaal-emotioneel", "Één"], [[TableCell.Of("ü"), TableCell.Of(5)]]);

        var text = Encoding.UTF8.GetString(TableExport.ToCsv(table).AsSpan(3));

        Assert.Equal("Sociaal-emotioneel;Één\r\nü;5\r\n", text);
    }

    [Fact]
    public void Csv_guards_a_header_that_looks_like_a_formula()
    {
        var table = new QualityTable("T", ["-Verschil", "CR\rstart"], []);

        var text = Encoding.UTF8.GetString(TableExport.ToCsv(table).AsSpan(3));

        Assert.Equal("'-Verschil;\"CR\rstart\"\r\n", text);
    }

    [Fact]
    public void Xlsx_is_a_valid_workbook_with_a_bold_frozen_header_numbers_as_numbers_and_small_counts_as_text()
    {
        var bytes = TableExport.ToXlsx(Sample());

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));

        var workbookPart = document.WorkbookPart!;
        var sheet = Assert.Single(workbookPart.Workbook.Descendants<Sheet>());
        Assert.Equal("Signaleringen per maand", sheet.Name?.Value);
        var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
        var rows = worksheet.Descendants<Row>().ToList();
        Assert.Equal(5, rows.Count);

        // Header: inline strings in the bold style.
        var header = rows[0].Elements<Cell>().ToList();
        Assert.Equal(Sample().Columns, header.Select(CellText));
        Assert.All(header, c => Assert.Equal(TableExport.HeaderStyleIndex, c.StyleIndex?.Value));
        var boldFormat = workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)TableExport.HeaderStyleIndex);
        var boldFont = workbookPart.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)boldFormat.FontId!.Value);
        Assert.NotNull(boldFont.Bold);
        Assert.All(rows.Skip(1).SelectMany(r => r.Elements<Cell>()), c => Assert.Null(c.StyleIndex));

        // Numbers are numbers with invariant digits; "<5" and text (also "-3" as text, and formula-like text) are strings.
        var cells = rows.Skip(1).SelectMany(r => r.Elements<Cell>()).ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal(("n", "12"), Kind(cells["C2"]));
        Assert.Equal(("n", "2.5"), Kind(cells["D2"]));
        Assert.Equal(("inlineStr", "<5"), Kind(cells["C3"]));
        Assert.Equal(("n", "-3"), Kind(cells["D3"]));
        Assert.Equal(("inlineStr", "-3"), Kind(cells["A4"]));
        Assert.Equal(("inlineStr", "=HYPERLINK(\"x\")"), Kind(cells["A3"]));
        Assert.Equal(("n", "0"), Kind(cells["D4"]));
        Assert.Null(cells["A3"].CellFormula);
        Assert.Empty(worksheet.Descendants<CellFormula>());

        // The suppressed count (3) is nowhere in the workbook.
        Assert.DoesNotContain(cells.Values, c => c.CellValue?.Text == "3" || CellText(c) == "3");

        // Frozen header and sensible widths.
        var pane = Assert.Single(worksheet.Descendants<Pane>());
        Assert.Equal(PaneStateValues.Frozen, pane.State?.Value);
        Assert.Equal("A2", pane.TopLeftCell?.Value);
        var widths = worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal(4, widths.Count);
        Assert.Equal("School; locatie".Length + 2, widths[1]);
        Assert.All(widths, w => Assert.InRange(w, 8, 60));
    }

    [Fact]
    public void Xlsx_of_a_table_without_rows_is_still_valid()
    {
        var bytes = TableExport.ToXlsx(new QualityTable("Leeg", ["School", "Aantal"], []));

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => e.Description));
        Assert.Equal("Leeg", document.WorkbookPart!.Workbook.Descendants<Sheet>().Single().Name?.Value);
        Assert.Single(document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>());
    }

    [Theory]
    [InlineData("Signaleringen [2026/2027]: school*?", "Signaleringen 20262027 school")]
    [InlineData("Zorgsnelheid per school, per groep en per leerjaar", "Zorgsnelheid per school, per gr")]
    [InlineData("'Citaat'", "Citaat")]
    [InlineData("[]:*?/\\", "Tabel")]
    [InlineData("history", "History 1")]
    public void The_sheet_name_is_the_title_without_invalid_characters_and_at_most_31_long(string title, string expected)
    {
        var name = TableExport.SheetName(title);

        Assert.Equal(expected, name);
        Assert.True(name.Length <= TableExport.MaxSheetNameLength);
    }

    [Fact]
    public void Xlsx_sheet_of_a_long_title_with_invalid_characters_validates()
    {
        var table = new QualityTable("Ondersteuningsniveaus [2025/2026] per school: * alles?", ["A"], [[TableCell.Of(1)]]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(TableExport.ToXlsx(table)), isEditable: false);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => e.Description));
        Assert.Equal("Ondersteuningsniveaus 20252026", document.WorkbookPart!.Workbook.Descendants<Sheet>().Single().Name?.Value);
    }

    [Theory]
    [InlineData(0, 1u, "A1")]
    [InlineData(25, 2u, "Z2")]
    [InlineData(26, 3u, "AA3")]
    [InlineData(701, 10u, "ZZ10")]
    [InlineData(702, 1u, "AAA1")]
    public void Cell_references_count_columns_like_a_spreadsheet(int column, uint row, string expected)
    {
        Assert.Equal(expected, TableExport.CellReference(column, row));
    }

    private static string CellText(Cell cell) => cell.InlineString?.Text?.Text ?? string.Empty;

    private static (string Type, string Value) Kind(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString
            ? ("inlineStr", CellText(cell))
            : (cell.DataType?.Value == CellValues.Number ? "n" : "?", cell.CellValue?.Text ?? string.Empty);
}
