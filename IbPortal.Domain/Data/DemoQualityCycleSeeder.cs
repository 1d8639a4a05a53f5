namespace IbPortal.Domain.Data;

/// <summary>Placeholder (issue 6): demo data for the quality view.</summary>
internal static class DemoQualityCycleSeeder
{
    public static void Seed(PortalDbContext db, DemoVisitSeeder.Context c)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
    }
}
