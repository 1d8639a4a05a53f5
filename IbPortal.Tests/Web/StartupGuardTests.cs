using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.Web;

[Collection(WebAppTests.Name)]
public sealed class StartupGuardTests
{
    [Fact]
    public async Task Demo_mode_in_Production_refuses_to_start()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?> { ["Auth:Mode"] = "Demo" }, "Production");

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Auth:Mode", messages, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowDemoInProduction", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_mode_in_Production_starts_when_explicitly_allowed()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Demo",
            ["Auth:AllowDemoInProduction"] = "true",
        }, "Production");
        using var client = app.CreateBrowserlessClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal("Production", app.Services.GetRequiredService<IWebHostEnvironment>().EnvironmentName);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    yield return inner;
        }
    }
}
