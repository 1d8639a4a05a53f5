using System.Net;
using System.Text.RegularExpressions;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Privacy;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>GET /leerlingen/{id}/inzage.json through the whole web app.</summary>
[Collection(WebAppTests.Name)]
public sealed class InzageEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Uri JsonUri(int pupilId) => new($"/leerlingen/{pupilId}/inzage.json", UriKind.Relative);

    [Fact]
    public async Task Care_coordinator_downloads_the_export_as_a_json_attachment()
    {
        var pupil = await app.PupilOfAsync(Logins.TeacherA);
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);

        using var response = await client.GetAsync(JsonUri(pupil));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var disposition = Assert.IsType<System.Net.Http.Headers.ContentDispositionHeaderValue>(response.Content.Headers.ContentDisposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(FileName(pupil), disposition.FileNameStar ?? disposition.FileName?.Trim('"') ?? "");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var export = InzageService.FromJson(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(pupil, export.Pupil.Id);
        Assert.Contains(export.AccessLog, a => a.Action == InzageService.ExportAction && a.Outcome == AuditOutcome.Allowed);
    }

    [Fact]
    public async Task Teacher_of_another_school_gets_403_that_says_nothing_about_the_pupil()
    {
        var pupil = await app.PupilOfAsync(Logins.TeacherA);
        string name;
        await using (var db = await app.CreateDbContextAsync())
            name = (await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == pupil)).FullName;
        using var client = await app.CreateSignedInClientAsync(Logins.TeacherB);

        using var response = await client.GetAsync(JsonUri(pupil));
        using var unknown = await client.GetAsync(JsonUri(987_654));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Geen toegang", body, StringComparison.Ordinal);
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        Assert.Null(response.Content.Headers.ContentDisposition);

        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(body, await unknown.Content.ReadAsStringAsync());

        await using var check = await app.CreateDbContextAsync();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == InzageService.ExportAction && a.RecordId == pupil && a.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        var pupil = await app.PupilOfAsync(Logins.TeacherA);
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(JsonUri(pupil));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Assert.IsType<Uri>(response.Headers.Location);
        var absolute = location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);
        Assert.Equal("/signin", absolute.AbsolutePath);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    private static Regex FileName(int pupilId) => new($"^inzage-leerling-{pupilId}-20\\d{{6}}\\.json$");
}
