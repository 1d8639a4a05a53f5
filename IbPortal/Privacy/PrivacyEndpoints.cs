namespace IbPortal.Privacy;

/// <summary>HTTP endpoints for privacy exports (audit CSV, inzage JSON).</summary>
public static class PrivacyEndpoints
{
    /// <summary>
    /// <c>GET /leerlingen/{id}/inzage.json</c>: the inzage export of one pupil as a JSON download. The service decides
    /// who may (and audits the export and any refusal); anyone else gets 403 with the same answer whether or not the
    /// pupil exists.
    /// </summary>
    public static void MapPupilFileEndpoints(this WebApplication app) =>
        app.MapGet("/leerlingen/{id:int}/inzage.json", async (int id, HttpContext http, global::IbPortal.Domain.Privacy.InzageService inzage) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                try
                {
                    var export = await inzage.ExportAsync(id, http.RequestAborted);
                    var day = global::IbPortal.Components.Shared.Display.ToLocal(export.GeneratedAt)
                        .ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                    return Results.File(global::IbPortal.Domain.Privacy.InzageService.ToJson(export), "application/json; charset=utf-8",
                        $"inzage-leerling-{id}-{day}.json");
                }
                catch (global::IbPortal.Domain.Access.AccessDeniedException)
                {
                    return Results.Text("Geen toegang: alleen de intern begeleider en de privacyfunctionaris van de school van deze leerling kunnen een inzage-export maken.",
                        "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
                }
            })
            .RequireAuthorization();

    /// <summary>
    /// <c>GET /privacy/audit.csv?leerling=&amp;medewerker=&amp;van=&amp;tot=&amp;uitkomst=</c>: the privacy officer's audit
    /// search as a CSV download (the service decides who may, and audits the export). Anyone else gets 403.
    /// </summary>
    public static void MapAuditEndpoints(this WebApplication app) =>
        app.MapGet(AuditFilter.CsvPath, async (HttpContext http, global::IbPortal.Domain.Audit.AuditSearchService search, TimeProvider clock,
                string? leerling, string? medewerker, string? van, string? tot, string? uitkomst) =>
            {
                const string plain = "text/plain; charset=utf-8";
                http.Response.Headers.CacheControl = "no-store";
                if (!AuditFilter.TryParse(leerling, medewerker, van, tot, uitkomst, out var filter, out var error))
                    return Results.Text(error, plain, statusCode: StatusCodes.Status400BadRequest);
                try
                {
                    var csv = await search.ExportCsvAsync(filter.ToQuery(), http.RequestAborted);
                    var day = clock.GetLocalNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"audittrail-{day}.csv");
                }
                catch (global::IbPortal.Domain.Access.AccessDeniedException)
                {
                    return Results.Text("Geen toegang: alleen de privacyfunctionaris kan de audittrail exporteren.", plain,
                        statusCode: StatusCodes.Status403Forbidden);
                }
                catch (global::IbPortal.Domain.Access.DomainValidationException ex)
                {
                    return Results.Text(ex.Message, plain, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .RequireAuthorization();
}
