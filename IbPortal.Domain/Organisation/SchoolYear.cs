namespace IbPortal.Domain.Organisation;

/// <summary>A Dutch school year: 1 August to 31 July.</summary>
public class SchoolYear
{
    public int Id { get; set; }

    /// <summary>The calendar year in which the school year starts (2026 for 2026-2027).</summary>
    public int StartYear { get; set; }

    public DateOnly StartDate => StartDateOf(StartYear);
    public DateOnly EndDate => EndDateOf(StartYear);
    public string Name => NameOf(StartYear);

    public static DateOnly StartDateOf(int startYear) => new(startYear, 8, 1);
    public static DateOnly EndDateOf(int startYear) => new(startYear + 1, 7, 31);
    public static string NameOf(int startYear) => $"{startYear}-{startYear + 1}";

    /// <summary>The start year of the school year that contains <paramref name="date"/>.</summary>
    public static int StartYearOf(DateOnly date) => date.Month >= 8 ? date.Year : date.Year - 1;

    public bool Contains(DateOnly date) => date >= StartDate && date <= EndDate;
}
