using System.Reflection;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.ScaleOutTests;

/// <summary>Two "nodes" (two <see cref="RedisPortalEvents"/>) on the shared test Redis, each on a channel prefix of its test.</summary>
public class RedisPortalEventsTests
{
    private static ConcernChanged Concern(int id) =>
        new(id, 1, 2, 3, 4, ConcernChange.Raised, ConcernStatus.New, Urgency.Normal, new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc));

    [Fact]
    public async Task An_event_published_on_node_A_reaches_node_B_once_and_node_A_once()
    {
        var prefix = RedisTestNode.UniquePrefix();
        await using var a = new RedisTestNode(ExternalServers.Redis, prefix);
        await using var b = new RedisTestNode(ExternalServers.Redis, prefix);
        await a.WaitLiveAsync();
        await b.WaitLiveAsync();

        await a.Events.PublishAsync(Concern(101));
        await b.Events.PublishAsync(Concern(102));
        // A marker after both: once each node heard it, anything duplicated before it would have arrived too.
        await a.Events.PublishAsync(Concern(199));
        await Wait.UntilAsync(() => b.Count<ConcernChanged>(c => c.ConcernId == 199) == 1, "node B to hear the marker");
        await Wait.UntilAsync(() => a.Count<ConcernChanged>(c => c.ConcernId == 102) == 1, "node A to hear node B's event");

        Assert.Equal(1, a.Count<ConcernChanged>(c => c.ConcernId == 101));
        Assert.Equal(1, b.Count<ConcernChanged>(c => c.ConcernId == 101));
        Assert.Equal(1, b.Count<ConcernChanged>(c => c.ConcernId == 102));
        Assert.Equal(1, a.Count<ConcernChanged>(c => c.ConcernId == 199));
        Assert.Equal(Concern(101), b.Heard.OfType<ConcernChanged>().Single(c => c.ConcernId == 101));
        Assert.DoesNotContain(a.Statuses, s => s is LiveEventsInterrupted);
        Assert.DoesNotContain(b.Statuses, s => s is LiveEventsInterrupted);
    }

    [Fact]
    public async Task The_first_time_events_flow_the_status_subscribers_hear_one_resume_and_no_interruption()
    {
        // A page opened before the first probe came back may have missed an event: it reloads once, quietly (no note).
        var prefix = RedisTestNode.UniquePrefix();
        await using var a = new RedisTestNode(ExternalServers.Redis, prefix);
        await a.WaitLiveAsync();

        await Wait.UntilAsync(() => a.CountStatus<LiveEventsResumed>() == 1, "node A to raise one LiveEventsResumed");
        Assert.Equal([typeof(LiveEventsResumed)], a.Statuses.Select(s => s.GetType()).ToArray());
        Assert.Equal((0, 1), a.Events.SubscriberCounts()); // one queue on the events channel, nothing else
    }

    [Fact]
    public async Task Work_that_must_happen_once_hears_only_the_events_of_its_own_node()
    {
        var prefix = RedisTestNode.UniquePrefix();
        await using var a = new RedisTestNode(ExternalServers.Redis, prefix);
        await using var b = new RedisTestNode(ExternalServers.Redis, prefix);
        await a.WaitLiveAsync();
        await b.WaitLiveAsync();

        await a.Events.PublishAsync(Concern(201));
        await Wait.UntilAsync(() => b.Count<ConcernChanged>(c => c.ConcernId == 201) == 1, "node B to hear node A's event");
        await Wait.UntilAsync(() => a.HeardOwn.Count == 1, "node A's own subscriber to hear it");

        Assert.Empty(b.HeardOwn);
        Assert.Equal(201, Assert.IsType<ConcernChanged>(a.HeardOwn.Single()).ConcernId);
    }

    [Fact]
    public async Task A_message_of_an_unknown_type_or_unreadable_is_ignored_and_later_events_still_arrive()
    {
        var prefix = RedisTestNode.UniquePrefix();
        await using var b = new RedisTestNode(ExternalServers.Redis, prefix);
        await b.WaitLiveAsync();

        // A newer server (rolling upgrade) sends a type this version does not know, then garbage, then a known event.
        await RedisTestNode.PublishRawAsync(ExternalServers.Redis, prefix,
            """{"node":"newer-node","type":"ConcernMerged","event":{"concernId":7,"occurredAt":"2026-11-24T09:30:00Z"}}""");
        await RedisTestNode.PublishRawAsync(ExternalServers.Redis, prefix, "not json at all");
        await RedisTestNode.PublishRawAsync(ExternalServers.Redis, prefix, PortalEventMessages.Write("newer-node", Concern(301)));

        await Wait.UntilAsync(() => b.Count<ConcernChanged>() == 1, "node B to hear the known event");
        Assert.Equal(301, Assert.Single(b.Heard.OfType<ConcernChanged>()).ConcernId);
        Assert.Single(b.Heard); // nothing for the unknown type or the garbage
    }

    /// <summary>Every concrete PortalEvent in the app's assemblies, found by reflection: a new one cannot be forgotten.</summary>
    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in AllEventTypes())
            data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> AllEventTypes() =>
        new[] { typeof(PortalEvent).Assembly, typeof(IbPortal.Concerns.ConcernHub).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(PortalEvent)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_event_type_travels_between_servers_and_reads_back_equal(string typeName)
    {
        var type = AllEventTypes().Single(t => t.FullName == typeName);
        var original = Sample(type);

        Assert.True(PortalEventMessages.Travels(original));
        var message = PortalEventMessages.Read(PortalEventMessages.Write("node-a", original));

        Assert.Equal("node-a", message.NodeId);
        Assert.Equal(type.Name, message.Type);
        Assert.Equal(original, message.Event); // records: every property equal
    }

    [Fact]
    public void The_reflection_finds_the_known_event_types()
    {
        var names = AllEventTypes().Select(t => t.Name).ToList();
        Assert.Contains(nameof(ConcernChanged), names);
        Assert.Contains(nameof(SupportRequestChanged), names);
        Assert.Contains(nameof(SupportLevelChanged), names);
        Assert.Contains(nameof(BoatSignalChanged), names);
    }

    /// <summary>An instance with a distinct, non-default value for every constructor parameter.</summary>
    private static PortalEvent Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var seed = 0;
        var arguments = constructor.GetParameters().Select(p => SampleValue(p.ParameterType, ++seed)).ToArray();
        return (PortalEvent)constructor.Invoke(arguments);
    }

    private static object SampleValue(Type type, int seed)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(int)) return 1000 + seed;
        if (underlying == typeof(long)) return 100_000L + seed;
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(string)) return $"waarde-{seed}";
        if (underlying == typeof(Guid)) return new Guid(seed, 0, 0, new byte[8]);
        if (underlying == typeof(DateTime)) return new DateTime(2026, 11, 24, 9, 30, seed, DateTimeKind.Utc);
        if (underlying == typeof(DateOnly)) return new DateOnly(2026, 11, 1 + seed % 28);
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 24, 9, 30, seed, TimeSpan.Zero);
        if (underlying.IsEnum)
        {
            var values = Enum.GetValues(underlying);
            return values.GetValue(values.Length - 1)!; // not the first: a default would hide a lost value
        }
        throw new NotSupportedException($"No sample value for a {type.Name} parameter: add one here (events carry ids, enums and times).");
    }
}
