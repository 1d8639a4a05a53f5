using System.Globalization;

namespace IbPortal.Domain.Discussions;

/// <summary>The Dutch words and date formats of the discussions module.</summary>
public static class DiscussionLabels
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static CultureInfo Culture => Dutch;

    public static string Label(this DiscussionKind kind) => kind switch
    {
        DiscussionKind.PupilDiscussion => "Leerlingbespreking",
        DiscussionKind.GroupDiscussion => "Groepsbespreking",
        _ => kind.ToString(),
    };

    public static string Label(this DiscussionStatus status) => status switch
    {
        DiscussionStatus.Planned => "Gepland",
        DiscussionStatus.Held => "Gehouden",
        DiscussionStatus.Cancelled => "Geannuleerd",
        _ => status.ToString(),
    };

    public static string Label(this AgendaSource source) => source switch
    {
        AgendaSource.OpenConcern => "Open signalering",
        AgendaSource.DueEvaluation => "Evaluatie",
        AgendaSource.Manual => "Toegevoegd",
        _ => source.ToString(),
    };

    /// <summary>"di 24 nov"; with the year when it differs from <paramref name="relativeTo"/>'s year.</summary>
    public static string ShortDate(DateOnly date, DateOnly? relativeTo = null) => Care.DutchDates.OnScreen(date, relativeTo ?? date);

    /// <summary>"di 24 nov 15:00" for a local date and time.</summary>
    public static string ShortDateTime(DateTime local, DateOnly? relativeTo = null) =>
        $"{ShortDate(DateOnly.FromDateTime(local), relativeTo)} {local.ToString("HH:mm", Dutch)}";
}
