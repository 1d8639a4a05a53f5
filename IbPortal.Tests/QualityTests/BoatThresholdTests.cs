using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// The boat signal's thresholds (default options: 25% open, 5 new in 4 weeks, 20% at level 3+, at least 8 pupils, and
/// at least 5 distinct pupils behind each threshold): just under, exactly at and over each one, on fresh groups with
/// exact figures.
/// </summary>
public sealed class BoatThresholdTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatThresholdTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(4, false)] // 20%: just under 25%
    [InlineData(5, true)]  // 25%: exactly at
    [InlineData(6, true)]  // 30%: over
    public async Task Open_concern_share_raises_at_or_above_its_percentage(int pupilsWithOpenConcerns, bool raised)
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, pupilsWithOpenConcerns);

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(pupilsWithOpenConcerns, result.Density!.PupilsWithOpenConcerns);
        Assert.Equal(0, result.Density.NewConcerns);
        Assert.Equal(raised ? BoatSignalEvaluationOutcome.Raised : BoatSignalEvaluationOutcome.BelowThresholds, result.Outcome);
        Assert.Equal(raised ? BoatSignalReasons.OpenConcernShare : BoatSignalReasons.None, result.Reasons);
        Assert.Equal(raised ? 1 : 0, _w.SignalsOf(group).Count);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public async Task New_concerns_about_as_many_pupils_raise_at_or_above_their_number(int newConcerns, bool raised)
    {
        var group = _w.NewGroup(pupils: 20);
        _w.NewConcerns(group, newConcerns);

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(newConcerns, result.Density!.NewConcerns);
        Assert.Equal(0, result.Density.PupilsWithOpenConcerns); // closed: new but not open
        Assert.Equal(raised ? BoatSignalReasons.NewConcerns : BoatSignalReasons.None, result.Reasons);
        Assert.Equal(raised ? 1 : 0, _w.SignalsOf(group).Count);
    }

    [Theory]
    [InlineData(5, 4, false)] // five concerns, but about four pupils: just under the 5-pupil floor
    [InlineData(6, 4, false)]
    [InlineData(5, 5, true)]  // five concerns about five pupils: exactly at both
    [InlineData(7, 6, true)]  // over both
    [InlineData(4, 4, false)]
    public async Task New_concerns_need_five_distinct_pupils_behind_them(int newConcerns, int pupils, bool raised)
    {
        var group = _w.NewGroup(pupils: 20);
        _w.NewConcerns(group, newConcerns, pupils);

        var result = await _w.EvaluateAsync(group);

        Assert.Equal((newConcerns, pupils), (result.Density!.NewConcerns, result.Density.NewConcernPupils));
        Assert.Equal(raised ? BoatSignalReasons.NewConcerns : BoatSignalReasons.None, result.Reasons);
        Assert.Equal(raised ? 1 : 0, _w.SignalsOf(group).Count);
    }

    [Theory]
    [InlineData(4, false)] // 16%
    [InlineData(5, true)]  // 20%: exactly at
    [InlineData(6, true)]  // 24%
    public async Task High_support_share_raises_at_or_above_its_percentage(int pupilsAtLevel3, bool raised)
    {
        var group = _w.NewGroup(pupils: 25);
        _w.HighSupport(group, pupilsAtLevel3);

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(pupilsAtLevel3, result.Density!.PupilsAtHighSupportLevel);
        Assert.Equal(raised ? BoatSignalReasons.HighSupportShare : BoatSignalReasons.None, result.Reasons);
        Assert.Equal(raised ? 1 : 0, _w.SignalsOf(group).Count);
    }

    [Theory]
    [InlineData(8, 4, false)]  // 50% of a small group, but only four pupils: under the 5-pupil floor
    [InlineData(16, 4, false)] // 25%: exactly at the open share, over the high-support share
    [InlineData(8, 5, true)]   // five pupils: at the floor
    public async Task A_share_reached_by_fewer_than_five_pupils_does_not_raise(int pupils, int count, bool raised)
    {
        var open = _w.NewGroup(pupils: pupils);
        _w.OpenConcerns(open, count);
        var high = _w.NewGroup(pupils: pupils);
        _w.HighSupport(high, count);

        var openResult = await _w.EvaluateAsync(open);
        var highResult = await _w.EvaluateAsync(high);

        Assert.True(BoatSignalDensity.ShareReached(count, pupils, 25)); // as a share, both are reached
        Assert.Equal(raised ? BoatSignalReasons.OpenConcernShare : BoatSignalReasons.None, openResult.Reasons);
        Assert.Equal(raised ? BoatSignalReasons.HighSupportShare : BoatSignalReasons.None, highResult.Reasons);
        Assert.Equal((raised ? 1 : 0, raised ? 1 : 0), (_w.SignalsOf(open).Count, _w.SignalsOf(high).Count));
    }

    [Theory]
    [InlineData(7, false)] // just under the minimum: never raises, whatever its figures
    [InlineData(8, true)]  // exactly the minimum
    [InlineData(9, true)]
    public async Task Groups_below_the_minimum_number_of_pupils_never_raise(int pupils, bool raised)
    {
        var group = _w.NewGroup(pupils: pupils);
        _w.OpenConcerns(group, pupils);   // 100% open
        _w.NewConcerns(group, 10, 5);     // far over 5, about five pupils
        _w.HighSupport(group, pupils);    // 100% at level 3

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(pupils, result.Density!.PupilCount);
        Assert.Equal(raised ? BoatSignalEvaluationOutcome.Raised : BoatSignalEvaluationOutcome.BelowThresholds, result.Outcome);
        Assert.Equal(raised ? BoatSignalReasons.OpenConcernShare | BoatSignalReasons.NewConcerns | BoatSignalReasons.HighSupportShare : BoatSignalReasons.None,
            result.Reasons);
    }

    [Theory]
    // 25 pupils at 25% is 6.25 pupils: 6 (24%) is under, 7 (28%) reaches it; no rounding decides.
    [InlineData(25, 6, 25, false)]
    [InlineData(25, 7, 25, true)]
    // 24 pupils at 25% is exactly 6.
    [InlineData(24, 5, 25, false)]
    [InlineData(24, 6, 25, true)]
    // 9 of 27 is 33.33…%: reaches 33%, not 34%.
    [InlineData(27, 9, 33, true)]
    [InlineData(27, 9, 34, false)]
    public void Shares_use_integer_arithmetic(int pupils, int count, int percent, bool reached)
    {
        Assert.Equal(reached, BoatSignalDensity.ShareReached(count, pupils, percent));
        var options = new BoatSignalOptions { MinimumPupils = 1, OpenConcernSharePercent = percent };
        var density = new GroupDensity(1, 1, pupils, count, 0, 0, 0);
        Assert.Equal(reached ? BoatSignalReasons.OpenConcernShare : BoatSignalReasons.None, BoatSignalDensity.Reached(density, options));
    }

    [Fact]
    public void Configured_thresholds_are_used()
    {
        var options = new BoatSignalOptions { MinimumPupils = 6, NewConcerns = 7, HighSupportLevel = 4, HighSupportSharePercent = 50, OpenConcernSharePercent = 100 };

        Assert.Equal(BoatSignalReasons.NewConcerns, BoatSignalDensity.Reached(new GroupDensity(1, 1, 10, 9, 7, 4, 5), options));
        Assert.Equal(BoatSignalReasons.HighSupportShare | BoatSignalReasons.OpenConcernShare,
            BoatSignalDensity.Reached(new GroupDensity(1, 1, 10, 10, 6, 5, 6), options));
        Assert.Equal(BoatSignalReasons.None, BoatSignalDensity.Reached(new GroupDensity(1, 1, 5, 5, 9, 5, 5), options)); // under 6 pupils
    }

    [Fact]
    public async Task New_concerns_count_from_exactly_the_window_start()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.AddConcern(group, 0, TimeSpan.FromDays(28), ConcernStatus.Closed);                          // exactly 4 weeks: counts
        _w.AddConcern(group, 1, TimeSpan.FromDays(28) + TimeSpan.FromMinutes(1), ConcernStatus.Closed); // just before: not new

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(1, result.Density!.NewConcerns);
    }

    [Fact]
    public async Task Density_counts_only_enrolled_pupils_open_concerns_of_this_group_and_latest_levels()
    {
        var group = _w.NewGroup(pupils: 10);
        var other = _w.NewGroup(pupils: 10);
        _w.AddConcern(group, 0, TimeSpan.FromDays(60));
        _w.AddConcern(group, 0, TimeSpan.FromDays(50));                           // same pupil: one pupil
        _w.AddConcern(group, 1, TimeSpan.FromDays(60), ConcernStatus.Closed);     // closed: not open
        _w.AddConcern(other, 2, TimeSpan.FromDays(60));                           // another group
        _w.SetLevel(group, 3, 3, TimeSpan.FromDays(40));
        _w.SetLevel(group, 3, 2, TimeSpan.FromDays(10));                          // latest is 2: not high
        _w.SetLevel(group, 4, 4, TimeSpan.FromDays(10));                          // high
        _w.SetLevel(group, 5, 5, TimeSpan.FromDays(10), schoolId: _w.SchoolB);    // at another school: not counted here
        _w.SetLevel(group, 6, 3, TimeSpan.FromDays(10));
        using (var ctx = _db.CreateContext())
        {
            // Pupil 6 left the group yesterday: neither counted nor high.
            var enrolment = ctx.Enrolments.Single(e => e.GroupId == group && e.PupilId == _w.Pupil(group, 6));
            enrolment.LeftOn = _w.Today.AddDays(-1);
            ctx.SaveChanges();
        }

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(new GroupDensity(group, _w.SchoolA, 9, 1, 0, 1, 0), result.Density);
    }

    [Theory]
    [InlineData(BoatSignalReasons.OpenConcernShare, BoatSignalResponses.GroupDiscussion)]
    [InlineData(BoatSignalReasons.HighSupportShare, BoatSignalResponses.GroupDiscussion)]
    [InlineData(BoatSignalReasons.NewConcerns, BoatSignalResponses.ClassroomVisit)]
    [InlineData(BoatSignalReasons.OpenConcernShare | BoatSignalReasons.NewConcerns, BoatSignalResponses.GroupDiscussion | BoatSignalResponses.ClassroomVisit)]
    public void Proposal_follows_the_reasons(BoatSignalReasons reasons, BoatSignalResponses proposed) =>
        Assert.Equal(proposed, BoatSignalDensity.Proposal(reasons));
}
