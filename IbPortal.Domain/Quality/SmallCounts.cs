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
/// <para>Complementary (secondary) suppression: where figures add up to a figure shown next to them (levels 1–5 to the
/// pupils of a distribution, results to the evaluations, consent states to the requests, concern areas, schools, grades
/// and a school's groups to their total, schools to "All"), a single "&lt;5" could be recovered as the total minus the
/// other parts. <see cref="SmallCountTable"/> applies the rule when the figures are built, with the raw counts known:
/// every such sum ends with no hidden figure or at least two, counting the total. A sum with a hidden figure gets the
/// smallest other non-zero part the viewer may not see hidden too (also when the hidden figure is the total: its parts
/// would rebuild it), until, with the total shown, at least two parts are hidden and they add up to
/// <see cref="Threshold"/> or more records and distinct pupils (so their sum is no small count either); when no part is left to hide, the total is
/// suppressed (and that in turn protects the sums it is a part of). 0 stays 0. Figures the viewer has pupil-level
/// rights to are never hidden (the viewer knows them). Medians and percentiles do not add up: not covered; sub-areas
/// are multi-valued: not a sum.</para>
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

/// <summary>
/// A set of counts with the sums between them (a table with its totals), suppressed together: primary suppression of
/// 1–4 (records or pupils) for a viewer without pupil-level rights, then complementary suppression as described on
/// <see cref="SmallCounts"/>. Add the figures (<see cref="Add"/>), declare which figures add up to which
/// (<see cref="Sum"/>), then read them (<see cref="Figure"/>).
/// </summary>
public sealed class SmallCountTable
{
    private readonly List<(int Count, int Pupils, bool Rights, IReadOnlySet<int>? PupilIds)> _cells = [];
    private readonly List<(int Total, int[] Parts)> _sums = [];
    private bool[]? _suppressed;

    /// <summary>Adds a figure of <paramref name="count"/> records about <paramref name="pupils"/> distinct pupils; its index.</summary>
    public int Add(int count, int pupils, bool viewerHasPupilRights)
    {
        if (_suppressed is not null)
            throw new InvalidOperationException("The table has been read already.");
        _cells.Add((count, pupils, viewerHasPupilRights, null));
        return _cells.Count - 1;
    }

    /// <summary>
    /// Adds a figure of <paramref name="count"/> records about the pupils <paramref name="pupilIds"/>; its index. With
    /// the ids, the hidden parts of a sum are counted as their distinct pupils (one pupil in two hidden parts counts once).
    /// </summary>
    public int Add(int count, IReadOnlySet<int> pupilIds, bool viewerHasPupilRights)
    {
        ArgumentNullException.ThrowIfNull(pupilIds);
        var index = Add(count, pupilIds.Count, viewerHasPupilRights);
        _cells[index] = (count, pupilIds.Count, viewerHasPupilRights, pupilIds);
        return index;
    }

    /// <summary>Adds a count of pupils (each record is one pupil); its index.</summary>
    public int Add(int pupils, bool viewerHasPupilRights) => Add(pupils, pupils, viewerHasPupilRights);

    /// <summary>Declares that the figures <paramref name="parts"/> add up exactly to the figure <paramref name="total"/>.</summary>
    public void Sum(int total, IEnumerable<int> parts)
    {
        if (_suppressed is not null)
            throw new InvalidOperationException("The table has been read already.");
        _sums.Add((total, parts.ToArray()));
    }

    /// <summary>The figure at <paramref name="index"/> as this viewer may see it.</summary>
    public CountFigure Figure(int index)
    {
        _suppressed ??= Suppress();
        return _suppressed[index] ? new CountFigure(null, true) : new CountFigure(_cells[index].Count, false);
    }

    private bool[] Suppress()
    {
        var hidden = _cells
            .Select(c => !c.Rights && (SmallCounts.ShouldSuppress(c.Count, false) || SmallCounts.ShouldSuppress(c.Pupils, false)))
            .ToArray();
        // Every declared sum ends with none or at least two hidden figures, counting the total: one hidden figure is the
        // others' difference. Each step hides one more figure or moves on, and figures are only ever hidden: it ends.
        bool changed;
        do
        {
            changed = false;
            foreach (var (total, parts) in _sums)
            {
                while (!Protected(hidden, total, parts))
                {
                    var next = parts
                        .Where(p => !hidden[p] && !_cells[p].Rights && _cells[p].Count > 0)
                        .OrderBy(p => _cells[p].Count)
                        .Select(p => (int?)p)
                        .FirstOrDefault();
                    if (next is { } part)
                        hidden[part] = true;
                    else if (!hidden[total] && !_cells[total].Rights && _cells[total].Count > 0)
                        hidden[total] = true;
                    else
                        break; // nothing left the viewer may not see: the rest is known to them or 0
                    changed = true;
                }
            }
        }
        while (changed);

        return hidden;
    }

    /// <summary>
    /// Whether a sum gives nothing away: nothing hidden; or the total hidden with at least one hidden part; or the total
    /// shown with at least two hidden parts that together count <see cref="SmallCounts.Threshold"/> or more.
    /// </summary>
    private bool Protected(bool[] hidden, int total, int[] parts)
    {
        var hiddenParts = parts.Where(p => hidden[p]).ToList();
        if (hidden[total])
            return hiddenParts.Count >= 1;
        return hiddenParts.Count == 0
               || (hiddenParts.Count >= 2
                   && hiddenParts.Sum(p => _cells[p].Count) >= SmallCounts.Threshold
                   && Pupils(hiddenParts) >= SmallCounts.Threshold);
    }

    /// <summary>
    /// The pupils of these figures: their distinct pupils when every figure carries its ids, otherwise the sum of their
    /// pupil counts (an upper bound; exact for figures of pupils that do not overlap, such as levels).
    /// </summary>
    private int Pupils(List<int> cells)
    {
        if (cells.All(c => _cells[c].PupilIds is not null))
        {
            var pupils = new HashSet<int>();
            foreach (var c in cells)
            {
                pupils.UnionWith(_cells[c].PupilIds!);
                if (pupils.Count >= SmallCounts.Threshold)
                    break;
            }

            return pupils.Count;
        }

        return cells.Sum(c => _cells[c].Pupils);
    }
}
