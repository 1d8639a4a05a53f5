using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Events;
using IbPortal.Domain.Pupils;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.DomainTests;

/// <summary>Small helpers shared by the domain tests: valid input, raising as someone, reading the stored state.</summary>
internal static class DomainScenario
{
    public const string Observation = "Leest nog spellend en het leestempo blijft achter bij de groep.";
    public const string Since = "sinds de herfstvakantie";
    public const string AlreadyTried = "Extra instructie aan de instructietafel.";

    public static NewConcern ValidConcern(int pupilId, Urgency urgency = Urgency.Worrying) => new()
    {
        PupilId = pupilId,
        Area = DevelopmentArea.Cognitive,
        SubAreas = SubAreas.Reading | SubAreas.Concentration,
        Observation = Observation,
        Since = Since,
        AlreadyTried = AlreadyTried,
        Urgency = urgency,
    };

    /// <summary>Teacher A flags one of their own pupils; returns the concern id.</summary>
    public static Task<int> RaiseByTeacherAAsync(this TestDatabase database, Urgency urgency = Urgency.Worrying) =>
        database.Concerns(Logins.TeacherA).RaiseAsync(ValidConcern(database.PupilOf(Logins.TeacherA), urgency));

    /// <summary>Teacher B flags one of their own pupils (school B); returns the concern id.</summary>
    public static Task<int> RaiseByTeacherBAsync(this TestDatabase database, Urgency urgency = Urgency.Worrying) =>
        database.Concerns(Logins.TeacherB).RaiseAsync(ValidConcern(database.PupilOf(Logins.TeacherB), urgency));

    /// <summary>The stored concern with its history (ordered as stored), read straight from the database.</summary>
    public static Concern Stored(this TestDatabase database, int concernId)
    {
        using var db = database.CreateContext();
        var concern = db.Concerns.AsNoTracking().Include(c => c.History).Single(c => c.Id == concernId);
        concern.History = [.. concern.History.OrderBy(h => h.At).ThenBy(h => h.Id)];
        return concern;
    }

    /// <summary>An event about the stored concern, as the service would publish it (for the live feed's summary).</summary>
    public static ConcernChanged ChangeOf(this TestDatabase database, int concernId, ConcernChange change = ConcernChange.Raised)
    {
        var c = database.Stored(concernId);
        return new ConcernChanged(c.Id, c.SchoolId, c.GroupId, c.PupilId, c.AuthorId, change, c.Status, c.Urgency, database.Clock.GetUtcNow().UtcDateTime);
    }

    public static int ConcernCount(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.Concerns.Count();
    }

    public static int HistoryCount(this TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.ConcernHistory.Count();
    }

    public static int CurrentVersion(this TestDatabase database, int concernId)
    {
        using var db = database.CreateContext();
        return db.Concerns.Where(c => c.Id == concernId).Select(c => c.Version).Single();
    }

    public static DateTime UtcNow(this TestDatabase database) => database.Clock.GetUtcNow().UtcDateTime;

    public static DateOnly Today(this TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime);

    public static IReadOnlyList<ConcernChanged> ConcernEvents(this TestDatabase database) =>
        [.. database.Events.Published.OfType<ConcernChanged>()];

    /// <summary>A seeded concern matching <paramref name="predicate"/> (lowest id first).</summary>
    public static int SeededConcern(this TestDatabase database, Func<IQueryable<Concern>, IQueryable<Concern>> predicate)
    {
        using var db = database.CreateContext();
        return predicate(db.Concerns.AsNoTracking()).OrderBy(c => c.Id).Select(c => c.Id).First();
    }

    /// <summary>The id of the group named <paramref name="groupName"/> at the school with <paramref name="schoolShortName"/>.</summary>
    public static int GroupIdOf(this TestDatabase database, string schoolShortName, string groupName)
    {
        using var db = database.CreateContext();
        return db.Groups.Single(g => g.School!.ShortName == schoolShortName && g.Name == groupName).Id;
    }

    public static ConcernService ConcernsAs(this TestDatabase database, CurrentUser user) =>
        new(database.Factory, user, database.Events, database.Audit, database.Clock, NullLogger<ConcernService>.Instance, database.Submissions);

    public static PupilService PupilsAs(this TestDatabase database, CurrentUser user) =>
        new(database.Factory, user, database.Audit, database.Clock);

    public static CareDashboardService DashboardAs(this TestDatabase database, CurrentUser user) =>
        new(database.Factory, user, database.Clock);

    public static ConcernFeed FeedAs(this TestDatabase database, CurrentUser user) =>
        new(database.Factory, user, database.Events, database.Clock, database.LiveScopes, database.SharedSummaries);

    /// <summary>Sets the day a pupil left all their groups.</summary>
    public static void LeaveOn(this TestDatabase database, int pupilId, DateOnly leftOn)
    {
        using var db = database.CreateContext();
        foreach (var enrolment in db.Enrolments.Where(e => e.PupilId == pupilId))
            enrolment.LeftOn = leftOn;
        db.SaveChanges();
    }
}
