using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// The hub protocol Blazor Server's `/_blazor` endpoint speaks: SignalR's MessagePack protocol under the name
/// "blazorpack" (blazor.web.js renames its MessagePackHubProtocol the same way).
/// </summary>
public sealed class BlazorPackHubProtocol : IHubProtocol
{
    public const string ProtocolName = "blazorpack";
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => ProtocolName;
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
