using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;
using IbPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.QualityTests;

/// <summary>
/// Fresh groups of the current school year at the demo schools (A = VB, B = HA), with their own pupils and no care
/// records, so that the demo seed never disturbs exact densities. Concerns and support levels are written directly,
/// with exact moments. Teacher A also teaches every fresh group at A (so that it can flag its pupils).
/// </summary>
public sealed class BoatWorld
{
    private readonly Dictionary<int, List<int>> _pupils = [];
    private int _groups;

    public BoatWorld(TestDatabase db)
    {
        Db = db;
        using var ctx = db.CreateContext();
        SchoolA = ctx.Schools.Single(s => s.ShortName == Logins.SchoolA).Id;
        SchoolB = ctx.Schools.Single(s => s.ShortName == Logins.SchoolB).Id;
        YearId = ctx.SchoolYears.Single(y => y.StartYear == SchoolYear.StartYearOf(Today)).Id;
        CoordinatorId = db.StaffId(Logins.CareCoordinator);
        TeacherAId = db.StaffId(Logins.TeacherA);
        TeacherBId = db.StaffId(Logins.TeacherB);
    }

    public TestDatabase Db { get; }
    public int SchoolA { get; }
    public int SchoolB { get; }
    public int YearId { get; }
    public int CoordinatorId { get; }
    public int TeacherAId { get; }
    public int TeacherBId { get; }

    public DateTime Now => Db.Clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(Db.Clock.GetLocalNow().DateTime);

    /// <summary>A new group of the current school year with <paramref name="pupils"/> pupils enrolled since September.</summary>
    public int NewGroup(int? schoolId = null, int pupils = 20, int? yearId = null)
    {
        var school = schoolId ?? SchoolA;
        using var ctx = Db.CreateContext();
        var group = new Group { SchoolId = school, SchoolYearId = yearId ?? YearId, Name = $"Boot {++_groups}", FirstGrade = 5, LastGrade = 5 };
        group.Teachers.Add(new GroupTeacher { StaffMemberId = school == SchoolA ? TeacherAId : TeacherBId });
        for (var i = 0; i < pupils; i++)
        {
            var pupil = new Pupil { FirstName = $"Boot{i}", LastName = "Leerling", DateOfBirth = new DateOnly(2017, 3, 1) };
            group.Enrolments.Add(new Enrolment { Pupil = pupil, EnrolledOn = new DateOnly(2026, 9, 1) });
        }
        ctx.Groups.Add(group);
        ctx.SaveChanges();
        _pupils[group.Id] = group.Enrolments.Select(e => e.PupilId).Order().ToList();
        return group.Id;
    }

    public int Pupil(int groupId, int index) => _pupils[groupId][index];

    public int SchoolOf(int groupId)
    {
        using var ctx = Db.CreateContext();
        return ctx.Groups.Single(g => g.Id == groupId).SchoolId;
    }

    /// <summary>A concern about pupil <paramref name="pupilIndex"/> of the group, raised <paramref name="ago"/> before now.</summary>
    public int AddConcern(int groupId, int pupilIndex, TimeSpan ago, ConcernStatus status = ConcernStatus.Acknowledged)
    {
        using var ctx = Db.CreateContext();
        var raisedAt = Now - ago;
        var concern = new Concern
        {
            PupilId = Pupil(groupId, pupilIndex),
            GroupId = groupId,
            SchoolId = ctx.Groups.Single(g => g.Id == groupId).SchoolId,
            AuthorId = TeacherAId,
            Area = DevelopmentArea.Cognitive,
            SubAreas = SubAreas.Reading,
            Observation = "Boot: leest haperend.",
            Urgency = Urgency.Normal,
            Status = status,
            RaisedAt = raisedAt,
            UpdatedAt = raisedAt,
            ClosedAt = status == ConcernStatus.Closed ? raisedAt.AddHours(1) : null,
        };
        ctx.Concerns.Add(concern);
        ctx.SaveChanges();
        return concern.Id;
    }

    /// <summary>Open concerns (raised 8 weeks ago, so not new) for pupils 0..count-1.</summary>
    public void OpenConcerns(int groupId, int count)
    {
        for (var i = 0; i < count; i++)
            AddConcern(groupId, i, TimeSpan.FromDays(56));
    }

