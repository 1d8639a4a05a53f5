using System.Net;
using System.Text.RegularExpressions;
using IbPortal.Quality;
using IbPortal.Tests.Support;
using IbPortal.Tests.Web;

namespace IbPortal.Tests.QualityTests;

/// <summary>The export buttons call a function of wwwroot/js/download.js: the page shell must load it as a file.</summary>
[Collection(WebAppTests.Name)]
public sealed partial class ExportScriptTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Page_shell_loads_the_download_script_that_defines_the_function_the_export_buttons_call()
    {
        using var client = await app.CreateSignedInClientAsync(Logins.Quality);

        using var page = await client.GetAsync(new Uri("/kwaliteit", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var src = Assert.Single(DownloadScript().Matches(html)).Groups["src"].Value;
        using var script = await client.GetAsync(new Uri("/" + src, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var code = await script.Content.ReadAsStringAsync();
        Assert.Contains($"window.{ExportButtons.DownloadFunction} = async (fileName, contentType, contentStreamReference)", code, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script src=\"(?<src>js/download[^\"]*\\.js)\"></script>")]
    private static partial Regex DownloadScript();
}
