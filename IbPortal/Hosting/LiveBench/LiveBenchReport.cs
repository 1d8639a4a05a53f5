using System.Globalization;

namespace IbPortal.Hosting.LiveBench;

/// <summary>The tables `bench-live` prints: per run, and the median over the runs, each figure with its ratio to the baseline.</summary>
public static class LiveBenchReport
{
    public sealed record Summary(
        int Runs,
        double ColdStartSecondsMedian,
        double P50, double P95, double P99, double Max,
        int Lost, int Expected,
        double RssPerDashboardKb,
        double CpuPercentOfOneCore,
        double BaselineP50, double BaselineP95, double BaselineP99,
        double BaselineRssPerConnectionKb,
        double BaselineCpuPercentOfOneCore,
        double AverageAudience,
        double CpuMsPerDelivery,
        double BaselineCpuMsPerDelivery,
        double LoadAverage,
        double RssMarginalPerDashboardKb);

    public static Summary Summarize(LiveBenchOptions options, IReadOnlyList<RunReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        double M(Func<RunReport, double> f) => LatencyStats.Median(runs.Select(f));
        double B(Func<PhaseResult, double> f) => LatencyStats.Median(runs.Where(r => r.Baseline is not null).Select(r => f(r.Baseline!)));
        return new Summary(
            runs.Count,
            LatencyStats.Median(runs.SelectMany(r => r.Portal.ColdStartSeconds)),
            M(r => r.Portal.Latency.P50), M(r => r.Portal.Latency.P95), M(r => r.Portal.Latency.P99), M(r => r.Portal.Latency.Max),
            runs.Sum(r => r.Portal.Lost), runs.Sum(r => r.Portal.Expected),
            M(r => r.Portal.RssPerConnectionKb),
            M(r => r.Portal.CpuPercentOfOneCore),
            B(b => b.Latency.P50), B(b => b.Latency.P95), B(b => b.Latency.P99),
            B(b => b.RssPerConnectionKb),
            B(b => b.CpuPercentOfOneCore),
            M(r => r.Portal.AverageAudience),
            M(r => r.Portal.ServerCpuMsPerDelivery),
            B(b => b.ServerCpuMsPerDelivery),
            Machine.LoadAverage(),
            M(r => r.Portal.RssMarginalPerConnectionKb));
    }

    public static void PrintRun(LiveBenchOptions options, RunReport run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var p = run.Portal;
        var b = run.Baseline;
        Line($"Run {run.Run}: {p.DashboardsOpen} dashboards open ({p.DashboardsFailed} failed to open, {p.DashboardsBrokenAfter} broken by the end), " +
             $"{p.Sent} concerns sent ({p.SendFailed} refused) in {p.SendSeconds:F1} s, average audience {p.AverageAudience:F1} dashboards");
        Line("| measure | portal | baseline (bare SignalR) | ratio |");
        Line("| --- | ---: | ---: | ---: |");
        Row("delivery p50 ms", p.Latency.P50, b?.Latency.P50, "F1");
        Row("delivery p95 ms", p.Latency.P95, b?.Latency.P95, "F1");
        Row("delivery p99 ms", p.Latency.P99, b?.Latency.P99, "F1");
        Row("delivery max ms", p.Latency.Max, b?.Latency.Max, "F1");
        Line(Fmt($"| deliveries seen / expected | {p.Delivered} / {p.Expected} | {b?.Delivered} / {b?.Expected} | |"));
        Line(Fmt($"| lost | {p.Lost} | {b?.Lost} | |"));
        Row("send call p50 ms (RaiseConcern / Send)", p.SendCall.P50, b?.SendCall.P50, "F1");
        Row("send call p95 ms", p.SendCall.P95, b?.SendCall.P95, "F1");
        Row("RSS per connection KB (after − before) / N", p.RssPerConnectionKb, b?.RssPerConnectionKb, "F0");
        Row("RSS per connection KB, second half only (what one more costs)", p.RssMarginalPerConnectionKb, null, "F0");
        Row("server CPU % of one core (window)", p.CpuPercentOfOneCore, b?.CpuPercentOfOneCore, "F0");
        Row("server CPU % of machine", p.CpuPercentOfMachine, b?.CpuPercentOfMachine, "F0");
        Row("server CPU ms per delivery", p.ServerCpuMsPerDelivery, b?.ServerCpuMsPerDelivery, "F2");
        Row("server CPU ms per concern above idle (raise + whole audience)", p.ServerCpuMsPerConcernAboveIdle, b?.ServerCpuMsPerConcernAboveIdle, "F1");
        Line(Fmt($"| server CPU idle, % of one core (all open, nothing happening) | {p.IdleCpuPercentOfOneCore:F0} | | |"));
        Row("harness CPU s in window", p.HarnessCpuSeconds, b?.HarnessCpuSeconds, "F1");
        Row("cold start s (median of nodes)", LatencyStats.Median(p.ColdStartSeconds), b is null ? null : LatencyStats.Median(b.ColdStartSeconds), "F2");
        Row("connect all s", p.ConnectSeconds, b?.ConnectSeconds, "F1");
        Line(Fmt($"| render batches / JS calls per dashboard | {p.RenderBatchesPerDashboard:F1} / {p.JsCallsPerDashboard:F1} | | |"));
        Line(Fmt($"| open one dashboard p50 / p95 ms (GET /ib → concern list rendered) | {p.OpenDashboard.P50:F0} / {p.OpenDashboard.P95:F0} | | |"));
        Line(Fmt($"| server RSS before → after MB | {p.RssBeforeBytes / 1048576.0:F0} → {p.RssAfterBytes / 1048576.0:F0} | {(b is null ? "" : $"{b.RssBeforeBytes / 1048576.0:F0} → {b.RssAfterBytes / 1048576.0:F0}")} | |"));
        foreach (var error in p.Errors.Concat(b?.Errors ?? []))
            Line("  error: " + error);
    }

