using IbPortal.Domain.Access;
using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.QualityTests;

/// <summary>A support-level change publishes <see cref="SupportLevelChanged"/> after its commit, and the boat signal hears it.</summary>
public sealed class BoatSupportLevelEventTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatSupportLevelEventTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    private SupportService Support() => _db.Service<SupportService>(Logins.CareCoordinator);

    [Fact]
    public async Task A_level_change_publishes_the_pupil_and_school_ids_after_the_change_is_committed()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);
        int? levelSeenByListener = null;
        using var listener = _db.Events.Subscribe(e =>
        {
            if (e is SupportLevelChanged)
            {
                // Read with a context of its own: the change must already be committed when the event arrives.
                using var ctx = _db.CreateContext();
                levelSeenByListener = ctx.SupportLevelChanges.Where(c => c.PupilId == pupil)
                    .OrderByDescending(c => c.Id).Select(c => (int?)c.Level).FirstOrDefault();
            }
            return Task.CompletedTask;
        });

        await Support().ChangeLevelAsync(pupil, 3, "Boot: na zes weken nog geen groei.");

        var published = Assert.Single(_db.Events.Published.OfType<SupportLevelChanged>());
        Assert.Equal((pupil, _db.SchoolId(Logins.SchoolA), _w.Now), (published.PupilId, published.SchoolId, published.OccurredAt));
        Assert.Equal(3, levelSeenByListener);
    }

    [Fact]
    public async Task A_refused_or_invalid_level_change_publishes_nothing()
    {
        var pupil = _db.NewPupilIn(Logins.TeacherA);

        await Assert.ThrowsAsync<DomainValidationException>(() => Support().ChangeLevelAsync(pupil, 1, "Al op niveau 1."));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _db.Service<SupportService>(Logins.TeacherA).ChangeLevelAsync(pupil, 2, "Geen IB'er."));

        Assert.Empty(_db.Events.Published.OfType<SupportLevelChanged>());
    }

    [Fact]
    public async Task A_level_change_that_brings_the_group_to_the_high_support_threshold_raises_its_boat_signal()
    {
        var group = _w.NewGroup(pupils: 25);
        _w.HighSupport(group, 4); // 16%, 4 pupils: below 20% and below 5 pupils
        using var monitor = new BoatSignalMonitor(_db.Events, _w.Detector(), NullLogger<BoatSignalMonitor>.Instance);
        await monitor.StartAsync(CancellationToken.None);

        await Support().ChangeLevelAsync(_w.Pupil(group, 0), 3, "Boot: de IB'er begeleidt.");

        var signal = Assert.Single(_w.SignalsOf(group));
        Assert.Equal((BoatSignalReasons.HighSupportShare, 5), (signal.Reasons, signal.PupilsAtHighSupportLevel));
        Assert.Contains(_db.Events.Published, e => e is BoatSignalChanged c && c.SignalId == signal.Id && c.Change == BoatSignalChange.Raised);
        await monitor.StopAsync(CancellationToken.None);
    }
}
