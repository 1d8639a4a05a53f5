using IbPortal.Domain.Discussions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// Which days the agenda shows (local dates in the schools' time zone, both inclusive, at most
/// <see cref="VisitAgendaService.MaxDays"/> days) and, optionally, which schools.
/// </summary>
public sealed record AgendaQuery
{
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }

    /// <summary>Only these schools; null: every school the user's agenda covers.</summary>
    public IReadOnlyCollection<int>? SchoolIds { get; init; }

    /// <summary>Also cancelled visits and discussions.</summary>
    public bool IncludeCancelled { get; init; }
}

public enum AgendaEntryKind
{
    Visit = 1,
    PupilDiscussion = 2,
    GroupDiscussion = 3,
}

/// <summary>
/// One visit or discussion in the agenda: when, where, and a title; never notes or pupil names.
/// <see cref="LocalStart"/> and <see cref="LocalEnd"/> are in the schools' time zone. Written for its reader: the IB'er
/// reads the teacher (<see cref="WithName"/>) and their to-do words; the visited teacher reads the IB'er, "Klassenbezoek
/// bij jou" and what comes next.
/// </summary>
public sealed record AgendaEntry(
    AgendaEntryKind Kind,
    int Id,
    DateTime StartUtc,
    DateTime EndUtc,
    DateTime LocalStart,
    DateTime LocalEnd,
    int SchoolId,
    int GroupId,
    string GroupName,
    string Title,
    string? TeacherName,
    VisitStage? Stage,
    DiscussionStatus? DiscussionStatus,
    string StatusLabel,
    string Link,
    string WithName,
    bool AwaitsReader)
{
    /// <summary>The other party's surname (the name without its first word), for the month grid.</summary>
    public string WithShortName => AgendaLabels.Surname(WithName);

    public DateOnly Date => DateOnly.FromDateTime(LocalStart);
    public bool IsCancelled => Stage == VisitStage.Cancelled || DiscussionStatus == Discussions.DiscussionStatus.Cancelled;
    public bool IsVisit => Kind == AgendaEntryKind.Visit;
}

/// <summary>A school in the agenda's filter, with its colour and tag.</summary>
public sealed record AgendaSchool(int SchoolId, string Name, string ShortName, string Color);

/// <summary>The agenda of a range of days: its entries by start time, the user's schools, and whether they may plan.</summary>
public sealed record AgendaPeriod(
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    IReadOnlyList<AgendaEntry> Entries,
    IReadOnlyList<AgendaSchool> Schools,
    bool CanPlan)
{
    public IEnumerable<AgendaEntry> On(DateOnly day) => Entries.Where(e => e.Date == day);
}

/// <summary>The Dutch words of the agenda.</summary>
public static class AgendaLabels
{
    public static string Label(this AgendaEntryKind kind) => kind switch
    {
        AgendaEntryKind.Visit => "Klassenbezoek",
        AgendaEntryKind.PupilDiscussion => "Leerlingbespreking",
        AgendaEntryKind.GroupDiscussion => "Groepsbespreking",
        _ => kind.ToString(),
    };

    /// <summary>The title of a visit for the visited teacher.</summary>
    public const string OwnVisitTitle = "Klassenbezoek bij jou";

    /// <summary>"Mark Hofstede" → "Hofstede", "Ilse van der Berg" → "van der Berg"; a single word stays as it is.</summary>
    public static string Surname(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var name = displayName.Trim();
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? name : name[(space + 1)..].Trim();
    }

    /// <summary>
    /// Whether a visit in this stage waits for its reader: the IB'er's observation or feedback conversation, the
    /// teacher's reflection.
    /// </summary>
    public static bool AwaitsReader(VisitStage stage, bool forCoordinator) => forCoordinator
        ? stage is VisitStage.ObservationDue or VisitStage.AwaitingFeedback
        : stage == VisitStage.AwaitingReflection;

    /// <summary>The short line of an entry in the month grid: "gr. 4/5 · Ouali".</summary>
    public static string CompactLine(this AgendaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"gr. {entry.GroupName} · {entry.WithShortName}";
    }
}

/// <summary>The days a week or month view of the agenda shows (whole weeks, Monday to Sunday).</summary>
public static class AgendaRange
{
    /// <summary>Monday to Sunday of the week of <paramref name="date"/>.</summary>
    public static (DateOnly From, DateOnly To) Week(DateOnly date) => (DiscussionTime.WeekStart(date), DiscussionTime.WeekEnd(date));

    /// <summary>The whole weeks that cover the month of <paramref name="date"/>: four to six weeks, at most 42 days.</summary>
    public static (DateOnly From, DateOnly To) Month(DateOnly date)
    {
        var first = new DateOnly(date.Year, date.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return (DiscussionTime.WeekStart(first), DiscussionTime.WeekEnd(last));
    }
}
