namespace IbPortal.Domain.Discussions;

/// <summary>The audit action codes of this module, and their Dutch descriptions for the inzage export and audit search.</summary>
public static class DiscussionAuditActions
{
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>();
}
