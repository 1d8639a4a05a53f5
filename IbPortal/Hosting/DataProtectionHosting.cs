namespace IbPortal.Hosting;

/// <summary>Data Protection keys (sign-in cookies, antiforgery, circuits) kept in the portal database, shared by every node.</summary>
public static class DataProtectionHosting
{
    public static void AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        // Filled in by the PostgreSQL work of issue 7.
    }
}
