using System.Text.RegularExpressions;
using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Retention;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.RetentionTests;

/// <summary>
/// Hand-made leavers on the seeded demo board (clock at 24 Nov 2026), with leaving dates around the two-year boundary
/// as seen from <see cref="RunDay"/> (15 Jan 2029). Every concern written here carries text that must never reach a
/// run summary or a log line.
/// </summary>
internal sealed class RetentionScenario
{
    public static readonly DateOnly RunDay = new(2029, 1, 15);
    public static readonly DateTimeOffset RunMoment = new(2029, 1, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Left exactly two years before <see cref="RunDay"/>: care data expires that day.</summary>
    public static readonly DateOnly ExactlyTwoYears = RunDay.AddYears(-2);

    /// <summary>Left two years minus one day before <see cref="RunDay"/>: care data expires the day after.</summary>
    public static readonly DateOnly TwoYearsMinusOneDay = ExactlyTwoYears.AddDays(1);

    /// <summary>Left well over two years before <see cref="RunDay"/>.</summary>
    public static readonly DateOnly LongAgo = new(2026, 12, 1);

    public const string SecretObservation = "GEHEIM-observatie";
    public const string SecretNote = "GEHEIM-notitie";

    private readonly TestDatabase _database;
    private readonly HashSet<int> _usedPupils = [];

    private RetentionScenario(TestDatabase database) => _database = database;

    public int SchoolA { get; private set; }
    public int SchoolB { get; private set; }

    /// <summary>Left school A long ago; two concerns there with notes. All goes; anonymized.</summary>
    public int LeftLongAgo { get; private set; }

    /// <summary>Left school A exactly two years before the run day; one concern. Goes; anonymized.</summary>
    public int LeftExactlyTwoYears { get; private set; }

    /// <summary>Left school A two years minus one day before the run day; one concern. Stays; not anonymized.</summary>
    public int LeftOneDayShort { get; private set; }

    /// <summary>Left school A long ago (concern there goes) but enrolled at school B since (concern there stays); not anonymized.</summary>
    public int MovedToSchoolB { get; private set; }

    /// <summary>Still enrolled at school A; one concern. Stays.</summary>
    public int StillEnrolled { get; private set; }

    /// <summary>Has a LeftOn after the run day: still active. Concern stays.</summary>
    public int LeavesLater { get; private set; }

    /// <summary>Two enrolments at school A: one left long ago, the latest left after the boundary. Concern stays.</summary>
    public int LeftTwoGroupsOfOneSchool { get; private set; }

    /// <summary>Left long ago without any care data: anonymized.</summary>
    public int LeftLongAgoWithoutCareData { get; private set; }

    /// <summary>Left one day short of two years without care data: not yet anonymized.</summary>
    public int LeftRecentlyWithoutCareData { get; private set; }

    /// <summary>A pupil of school B with a seeded, closed concern (full history); left long ago. All goes; anonymized.</summary>
    public int SeededLeftLongAgo { get; private set; }

    /// <summary>
    /// Left school A long ago (concern there goes), but also has a concern recorded at school B where no enrolment of
    /// theirs exists: with no leaving date for school B that concern never expires, so the pupil keeps their name.
    /// </summary>
    public int ConcernAtSchoolWithoutEnrolment { get; private set; }

    /// <summary>Names of every hand-made pupil, as they were before any run.</summary>
    public Dictionary<int, (string FirstName, string? Infix, string LastName, DateOnly DateOfBirth)> NamesBefore { get; } = [];

    public IReadOnlySet<int> ExpectedConcernIds { get; private set; } = new HashSet<int>();
    public IReadOnlySet<int> ExpectedHistoryIds { get; private set; } = new HashSet<int>();

    /// <summary>Every care record at the expired (pupil, school) pairs: the concerns and their history, plus whatever other
    /// care records the demo seed holds about the seeded leaver.</summary>
    public int ExpectedCareRecordCount { get; private set; }

    public IReadOnlySet<int> ExpectedAnonymized => new HashSet<int> { LeftLongAgo, LeftExactlyTwoYears, LeftLongAgoWithoutCareData, SeededLeftLongAgo };

    public IReadOnlySet<int> ExpectedNotAnonymized => new HashSet<int>
    {
        LeftOneDayShort, MovedToSchoolB, StillEnrolled, LeavesLater, LeftTwoGroupsOfOneSchool, LeftRecentlyWithoutCareData,
        ConcernAtSchoolWithoutEnrolment,
    };

    /// <summary>No first or last name of a hand-made pupil appears in <paramref name="text"/> as a word.</summary>
    public void AssertNoNamesIn(string text)
    {
        Assert.NotEmpty(NamesBefore);
        foreach (var (first, _, last, _) in NamesBefore.Values)
        {
            Assert.DoesNotMatch($@"\b{Regex.Escape(first)}\b", text);
            Assert.DoesNotMatch($@"\b{Regex.Escape(last)}\b", text);
        }
    }

    /// <summary>Builds the leavers (clock still at the seed's today), then leaves the clock at <see cref="RunMoment"/>.</summary>
    public static RetentionScenario Create(TestDatabase database, bool moveClock = true)
    {
        var scenario = new RetentionScenario(database);
        scenario.Build();
        if (moveClock)
            database.Clock.SetUtcNow(RunMoment);
        return scenario;
    }

    private void Build()
    {
        using var db = _database.CreateContext();
        SchoolA = db.Schools.Single(s => s.ShortName == Logins.SchoolA).Id;
        SchoolB = db.Schools.Single(s => s.ShortName == Logins.SchoolB).Id;
        var author = db.StaffMembers.Single(s => s.Login == Logins.CareCoordinator).Id;
        var groupsA = db.Groups.Where(g => g.SchoolId == SchoolA).OrderBy(g => g.Id).Select(g => g.Id).ToList();
        var groupsB = db.Groups.Where(g => g.SchoolId == SchoolB).OrderBy(g => g.Id).Select(g => g.Id).ToList();

        LeftLongAgo = FreshPupil(db, SchoolA);
        Leave(db, LeftLongAgo, LongAgo);
        AddConcern(db, LeftLongAgo, author, notes: 2);
        AddConcern(db, LeftLongAgo, author, notes: 0);

        LeftExactlyTwoYears = FreshPupil(db, SchoolA);
        Leave(db, LeftExactlyTwoYears, ExactlyTwoYears);
        AddConcern(db, LeftExactlyTwoYears, author, notes: 1);

        LeftOneDayShort = FreshPupil(db, SchoolA);
        Leave(db, LeftOneDayShort, TwoYearsMinusOneDay);
        AddConcern(db, LeftOneDayShort, author, notes: 1);

        MovedToSchoolB = FreshPupil(db, SchoolA);
        AddConcern(db, MovedToSchoolB, author, notes: 1);        // at school A
        Leave(db, MovedToSchoolB, LongAgo);
        var groupB = groupsB[3];
        db.Enrolments.Add(new Enrolment { PupilId = MovedToSchoolB, GroupId = groupB, EnrolledOn = LongAgo.AddDays(1) });
        db.SaveChanges();
        AddConcern(db, MovedToSchoolB, author, notes: 1, groupId: groupB);   // at school B

        StillEnrolled = FreshPupil(db, SchoolA);
        AddConcern(db, StillEnrolled, author, notes: 1);

        LeavesLater = FreshPupil(db, SchoolA);
        Leave(db, LeavesLater, RunDay.AddMonths(5));
        AddConcern(db, LeavesLater, author, notes: 0);

        LeftTwoGroupsOfOneSchool = FreshPupil(db, SchoolA);
        AddConcern(db, LeftTwoGroupsOfOneSchool, author, notes: 1);
        Leave(db, LeftTwoGroupsOfOneSchool, LongAgo);
        var currentGroup = db.Enrolments.Where(e => e.PupilId == LeftTwoGroupsOfOneSchool).Select(e => e.GroupId).Single();
        db.Enrolments.Add(new Enrolment
        {
            PupilId = LeftTwoGroupsOfOneSchool,
            GroupId = groupsA.First(g => g != currentGroup),
            EnrolledOn = LongAgo.AddDays(1),
            LeftOn = TwoYearsMinusOneDay.AddMonths(4),
        });
        db.SaveChanges();

        ConcernAtSchoolWithoutEnrolment = FreshPupil(db, SchoolA);
        AddConcern(db, ConcernAtSchoolWithoutEnrolment, author, notes: 0);                    // at school A
        AddConcern(db, ConcernAtSchoolWithoutEnrolment, author, notes: 1, groupId: groupsB[5]); // at school B, never enrolled there
        Leave(db, ConcernAtSchoolWithoutEnrolment, LongAgo);

        LeftLongAgoWithoutCareData = FreshPupil(db, SchoolA);
        Leave(db, LeftLongAgoWithoutCareData, LongAgo);

        LeftRecentlyWithoutCareData = FreshPupil(db, SchoolB);
        Leave(db, LeftRecentlyWithoutCareData, TwoYearsMinusOneDay);

        // A referral would keep the pupil's name for a year longer than the care period (ReferralDataYearsAfterLeaving).
        SeededLeftLongAgo = db.Concerns
            .Where(c => c.SchoolId == SchoolB && c.Status == ConcernStatus.Closed && !db.PartnershipReferrals.Any(r => r.PupilId == c.PupilId))
            .OrderBy(c => c.PupilId).Select(c => c.PupilId).First();
        _usedPupils.Add(SeededLeftLongAgo);
        Leave(db, SeededLeftLongAgo, LongAgo);

        foreach (var pupil in db.Pupils.AsNoTracking().Where(p => _usedPupils.Contains(p.Id)))
            NamesBefore[pupil.Id] = (pupil.FirstName, pupil.Infix, pupil.LastName, pupil.DateOfBirth);

        var expiredPairs = new[]
        {
            (LeftLongAgo, SchoolA), (LeftExactlyTwoYears, SchoolA), (MovedToSchoolB, SchoolA), (SeededLeftLongAgo, SchoolB),
            (ConcernAtSchoolWithoutEnrolment, SchoolA),
        };
        var concerns = db.Concerns.AsNoTracking().Select(c => new { c.Id, c.PupilId, c.SchoolId }).ToList()
            .Where(c => expiredPairs.Contains((c.PupilId, c.SchoolId))).Select(c => c.Id).ToHashSet();
        ExpectedConcernIds = concerns;
        ExpectedHistoryIds = db.ConcernHistory.AsNoTracking().Where(h => concerns.Contains(h.ConcernId)).Select(h => h.Id).ToHashSet();
        ExpectedCareRecordCount = CareRecordsAt(db, expiredPairs);
        Assert.True(db.ConcernHistory.Count(h => concerns.Contains(h.ConcernId) && h.Text != null) >= 3,
            "the scenario should delete history with text");
    }

    /// <summary>A pupil enrolled at <paramref name="schoolId"/> without any seeded care records, not used before.</summary>
    private int FreshPupil(PortalDbContext db, int schoolId)
    {
        var withCare = CareRecordPairs(db).Select(p => p.PupilId).ToHashSet();
        var id = db.Enrolments
            .Where(e => e.Group!.SchoolId == schoolId)
            .OrderBy(e => e.PupilId)
            .Select(e => e.PupilId)
            .AsEnumerable()
            .First(p => !_usedPupils.Contains(p) && !withCare.Contains(p));
        _usedPupils.Add(id);
        return id;
    }

    /// <summary>The (pupil, school) of every care record of every type (concerns, their history and all others), one per record.</summary>
    private static List<(int PupilId, int SchoolId)> CareRecordPairs(PortalDbContext db) =>
    [
        .. db.Concerns.AsNoTracking().Select(c => new { c.PupilId, c.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.ConcernHistory.AsNoTracking().Select(h => new { h.Concern!.PupilId, h.Concern.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.GoalEvaluations.AsNoTracking().Select(e => new { e.Goal!.Plan!.PupilId, e.Goal.Plan.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.PlanGoals.AsNoTracking().Select(g => new { g.Plan!.PupilId, g.Plan.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.SupportPlans.AsNoTracking().Select(p => new { p.PupilId, p.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.SupportLevelChanges.AsNoTracking().Select(l => new { l.PupilId, l.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.DevelopmentPlans.AsNoTracking().Select(o => new { o.PupilId, o.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.ParentConversations.AsNoTracking().Select(c => new { c.PupilId, c.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.ExternalExpertReports.AsNoTracking().Select(r => new { r.PupilId, r.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.Consents.AsNoTracking().Select(c => new { c.PupilId, c.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.Guardians.AsNoTracking().Select(g => new { g.PupilId, g.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.DiscussionPupils.AsNoTracking().Select(p => new { p.PupilId, p.Discussion!.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.AgendaItems.AsNoTracking().Where(a => a.PupilId != null).Select(a => new { PupilId = a.PupilId!.Value, a.Discussion!.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.ActionItems.AsNoTracking().Where(a => a.PupilId != null).Select(a => new { PupilId = a.PupilId!.Value, a.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
        .. db.PartnershipReferrals.AsNoTracking().Select(r => new { r.PupilId, r.SchoolId }).AsEnumerable().Select(x => (x.PupilId, x.SchoolId)),
    ];

    private static int CareRecordsAt(PortalDbContext db, IEnumerable<(int PupilId, int SchoolId)> pairs)
    {
        var set = pairs.ToHashSet();
        // Referrals are referral data, not care data.
        var referrals = db.PartnershipReferrals.AsNoTracking().Select(r => new { r.PupilId, r.SchoolId }).AsEnumerable()
            .Count(r => set.Contains((r.PupilId, r.SchoolId)));
        return CareRecordPairs(db).Count(set.Contains) - referrals;
    }

    private static void Leave(PortalDbContext db, int pupilId, DateOnly leftOn)
    {
        foreach (var enrolment in db.Enrolments.Where(e => e.PupilId == pupilId && e.LeftOn == null))
            enrolment.LeftOn = leftOn;
        db.SaveChanges();
    }

    private void AddConcern(PortalDbContext db, int pupilId, int authorId, int notes, int? groupId = null)
    {
        var group = groupId ?? db.Enrolments.Where(e => e.PupilId == pupilId).OrderBy(e => e.Id).Select(e => e.GroupId).First();
        var schoolId = db.Groups.Where(g => g.Id == group).Select(g => g.SchoolId).Single();
        var at = _database.Clock.GetUtcNow().UtcDateTime;
        var concern = new Concern
        {
            PupilId = pupilId,
            GroupId = group,
            SchoolId = schoolId,
            AuthorId = authorId,
            Area = DevelopmentArea.SocialEmotional,
            SubAreas = SubAreas.Wellbeing,
            Observation = $"{SecretObservation} over leerling {pupilId}",
            Urgency = Urgency.Worrying,
            Status = notes > 0 ? ConcernStatus.Acknowledged : ConcernStatus.New,
            RaisedAt = at,
            UpdatedAt = at,
        };
        concern.History.Add(new ConcernHistoryEntry { At = at, ActorId = authorId, Change = ConcernChange.Raised, ToStatus = ConcernStatus.New });
        for (var i = 0; i < notes; i++)
        {
            concern.History.Add(new ConcernHistoryEntry
            {
                At = at.AddMinutes(i + 1), ActorId = authorId, Change = ConcernChange.NoteAdded,
                FromStatus = ConcernStatus.Acknowledged, ToStatus = ConcernStatus.Acknowledged, Text = $"{SecretNote} {i}",
            });
        }
        db.Concerns.Add(concern);
        db.SaveChanges();
    }
}

/// <summary>Creating retention services on a <see cref="TestDatabase"/>.</summary>
internal static class RetentionTestExtensions
{
    public static RetentionService Retention(this TestDatabase database, string? login, RetentionOptions? options = null,
        ILogger<RetentionService>? logger = null) =>
        new(database.Factory, login is null ? TestDatabase.Anonymous() : database.UserFor(login), database.Audit, database.Clock,
            new FixedOptions<RetentionOptions>(options ?? new RetentionOptions()), logger ?? NullLogger<RetentionService>.Instance);

    public static RetentionService Retention(this TestDatabase database, CurrentUser user) =>
        new(database.Factory, user, database.Audit, database.Clock, new FixedOptions<RetentionOptions>(new RetentionOptions()),
            NullLogger<RetentionService>.Instance);

    public static HashSet<int> ConcernIds(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.Concerns.Select(c => c.Id).ToHashSet();
    }

    public static HashSet<int> HistoryIds(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.ConcernHistory.Select(h => h.Id).ToHashSet();
    }

    public static Pupil StoredPupil(this TestDatabase database, int pupilId)
    {
        using var db = database.CreateContext();
        return db.Pupils.AsNoTracking().Single(p => p.Id == pupilId);
    }

    public static HashSet<int> AnonymizedPupilIds(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.Pupils.Where(p => p.AnonymizedAt != null).Select(p => p.Id).ToHashSet();
    }
}

/// <summary>Options that do not change.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;
    public T Get(string? name) => value;
    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

/// <summary>A logger that keeps the rendered messages, to check what retention writes to the log.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
            _lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
