namespace IbPortal.Domain.Data;

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class PortalDatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (the embedded default). PostgreSQL follows in a later release.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Seed the invented demo board into an empty database.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Seconds a command waits for a locked database before it gives up with a clear message.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}
