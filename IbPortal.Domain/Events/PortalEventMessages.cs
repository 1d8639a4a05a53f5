using System.Collections.Frozen;
using System.Text.Json;

namespace IbPortal.Domain.Events;

/// <summary>
/// The messages servers exchange over Redis: JSON with the sending server's id, a type discriminator (the event's
/// class name) and the event itself (ids only). Every concrete <see cref="PortalEvent"/> of the domain travels. A type this version does not know
/// (a newer server during a rolling upgrade) reads as <see cref="PortalEventMessage.Event"/> null.
/// </summary>
public static class PortalEventMessages
{
    /// <summary>A server checking that its own subscription works: it waits to hear its own probe.</summary>
    public const string ProbeType = "$probe";

    /// <summary>A server's live events flowed again after an interruption: everyone reloads (it may have missed them).</summary>
    public const string ResumedType = "$resumed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The event types that travel, by discriminator.</summary>
    public static FrozenDictionary<string, Type> Types { get; } = typeof(PortalEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(PortalEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static bool Travels(PortalEvent portalEvent) => Types.ContainsKey(portalEvent.GetType().Name);

    public static string Write(string nodeId, PortalEvent portalEvent)
    {
        var type = portalEvent.GetType();
        if (!Types.TryGetValue(type.Name, out var known) || known != type)
            throw new ArgumentException($"{type.Name} does not travel between servers.", nameof(portalEvent));
        return JsonSerializer.Serialize(new Wire(nodeId, type.Name, JsonSerializer.SerializeToElement(portalEvent, type, Json), null), Json);
    }

    public static string WriteControl(string nodeId, string type, string? nonce = null) =>
        JsonSerializer.Serialize(new Wire(nodeId, type, null, nonce), Json);

    /// <summary>Reads a message; throws <see cref="JsonException"/> when it is not one.</summary>
    public static PortalEventMessage Read(string message)
    {
        var wire = JsonSerializer.Deserialize<Wire>(message, Json);
        if (wire is null || string.IsNullOrEmpty(wire.Node) || string.IsNullOrEmpty(wire.Type))
            throw new JsonException("A live event message needs a node and a type.");
        PortalEvent? portalEvent = null;
        if (Types.TryGetValue(wire.Type, out var type))
        {
            portalEvent = (wire.Event ?? throw new JsonException($"A {wire.Type} message has no event."))
                          .Deserialize(type, Json) as PortalEvent
                          ?? throw new JsonException($"A {wire.Type} message has an empty event.");
        }
        return new PortalEventMessage(wire.Node, wire.Type, portalEvent, wire.Nonce);
    }

    private sealed record Wire(string Node, string Type, JsonElement? Event, string? Nonce);
}

/// <summary>One message read from Redis: <see cref="Event"/> is null for control messages and unknown types.</summary>
public sealed record PortalEventMessage(string NodeId, string Type, PortalEvent? Event, string? Nonce);
