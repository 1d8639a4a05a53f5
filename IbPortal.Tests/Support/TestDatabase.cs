using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IbPortal.Tests.Support;

/// <summary>
/// A real SQLite database in memory (the connection stays open for the test's lifetime), migrated with the committed
/// migrations and seeded with the demo board as of <see cref="Today"/>.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>A fixed moment inside a school year (a Tuesday in November).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private readonly DbContextOptions<PortalDbContext>? _options;
    private readonly Action? _onDispose;

    public TestDatabase(bool seed = true, DateTimeOffset? now = null)
        : this(OpenInMemory(out var connection, out var options), seed, now, connection.Dispose)
    {
        _options = options;
    }

    /// <summary>
    /// The same, on a database <paramref name="factory"/> reaches (the PostgreSQL tests' own database); migrated with
    /// that provider's migrations. <paramref name="onDispose"/> runs on dispose (e.g. dropping the database).
    /// </summary>
    public TestDatabase(IDbContextFactory<PortalDbContext> factory, bool seed = true, DateTimeOffset? now = null, Action? onDispose = null)
    {
        _onDispose = onDispose;
        Factory = factory;
        Clock = new FakeTimeProvider(now ?? DefaultNow);
        Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        Submissions = new SubmissionRateLimiter(
            Microsoft.Extensions.Options.Options.Create(new SubmissionRateLimitOptions { ConcernsPerMinute = GenerousConcernsPerMinute }),
            Clock, NullLogger<SubmissionRateLimiter>.Instance);
        using var db = Factory.CreateDbContext();
        db.Database.Migrate();
        if (seed)
        {
            DemoDataSeeder.Seed(db, Clock.GetUtcNow().UtcDateTime);
            db.SaveChanges();
        }
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The in-memory SQLite database's options (not there for a database given by its factory).</summary>
    public DbContextOptions<PortalDbContext> Options =>
        _options ?? throw new InvalidOperationException("This test database was given as a factory; it has no SQLite options.");
    public IDbContextFactory<PortalDbContext> Factory { get; }

    /// <summary>Far above what any test raises within a (fake) minute; the limiter itself is tested in SecurityTests.</summary>
    public const int GenerousConcernsPerMinute = 100_000;

    /// <summary>The submission limiter shared by every ConcernService created through this database.</summary>
    public SubmissionRateLimiter Submissions { get; }

    /// <summary>Events published by services created through this database.</summary>
    public RecordingEvents Events { get; } = new();

    public PortalDbContext CreateContext() => Factory.CreateDbContext();

    public int StaffId(string login)
    {
        using var db = CreateContext();
        return db.StaffMembers.Single(s => s.Login == login).Id;
    }

    /// <summary>A <see cref="CurrentUser"/> signed in as the staff member with <paramref name="login"/>.</summary>
    public CurrentUser UserFor(string login)
    {
        using var db = CreateContext();
        var staff = db.StaffMembers.Include(s => s.Roles).Single(s => s.Login == login);
        var user = new CurrentUser();
        user.Set(PortalClaims.CreatePrincipal(staff.Id, staff.DisplayName, staff.Login,
            staff.Roles.Select(r => r.Role.ToString()), "Test"));
        return user;
    }

    public static CurrentUser Anonymous() => new();

    public global::IbPortal.Domain.Audit.AuditTrail Audit => new(Factory, Clock, NullLogger<global::IbPortal.Domain.Audit.AuditTrail>.Instance);

    public global::IbPortal.Domain.Concerns.ConcernService Concerns(string login) =>
        new(Factory, UserFor(login), Events, Audit, Clock, NullLogger<global::IbPortal.Domain.Concerns.ConcernService>.Instance, Submissions);

    public global::IbPortal.Domain.Pupils.PupilService Pupils(string login) =>
        new(Factory, UserFor(login), Audit, Clock);

    public global::IbPortal.Domain.Dashboard.CareDashboardService Dashboard(string login) => new(Factory, UserFor(login), Clock);

    public global::IbPortal.Domain.Concerns.ConcernFeed Feed(string login) => new(Factory, UserFor(login), Events, Clock, LiveScopes, SharedSummaries);

    /// <summary>The node-wide live scopes (a singleton in the app): one per test database.</summary>
    public global::IbPortal.Domain.Access.LiveScopeCache LiveScopes => _liveScopes ??= new(Factory, Clock);
    private global::IbPortal.Domain.Access.LiveScopeCache? _liveScopes;

    /// <summary>The node-wide shared summary loads of the concern feed (a singleton in the app).</summary>
    public global::IbPortal.Domain.Concerns.ConcernFeed.SharedSummaries SharedSummaries => _sharedSummaries ??= new(Factory);
    private global::IbPortal.Domain.Concerns.ConcernFeed.SharedSummaries? _sharedSummaries;

    /// <summary>The pupil-care options services created through <see cref="Service{T}"/> see (tests may change them first).</summary>
    public global::IbPortal.Domain.Parents.CareOptions CareOptions { get; } = new();

    /// <summary>
    /// Any domain service, signed in as <paramref name="login"/>, built from this database's factory, clock, events,
    /// audit trail and options (constructor injection as in the app).
    /// </summary>
    public T Service<T>(string login) where T : class => Service<T>(UserFor(login));

    public T Service<T>(CurrentUser user) where T : class
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSingleton(Factory);
        services.AddSingleton(user);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IPortalEvents>(Events);
        services.AddSingleton(Audit);
        services.AddSingleton(Submissions);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(CareOptions));
        services.AddSingleton<global::IbPortal.Domain.Parents.ConsentPurposes>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        // The care modules' own services, for services that build on another module's (one provider per call, so
        // resolving them from the root is fine).
        global::IbPortal.Domain.Discussions.DiscussionsServiceCollectionExtensions.AddPortalDiscussions(services);
        global::IbPortal.Domain.Support.SupportServiceCollectionExtensions.AddPortalSupport(services);
        global::IbPortal.Domain.Parents.ParentsServiceCollectionExtensions.AddPortalParents(services);
        global::IbPortal.Domain.Partnership.PartnershipServiceCollectionExtensions.AddPortalPartnership(services);
        global::IbPortal.Domain.Visits.VisitsServiceCollectionExtensions.AddPortalVisits(services);
        global::IbPortal.Domain.Quality.QualityServiceCollectionExtensions.AddPortalQuality(services);
        var provider = services.BuildServiceProvider();
        return Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(provider);
    }

    /// <summary>
    /// A new pupil, enrolled today in the (first) group <paramref name="teacherLogin"/> teaches, with no care records
    /// at all: for tests that must not meet the demo seed's care data.
    /// </summary>
    public int NewPupilIn(string teacherLogin, string firstName = "Testleerling")
    {
        using var db = CreateContext();
        var groupId = db.GroupTeachers.Where(t => t.StaffMember!.Login == teacherLogin)
            .OrderByDescending(t => t.Group!.SchoolYear!.StartYear).ThenBy(t => t.GroupId)
            .Select(t => t.GroupId).First();
        var pupil = new global::IbPortal.Domain.Pupils.Pupil { FirstName = firstName, LastName = "Nieuw", DateOfBirth = new DateOnly(2018, 5, 1) };
        pupil.Enrolments.Add(new global::IbPortal.Domain.Pupils.Enrolment
        {
            GroupId = groupId,
            EnrolledOn = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-30),
        });
        db.Pupils.Add(pupil);
        db.SaveChanges();
        return pupil.Id;
    }

    /// <summary>A pupil currently enrolled in a group taught by <paramref name="teacherLogin"/>.</summary>
    public int PupilOf(string teacherLogin, int skip = 0)
    {
        using var db = CreateContext();
        return db.Enrolments
            .Where(e => e.Group!.Teachers.Any(t => t.StaffMember!.Login == teacherLogin))
            .OrderBy(e => e.PupilId)
            .Select(e => e.PupilId)
            .Skip(skip)
            .First();
    }

    /// <summary>A pupil at the school with <paramref name="schoolShortName"/> not taught by <paramref name="notTaughtBy"/>.</summary>
    public int PupilAt(string schoolShortName, string? notTaughtBy = null)
    {
        using var db = CreateContext();
        return db.Enrolments
            .Where(e => e.Group!.School!.ShortName == schoolShortName &&
                        (notTaughtBy == null || !e.Group.Teachers.Any(t => t.StaffMember!.Login == notTaughtBy)))
            .OrderBy(e => e.PupilId)
            .Select(e => e.PupilId)
            .First();
    }

    public int SchoolId(string shortName)
    {
        using var db = CreateContext();
        return db.Schools.Single(s => s.ShortName == shortName).Id;
    }

    public void Dispose() => _onDispose?.Invoke();

    private static ContextFactory OpenInMemory(out SqliteConnection connection, out DbContextOptions<PortalDbContext> options)
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connection).Options;
        return new ContextFactory(options);
    }

    /// <summary>Contexts with <paramref name="options"/>: e.g. this database's <see cref="Options"/> with an interceptor.</summary>
    public sealed class ContextFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}

/// <summary>An event publisher that records what was published and also delivers to subscribers, in order.</summary>
public sealed class RecordingEvents : IPortalEvents
{
    private readonly List<Func<PortalEvent, Task>> _handlers = [];
    private readonly object _gate = new();

    public List<PortalEvent> Published { get; } = [];

    public async Task PublishAsync(PortalEvent portalEvent, CancellationToken ct = default)
    {
        Func<PortalEvent, Task>[] handlers;
        lock (_gate)
        {
            Published.Add(portalEvent);
            handlers = [.. _handlers];
        }
        foreach (var handler in handlers)
            await handler(portalEvent);
    }

    public IDisposable Subscribe(Func<PortalEvent, Task> handler)
    {
        lock (_gate)
            _handlers.Add(handler);
        return new Unsubscribe(() => { lock (_gate) _handlers.Remove(handler); });
    }

    public int SubscriberCount { get { lock (_gate) return _handlers.Count; } }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
