using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IbPortal.Domain.Quality;

/// <summary>
/// Writes a <see cref="QualityTable"/> as CSV or as an Excel workbook (issue 6, item 5). The table already holds what
/// the viewer may see: a suppressed figure is the text "&lt;5" without a number, and stays text in both formats.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit on a worksheet name.</summary>
    public const int MaxSheetNameLength = 31;

    /// <summary>Style index of the header cells in the workbook's stylesheet (bold).</summary>
    public const uint HeaderStyleIndex = 1;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly char[] CsvQuoteTriggers = [';', '"', '\r', '\n'];
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] InvalidSheetNameChars = ['[', ']', ':', '*', '?', '/', '\\'];

    /// <summary>
    /// CSV as Dutch Excel opens it with a double click: UTF-8 with a byte order mark, ";" between fields, CRLF after
    /// every line, the columns as the header row, RFC 4180 quoting. A number with a fraction gets a decimal comma.
    /// A text that a spreadsheet would take for a formula (starting with = + - @, tab or CR) gets a leading
    /// apostrophe; real numbers (a cell with a <see cref="TableCell.Number"/>, also negative) stay as they are.
    /// The title is not part of the file: it is the file name.
    /// </summary>
    public static byte[] ToCsv(QualityTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        AppendCsvLine(csv, table.Columns.Select(CsvText));
        foreach (var row in table.Rows)
            AppendCsvLine(csv, row.Select(CsvField));

        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(csv.ToString())];
    }

    private static void AppendCsvLine(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(';', fields.Select(Quote));
        csv.Append("\r\n");
    }

    private static string CsvField(TableCell cell)
    {
        if (cell.Number is { } number && IsNumberText(cell.Text))
            return HasFraction(number) ? cell.Text.Replace('.', ',') : cell.Text;
        return CsvText(cell.Text);
    }

    /// <summary>Text as a spreadsheet must show it, never run it (OWASP "CSV injection").</summary>
    private static string CsvText(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;

    private static string Quote(string field) =>
        field.IndexOfAny(CsvQuoteTriggers) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>The cell's text is the number itself ("12", "-3", "2.5"), written without grouping.</summary>
    private static bool IsNumberText(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
        || double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Dutch, out _);

    private static bool HasFraction(double number) => double.IsFinite(number) && number != Math.Truncate(number);

    /// <summary>
    /// One worksheet named after the title, a bold and frozen header row, numbers as numbers (so Excel can sum and
    /// chart them), every other cell (also "&lt;5") as an inline string, and columns about as wide as their content.
    /// </summary>
    public static byte[] ToXlsx(QualityTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();

            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = MinimalStylesheet();

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = BuildWorksheet(table);

            workbookPart.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart),
                SheetId = 1,
                Name = SheetName(table.Title),
            }));
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The worksheet name Excel accepts: the title without [ ] : * ? / \ (and control characters), at most 31
    /// characters, not starting or ending with an apostrophe, never empty and never the reserved "History".
    /// </summary>
    public static string SheetName(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var kept = new string(title.Where(c => Array.IndexOf(InvalidSheetNameChars, c) < 0 && !char.IsControl(c)).ToArray());
        kept = kept.Trim().Trim('\'').Trim();
        if (kept.Length > MaxSheetNameLength)
            kept = kept[..MaxSheetNameLength].TrimEnd().TrimEnd('\'');
        if (kept.Length == 0)
            return "Tabel";
        return string.Equals(kept, "History", StringComparison.OrdinalIgnoreCase) ? "History 1" : kept;
    }

    private static Stylesheet MinimalStylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true })
        { Count = 2 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Worksheet BuildWorksheet(QualityTable table)
    {
        var sheetData = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var cell = TextCell(CellReference(c, 1), table.Columns[c]);
            cell.StyleIndex = HeaderStyleIndex;
            header.AppendChild(cell);
        }
        sheetData.AppendChild(header);

        uint rowIndex = 1;
        foreach (var source in table.Rows)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < source.Count; c++)
            {
                var reference = CellReference(c, rowIndex);
                row.AppendChild(source[c].Number is { } number && double.IsFinite(number)
                    ? new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.Number,
                        CellValue = new CellValue(number.ToString("R", CultureInfo.InvariantCulture)),
                    }
                    : TextCell(reference, source[c].Text));
            }
            sheetData.AppendChild(row);
        }

        var worksheet = new Worksheet();
        if (table.Rows.Count > 0)
            worksheet.AppendChild(FrozenHeader());
        var columnCount = Math.Max(table.Columns.Count, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
        if (columnCount > 0)
            worksheet.AppendChild(ColumnWidths(table, columnCount));
        worksheet.AppendChild(sheetData);
        return worksheet;
    }

    /// <summary>The header row stays in view while scrolling (a frozen pane below row 1).</summary>
    private static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
    { WorkbookViewId = 0 });

    private static Columns ColumnWidths(QualityTable table, int columnCount)
    {
        var columns = new Columns();
        for (var c = 0; c < columnCount; c++)
        {
            var longest = c < table.Columns.Count ? table.Columns[c].Length : 0;
            foreach (var row in table.Rows)
                if (c < row.Count)
                    longest = Math.Max(longest, row[c].Text.Length);
            columns.AppendChild(new Column
            {
                Min = (uint)(c + 1),
                Max = (uint)(c + 1),
                Width = Math.Clamp(longest + 2, 8, 60),
                CustomWidth = true,
            });
        }
        return columns;
    }

    private static Cell TextCell(string reference, string text)
    {
        var clean = XmlSafe(text);
        var value = new Text(clean);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
            value.Space = SpaceProcessingModeValues.Preserve;
        return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(value) };
    }

    /// <summary>Characters XML 1.0 cannot hold (control characters other than tab, CR, LF) are left out.</summary>
    private static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\r' or '\n').ToArray())
            : text;

    /// <summary>"A1"-style reference: column index from 0, row from 1.</summary>
    internal static string CellReference(int column, uint row)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }
}
