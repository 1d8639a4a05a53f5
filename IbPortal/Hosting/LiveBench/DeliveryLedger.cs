using System.Diagnostics;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// Matches what was sent against what each receiver saw. A message (a concern, or a baseline message) has an id, the
/// Stopwatch timestamp at which its sender began the call, and an audience (receiver keys: the IB'er logins of its
/// school). Every receiver with a key in the audience should have seen the id; its latency is seen − sent. Receivers
/// that did not see it count as lost. All timestamps come from one process's Stopwatch, so they share a clock.
/// </summary>
public static class DeliveryLedger
{
    public sealed record Sent(int Id, long SentAt, IReadOnlySet<string> Audience);

    public sealed record Receiver(string Key, IReadOnlyDictionary<int, long> Seen);

    public sealed record Outcome(IReadOnlyList<double> LatenciesMs, int Expected, int Lost, double AverageAudience);

    public static Outcome Match(IReadOnlyCollection<Sent> sent, IReadOnlyCollection<Receiver> receivers)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(receivers);
        var byKey = receivers.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var latencies = new List<double>();
        var expected = 0;
        var lost = 0;
        foreach (var message in sent)
        {
            foreach (var key in message.Audience)
            {
                if (!byKey.TryGetValue(key, out var audience))
                    continue;
                foreach (var receiver in audience)
                {
                    expected++;
                    if (receiver.Seen.TryGetValue(message.Id, out var seenAt))
                        latencies.Add(Stopwatch.GetElapsedTime(message.SentAt, seenAt).TotalMilliseconds);
                    else
                        lost++;
                }
            }
        }
        return new Outcome(latencies, expected, lost, sent.Count == 0 ? 0 : (double)expected / sent.Count);
    }

    /// <summary>Whether every expected delivery has been seen (to end the grace period early).</summary>
    public static bool AllSeen(IReadOnlyCollection<Sent> sent, IReadOnlyCollection<Receiver> receivers) =>
        Match(sent, receivers).Lost == 0;
}
