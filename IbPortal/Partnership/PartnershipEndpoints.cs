using IbPortal.Domain.Access;
using IbPortal.Domain.Partnership;

namespace IbPortal.Partnership;

/// <summary>HTTP endpoints of the samenwerkingsverband module.</summary>
public static class PartnershipEndpoints
{
    public const string WordPath = "/leerlingen/{pupilId:int}/verwijzingen/{referralId:int}/samenvatting.docx";

    /// <summary>
    /// <c>GET /leerlingen/{pupilId}/verwijzingen/{referralId}/samenvatting.docx</c>: the referral summary as a Word
    /// document. The service decides who may (and audits the export and any refusal); anyone else gets 403 with the same
    /// answer whether or not the referral exists.
    /// </summary>
    public static void MapReferralEndpoints(this WebApplication app) =>
        app.MapGet(WordPath, async (int pupilId, int referralId, HttpContext http, ReferralService referrals) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                try
                {
                    var document = await referrals.ExportWordAsync(pupilId, referralId, http.RequestAborted);
                    return Results.File(document.Content, document.ContentType, document.FileName);
                }
                catch (AccessDeniedException)
                {
                    return Results.Text(
                        "Geen toegang: alleen de intern begeleider van de school en de leerkracht van deze leerling kunnen deze samenvatting openen.",
                        "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
                }
            })
            .RequireAuthorization();
}
