using System.Net;
using System.Text.RegularExpressions;
using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.Web;

/// <summary>The app's own log file (Serilog, compact JSON) holds ids, never a pupil's name or the care text.</summary>
[Collection(WebAppTests.Name)]
public sealed class LoggingHygieneTests
{
    [Fact]
    public async Task Log_file_has_concern_ids_but_no_pupil_names_or_observation_text()
    {
        var observation = $"UNIQUE-OBS-{Guid.NewGuid():N} leest spellend en raakt snel afgeleid.";
        var note = $"UNIQUE-NOTE-{Guid.NewGuid():N} gesprek met moeder gepland.";
        var nextStep = $"UNIQUE-STEP-{Guid.NewGuid():N} dagelijks vijf minuten extra lezen.";
        var remark = $"UNIQUE-CLOSE-{Guid.NewGuid():N} gaat weer goed.";
        var app = new PortalAppFactory { KeepFilesOnDispose = true };
        try
        {
            int concernId;
            string firstName, lastName;
            await using (app)
            {
                using var teacher = await app.CreateSignedInClientAsync(Logins.TeacherA);
                var pupilId = await app.PupilOfAsync(Logins.TeacherA);
                await using (var db = await app.CreateDbContextAsync())
                {
                    var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == pupilId);
                    (firstName, lastName) = (pupil.FirstName, pupil.LastName);
                }

                concernId = await app.RaiseConcernAsync(Logins.TeacherA, pupilId, observation);

                await using (var scope = await app.ScopeForAsync(Logins.CareCoordinator))
                {
                    var detail = await scope.ServiceProvider.GetRequiredService<ConcernService>().GetDetailAsync(concernId);
                    Assert.Equal(observation, detail.Observation);
                    Assert.Contains(lastName, detail.Summary.PupilName, StringComparison.Ordinal);
                }
                // The rest of the main flows: the IB'er works the concern, opens the file, exports for a parent;
                // the privacy officer searches the trail and previews retention.
                await using (var scope = await app.ScopeForAsync(Logins.CareCoordinator))
                {
                    var concerns = scope.ServiceProvider.GetRequiredService<ConcernService>();
                    await concerns.AddNoteAsync(concernId, 0, note);
                    await concerns.SetNextStepAsync(concernId, 1, nextStep);
                    await concerns.CloseAsync(concernId, 2, ConcernOutcome.ResolvedInClass, remark);
                    await scope.ServiceProvider.GetRequiredService<IbPortal.Domain.Privacy.PupilFileService>().GetAsync(pupilId);
                }
                using var ib = await app.CreateSignedInClientAsync(Logins.CareCoordinator);
                using var dashboard = await ib.GetAsync(new Uri("/ib", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
                using var inzage = await ib.GetAsync(new Uri($"/leerlingen/{pupilId}/inzage.json", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, inzage.StatusCode);
                Assert.Contains(note, await inzage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                using var privacy = await app.CreateSignedInClientAsync(Logins.PrivacyOfficer);
                using var csv = await privacy.GetAsync(new Uri($"/privacy/audit.csv?leerling={pupilId}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
                await using (var scope = await app.ScopeForAsync(Logins.PrivacyOfficer))
                    await scope.ServiceProvider.GetRequiredService<IbPortal.Domain.Retention.RetentionService>().PreviewAsync();
            }   // stops the app; Program.cs closes and flushes the Serilog logger

            var files = app.LogFiles();
            Assert.NotEmpty(files);   // one per day; two if the test ran across midnight
            var log = string.Concat(await Task.WhenAll(files.Select(f => File.ReadAllTextAsync(f))));

            // Not vacuous: the flow is in the file, as structured ids.
            Assert.Contains("\"ConcernId\":" + concernId, log, StringComparison.Ordinal);
            Assert.Contains("Concern {ConcernId} raised", log, StringComparison.Ordinal);
            Assert.Contains("Concern {ConcernId} read by staff", log, StringComparison.Ordinal);
            Assert.Contains("Demo sign-in as staff", log, StringComparison.Ordinal);
            Assert.Contains("\"RequestPath\":\"/ib\"", log, StringComparison.Ordinal);

            Assert.Contains("inzage", log, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Audit trail", log, StringComparison.OrdinalIgnoreCase);

            Assert.DoesNotContain("UNIQUE-OBS-", log, StringComparison.Ordinal);
            Assert.DoesNotContain("UNIQUE-NOTE-", log, StringComparison.Ordinal);
            Assert.DoesNotContain("UNIQUE-STEP-", log, StringComparison.Ordinal);
            Assert.DoesNotContain("UNIQUE-CLOSE-", log, StringComparison.Ordinal);
            Assert.DoesNotContain("leest spellend", log, StringComparison.Ordinal);
            Assert.DoesNotMatch($@"\b{Regex.Escape(firstName)}\b", log);
            Assert.DoesNotMatch($@"\b{Regex.Escape(lastName)}\b", log);
        }
        finally
        {
            app.DeleteFiles();
        }
    }
}
