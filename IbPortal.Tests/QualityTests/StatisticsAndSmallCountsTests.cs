using IbPortal.Domain.Quality;

namespace IbPortal.Tests.QualityTests;

public class StatisticsAndSmallCountsTests
{
    private static TimeSpan[] Hours(params int[] hours) => hours.Select(h => TimeSpan.FromHours(h)).ToArray();

    [Fact]
    public void The_median_of_an_odd_number_is_the_middle_value()
    {
        Assert.Equal(TimeSpan.FromHours(3), CareProcessStatistics.Median(Hours(10, 1, 3, 2, 4)));
    }

    [Fact]
    public void The_median_of_an_even_number_is_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(TimeSpan.FromMinutes(150), CareProcessStatistics.Median(Hours(4, 1, 3, 2)));
    }

    [Theory]
    [InlineData(1, 1)]   // rank ceil(0.9) = 1
    [InlineData(9, 9)]   // rank ceil(8.1) = 9: the largest
    [InlineData(10, 9)]  // rank 9
    [InlineData(11, 10)] // rank ceil(9.9) = 10
    [InlineData(20, 18)] // rank 18
    public void The_90th_percentile_is_the_nearest_rank(int n, int expectedHours)
    {
        var durations = Enumerable.Range(1, n).Reverse().Select(h => TimeSpan.FromHours(h)).ToArray();
        Assert.Equal(TimeSpan.FromHours(expectedHours), CareProcessStatistics.Percentile90(durations));
    }

    [Fact]
    public void No_durations_give_no_median_and_no_percentile()
    {
        Assert.Null(CareProcessStatistics.Median([]));
        Assert.Null(CareProcessStatistics.Percentile90([]));
    }

    [Theory]
    [InlineData(0, false, "0")]
    [InlineData(1, false, "<5")]
    [InlineData(4, false, "<5")]
    [InlineData(5, false, "5")]
    [InlineData(37, false, "37")]
    [InlineData(4, true, "4")]
    [InlineData(1, true, "1")]
    public void A_count_of_one_to_four_pupils_shows_as_less_than_five_to_a_viewer_without_pupil_rights(int count, bool rights, string shown)
    {
        var figure = SmallCounts.Count(count, rights);

        Assert.Equal(shown, figure.Display);
        Assert.Equal(shown == "<5", figure.Suppressed);
        Assert.Equal(figure.Suppressed ? null : count, figure.Value);
    }

    [Fact]
    public void Five_concerns_of_two_pupils_still_count_fewer_than_five_pupils()
    {
        Assert.Equal("<5", SmallCounts.Count(5, 2, viewerHasPupilRights: false).Display);
        Assert.Equal("5", SmallCounts.Count(5, 5, viewerHasPupilRights: false).Display);
        Assert.Equal("5", SmallCounts.Count(5, 2, viewerHasPupilRights: true).Display);
    }

    [Fact]
    public void A_median_over_fewer_than_five_pupils_is_suppressed_with_its_count_and_shown_from_five()
    {
        var four = SmallCounts.Durations(Hours(1, 2, 3, 4), pupils: 4, viewerHasPupilRights: false);
        var five = SmallCounts.Durations(Hours(1, 2, 3, 4, 5), pupils: 5, viewerHasPupilRights: false);
        var fourWithRights = SmallCounts.Durations(Hours(1, 2, 3, 4), pupils: 4, viewerHasPupilRights: true);

        Assert.True(four.Suppressed);
        Assert.Null(four.Median);
        Assert.Null(four.Percentile90);
        Assert.Equal("<5", four.Count.Display);
        Assert.Equal(TimeSpan.FromHours(3), five.Median);
        Assert.Equal(TimeSpan.FromHours(5), five.Percentile90);
        Assert.Equal(TimeSpan.FromMinutes(150), fourWithRights.Median);
        Assert.Equal("4", fourWithRights.Count.Display);
    }
}
