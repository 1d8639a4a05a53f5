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
/// <see cref="LocalStart"/> and <see cref="LocalEnd"/> are in the schools' time zone.
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
    string Link)
{
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
