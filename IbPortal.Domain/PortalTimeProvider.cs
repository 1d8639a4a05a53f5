namespace IbPortal.Domain;

/// <summary>
/// The system clock, with the schools' time zone as local time: "today", school-year boundaries, audit period filters
/// and the nightly retention hour follow Dutch time even on a server that runs in UTC.
/// </summary>
public sealed class PortalTimeProvider(TimeZoneInfo schoolTimeZone) : TimeProvider
{
    public const string DefaultTimeZoneId = "Europe/Amsterdam";

    public override TimeZoneInfo LocalTimeZone { get; } = schoolTimeZone;

    /// <summary>The zone with <paramref name="id"/>, or a clear error naming the setting.</summary>
    public static PortalTimeProvider For(string? id)
    {
        try
        {
            return new PortalTimeProvider(TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultTimeZoneId : id));
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new InvalidOperationException($"Portal:TimeZone '{id}' is not a known time zone (use e.g. '{DefaultTimeZoneId}').", ex);
        }
    }
}
