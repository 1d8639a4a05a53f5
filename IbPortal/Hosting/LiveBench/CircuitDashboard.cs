using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// One IB'er dashboard (`/ib`) as a real Blazor Server circuit, driven over Blazor's hub protocol without a browser, the
/// way blazor.web.js drives it: GET the page with the sign-in cookie, read its component markers, connect to
/// `/_blazor` with "blazorpack", `StartCircuit` then `UpdateRootComponents`, acknowledge every render batch with
/// `OnRenderCompleted`, and answer every JS interop call (`EndInvokeJSFromDotNet`, success, no result).
/// The dashboard has loaded when a batch renders its concern list (`data-testid="concern-list"`). A concern reaches it
/// when a render batch carries a concern card with its id (`data-concern-id`); the first time each id newer than the
/// city's last concern appears is recorded.
/// </summary>
public sealed class CircuitDashboard : IAsyncDisposable
{
    public const string ConcernIdAttribute = "data-concern-id";
    public const string TestIdAttribute = "data-testid";
    private static readonly string[] WatchedAttributes = [ConcernIdAttribute, TestIdAttribute];
    private readonly HubConnection _hub;
    private readonly int _newerThan;
    private readonly TaskCompletionSource _firstConcernList = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastBatchAt;
    private int _renderBatches;
    private int _jsCalls;

    private CircuitDashboard(HubConnection hub, int newerThan, string login)
    {
        _hub = hub;
        _newerThan = newerThan;
        Login = login;
    }

    public string Login { get; }

    /// <summary>Concern id → Stopwatch timestamp of the render batch that first showed it.</summary>
    public ConcurrentDictionary<int, long> Seen { get; } = new();

    public int RenderBatches => Volatile.Read(ref _renderBatches);
    public int JsCalls => Volatile.Read(ref _jsCalls);
    public long LastBatchAt => Interlocked.Read(ref _lastBatchAt);

    /// <summary>The first error the circuit reported (JS.Error, a closed connection, a malformed batch), if any.</summary>
    public string? Error { get; private set; }

    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    /// <summary>Opens the dashboard and returns once its concern list has rendered.</summary>
    public static async Task<CircuitDashboard> OpenAsync(Uri node, string cookie, string login, int newerThan, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node, Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ib");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET /ib as {login} answered {(int)response.StatusCode}.");
        var html = await response.Content.ReadAsStringAsync(ct);
        var markers = BlazorPage.ServerMarkers(html);
        if (markers.Count == 0)
            throw new InvalidOperationException($"GET /ib as {login} returned no interactive server component marker.");

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "_blazor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Cookie"] = cookie;
                // As a browser does: offer permessage-deflate (with context takeover). Whether the server takes it up is
                // the server's choice, and what it costs the server per circuit is part of what this harness measures.
                o.WebSocketConfiguration = socket => socket.DangerousDeflateOptions = new System.Net.WebSockets.WebSocketDeflateOptions();
            });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackHubProtocol());
        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(2);
        var dashboard = new CircuitDashboard(hub, newerThan, login);
        dashboard.Register();
        try
        {
            await hub.StartAsync(ct);
            var circuit = await hub.InvokeAsync<string?>("StartCircuit", node.ToString(), new Uri(node, "/ib").ToString(), "[]", "", ct);
            if (string.IsNullOrEmpty(circuit))
                throw new InvalidOperationException($"StartCircuit for {login} returned no circuit.");
            await hub.SendAsync("UpdateRootComponents", BlazorPage.AddOperations(markers), BlazorPage.ApplicationState(html), ct);
            await dashboard._firstConcernList.Task.WaitAsync(timeout, ct);
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
    }

    private void Register()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // .NET 10: asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        _hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        _hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
        _hub.On<string>("JS.Error", error =>
        {
            Error ??= "JS.Error: " + error;
            _firstConcernList.TrySetException(new InvalidOperationException($"The circuit of {Login} failed: {error}"));
        });
        _hub.Closed += error =>
        {
            Error ??= "closed: " + (error?.Message ?? "by the server");
            _firstConcernList.TrySetException(new InvalidOperationException($"The circuit of {Login} closed: {Error}"));
            return Task.CompletedTask;
        };
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _lastBatchAt, now);
        Interlocked.Increment(ref _renderBatches);
        string? failure = null;
        try
        {
            foreach (var (name, value) in RenderBatchReader.Attributes(batch, WatchedAttributes))
            {
                if (name == ConcernIdAttribute)
                {
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > _newerThan)
                        Seen.TryAdd(id, now);
                }
                else if (value == "concern-list")
                {
                    _firstConcernList.TrySetResult(); // the dashboard has loaded (its list may be empty)
                }
                else if (value == "dashboard-error")
                {
                    Error ??= "the dashboard showed its error message";
                    _firstConcernList.TrySetException(new InvalidOperationException($"The dashboard of {Login} showed its error message."));
                }
            }
        }
        catch (FormatException ex)
        {
            failure = ex.Message;
            Error ??= "render batch: " + ex.Message;
        }
        // The browser acknowledges each batch once applied; the server holds back later batches until it does.
        await _hub.SendAsync("OnRenderCompleted", batchId, failure);
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        Interlocked.Increment(ref _jsCalls);
        var handle = (long)args[0]!;
        if (handle == 0)
            return; // fire and forget
        await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,null]"));
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
