using System.Net;
using IbPortal.Domain.Audit;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.AdminTests;

[Collection(WebAppTests.Name)]
public sealed class AuditExportEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly Uri Export = new("/privacy/audit.csv", UriKind.Relative);

    [Fact]
    public async Task Privacy_officer_downloads_the_audit_trail_as_a_UTF8_CSV_attachment_and_the_export_is_audited()
    {
        using var client = await app.CreateSignedInClientAsync(AdminScenario.PrivacyOfficer);
        var before = await LastAuditIdAsync();

        using var response = await client.GetAsync(Export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^audittrail-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Tijdstip;Medewerker-id;Medewerker;Rol;School;Actie;Soort record;Record-id;Leerling-id;Uitkomst\r\n", text, StringComparison.Ordinal);

        await using var db = await app.CreateDbContextAsync();
        var privacyId = await db.StaffMembers.Where(s => s.Login == AdminScenario.PrivacyOfficer).Select(s => s.Id).SingleAsync();
        Assert.Contains(await db.AuditEntries.Where(a => a.Id > before).ToListAsync(),
            a => a.Action == "audit.export" && a.StaffMemberId == privacyId && a.Outcome == AuditOutcome.Allowed);
    }

    [Fact]
    public async Task The_filters_in_the_query_string_reach_the_export()
    {
        using var ib = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
        using (await ib.GetAsync(Export)) { }   // a refusal, so there is at least one refused entry
        using var client = await app.CreateSignedInClientAsync(AdminScenario.PrivacyOfficer);

        using var response = await client.GetAsync(new Uri("/privacy/audit.csv?uitkomst=geweigerd", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.EndsWith(";Geweigerd", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filter_that_cannot_be_read_is_a_400_with_a_Dutch_message()
    {
        using var client = await app.CreateSignedInClientAsync(AdminScenario.PrivacyOfficer);

        using var response = await client.GetAsync(new Uri("/privacy/audit.csv?van=24-11-2026", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("jjjj-mm-dd", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Care_coordinator_gets_403_and_the_attempt_is_audited()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
        var before = await LastAuditIdAsync();

        using var response = await client.GetAsync(Export);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("privacyfunctionaris", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tijdstip;", body, StringComparison.Ordinal);
        await using var db = await app.CreateDbContextAsync();
        Assert.Contains(await db.AuditEntries.Where(a => a.Id > before).ToListAsync(),
            a => a.Action == "audit.export" && a.Outcome == AuditOutcome.Refused);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(Export);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]) : null);
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.AuditEntries.Select(a => (long?)a.Id).MaxAsync() ?? 0;
    }
}
