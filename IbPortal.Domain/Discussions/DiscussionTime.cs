namespace IbPortal.Domain.Discussions;

/// <summary>Local (schools' time zone) ↔ UTC for discussion times, and the school week.</summary>
public static class DiscussionTime
{
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The UTC moment of a local date and time; null when the local time does not exist (the spring-forward gap).</summary>
    public static DateTime? ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            return null;
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>Monday of the week of <paramref name="date"/>.</summary>
    /// <summary>The UTC moment a local day starts (01:00 on a day that starts in a daylight-saving gap).</summary>
    public static DateTime StartOfDayUtc(DateOnly date, TimeZoneInfo zone) =>
        ToUtc(date, TimeOnly.MinValue, zone) ?? ToUtc(date, new TimeOnly(1, 0), zone)!.Value;

    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>Sunday of the week of <paramref name="date"/>.</summary>
    public static DateOnly WeekEnd(DateOnly date) => WeekStart(date).AddDays(6);
}
