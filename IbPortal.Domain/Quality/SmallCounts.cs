using System.Globalization;

namespace IbPortal.Domain.Quality;

/// <summary>
/// A count as a viewer may see it: the number, or "&lt;5" when it counts too few pupils for a viewer without
/// pupil-level rights (see <see cref="SmallCounts"/>).
/// </summary>
public readonly record struct CountFigure(int? Value, bool Suppressed)
{
    /// <summary>"&lt;5" when suppressed, otherwise the number (invariant digits).</summary>
    public string Display => Suppressed || Value is null
        ? SmallCounts.SuppressedText
        : Value.Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A median and 90th percentile of durations with the number of cases they are based on.</summary>
public sealed record DurationFigure(CountFigure Count, TimeSpan? Median, TimeSpan? Percentile90)
{
    public bool Suppressed => Count.Suppressed;
}

/// <summary>
/// Privacy in aggregates (issue 6, item 3). A viewer without pupil-level rights (quality coordinator, school leader)
/// sees only aggregates, and any figure that counts 1 to 4 pupils is shown as "&lt;5".
/// <list type="bullet">
/// <item>0 is shown as 0: it reveals nothing about any pupil (common practice in education statistics).</item>
/// <item>1–4 is suppressed; 5 and more is shown.</item>
/// <item>A derived figure (median, percentile) based on fewer than 5 pupils is suppressed, and so is its count. A
/// derived figure over 0 pupils has no value (it is not "suppressed", there is nothing to show).</item>
/// <item>A viewer with pupil-level rights at every school in the figure (the IB'er at their care schools) sees all
/// figures as they are.</item>
/// </list>
/// Complementary suppression (a suppressed cell recoverable from a total minus the other cells) is not applied here.
/// </summary>
public static class SmallCounts
{
    /// <summary>The smallest number of pupils a figure may count for a viewer without pupil-level rights.</summary>
    public const int Threshold = 5;

    public const string SuppressedText = "<5";

    /// <summary>Whether a count of <paramref name="count"/> pupils must be hidden from this viewer.</summary>
    public static bool ShouldSuppress(int count, bool viewerHasPupilRights) =>
        !viewerHasPupilRights && count is > 0 and < Threshold;

    /// <summary>Whether a figure derived from <paramref name="pupils"/> pupils (a median, a percentile) must be hidden.</summary>
    public static bool ShouldSuppressDerived(int pupils, bool viewerHasPupilRights) =>
        ShouldSuppress(pupils, viewerHasPupilRights);

    /// <summary>A count as this viewer may see it.</summary>
    public static CountFigure Count(int count, bool viewerHasPupilRights) =>
        ShouldSuppress(count, viewerHasPupilRights) ? new CountFigure(null, true) : new CountFigure(count, false);

    /// <summary>
    /// A count of <paramref name="count"/> records that concern <paramref name="pupils"/> distinct pupils: suppressed
    /// when either is 1–4 (five concerns of two pupils still count two pupils).
    /// </summary>
    public static CountFigure Count(int count, int pupils, bool viewerHasPupilRights) =>
        ShouldSuppress(count, viewerHasPupilRights) || ShouldSuppress(pupils, viewerHasPupilRights)
            ? new CountFigure(null, true)
            : new CountFigure(count, false);

    /// <summary>
    /// Median and 90th percentile of <paramref name="durations"/>, which concern <paramref name="pupils"/> distinct
    /// pupils, as this viewer may see them.
    /// </summary>
    public static DurationFigure Durations(IReadOnlyCollection<TimeSpan> durations, int pupils, bool viewerHasPupilRights)
    {
        var count = Count(durations.Count, pupils, viewerHasPupilRights);
        if (count.Suppressed)
            return new DurationFigure(count, null, null);
        return new DurationFigure(count, CareProcessStatistics.Median(durations), CareProcessStatistics.Percentile90(durations));
    }
}
