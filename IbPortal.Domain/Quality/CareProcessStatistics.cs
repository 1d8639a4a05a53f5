namespace IbPortal.Domain.Quality;

/// <summary>
/// Pure statistics over care-process durations (flag → acknowledgement, → first discussion, → first plan step).
/// <list type="bullet">
/// <item>Median: the middle value of the sorted durations; for an even number, the mean of the two middle values.</item>
/// <item>90th percentile: nearest rank — the value at rank ⌈0.9 · n⌉ (1-based) of the sorted durations, so always
/// one of the observed durations (n = 1..10 gives the largest; n = 11..20 the second largest for n = 11..19, …).</item>
/// </list>
/// Both return null for no durations.
/// </summary>
public static class CareProcessStatistics
{
    public static TimeSpan? Median(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0)
            return null;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1
            ? sorted[mid]
            : TimeSpan.FromTicks((sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2);
    }

    /// <summary>The <paramref name="percentile"/>th percentile (0 &lt; p ≤ 100) by the nearest-rank method.</summary>
    public static TimeSpan? NearestRank(IEnumerable<TimeSpan> durations, int percentile)
    {
        ArgumentNullException.ThrowIfNull(durations);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0)
            return null;
        // Integer ceiling of percentile * n / 100, without floating point.
        var rank = (percentile * sorted.Length + 99) / 100;
        return sorted[Math.Max(rank, 1) - 1];
    }

    public static TimeSpan? Percentile90(IEnumerable<TimeSpan> durations) => NearestRank(durations, 90);
}
