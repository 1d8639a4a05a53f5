using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.CareTests;

/// <summary>The demo board shows classroom visits and coaching in every stage.</summary>
public sealed class DemoVisitSeedTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_seed_has_a_visit_in_every_stage()
    {
        using var db = _db.CreateContext();
        var now = _db.Clock.GetUtcNow().UtcDateTime;
        var stages = db.ClassroomVisits.AsNoTracking().ToList().Select(v => v.StageAt(now)).ToHashSet();

        Assert.Equal(Enum.GetValues<VisitStage>().ToHashSet(), stages);
    }

    [Fact]
    public void A_finished_visit_keeps_the_first_kijkwijzer_version_while_the_board_has_moved_on_to_the_second()
    {
        using var db = _db.CreateContext();
        var versions = db.ObservationCriteriaSets.AsNoTracking().OrderBy(s => s.Version).ToList();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Contains(db.ClassroomVisits.AsNoTracking(), v => v.CriteriaSetId == versions[0].Id && v.Status == VisitStatus.FeedbackGiven);
        Assert.Contains(db.ClassroomVisits.AsNoTracking(), v => v.CriteriaSetId == versions[1].Id);
        // Every score belongs to a criterion of the version its visit was scored with.
        Assert.False(db.VisitScores.Any(s => s.Criterion!.Area!.CriteriaSetId != s.Visit!.CriteriaSetId));
    }

    [Fact]
    public void The_seed_has_support_requests_in_every_status_goals_active_and_achieved_and_notes_about_pupils()
    {
        using var db = _db.CreateContext();
        Assert.Equal(Enum.GetValues<SupportRequestStatus>().ToHashSet(), db.TeacherSupportRequests.Select(r => r.Status).Distinct().ToHashSet());
        Assert.Superset(new HashSet<CoachingGoalStatus> { CoachingGoalStatus.Active, CoachingGoalStatus.Achieved },
            db.CoachingGoals.Select(g => g.Status).Distinct().ToHashSet());
        Assert.True(db.VisitPupilNotes.Count() >= 3);
        Assert.Contains(db.ClassroomVisits.AsNoTracking(), v => v.ConcernId != null);
        Assert.Contains(db.ClassroomVisits.AsNoTracking(), v => v.SupportRequestId != null);
        Assert.Contains(db.ClassroomVisits.AsNoTracking(), v => v.FollowUpOfId != null);
    }
}
