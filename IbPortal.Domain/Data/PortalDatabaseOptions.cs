namespace IbPortal.Domain.Data;

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class PortalDatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>
    /// "Sqlite" (the embedded default: one file, one server) or "PostgreSql" (several nodes; needs an Npgsql connection
    /// string in ConnectionStrings:Portal). Case-insensitive.
    /// </summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Seed the invented demo board into an empty database.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Seconds a command waits (for a locked database, or a slow query) before it gives up with a clear message.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}
