using System.Globalization;
using IbPortal.Domain.Quality;

namespace IbPortal.Quality;

/// <summary>The views of the trends dashboard, with their URL value (<c>?weergave=</c>) and tab label.</summary>
public enum TrendView
{
    Signaleringen,
    Niveaus,
    Snelheid,
    Evaluaties,
    Bezoeken,
    Toestemming,
    Bootsignaal,
}

public static class TrendViews
{
    public static IReadOnlyList<TrendView> All { get; } = Enum.GetValues<TrendView>();

    /// <summary>The URL value: "signaleringen", "niveaus", ...</summary>
    public static string Key(this TrendView view) => view.ToString().ToLowerInvariant();

    public static string Label(this TrendView view) => view switch
    {
        TrendView.Signaleringen => "Signaleringen",
        TrendView.Niveaus => "Ondersteuningsniveaus",
        TrendView.Snelheid => "Zorgsnelheid",
        TrendView.Evaluaties => "Evaluaties",
        TrendView.Bezoeken => "Klassenbezoeken",
        TrendView.Toestemming => "Toestemming",
        TrendView.Bootsignaal => "Bootsignaal",
        _ => view.ToString(),
    };

    public static TrendView Parse(string? key) =>
        All.FirstOrDefault(v => string.Equals(v.Key(), key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The dashboard's filters as they stand in the URL:
/// <c>/kwaliteit?weergave=…&amp;bestuur=…&amp;scholen=1,2&amp;jaar=2026&amp;van=yyyy-MM-dd&amp;tot=yyyy-MM-dd</c>.
/// Null means "the default": no board, every school in reach, the current school year, the whole year.
/// </summary>
public sealed record TrendFilter(
    TrendView View,
    int? BoardId,
    IReadOnlyList<int>? SchoolIds,
    int? SchoolYear,
    DateOnly? From,
    DateOnly? To)
{
    public const string Path = "/kwaliteit";

    public static TrendFilter Default { get; } = new(TrendView.Signaleringen, null, null, null, null, null);

    /// <summary>Reads the filters from the query values; anything unreadable falls back to its default.</summary>
    public static TrendFilter Parse(string? view, string? board, string? schools, string? year, string? from, string? to)
    {
        var ids = schools?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .Where(id => id is not null)
            .Select(id => id!.Value)
            .Distinct()
            .ToList();
        return new TrendFilter(
            TrendViews.Parse(view),
            Int(board),
            ids is { Count: > 0 } ? ids : null,
            Int(year),
            Date(from),
            Date(to));
    }

    /// <summary>The URL of these filters (defaults left out, the view always named).</summary>
    public string ToUrl()
    {
        var parts = new List<string> { $"weergave={View.Key()}" };
        if (BoardId is { } board)
            parts.Add($"bestuur={Inv(board)}");
        if (SchoolIds is { Count: > 0 } schools)
            parts.Add($"scholen={string.Join(',', schools.Order().Select(Inv))}");
        if (SchoolYear is { } year)
            parts.Add($"jaar={Inv(year)}");
        if (From is { } from)
            parts.Add($"van={Iso(from)}");
        if (To is { } to)
            parts.Add($"tot={Iso(to)}");
        return $"{Path}?{string.Join('&', parts)}";
    }

    /// <summary>The schools shown: the chosen ones within the board, or every school of the board (or in reach).</summary>
    public IReadOnlyList<TrendSchool> SchoolsIn(TrendScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var inBoard = scope.Schools.Where(s => BoardId is null || s.BoardId == BoardId).ToList();
        if (SchoolIds is null)
            return inBoard;
        var chosen = inBoard.Where(s => SchoolIds.Contains(s.Id)).ToList();
        return chosen.Count > 0 ? chosen : inBoard;
    }

    /// <summary>
    /// The selected school year: the one in the URL when the viewer can choose it, otherwise the current one.
    /// </summary>
    public int YearIn(TrendScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return SchoolYear is { } year && (scope.SchoolYears.Contains(year) || year == scope.CurrentSchoolYear)
            ? year
            : scope.CurrentSchoolYear;
    }

    /// <summary>The period within the selected school year (from/to outside the year are clipped to it).</summary>
    public (DateOnly From, DateOnly To) PeriodIn(int year)
    {
        var start = Domain.Organisation.SchoolYear.StartDateOf(year);
        var end = Domain.Organisation.SchoolYear.EndDateOf(year);
        var from = From is { } f && f > start && f <= end ? f : start;
        var to = To is { } t && t < end && t >= start ? t : end;
        return from <= to ? (from, to) : (start, end);
    }

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// What the views compare: the selected school year (its period: from, to) against the same period one year earlier.
/// <see cref="To"/> is the last day shown (for the current year: today at the latest).
/// </summary>
public sealed record TrendPeriod(int SchoolYear, DateOnly From, DateOnly To)
{
    public int PreviousSchoolYear => SchoolYear - 1;

    public string Name => Domain.Organisation.SchoolYear.NameOf(SchoolYear);

    public string PreviousName => Domain.Organisation.SchoolYear.NameOf(SchoolYear - 1);

    /// <summary>Whether the period is a part of the school year rather than the whole of it.</summary>
    public bool IsPartOfYear =>
        From != Domain.Organisation.SchoolYear.StartDateOf(SchoolYear) || To != Domain.Organisation.SchoolYear.EndDateOf(SchoolYear);

    /// <summary>The calendar months of the period, in order (year, month).</summary>
    public IReadOnlyList<(int Year, int Month)> Months
    {
        get
        {
            var months = new List<(int, int)>();
            for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
                months.Add((m.Year, m.Month));
            return months;
        }
    }
}
