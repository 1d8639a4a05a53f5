using IbPortal.Tests.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.SecurityTests;

/// <summary>
/// Every endpoint that accepts a form-like request (POST, PUT, PATCH, DELETE) asks UseAntiforgery to validate. SignalR
/// (the concern hub and Blazor's own circuit hub, which carries its own protection) is not a form endpoint.
/// </summary>
[Collection(WebAppTests.Name)]
public sealed class AntiforgeryTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly string[] UnsafeMethods = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public void Every_state_changing_endpoint_requires_an_antiforgery_token()
    {
        using var client = app.CreateClient(); // starts the app
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Intersect(UnsafeMethods).Any() == true)
            .Where(e => e.Metadata.GetMetadata<HubMetadata>() is null && e.Metadata.GetMetadata<NegotiateMetadata>() is null)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/_blazor", StringComparison.Ordinal) != true)
            .ToList();

        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/signout");
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation == true,
            $"{e.DisplayName} accepts {string.Join('/', e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)} without antiforgery validation"));
    }
}
