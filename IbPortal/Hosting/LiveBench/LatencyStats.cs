using System.Globalization;

namespace IbPortal.Hosting.LiveBench;

/// <summary>Percentiles by the nearest-rank method (the value at rank ⌈q·n⌉ of the sorted sample), as `bench` reports them.</summary>
public sealed record LatencyStats(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly LatencyStats Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencyStats Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return Empty;
        return new LatencyStats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The nearest-rank percentile <paramref name="q"/> (0 &lt; q ≤ 1) of an ascending array.</summary>
    public static double Percentile(IReadOnlyList<double> ascending, double q)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        if (ascending.Count == 0)
            return double.NaN;
        if (q is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(q), q, "A percentile lies in (0, 1].");
        var rank = (int)Math.Ceiling(q * ascending.Count);
        return ascending[Math.Clamp(rank, 1, ascending.Count) - 1];
    }

    /// <summary>The median of a few runs' figures (NaN ignored), for the summary over repeated runs.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"a / b" as a ratio string, or "–" when either is missing.</summary>
    public static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0
            ? "–"
            : string.Create(CultureInfo.InvariantCulture, $"{value / baseline:F1}×");
}