    public static void PrintSummary(LiveBenchOptions options, Summary s)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(s);
        Line("");
        Line(Fmt($"bench-live summary — median of {s.Runs} run(s); {options.Dashboards} dashboards, {options.Teachers} teachers, {options.Rate} concerns/s for {options.Seconds} s, {options.Nodes} node(s); {Machine.Describe()}"));
        Line("| target | measured | baseline | ratio | met |");
        Line("| --- | ---: | ---: | ---: | :---: |");
        Line(Fmt($"| delivery p95 < 200 ms | {s.P95:F1} | {s.BaselineP95:F1} | {LatencyStats.Ratio(s.P95, s.BaselineP95)} | {Met(s.P95 < 200)} |"));
        Line(Fmt($"| delivery p99 < 500 ms | {s.P99:F1} | {s.BaselineP99:F1} | {LatencyStats.Ratio(s.P99, s.BaselineP99)} | {Met(s.P99 < 500)} |"));
        Line(Fmt($"| delivery p50 | {s.P50:F1} | {s.BaselineP50:F1} | {LatencyStats.Ratio(s.P50, s.BaselineP50)} | |"));
        Line(Fmt($"| nothing lost | {s.Lost} of {s.Expected} | | | {Met(s.Lost == 0 && s.Expected > 0)} |"));
        Line(Fmt($"| memory per dashboard circuit < 500 KB | {s.RssPerDashboardKb:F0} KB | {s.BaselineRssPerConnectionKb:F0} KB | {LatencyStats.Ratio(s.RssPerDashboardKb, s.BaselineRssPerConnectionKb)} | {Met(s.RssPerDashboardKb < 500)} |"));
        Line(Fmt($"| memory per dashboard circuit, second half of the circuits only | {s.RssMarginalPerDashboardKb:F0} KB | | | |"));
        Line(Fmt($"| cold start to healthy /health < 5 s | {s.ColdStartSecondsMedian:F2} s | | | {Met(s.ColdStartSecondsMedian < 5)} |"));
        Line(Fmt($"| server CPU, % of one core | {s.CpuPercentOfOneCore:F0} % | {s.BaselineCpuPercentOfOneCore:F0} % | {LatencyStats.Ratio(s.CpuPercentOfOneCore, s.BaselineCpuPercentOfOneCore)} | |"));
        Line(Fmt($"| server CPU ms per delivery | {s.CpuMsPerDelivery:F2} | {s.BaselineCpuMsPerDelivery:F2} | {LatencyStats.Ratio(s.CpuMsPerDelivery, s.BaselineCpuMsPerDelivery)} | |"));
        Line(Fmt($"| average audience per concern | {s.AverageAudience:F1} dashboards | | | |"));
        Line(Fmt($"machine load average (1 min) at the end: {s.LoadAverage:F1} on {Environment.ProcessorCount} cores — other work on the machine slows every figure but the CPU ms per delivery"));
    }

    private static string Met(bool met) => met ? "yes" : "NO";

    private static void Row(string name, double value, double? baseline, string format) =>
        Line($"| {name} | {value.ToString(format, CultureInfo.InvariantCulture)} | {baseline?.ToString(format, CultureInfo.InvariantCulture) ?? ""} | {(baseline is { } b ? LatencyStats.Ratio(value, b) : "")} |");

    private static string Fmt(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(string text) => Console.WriteLine(text);
}

/// <summary>The machine the figures were measured on.</summary>
public static class Machine
{
    /// <summary>The one-minute load average (/proc/loadavg), NaN when unknown.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static string Describe()
    {
        var model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
            // not Linux
        }
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({model}), .NET {Environment.Version}");
    }
}
