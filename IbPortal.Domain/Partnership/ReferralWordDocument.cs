using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace IbPortal.Domain.Partnership;

/// <summary>
/// The referral summary as a Word document (.docx), built in memory with the Open XML SDK: a title, the concept mark
/// when there is no consent to share yet, a small table for the pupil block, the request's details, and one heading
/// with its text per summary part. Same content as the printable page; document properties carry no pupil data.
/// </summary>
public static class ReferralWordDocument
{
    public static byte[] Build(ReferralSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = ReferralSummary.Title;
            document.PackageProperties.Creator = "IbPortal";
            document.PackageProperties.Language = "nl-NL";

            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var body = new Body();
            body.Append(Paragraph(ReferralSummary.Title, "Title"));
            if (summary.IsConcept)
                body.Append(ConceptMark());

            body.Append(Paragraph("Leerling", "Heading1"));
            body.Append(Table(ReferralSummaryLayout.PupilRows(summary)));

            body.Append(Paragraph("Aanvraag", "Heading1"));
            foreach (var (label, value) in ReferralSummaryLayout.RequestRows(summary))
                body.Append(LabelledParagraph(label, value));

            foreach (var part in ReferralSummaryLayout.Parts(summary))
            {
                body.Append(Paragraph(part.Heading, "Heading2"));
                body.Append(Paragraph(part.TextOrPlaceholder, null));
            }

            body.Append(FooterNote(summary));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Right = 1134U, Bottom = 1134, Left = 1134U, Header = 709U, Footer = 709U, Gutter = 0U }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Paragraph ConceptMark()
    {
        var run = new Run(new RunProperties(new Bold(), new Color { Val = "C00000" }), Text(ReferralSummary.ConceptText));
        return new Paragraph(
            new ParagraphProperties(
                new ParagraphBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 8U, Color = "C00000", Space = 4U },
                    new LeftBorder { Val = BorderValues.Single, Size = 8U, Color = "C00000", Space = 4U },
                    new BottomBorder { Val = BorderValues.Single, Size = 8U, Color = "C00000", Space = 4U },
                    new RightBorder { Val = BorderValues.Single, Size = 8U, Color = "C00000", Space = 4U })),
            run);
    }

    private static Paragraph FooterNote(ReferralSummary s) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Before = "360" }),
            new Run(new RunProperties(new Italic(), new Color { Val = "595959" }, new FontSize { Val = "18" }), Text(ReferralSummaryLayout.FooterText(s))));

    private static Paragraph LabelledParagraph(string label, string value) =>
        new(new ParagraphProperties(new SpacingBetweenLines { After = "40" }),
            new Run(new RunProperties(new Bold()), Text(label + ": ")),
            TextRun(value));

    /// <summary>A paragraph in <paramref name="styleId"/> (null: Normal); line breaks in the text become breaks.</summary>
    private static Paragraph Paragraph(string text, string? styleId)
    {
        var paragraph = new Paragraph();
        if (styleId is not null)
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));
        paragraph.Append(TextRun(text));
        return paragraph;
    }

    private static Run TextRun(string text)
    {
        var run = new Run();
        var lines = Clean(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
                run.Append(new Break());
            run.Append(Text(lines[i]));
        }
        return run;
    }

    private static Text Text(string value) => new(Clean(value)) { Space = SpaceProcessingModeValues.Preserve };

    private static Table Table(IEnumerable<(string Label, string Value)> rows)
    {
        static BorderType Line<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4U, Color = "A6A6A6" };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(),
                    Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 100, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 100, Type = TableWidthValues.Dxa })),
            new TableGrid(new GridColumn { Width = "3200" }, new GridColumn { Width = "6438" }));
        foreach (var (label, value) in rows)
        {
            table.Append(new TableRow(
                Cell("3200", new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }),
                    new Run(new RunProperties(new Bold()), Text(label)))),
                Cell("6438", new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }), TextRun(value)))));
        }
        return table;
    }

    private static TableCell Cell(string width, Paragraph content) =>
        new(new TableCellProperties(new TableCellWidth { Width = width, Type = TableWidthUnitValues.Dxa }), content);

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                new FontSize { Val = "22" },
                new FontSizeComplexScript { Val = "22" },
                new Languages { Val = "nl-NL" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        },
        HeadingStyle("Title", "Title", size: "40", outlineLevel: null),
        HeadingStyle("Heading1", "heading 1", size: "28", outlineLevel: 0),
        HeadingStyle("Heading2", "heading 2", size: "24", outlineLevel: 1));

    private static Style HeadingStyle(string id, string name, string size, int? outlineLevel)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" });
        if (outlineLevel is { } level)
            paragraph.Append(new OutlineLevel { Val = level });
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
    }

    /// <summary>Leaves out characters that XML cannot carry (control characters, lone surrogates).</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                clean.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(c) || c == '\n')
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }
}
