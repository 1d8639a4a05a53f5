using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.Web;

/// <summary>The factory itself: the app must run on the test's own files, never on the repository's data or logs.</summary>
[Collection(WebAppTests.Name)]
public sealed class PortalAppFactoryTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task App_runs_on_its_own_seeded_temporary_database_and_log_folder()
    {
        await using var db = await app.CreateDbContextAsync();

        Assert.Equal(app.DatabasePath, db.Database.GetDbConnection().DataSource);
        Assert.True(File.Exists(app.DatabasePath));
        Assert.True(await db.StaffMembers.AnyAsync(s => s.Login == Logins.CareCoordinator));
        Assert.NotEmpty(app.LogFiles());
        Assert.StartsWith(Path.GetTempPath(), app.Folder, StringComparison.Ordinal);
    }
}
