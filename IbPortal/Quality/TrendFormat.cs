using System.Globalization;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;

namespace IbPortal.Quality;

/// <summary>How the trend views write figures: Dutch, days with one decimal, "&lt;5" for suppressed figures.</summary>
public static class TrendFormat
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The note under a chart that leaves suppressed figures out.</summary>
    public const string SuppressedNote = "<5: niet getoond, omdat het om minder dan vijf leerlingen gaat, of omdat zo'n klein aantal anders uit het totaal te herleiden is.";

    private static readonly string[] MonthNames = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    public static CountFigure Zero { get; } = new(0, false);

    /// <summary>"aug", "sep", ... (Dutch, without a dot).</summary>
    public static string Month(int month) => MonthNames[month - 1];

    /// <summary>"2,5" (days, one decimal).</summary>
    public static string Days(TimeSpan duration) => duration.TotalDays.ToString("0.0", Dutch);

    /// <summary>A median or percentile as shown: "&lt;5" when suppressed, "–" without cases, else days ("2,5").</summary>
    public static string Days(DurationFigure figure, TimeSpan? value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Suppressed ? SmallCounts.SuppressedText : value is { } v ? Days(v) : "–";
    }

    /// <summary>The value to plot: the number of days, or null (left out) when suppressed or absent.</summary>
    public static double? Plot(DurationFigure figure, TimeSpan? value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Suppressed || value is null ? null : Math.Round(value.Value.TotalDays, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The value to plot: the count, or null (left out) when suppressed.</summary>
    public static double? Plot(CountFigure figure) => figure.Suppressed || figure.Value is null ? null : figure.Value.Value;

    /// <summary>"75%" (no decimals), or "–" without a value.</summary>
    public static string Percent(double? percent) =>
        percent is { } p ? Math.Round(p, MidpointRounding.AwayFromZero).ToString("0", Dutch) + "%" : "–";

    public static string Grade(int grade) => $"Groep {grade.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The key's figure, or 0 when the key is absent.</summary>
    public static CountFigure Get<TKey>(IReadOnlyDictionary<TKey, CountFigure> figures, TKey key) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.TryGetValue(key, out var figure) ? figure : Zero;
    }

    /// <summary>The plural subject of a reading for concerns in an area: "Sociaal-emotionele signaleringen".</summary>
    public static string ConcernsIn(DevelopmentArea area) => area switch
    {
        DevelopmentArea.Cognitive => "Cognitieve signaleringen",
        DevelopmentArea.SocialEmotional => "Sociaal-emotionele signaleringen",
        DevelopmentArea.Both => "Signaleringen op beide gebieden",
        _ => "Signaleringen",
    };
}

/// <summary>One-line readings in words, computed from the figures; a suppressed figure is never revealed.</summary>
public static class TrendReading
{
    /// <summary>
    /// "{subject} zijn dit jaar verdubbeld (12 → 24)." Comparing needs both figures: when either is suppressed, the
    /// reading says so without the number or its direction.
    /// </summary>
    public static string Change(string subject, CountFigure now, CountFigure before)
    {
        if (now.Suppressed || before.Suppressed || now.Value is null || before.Value is null)
            return $"{subject}: in een van beide jaren minder dan vijf leerlingen, daarom geen vergelijking.";
        var n = now.Value.Value;
        var b = before.Value.Value;
        var figures = $"({b.ToString(CultureInfo.InvariantCulture)} → {n.ToString(CultureInfo.InvariantCulture)})";
        if (n == b)
            return n == 0 ? $"{subject}: dit jaar en vorig jaar geen." : $"{subject} zijn dit jaar gelijk gebleven {figures}.";
        if (b == 0)
            return $"{subject} zijn dit jaar {n.ToString(CultureInfo.InvariantCulture)}, vorig jaar in dezelfde periode geen.";
        string verb;
        if (n == 2 * b)
            verb = "verdubbeld";
        else if (n > 2 * b)
            verb = "meer dan verdubbeld";
        else if (n > b)
            verb = "gestegen";
        else if (2 * n == b)
            verb = "gehalveerd";
        else if (2 * n < b)
            verb = "meer dan gehalveerd";
        else
            verb = "gedaald";
        return $"{subject} zijn dit jaar {verb} {figures}.";
    }

    /// <summary>
    /// Of several comparable pairs, the one that changed most (absolute difference), as <see cref="Change"/>; pairs with a
    /// suppressed figure are skipped. Null when no pair can be compared.
    /// </summary>
    public static string? LargestChange(IEnumerable<(string Subject, CountFigure Now, CountFigure Before)> pairs)
    {
        var best = pairs
            .Where(p => p is { Now: { Suppressed: false, Value: not null }, Before: { Suppressed: false, Value: not null } })
            .Where(p => p.Now.Value != 0 || p.Before.Value != 0)
            .OrderByDescending(p => Math.Abs(p.Now.Value!.Value - p.Before.Value!.Value))
            .ThenByDescending(p => p.Now.Value)
            .Select(p => (p.Subject, p.Now, p.Before))
            .FirstOrDefault();
        return best.Subject is null ? null : Change(best.Subject, best.Now, best.Before);
    }

    /// <summary>"2,5 dagen" for a duration figure, or null when suppressed or absent.</summary>
    public static string? Days(DurationFigure figure, TimeSpan? value) =>
        figure is { Suppressed: false } && value is { } v ? $"{TrendFormat.Days(v)} {(Math.Round(v.TotalDays, 1) == 1.0 ? "dag" : "dagen")}" : null;
}

/// <summary>
/// One series of a chart: its name and a value per label; null leaves the point out (a suppressed or absent figure).
/// <see cref="Suppressed"/> says whether a point was left out because it counts fewer than five pupils.
/// </summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values, bool Suppressed = false)
{
    /// <summary>A series of counts: suppressed counts are left out and marked.</summary>
    public static TrendSeries Of(string name, IEnumerable<CountFigure> figures)
    {
        var list = figures.ToList();
        return new TrendSeries(name, list.Select(TrendFormat.Plot).ToList(), list.Any(f => f.Suppressed));
    }
}
