using System.Net;
using DocumentFormat.OpenXml.Packaging;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Partnership;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.PartnershipTests;

/// <summary>GET /leerlingen/{pupilId}/verwijzingen/{referralId}/samenvatting.docx through the whole web app.</summary>
[Collection(WebAppTests.Name)]
public sealed class ReferralEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Uri WordUri(int pupilId, int referralId) => new($"/leerlingen/{pupilId}/verwijzingen/{referralId}/samenvatting.docx", UriKind.Relative);

    private async Task<(int Pupil, int Referral, string PupilName)> DraftAsync()
    {
        var pupil = await app.PupilOfAsync(Logins.TeacherA);
        await using var scope = await app.ScopeForAsync(Logins.CareCoordinator);
        var id = await scope.ServiceProvider.GetRequiredService<ReferralService>().CreateAsync(pupil, new ReferralInput
        {
            Kind = ReferralKind.Consultation,
            SupportQuestion = "Hoe sluiten we aan bij wat deze leerling nodig heeft?",
            EducationalNeeds = "Korte opdrachten met een duidelijk eind.",
        });
        await using var db = await app.CreateDbContextAsync();
        var name = (await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == pupil)).FullName;
        return (pupil, id, name);
    }

    [Fact]
    public async Task Care_coordinator_downloads_the_summary_as_a_Word_attachment_named_without_the_pupil_and_it_is_audited()
    {
        var (pupil, id, name) = await DraftAsync();
        using var client = await app.CreateSignedInClientAsync(Logins.CareCoordinator);

        using var response = await client.GetAsync(WordUri(pupil, id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReferralDocument.WordContentType, response.Content.Headers.ContentType?.MediaType);
        var disposition = Assert.IsType<System.Net.Http.Headers.ContentDispositionHeaderValue>(response.Content.Headers.ContentDisposition);
        Assert.Equal("attachment", disposition.DispositionType);
        var fileName = disposition.FileNameStar ?? disposition.FileName?.Trim('"') ?? "";
        Assert.Equal($"verwijzing-{id}.docx", fileName);
        foreach (var part in name.Split(' '))
            Assert.DoesNotContain(part, fileName, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains(name, text, StringComparison.Ordinal);
        Assert.Contains("Hoe sluiten we aan bij wat deze leerling nodig heeft?", text, StringComparison.Ordinal);
        Assert.Contains(ReferralSummary.ConceptText, text, StringComparison.Ordinal);

        await using var db = await app.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == PartnershipAuditActions.Export && a.RecordId == id && a.Outcome == AuditOutcome.Allowed));
    }

    [Fact]
    public async Task Teacher_of_another_school_gets_403_that_says_nothing_about_the_pupil_and_the_same_for_an_unknown_referral()
    {
        var (pupil, id, name) = await DraftAsync();
        using var client = await app.CreateSignedInClientAsync(Logins.TeacherB);

        using var response = await client.GetAsync(WordUri(pupil, id));
        using var unknown = await client.GetAsync(WordUri(pupil, 987_654));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Geen toegang", body, StringComparison.Ordinal);
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(body, await unknown.Content.ReadAsStringAsync());

        await using var db = await app.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == PartnershipAuditActions.Export && a.RecordId == id && a.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task The_pupils_own_teacher_downloads_it_too()
    {
        var (pupil, id, _) = await DraftAsync();
        using var client = await app.CreateSignedInClientAsync(Logins.TeacherA);

        using var response = await client.GetAsync(WordUri(pupil, id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        var (pupil, id, _) = await DraftAsync();
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync(WordUri(pupil, id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Assert.IsType<Uri>(response.Headers.Location);
        var absolute = location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);
        Assert.Equal("/signin", absolute.AbsolutePath);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }
}
