namespace IbPortal.Privacy;

/// <summary>HTTP endpoints for privacy exports (audit CSV, inzage JSON).</summary>
public static class PrivacyEndpoints
{
    public static void MapPupilFileEndpoints(this WebApplication app) => _ = app;

    public static void MapAuditEndpoints(this WebApplication app) => _ = app;
}
