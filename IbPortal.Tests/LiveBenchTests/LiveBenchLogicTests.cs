using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using IbPortal.Hosting.LiveBench;

namespace IbPortal.Tests.LiveBenchTests;

/// <summary>The load harness's own logic: percentiles, render-batch and page parsing, /proc parsing, delivery matching, options.</summary>
public sealed class LiveBenchLogicTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank_of_the_sorted_sample()
    {
        var shuffled = Enumerable.Range(1, 100).Select(i => (double)i).OrderBy(i => (i * 37) % 101).ToList();

        var stats = LatencyStats.Of(shuffled);

        Assert.Equal(100, stats.Count);
        Assert.Equal(50, stats.P50);
        Assert.Equal(95, stats.P95);
        Assert.Equal(99, stats.P99);
        Assert.Equal(100, stats.Max);
    }

    [Fact]
    public void Percentiles_of_a_small_sample_round_the_rank_up()
    {
        var stats = LatencyStats.Of([30, 10, 20]);

        Assert.Equal(20, stats.P50);   // rank ⌈1.5⌉ = 2
        Assert.Equal(30, stats.P95);   // rank ⌈2.85⌉ = 3
        Assert.True(double.IsNaN(LatencyStats.Of([]).P95));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyStats.Percentile([1.0], 0));
    }

    [Fact]
    public void Median_of_runs_ignores_missing_figures_and_averages_the_middle_pair()
    {
        Assert.Equal(2, LatencyStats.Median([3, double.NaN, 1, 2]));
        Assert.Equal(2.5, LatencyStats.Median([4, 1, 2, 3]));
        Assert.True(double.IsNaN(LatencyStats.Median([double.NaN])));
        Assert.Equal("4.0×", LatencyStats.Ratio(20, 5));
        Assert.Equal("–", LatencyStats.Ratio(20, double.NaN));
    }

    [Fact]
    public void Render_batch_reader_finds_the_values_of_the_named_attributes()
    {
        var longValue = new string('x', 300); // a length prefix of two bytes
        var batch = RenderBatch(
            [Element("div"), Attribute("data-concern-id", "4711"), Attribute("class", "card"), Text("Anna"),
             Attribute("data-testid", "concern-list"), Attribute("data-concern-id", longValue), Attribute("data-concern-id", null)]);

        var ids = RenderBatchReader.AttributeValues(batch, "data-concern-id");
        var both = RenderBatchReader.Attributes(batch, ["data-testid", "data-concern-id"]);

        Assert.Equal(["4711", longValue], ids);
        Assert.Equal([("data-concern-id", "4711"), ("data-testid", "concern-list"), ("data-concern-id", longValue)], both);
        Assert.Empty(RenderBatchReader.AttributeValues(batch, "href"));
    }

    [Fact]
    public void Render_batch_reader_refuses_a_truncated_batch()
    {
        var batch = RenderBatch([Attribute("data-concern-id", "1")]);

        Assert.Throws<FormatException>(() => RenderBatchReader.AttributeValues(batch.AsSpan(0, 12), "data-concern-id"));
        Assert.Throws<FormatException>(() => RenderBatchReader.AttributeValues(batch.AsSpan(4), "data-concern-id"));
    }

    [Fact]
    public void Page_markers_become_the_first_root_component_batch()
    {
        const string html = """
            <html><body><!--Blazor:{"type":"server","key":{"locationHash":"abc","formattedComponentKey":""},"sequence":0,"descriptor":"CfDJ8-one"}-->
            <!--Blazor:{"prerenderId":"p1"}--><!--Blazor:{"type":"webassembly","assembly":"X"}-->
            <!--Blazor:{"type":"server","sequence":1,"descriptor":"CfDJ8-two"}--><!--Blazor-Server-Component-State:CfDJ8-state--></body></html>
            """;

        var markers = BlazorPage.ServerMarkers(html);
        var batch = JsonNode.Parse(BlazorPage.AddOperations(markers))!;

        Assert.Equal(2, markers.Count);
        Assert.Equal("CfDJ8-state", BlazorPage.ApplicationState(html));
        Assert.Equal("", BlazorPage.ApplicationState("<html></html>"));
        Assert.Equal(1, (int)batch["batchId"]!);
        var operations = batch["operations"]!.AsArray();
        Assert.Equal(2, operations.Count);
        Assert.Equal("add", (string)operations[0]!["type"]!);
        Assert.Equal(1, (int)operations[0]!["ssrComponentId"]!);
        Assert.Equal(2, (int)operations[1]!["ssrComponentId"]!);
        Assert.Equal("CfDJ8-one", (string)operations[0]!["marker"]!["descriptor"]!);
        Assert.Equal("abc", (string)operations[0]!["marker"]!["key"]!["locationHash"]!);
    }

    [Fact]
    public void Proc_files_give_resident_memory_and_cpu_time()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t  900000 kB\nVmRSS:\t  204800 kB\nThreads:\t30\n";
        // The command name may hold spaces and parentheses; utime = 250 and stime = 50 ticks.
        const string stat = "4242 (dot net (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1000 900000000 51200";

        Assert.Equal(204800L * 1024, ProcStats.ParseVmRss(status));
        Assert.Equal(TimeSpan.FromSeconds(3), ProcStats.ParseCpuTime(stat));
        Assert.Throws<FormatException>(() => ProcStats.ParseVmRss("Name:\tdotnet\n"));
    }

    [Fact]
    public void Ledger_expects_each_concern_on_every_dashboard_of_its_audience()
    {
        var t0 = Stopwatch.GetTimestamp();
        long After(double ms) => t0 + (long)(ms * Stopwatch.Frequency / 1000);
        var sent = new List<DeliveryLedger.Sent>
        {
            new(1, t0, new HashSet<string> { "ib-001" }),
            new(2, t0, new HashSet<string> { "ib-001", "ib-002" }),
        };
        var receivers = new List<DeliveryLedger.Receiver>
        {
            new("ib-001", new Dictionary<int, long> { [1] = After(10), [2] = After(30) }),
            new("ib-001", new Dictionary<int, long> { [1] = After(20) }),                     // missed 2
            new("ib-002", new Dictionary<int, long> { [1] = After(5), [2] = After(40) }),     // 1 was not for it
            new("ib-003", new Dictionary<int, long>()),                                        // in no audience
        };

        var outcome = DeliveryLedger.Match(sent, receivers);

        Assert.Equal(5, outcome.Expected);
        Assert.Equal(1, outcome.Lost);
        Assert.Equal(2.5, outcome.AverageAudience);
        Assert.Equal([10, 20, 30, 40], outcome.LatenciesMs.Select(l => Math.Round(l)).Order());
        Assert.False(DeliveryLedger.AllSeen(sent, receivers));
        Assert.True(DeliveryLedger.AllSeen(sent.Take(1).ToList(), receivers));
    }

    [Fact]
    public void Options_default_to_the_targets_and_two_nodes_need_postgres_and_redis()
    {
        var defaults = LiveBenchOptions.Parse(["bench-live"]);
        var two = LiveBenchOptions.Parse(["bench-live", "--nodes", "2", "--redis", "127.0.0.1:6379"]);
        var given = LiveBenchOptions.Parse(["bench-live", "--dashboards", "200", "--rate", "2.5", "--no-baseline", "--json", "out.json"]);

        Assert.Equal((1000, 200, 10.0, 60, 1), (defaults.Dashboards, defaults.Teachers, defaults.Rate, defaults.Seconds, defaults.Nodes));
        Assert.Null(defaults.Problem());
        Assert.Contains("--postgres", two.Problem(), StringComparison.Ordinal);
        Assert.Equal((200, 2.5, false, "out.json"), (given.Dashboards, given.Rate, given.Baseline, given.Json));
        Assert.NotNull(LiveBenchOptions.Parse(["bench-live", "--baseline-server"]).Problem());
    }

    // A render batch as RenderBatchWriter lays it out: empty sections around the reference frames (20 bytes each),
    // a string table of 7-bit-length-prefixed UTF-8 strings followed by their offsets, and five trailing offsets.
    private sealed record Frame(int Type, string? Name, string? Value);

    private static Frame Element(string name) => new(1, name, null);
    private static Frame Text(string text) => new(2, text, null);
    private static Frame Attribute(string name, string? value) => new(RenderBatchReader.AttributeFrameType, name, value);

    private static byte[] RenderBatch(IReadOnlyList<Frame> frames)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        var strings = new List<string>();
        int Index(string? s)
        {
            if (s is null)
                return -1;
            strings.Add(s);
            return strings.Count - 1;
        }

        var updatedComponents = (int)stream.Position;
        writer.Write(0);
        var referenceFrames = (int)stream.Position;
        writer.Write(frames.Count);
        foreach (var frame in frames)
        {
            writer.Write(frame.Type);
            writer.Write(Index(frame.Name));
            writer.Write(frame.Type == RenderBatchReader.AttributeFrameType ? Index(frame.Value) : 0);
            writer.Write(0UL);
        }
        var disposedComponents = (int)stream.Position;
        writer.Write(0);
        var disposedHandlers = (int)stream.Position;
        writer.Write(0);
        var locations = strings.Select(s =>
        {
            var at = (int)stream.Position;
            writer.Write(s);
            return at;
        }).ToList();
        var stringTable = (int)stream.Position;
        foreach (var at in locations)
            writer.Write(at);
        writer.Write(updatedComponents);
        writer.Write(referenceFrames);
        writer.Write(disposedComponents);
        writer.Write(disposedHandlers);
        writer.Write(stringTable);
        writer.Flush();
        return stream.ToArray();
    }
}
