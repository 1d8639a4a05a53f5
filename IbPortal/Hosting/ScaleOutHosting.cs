namespace IbPortal.Hosting;

/// <summary>Several servers: live events over Redis and the SignalR Redis backplane (when Redis:ConnectionString is set).</summary>
public static class ScaleOutHosting
{
    public static void AddPortalScaleOut(this WebApplicationBuilder builder)
    {
        // Filled in by the Redis work of issue 7.
    }
}
