using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Quality;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.QualityTests;

public sealed class BoatMonitorTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly BoatWorld _w;

    public BoatMonitorTests() => _w = new BoatWorld(_db);

    public void Dispose() => _db.Dispose();

    private BoatSignalMonitor Monitor(IPortalEvents events, BoatSignalDetector? detector = null, ILogger<BoatSignalMonitor>? logger = null) =>
        new(events, detector ?? _w.Detector(events: events), logger ?? NullLogger<BoatSignalMonitor>.Instance);

    private ConcernChanged Changed(int concernId, int groupId, ConcernChange change = ConcernChange.Raised) =>
        new(concernId, _w.SchoolA, groupId, _w.Pupil(groupId, 0), _w.TeacherAId, change, ConcernStatus.New, Urgency.Normal, _w.Now);

    [Fact]
    public async Task A_published_concern_change_lets_the_monitor_raise_the_groups_signal()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 4);
        var monitor = Monitor(_db.Events);
        await monitor.StartAsync(CancellationToken.None);

        var concern = _w.AddConcern(group, 10, TimeSpan.FromMinutes(1), ConcernStatus.New); // the fifth pupil: 25%
        await _db.Events.PublishAsync(Changed(concern, group));

        var signal = Assert.Single(_w.SignalsOf(group));
        Assert.Equal(BoatSignalReasons.OpenConcernShare, signal.Reasons);
        Assert.Contains(_db.Events.Published, e => e is BoatSignalChanged c && c.SignalId == signal.Id && c.Change == BoatSignalChange.Raised);

        await monitor.StopAsync(CancellationToken.None);
        monitor.Dispose();
    }

    [Fact]
    public async Task Closing_a_concern_is_evaluated_too_and_other_events_are_ignored()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 5);
        var monitor = Monitor(_db.Events);
        await monitor.StartAsync(CancellationToken.None);

        await _db.Events.PublishAsync(new SupportRequestChanged(1, _w.SchoolA, _w.TeacherAId, SupportRequestChange.Asked, _w.Now));
        Assert.Empty(_w.SignalsOf(group));

        await _db.Events.PublishAsync(Changed(1, group, ConcernChange.Closed));
        Assert.Single(_w.SignalsOf(group));

        await monitor.StopAsync(CancellationToken.None);
        Assert.Equal(0, _db.Events.SubscriberCount);
        monitor.Dispose();
    }

    [Fact]
    public async Task A_teachers_new_concern_in_a_busy_group_raises_the_signal_through_the_in_process_events()
    {
        var group = _w.NewGroup(pupils: 20);
        _w.OpenConcerns(group, 4);
        var events = new InProcessPortalEvents(NullLogger<InProcessPortalEvents>.Instance);
        var raised = new TaskCompletionSource<BoatSignalChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = events.Subscribe(e =>
        {
            if (e is BoatSignalChanged c)
                raised.TrySetResult(c);
            return Task.CompletedTask;
        });
        using var monitor = Monitor(events);
        await monitor.StartAsync(CancellationToken.None);
        var concerns = new ConcernService(_db.Factory, _db.UserFor(Logins.TeacherA), events, _db.Audit, _db.Clock,
            NullLogger<ConcernService>.Instance, _db.Submissions);

        await concerns.RaiseAsync(new NewConcern
        {
            PupilId = _w.Pupil(group, 12),
            Area = DevelopmentArea.SocialEmotional,
            Observation = "Boot: speelt alleen.",
        });

        var change = await raised.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((group, _w.SchoolA, BoatSignalChange.Raised), (change.GroupId, change.SchoolId, change.Change));
        Assert.Equal(5, Assert.Single(_w.SignalsOf(group)).PupilsWithOpenConcerns);
    }

    [Fact]
    public async Task A_failing_evaluation_is_logged_and_never_reaches_the_publisher()
    {
        var group = _w.NewGroup(pupils: 20);
        var broken = _w.Detector(factory: new BrokenFactory());
        var log = new CapturingLogger<BoatSignalMonitor>();
        using var monitor = Monitor(_db.Events, broken, log);
        await monitor.StartAsync(CancellationToken.None);

        // RecordingEvents delivers inline: an exception in the handler would surface here.
        await _db.Events.PublishAsync(Changed(4711, group));
        await _db.Events.PublishAsync(new SupportLevelChanged(_w.Pupil(group, 3), _w.SchoolA, _w.Now));

        Assert.Empty(_w.SignalsOf(group));
        Assert.Equal(2, log.Entries.Count);
        var concern = log.Entries[0];
        Assert.Equal((LogLevel.Error, "database down"), (concern.Level, concern.Exception?.Message));
        Assert.Equal($"Boat signal evaluation of group {group} after concern 4711 failed", concern.Message);
        var level = log.Entries[1];
        Assert.Equal((LogLevel.Error, "database down"), (level.Level, level.Exception?.Message));
        Assert.Equal($"Boat signal evaluation after a support level change of pupil {_w.Pupil(group, 3)} at school {_w.SchoolA} failed", level.Message);
        // Ids only: no pupil name in the log.
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("Boot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_support_level_change_lets_the_monitor_evaluate_the_pupils_current_group_at_that_school()
    {
        var group = _w.NewGroup(pupils: 25);
        var other = _w.NewGroup(pupils: 25);
        _w.HighSupport(group, 5); // 20%, 5 pupils: reaches the threshold, but nobody evaluated the group yet
        _w.HighSupport(other, 5);
        var log = new CapturingLogger<BoatSignalMonitor>();
        using var monitor = Monitor(_db.Events, logger: log);
        await monitor.StartAsync(CancellationToken.None);

        // The same pupil's level at another school: none of their groups there, nothing evaluated.
        await _db.Events.PublishAsync(new SupportLevelChanged(_w.Pupil(group, 19), _w.SchoolB, _w.Now));
        Assert.Empty(_w.SignalsOf(group));

        await _db.Events.PublishAsync(new SupportLevelChanged(_w.Pupil(group, 19), _w.SchoolA, _w.Now));

        var signal = Assert.Single(_w.SignalsOf(group));
        Assert.Equal(BoatSignalReasons.HighSupportShare, signal.Reasons);
        Assert.Empty(_w.SignalsOf(other)); // only the pupil's own group
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Debug
            && e.Message == $"Boat signal evaluation of group {group} after a support level change of pupil {_w.Pupil(group, 19)}: Raised");
        await monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_detector_evaluates_only_the_current_groups_the_pupil_is_enrolled_in_today()
    {
        var group = _w.NewGroup(pupils: 25);
        _w.HighSupport(group, 5);

        var atA = await _w.Detector().EvaluatePupilGroupsAsync(_w.Pupil(group, 0), _w.SchoolA);
        var atB = await _w.Detector().EvaluatePupilGroupsAsync(_w.Pupil(group, 0), _w.SchoolB);

        var (groupId, evaluation) = Assert.Single(atA);
        Assert.Equal((group, BoatSignalEvaluationOutcome.Raised), (groupId, evaluation.Outcome));
        Assert.Empty(atB);
    }

    [Fact]
    public void The_monitor_is_registered_as_a_hosted_service_with_the_quality_module()
    {
        var services = new ServiceCollection();
        services.AddPortalQuality();
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(BoatSignalMonitor));
    }

    /// <summary>Keeps every log entry with its rendered message, to check what the monitor logs.</summary>
    private sealed class CapturingLogger<T> : ILogger<T>
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries { get { lock (_entries) return [.. _entries]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
                _entries.Add((logLevel, formatter(state, exception), exception));
        }
    }

    private sealed class BrokenFactory : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => throw new InvalidOperationException("database down");
    }
}
