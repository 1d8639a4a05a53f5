using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;
using static IbPortal.Tests.QualityTests.CycleTestData;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// A check on a goal tied to a figure stores the figure as measured that day, as the quality coordinator and the school
/// leader would see it: a value based on 1–4 pupils is not kept, also when the IB'er (who sees it) records the check.
/// Hand-made data at the fresh school X of <see cref="QualityWorld"/> (group 3, school year 2026-2027).
/// </summary>
public sealed class CycleMeasuredValueTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly QualityWorld _world;

    public CycleMeasuredValueTests() => _world = new QualityWorld(_db);

    public void Dispose() => _db.Dispose();

    private QualityCycleService Cycle(string login) => _db.Service<QualityCycleService>(login);

    /// <summary>Ten pupils in group 3 at X, <paramref name="withConcern"/> of them with a concern raised on 1 Oct 2026.</summary>
    private void TenPupils(int withConcern)
    {
        for (var i = 0; i < 10; i++)
        {
            if (i < withConcern)
                _world.Concern(_world.Group3, DevelopmentArea.SocialEmotional, new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc));
            else
                _world.NewPupil(_world.Group3);
        }
    }

    private async Task<int> CheckedGoalAsync()
    {
        var ib = Cycle(Logins.CareCoordinator);
        var goal = await ib.CreateGoalAsync(_world.SchoolX,
            Goal("Minder signaleringen", indicator: QualityIndicator.ConcernsPer100Pupils, baseline: 40, target: 20));
        await ib.RecordCheckAsync(goal, new QualityCheckInput { Findings = "Rustiger in groep 3.", Result = QualityCheckResult.OnTrack });
        return goal;
    }

    [Fact]
    public async Task A_check_on_a_goal_tied_to_a_figure_stores_the_measured_value_and_the_quality_coordinator_reads_it()
    {
        TenPupils(withConcern: 6);

        var goal = await CheckedGoalAsync();

        Assert.Equal(60.0, Assert.Single(StoredGoal(_db, goal).Checks).MeasuredValue);
        var read = await Cycle(Logins.Quality).GetGoalAsync(goal);
        Assert.Equal(60.0, Assert.Single(read.Checks).MeasuredValue);
        Assert.Equal(60.0, read.LastMeasuredValue);
    }

    [Fact]
    public async Task With_exactly_five_pupils_in_the_base_the_value_is_stored()
    {
        TenPupils(withConcern: 5);

        var goal = await CheckedGoalAsync();

        Assert.Equal(50.0, Assert.Single(StoredGoal(_db, goal).Checks).MeasuredValue);
        Assert.Equal(50.0, Assert.Single((await Cycle(Logins.Quality).GetGoalAsync(goal)).Checks).MeasuredValue);
    }

    [Fact]
    public async Task A_check_recorded_by_the_IBer_on_a_figure_based_on_fewer_than_five_pupils_stores_no_value_and_the_quality_coordinator_reads_none()
    {
        TenPupils(withConcern: 3);
        // The IB'er, with pupil-level rights, would see the figure itself: the base really is 3 pupils, not empty.
        var asIber = await _db.Service<QualityIndicatorService>(Logins.CareCoordinator)
            .MeasureAsync(_world.SchoolX, Year, QualityIndicator.ConcernsPer100Pupils);
        Assert.Equal((30.0, false), (asIber.Value, asIber.Suppressed));

        var goal = await CheckedGoalAsync();

        var stored = Assert.Single(StoredGoal(_db, goal).Checks);
        Assert.Null(stored.MeasuredValue);
        Assert.Equal("Rustiger in groep 3.", stored.Findings);
        var read = await Cycle(Logins.Quality).GetGoalAsync(goal);
        Assert.Null(Assert.Single(read.Checks).MeasuredValue);
        Assert.Null(read.LastMeasuredValue);
        var overview = await Cycle(Logins.Quality).GetYearOverviewAsync(_world.SchoolX, Year);
        var row = Assert.Single(QualityCycleTables.Checks(overview).Rows);
        Assert.Equal((QualityCycleLabels.NotShown, (double?)null), (row[3].Text, row[3].Number));
    }
}
