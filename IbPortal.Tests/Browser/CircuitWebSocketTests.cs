using System.Net.WebSockets;
using System.Text.Json;

namespace IbPortal.Tests.Browser;

/// <summary>
/// The circuit's WebSocket on the real server (Kestrel): a browser offers permessage-deflate, and the portal declines it.
/// With compression, zlib kept about 340 KB per open dashboard (issue 7: under 500 KB per circuit in all).
/// </summary>
public sealed class CircuitWebSocketTests
{
    [Fact]
    public async Task The_circuit_socket_declines_the_browsers_compression_offer()
    {
        await using var app = await PortalProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var negotiate = await http.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), content: null);
        negotiate.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = answer.RootElement.GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions(); // what Chromium offers: permessage-deflate, context takeover
        var address = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = $"id={Uri.EscapeDataString(token!)}" }.Uri;
        await socket.ConnectAsync(address, CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(System.Net.HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        var extensions = socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var values) == true ? string.Join(",", values) : "";
        Assert.DoesNotContain("permessage-deflate", extensions, StringComparison.OrdinalIgnoreCase);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
