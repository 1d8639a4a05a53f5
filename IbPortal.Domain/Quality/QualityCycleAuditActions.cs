namespace IbPortal.Domain.Quality;

/// <summary>The audit action codes of the quality cycle (PDCA), with their Dutch descriptions.</summary>
public static class QualityCycleAuditActions
{
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>();
}
