namespace IbPortal.Domain.Quality;

/// <summary>Writes a <see cref="QualityTable"/> as CSV or as an Excel workbook (issue 6, item 5).</summary>
public static class TableExport
{
    public static byte[] ToCsv(QualityTable table) => throw new NotImplementedException($"Issue 6: CSV of {table}");

    public static byte[] ToXlsx(QualityTable table) => throw new NotImplementedException($"Issue 6: xlsx of {table}");
}
