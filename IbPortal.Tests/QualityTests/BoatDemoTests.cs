using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.QualityTests;

/// <summary>The demo seed's boat signals (DemoBoatSeeder), with the default thresholds.</summary>
public sealed class BoatDemoTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatDemoTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    private int Group(string school, string name)
    {
        using var ctx = _db.CreateContext();
        return ctx.Groups.Single(g => g.School!.ShortName == school && g.Name == name).Id;
    }

    [Fact]
    public async Task Group_5_at_VB_is_busy_but_just_below_the_concern_thresholds_and_has_no_signal()
    {
        var group = Group(Logins.SchoolA, "5");
        using (var ctx = _db.CreateContext())
            Assert.Contains(ctx.GroupTeachers.Where(t => t.GroupId == group).Select(t => t.StaffMember!.Login), l => l == Logins.TeacherA);

        var densities = await _w.Service(Logins.CareCoordinator).GetDensitiesAsync([_w.SchoolA]);
        var row = Assert.Single(densities.Groups, g => g.GroupId == group);

        Assert.Equal(("25", "6", 24, "4"), (row.Pupils.Display, row.PupilsWithOpenConcerns.Display, row.OpenConcernPercent, row.NewConcerns.Display));
        Assert.Equal(BoatSignalReasons.None, row.Reached);
        Assert.Null(row.OpenSignalId);
        Assert.Empty(_w.SignalsOf(group));
    }

    [Fact]
    public async Task One_new_concern_about_a_pupil_without_one_in_group_5_crosses_both_concern_thresholds()
    {
        var group = Group(Logins.SchoolA, "5");
        var pupil = _db.NewPupilIn(Logins.TeacherA); // 26 pupils: 7 of 26 is still at least 25%

        await _db.Concerns(Logins.TeacherA).RaiseAsync(new NewConcern
        {
            PupilId = pupil, Area = DevelopmentArea.Cognitive, Observation = "Demo: leest haperend.",
        });
        var result = await _w.EvaluateAsync(group);

        Assert.Equal(BoatSignalEvaluationOutcome.Raised, result.Outcome);
        Assert.Equal(BoatSignalReasons.OpenConcernShare | BoatSignalReasons.NewConcerns, result.Reasons);
        Assert.Equal((7, 5), (result.Density!.PupilsWithOpenConcerns, result.Density.NewConcerns));
    }

    [Fact]
    public async Task One_new_concern_about_a_pupil_with_an_open_but_no_new_one_crosses_the_new_concerns_threshold()
    {
        var group = Group(Logins.SchoolA, "5");
        var pupil = PupilWithOpenConcern(group, withNewConcern: false);

        await RaiseAsync(pupil, "Demo: trekt zich terug.");
        var result = await _w.EvaluateAsync(group);

        Assert.Equal(BoatSignalReasons.NewConcerns, result.Reasons);
        Assert.Equal((5, 5), (result.Density!.NewConcerns, result.Density.NewConcernPupils));
        Assert.Equal(BoatSignalResponses.ClassroomVisit, _w.Signal(result.SignalId!.Value).Proposed);
    }

    [Fact]
    public async Task A_fifth_new_concern_about_a_pupil_who_already_has_a_new_one_raises_nothing()
    {
        var group = Group(Logins.SchoolA, "5");
        var pupil = PupilWithOpenConcern(group, withNewConcern: true);

        await RaiseAsync(pupil, "Demo: trekt zich terug.");
        var result = await _w.EvaluateAsync(group);

        Assert.Equal(BoatSignalEvaluationOutcome.BelowThresholds, result.Outcome);
        Assert.Equal((5, 4), (result.Density!.NewConcerns, result.Density.NewConcernPupils)); // five concerns, four pupils
    }

    private int PupilWithOpenConcern(int group, bool withNewConcern)
    {
        using var ctx = _db.CreateContext();
        var windowStart = BoatSignalDensity.NewConcernsSince(_w.Now, new BoatSignalOptions().NewConcernsWeeks);
        return ctx.Concerns.Where(c => c.GroupId == group && c.Status != ConcernStatus.Closed)
            .Where(c => ctx.Concerns.Any(n => n.GroupId == group && n.PupilId == c.PupilId && n.RaisedAt >= windowStart) == withNewConcern)
            .OrderBy(c => c.Id).Select(c => c.PupilId).First();
    }

    private Task<int> RaiseAsync(int pupil, string observation) =>
        _db.Concerns(Logins.TeacherA).RaiseAsync(new NewConcern { PupilId = pupil, Area = DevelopmentArea.SocialEmotional, Observation = observation });

    [Fact]
    public async Task Group_6_at_HA_has_an_open_signal_and_group_7_at_VB_a_dismissed_one_with_a_reason()
    {
        var groupB = Group(Logins.SchoolB, "6");
        var groupA7 = Group(Logins.SchoolA, "7");

        var list = await _w.Service(Logins.CareCoordinator).ListAsync(includeClosed: true);

        var open = Assert.Single(list, s => s.GroupId == groupB);
        Assert.True(open.IsOpen);
        Assert.Equal(_w.Now.AddDays(-5).AddHours(-3), open.RaisedAt);
        Assert.True(open.Reasons.HasFlag(BoatSignalReasons.OpenConcernShare));
        Assert.True(BoatSignalDensity.ShareReached(open.Now.PupilsWithOpenConcerns.Value!.Value, open.Now.Pupils.Value!.Value, 25));
        var dismissed = Assert.Single(list, s => s.GroupId == groupA7);
        Assert.Equal(BoatSignalStatus.Dismissed, dismissed.Status);
        Assert.False(string.IsNullOrWhiteSpace(dismissed.Note));
        Assert.Equal(_w.Now.AddDays(-10), dismissed.ClosedAt);
    }
}