    /// <summary>
    /// New concerns (raised a week ago, closed, so that they are not open) about the first <paramref name="pupils"/>
    /// pupils in turn (default: each about another pupil).
    /// </summary>
    public void NewConcerns(int groupId, int count, int? pupils = null)
    {
        for (var i = 0; i < count; i++)
            AddConcern(groupId, i % (pupils ?? count), TimeSpan.FromDays(7), ConcernStatus.Closed);
    }

    /// <summary>Support levels (changed a month ago) for the last <paramref name="count"/> pupils of the group.</summary>
    public void HighSupport(int groupId, int count, int level = 3)
    {
        var pupils = _pupils[groupId];
        for (var i = 0; i < count; i++)
            SetLevel(groupId, pupils.Count - 1 - i, level, TimeSpan.FromDays(30));
    }

    public void SetLevel(int groupId, int pupilIndex, int level, TimeSpan ago, int? schoolId = null)
    {
        using var ctx = Db.CreateContext();
        ctx.SupportLevelChanges.Add(new SupportLevelChange
        {
            PupilId = Pupil(groupId, pupilIndex),
            SchoolId = schoolId ?? ctx.Groups.Single(g => g.Id == groupId).SchoolId,
            Level = level,
            Reason = "Boot",
            ChangedAt = Now - ago,
            ChangedById = CoordinatorId,
        });
        ctx.SaveChanges();
    }

    /// <summary>A signal stored directly (open, or closed <paramref name="closedAgo"/> before now).</summary>
    public int AddSignal(int groupId, BoatSignalStatus status = BoatSignalStatus.Open, TimeSpan? closedAgo = null,
        BoatSignalReasons reasons = BoatSignalReasons.OpenConcernShare, int pupils = 20, int open = 6)
    {
        using var ctx = Db.CreateContext();
        var signal = new BoatSignal
        {
            GroupId = groupId,
            SchoolId = ctx.Groups.Single(g => g.Id == groupId).SchoolId,
            RaisedAt = Now.AddDays(-20),
            Reasons = reasons,
            PupilCount = pupils,
            PupilsWithOpenConcerns = open,
            NewConcerns = 2,
            NewConcernsWeeks = 4,
            PupilsAtHighSupportLevel = 1,
            Proposed = BoatSignalDensity.Proposal(reasons),
            Status = status,
            ClosedAt = status == BoatSignalStatus.Open ? null : Now - (closedAgo ?? TimeSpan.FromDays(1)),
            ClosedById = status == BoatSignalStatus.Open ? null : CoordinatorId,
            Note = status == BoatSignalStatus.Dismissed ? "Boot: rustig." : null,
        };
        ctx.BoatSignals.Add(signal);
        ctx.SaveChanges();
        return signal.Id;
    }

    public BoatSignal Signal(int id)
    {
        using var ctx = Db.CreateContext();
        return ctx.BoatSignals.Single(s => s.Id == id);
    }

    public List<BoatSignal> SignalsOf(int groupId)
    {
        using var ctx = Db.CreateContext();
        return ctx.BoatSignals.Where(s => s.GroupId == groupId).OrderBy(s => s.Id).ToList();
    }

    public BoatSignalDetector Detector(BoatSignalOptions? options = null, Domain.Events.IPortalEvents? events = null,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext>? factory = null) =>
        new(factory ?? Db.Factory, Db.Clock, new FixedOptions<BoatSignalOptions>(options ?? new BoatSignalOptions()),
            events ?? Db.Events, NullLogger<BoatSignalDetector>.Instance);

    public BoatSignalService Service(string login, BoatSignalOptions? options = null) =>
        new(Db.Factory, Db.UserFor(login), Db.Audit, Db.Clock, Db.Events,
            new FixedOptions<BoatSignalOptions>(options ?? new BoatSignalOptions()), NullLogger<BoatSignalService>.Instance);

    /// <summary>Evaluates the group with default (or given) thresholds.</summary>
    public Task<BoatSignalEvaluation> EvaluateAsync(int groupId, BoatSignalOptions? options = null) =>
        Detector(options).EvaluateGroupAsync(groupId);

    public int AuditCount(string login, string action, Domain.Audit.AuditOutcome? outcome = null)
    {
        var staffId = Db.StaffId(login);
        using var ctx = Db.CreateContext();
        return ctx.AuditEntries.Count(a => a.StaffMemberId == staffId && a.Action == action && (outcome == null || a.Outcome == outcome));
    }
}

/// <summary>Options that stay as given (IOptionsMonitor for tests).</summary>
public sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
