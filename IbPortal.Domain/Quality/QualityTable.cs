namespace IbPortal.Domain.Quality;

/// <summary>
/// A table of the quality view as it is shown, ready for export (CSV, xlsx). Cells hold what the viewer may see:
/// suppressed figures are already "&lt;5". A cell with a <see cref="TableCell.Number"/> is written as a number.
/// </summary>
public sealed record QualityTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<TableCell>> Rows)
{
    /// <summary>The file name without extension: the title in lower case with dashes ("signaleringen-per-maand").</summary>
    public string FileName => Slug(Title);

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "tabel" : slug;
    }
}

/// <summary>One cell: its text as shown, and its number when it is one (a suppressed figure has none).</summary>
public sealed record TableCell(string Text, double? Number = null)
{
    public static TableCell Of(string text) => new(text);

    public static TableCell Of(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), value);

    public static TableCell Of(CountFigure figure) => new(figure.Display, figure.Suppressed ? null : figure.Value);
}
