namespace IbPortal.Domain.Retention;

/// <summary>One run of the retention job (or a dry run): when, and what it removed, as counts and ids only.</summary>
public class RetentionRun
{
    public int Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public bool DryRun { get; set; }

    /// <summary>Who started it; null for the scheduled background job.</summary>
    public int? StaffMemberId { get; set; }

    /// <summary>Counts and ids per kind of data, as JSON (no content).</summary>
    public required string Summary { get; set; }
}
