using System.Collections.Concurrent;
using IbPortal.Domain.Access;
using IbPortal.Domain.Events;

namespace IbPortal.Concerns;

/// <summary>The open hub connections of this server and what each may see. Entries end with their connection.</summary>
public sealed class ConcernHubConnections
{
    private readonly ConcurrentDictionary<string, UserScope> _connections = new();

    public int Count => _connections.Count;

    public void Add(string connectionId, UserScope scope) => _connections[connectionId] = scope;

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>Every open connection of this server.</summary>
    public IReadOnlyList<string> All() => [.. _connections.Keys];

    /// <summary>The connections that may hear of <paramref name="change"/>; each at most once.</summary>
    public IReadOnlyList<string> AllowedFor(ConcernChanged change) =>
        _connections.Where(c => AccessRules.MayHearOf(c.Value, change)).Select(c => c.Key).ToList();
}
