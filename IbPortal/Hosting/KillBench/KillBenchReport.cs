using System.Globalization;
using IbPortal.Hosting.LiveBench;

namespace IbPortal.Hosting.KillBench;

/// <summary>One round: a start of the portal on the accumulating file, a burst, kill -9, and the check of the file.</summary>
public sealed record KillRound(
    int Round,
    double StartSeconds,
    double KillAfterMs,
    int Sent,
    int Confirmed,
    int WarmUpConfirmed,
    int FailedBeforeKill,
    int InFlightSaved,
    int InFlightNotSaved,
    string IntegrityCheck,
    int ForeignKeyViolations,
    IReadOnlyList<string> Violations);

/// <summary>The figures of a whole `bench-kill` run.</summary>
public sealed record KillBenchSummary
{
    public int Rounds { get; init; }
    public int Kills { get; init; }
    public int Sent { get; init; }
    public int ConfirmedTotal { get; init; }
    public int ConfirmedInBursts { get; init; }
    public int InFlightSaved { get; init; }
    public int InFlightNotSaved { get; init; }
    public int FailedBeforeKill { get; init; }
    public int Violations { get; init; }
    public double FirstStartSeconds { get; init; }

    /// <summary>Restarts after a kill, start of the process to a healthy /health (one per kill; the last after the last kill).</summary>
    public int Restarts { get; init; }
    public double RestartMedianSeconds { get; init; }
    public double RestartP95Seconds { get; init; }
    public double RestartMaxSeconds { get; init; }
    public double TotalSeconds { get; init; }
    public required string Machine { get; init; }
    public int Seed { get; init; }

    public static KillBenchSummary Of(IReadOnlyList<KillRound> rounds, double firstStartSeconds, IReadOnlyList<double> restartSeconds,
        double totalSeconds, string machine, int seed)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(restartSeconds);
        var restarts = LatencyStats.Of(restartSeconds);
        return new KillBenchSummary
        {
            Rounds = rounds.Count,
            Kills = rounds.Count,
            Sent = rounds.Sum(r => r.Sent),
            ConfirmedTotal = rounds.Sum(r => r.Confirmed),
            ConfirmedInBursts = rounds.Sum(r => r.Confirmed - r.WarmUpConfirmed),
            InFlightSaved = rounds.Sum(r => r.InFlightSaved),
            InFlightNotSaved = rounds.Sum(r => r.InFlightNotSaved),
            FailedBeforeKill = rounds.Sum(r => r.FailedBeforeKill),
            Violations = rounds.Sum(r => r.Violations.Count),
            FirstStartSeconds = firstStartSeconds,
            Restarts = restartSeconds.Count,
            RestartMedianSeconds = LatencyStats.Median(restartSeconds),
            RestartP95Seconds = restarts.P95,
            RestartMaxSeconds = restarts.Max,
            TotalSeconds = totalSeconds,
            Machine = machine,
            Seed = seed,
        };
    }

    public IEnumerable<string> Lines()
    {
        yield return "| bench-kill | |";
        yield return "|---|---|";
        yield return Fmt($"| rounds / kill -9 | {Rounds} / {Kills} |");
        yield return Fmt($"| concerns sent | {Sent} |");
        yield return Fmt($"| confirmed by the hub (must all be stored after their kill and every later one) | {ConfirmedTotal} |");
        yield return Fmt($"| … of which in the bursts (after the warm-up flag of each teacher) | {ConfirmedInBursts} |");
        yield return Fmt($"| in flight at the kill: saved / not saved | {InFlightSaved} / {InFlightNotSaved} |");
        yield return Fmt($"| refused or failed before the kill | {FailedBeforeKill} |");
        yield return Fmt($"| violations | {Violations} |");
        yield return Fmt($"| first start to healthy | {FirstStartSeconds:F2} s |");
        yield return Fmt($"| restart after kill to healthy: median / p95 / max ({Restarts}) | {RestartMedianSeconds:F2} / {RestartP95Seconds:F2} / {RestartMaxSeconds:F2} s |");
        yield return Fmt($"| total duration | {TotalSeconds:F1} s |");
        yield return Fmt($"| seed | {Seed} |");
        yield return $"| machine | {Machine} |";
    }

    private static string Fmt(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
