using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// The boat signal's thresholds (default options: 25% open, 5 new in 4 weeks, 20% at level 3+, at least 8 pupils):
/// just under, exactly at and over each one, on fresh groups of 20 pupils with exact figures.
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
    public async Task New_concerns_raise_at_or_above_their_number(int newConcerns, bool raised)
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
    [InlineData(3, false)] // 15%
    [InlineData(4, true)]  // 20%: exactly at
    [InlineData(5, true)]  // 25%
    public async Task High_support_share_raises_at_or_above_its_percentage(int pupilsAtLevel3, bool raised)
    {
        var group = _w.NewGroup(pupils: 20);
        _w.HighSupport(group, pupilsAtLevel3);

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(pupilsAtLevel3, result.Density!.PupilsAtHighSupportLevel);
        Assert.Equal(raised ? BoatSignalReasons.HighSupportShare : BoatSignalReasons.None, result.Reasons);
        Assert.Equal(raised ? 1 : 0, _w.SignalsOf(group).Count);
    }

    [Theory]
    [InlineData(7, false)] // just under the minimum: never raises, whatever its figures
    [InlineData(8, true)]  // exactly the minimum
    [InlineData(9, true)]
    public async Task Groups_below_the_minimum_number_of_pupils_never_raise(int pupils, bool raised)
    {
        var group = _w.NewGroup(pupils: pupils);
        _w.OpenConcerns(group, pupils);   // 100% open
        _w.NewConcerns(group, 10);        // far over 5
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
    // 3 of 9 is 33.33…%: reaches 33%, not 34%.
    [InlineData(9, 3, 33, true)]
    [InlineData(9, 3, 34, false)]
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
        var options = new BoatSignalOptions { MinimumPupils = 4, NewConcerns = 2, HighSupportLevel = 4, HighSupportSharePercent = 50, OpenConcernSharePercent = 100 };

        Assert.Equal(BoatSignalReasons.NewConcerns, BoatSignalDensity.Reached(new GroupDensity(1, 1, 4, 3, 2, 1, 1), options));
        Assert.Equal(BoatSignalReasons.HighSupportShare | BoatSignalReasons.OpenConcernShare,
            BoatSignalDensity.Reached(new GroupDensity(1, 1, 4, 4, 1, 2, 1), options));
        Assert.Equal(BoatSignalReasons.None, BoatSignalDensity.Reached(new GroupDensity(1, 1, 3, 3, 9, 3, 2), options));
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
