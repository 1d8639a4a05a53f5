using System.Data.Common;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IbPortal.Tests.QualityTests;

public sealed class BoatDetectorTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatDetectorTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Raised_signal_keeps_the_figures_reasons_and_proposal_and_is_published_after_commit()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 6);
        _w.NewConcerns(group, 5);
        _w.HighSupport(group, 2);
        BoatSignal? storedWhenPublished = null;
        using var subscription = _db.Events.Subscribe(e =>
        {
            if (e is BoatSignalChanged c)
                storedWhenPublished = _w.SignalsOf(c.GroupId).SingleOrDefault(s => s.Id == c.SignalId);
            return Task.CompletedTask;
        });

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(BoatSignalEvaluationOutcome.Raised, result.Outcome);
        var signal = Assert.Single(_w.SignalsOf(group));
        Assert.Equal(result.SignalId, signal.Id);
        Assert.Equal((_w.SchoolA, BoatSignalStatus.Open, _w.Now), (signal.SchoolId, signal.Status, signal.RaisedAt));
        Assert.Equal(BoatSignalReasons.OpenConcernShare | BoatSignalReasons.NewConcerns, signal.Reasons);
        Assert.Equal((20, 6, 5, 4, 2), (signal.PupilCount, signal.PupilsWithOpenConcerns, signal.NewConcerns, signal.NewConcernsWeeks, signal.PupilsAtHighSupportLevel));
        Assert.Equal(BoatSignalResponses.GroupDiscussion | BoatSignalResponses.ClassroomVisit, signal.Proposed);
        var published = Assert.Single(_db.Events.Published.OfType<BoatSignalChanged>());
        Assert.Equal((signal.Id, _w.SchoolA, group, BoatSignalChange.Raised), (published.SignalId, published.SchoolId, published.GroupId, published.Change));
        Assert.NotNull(storedWhenPublished); // committed before the event went out
    }

    [Fact]
    public async Task Raising_is_a_system_action_and_leaves_no_audit_entry()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 5);
        int before;
        using (var ctx = _db.CreateContext())
            before = ctx.AuditEntries.Count();

        await _w.EvaluateAsync(group);

        using var after = _db.CreateContext();
        Assert.Equal(before, after.AuditEntries.Count());
        Assert.Single(_w.SignalsOf(group));
    }

    [Fact]
    public async Task A_group_has_at_most_one_open_signal()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 5);
        var first = await _w.EvaluateAsync(group);

        _w.OpenConcerns(group, 8);
        var second = await _w.EvaluateAsync(group);

        Assert.Equal(BoatSignalEvaluationOutcome.AlreadyOpen, second.Outcome);
        Assert.Equal(first.SignalId, second.SignalId);
        Assert.Single(_w.SignalsOf(group));
        Assert.Single(_db.Events.Published.OfType<BoatSignalChanged>());
    }

    [Fact]
    public async Task A_concurrent_raise_on_another_node_is_treated_as_already_raised()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 5);
        // Between this node's check and its insert, "another node" inserts the group's open signal: the filtered unique
        // index IX_BoatSignals_GroupId_Open refuses the second insert.
        var competitor = new CompetingRaise(_db, group);
        var options = new DbContextOptionsBuilder<PortalDbContext>(_db.Options).AddInterceptors(competitor).Options;
        var detector = _w.Detector(factory: new Factory(options));

        var result = await detector.EvaluateGroupAsync(group);

        Assert.True(competitor.Fired);
        Assert.Equal(BoatSignalEvaluationOutcome.AlreadyOpen, result.Outcome);
        var winner = Assert.Single(_w.SignalsOf(group));
        Assert.Equal(winner.Id, result.SignalId);
        Assert.Empty(_db.Events.Published.OfType<BoatSignalChanged>());
    }

    [Theory]
    [InlineData(BoatSignalStatus.Dismissed, 13, false)]
    [InlineData(BoatSignalStatus.Dismissed, 14 * 24 * 60, false)]      // exactly 14 days: still quiet
    [InlineData(BoatSignalStatus.Dismissed, 14 * 24 * 60 + 1, true)]   // more than 14 days ago
    [InlineData(BoatSignalStatus.Acted, 3 * 24 * 60, false)]
    [InlineData(BoatSignalStatus.Acted, 20 * 24 * 60, true)]
    public async Task After_a_signal_closes_the_group_stays_quiet_for_the_quiet_days(BoatSignalStatus closedAs, int minutesAgo, bool raised)
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 6);
        _w.AddSignal(group, closedAs, TimeSpan.FromMinutes(minutesAgo));

        var result = await _w.EvaluateAsync(group);

        Assert.Equal(raised ? BoatSignalEvaluationOutcome.Raised : BoatSignalEvaluationOutcome.QuietPeriod, result.Outcome);
        Assert.Equal(raised ? 2 : 1, _w.SignalsOf(group).Count);
    }

    [Fact]
    public async Task Quiet_days_come_from_the_options()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 6);
        _w.AddSignal(group, BoatSignalStatus.Dismissed, TimeSpan.FromDays(3));

        var result = await _w.EvaluateAsync(group, new BoatSignalOptions { QuietDays = 2 });

        Assert.Equal(BoatSignalEvaluationOutcome.Raised, result.Outcome);
    }

    [Fact]
    public async Task Groups_of_earlier_school_years_are_not_evaluated()
    {
        int oldYear;
        using (var ctx = _db.CreateContext())
        {
            var year = new Domain.Organisation.SchoolYear { StartYear = 2025 };
            ctx.SchoolYears.Add(year);
            ctx.SaveChanges();
            oldYear = year.Id;
        }
        var group = _w.NewGroup(pupils: 20, yearId: oldYear);
        _w.OpenConcerns(group, 10);

        Assert.Equal(BoatSignalEvaluationOutcome.NotCurrentGroup, (await _w.EvaluateAsync(group)).Outcome);
        Assert.Equal(BoatSignalEvaluationOutcome.NotCurrentGroup, (await _w.EvaluateAsync(987654)).Outcome);
        Assert.Empty(_w.SignalsOf(group));
    }

    private sealed class Factory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }

    /// <summary>Inserts the group's open signal on a separate context just before the detector's own insert is saved.</summary>
    private sealed class CompetingRaise(TestDatabase db, int groupId) : SaveChangesInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (!Fired && eventData.Context!.ChangeTracker.Entries<BoatSignal>().Any(e => e.State == EntityState.Added))
            {
                Fired = true;
                await using var other = db.CreateContext();
                var schoolId = other.Groups.Single(g => g.Id == groupId).SchoolId;
                other.BoatSignals.Add(new BoatSignal
                {
                    GroupId = groupId, SchoolId = schoolId, RaisedAt = db.Clock.GetUtcNow().UtcDateTime,
                    Reasons = BoatSignalReasons.OpenConcernShare, Proposed = BoatSignalResponses.GroupDiscussion, PupilCount = 20,
                });
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }
}
