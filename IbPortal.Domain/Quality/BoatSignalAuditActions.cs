namespace IbPortal.Domain.Quality;

/// <summary>The audit action codes of the boat signal, with their Dutch descriptions.</summary>
public static class BoatSignalAuditActions
{
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>();
}
