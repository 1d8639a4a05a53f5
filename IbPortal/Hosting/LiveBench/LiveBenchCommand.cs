// How to run (Release build; not part of the test run):
//
//   dotnet build IbPortal -c Release
//   dotnet IbPortal/bin/Release/net10.0/IbPortal.dll bench-live --schools 120           # 1,000 dashboards, 200 teachers, 10/s, 60 s
//   dotnet IbPortal/bin/Release/net10.0/IbPortal.dll bench-live --dashboards 200 --seconds 20 --runs 2 --json live.json
//   dotnet IbPortal/bin/Release/net10.0/IbPortal.dll bench-live --nodes 2 \
//       --postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=ibportal_bench" --redis 127.0.0.1:56379
//
// Options: --dashboards N (1000) --teachers M (200, see LiveBenchOptions.Teachers) --rate R concerns/s in total (10) --seconds S (60) --runs K (1)
//   --nodes 1|2 --schools (50) --pupils (250 per school) --years (1) --city <seeded SQLite file to copy per run>
//   --grace G seconds to wait for late deliveries (10) --connect-parallel P (8) --environment (Production)
//   --no-baseline --json <file> --node-env KEY=VALUE (extra environment for the portal nodes, repeatable) --keep.
// What it does, per run: seeds (once) a city with the `seed` command's CitySeeder and copies it; starts the portal as a
// child process and measures its cold start to a healthy /health; opens N real Blazor circuits of the IB'er dashboard
// (/ib), spread over the city's IB'ers (CircuitDashboard); M teachers (one per school, spread over the city) flag
// concerns through the concern hub's RaiseConcern at R per second in total; a delivery is the render batch that puts the
// new concern's card on a dashboard of an IB'er of its school. Then the same N receivers, fan-out and rate against a
// bare SignalR hub in its own process (BaselineServer). Prints a table (and --json) with every figure and its ratio to
// the baseline. Two nodes: the database must already hold a seeded city (`seed --provider PostgreSql --connection "…"`),
// dashboards and teachers alternate over the nodes.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using IbPortal.Domain;
using IbPortal.Domain.Data;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbPortal.Hosting.LiveBench;

/// <summary>`bench-live`: the load harness for live concern delivery (issue 7). See the top of this file for how to run it.</summary>
public static class LiveBenchCommand
{
    public const string Name = "bench-live";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>
    /// A send that failed without ending the run (a refusal, a dropped connection): counted in the report. The portal and
    /// the baseline count the same failures, so their figures compare.
    /// </summary>
    private static bool IsFailedSend(Exception ex) =>
        ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException
            or System.Net.WebSockets.WebSocketException or IOException;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LiveBenchOptions.Parse(args);
        if (options.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        if (options.BaselineServer)
            return await BaselineServer.RunAsync(options.Port);

        // A harness with a thousand connections must not measure its own thread-pool ramp-up.
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 16), 64);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var ct = cancel.Token;

        var folder = Path.Combine(Path.GetTempPath(), "ibportal-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var city = options.Postgres is null ? await PrepareCityAsync(options, ct) : null;
            var runs = new List<RunReport>();
            for (var run = 1; run <= options.Runs; run++)
            {
                Say($"— run {run}/{options.Runs} — (load average {Machine.LoadAverage():F1} on {Environment.ProcessorCount} cores)");
                var portal = await RunPortalAsync(options, city, Path.Combine(folder, $"run{run}"), ct);
                var baseline = options.Baseline ? await RunBaselineAsync(options, portal.Plan, ct) : null;
                var report = new RunReport(run, portal.Result, baseline);
                runs.Add(report);
                LiveBenchReport.PrintRun(options, report);
            }
            var summary = LiveBenchReport.Summarize(options, runs);
            LiveBenchReport.PrintSummary(options, summary);
            if (options.Json is { } json)
            {
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { options, machine = Machine.Describe(), runs, summary }, JsonOptions), ct);
                Say($"JSON written to {Path.GetFullPath(json)}");
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (args.Contains("--keep"))
                Say($"kept {folder} (databases and logs)");
            else
                try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    internal static void Say(string line) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));

    /// <summary>The seeded city file: --city, else one seeded once per size in the temp folder and reused.</summary>
    internal static async Task<string> PrepareCityAsync(LiveBenchOptions options, CancellationToken ct)
    {
        if (options.City is { } given)
            return Path.GetFullPath(given);
        var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"ibportal-live-city-s{options.Schools}-p{options.PupilCount}-y{options.Years}.db"));
        if (File.Exists(path) && await CitySeeder.HasDataAsync(path, ct))
        {
            Say($"city: reusing {path}");
            return path;
        }
        if (File.Exists(path))
            File.Delete(path);
        var watch = Stopwatch.StartNew();
        var code = await SeedCommand.RunAsync(["seed", "--schools", Num(options.Schools), "--pupils", Num(options.PupilCount),
            "--years", Num(options.Years), "--database", path], TextWriter.Null);
        if (code != 0)
            throw new InvalidOperationException($"Seeding the city failed with exit code {code}.");
        ct.ThrowIfCancellationRequested();
        Say($"city: seeded {options.Schools} schools, {options.PupilCount} pupils, {options.Years} year(s) in {watch.Elapsed.TotalSeconds:F1} s → {path}");
        return path;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record PortalRun(CityPlan Plan, PhaseResult Result);

    private static async Task<PortalRun> RunPortalAsync(LiveBenchOptions options, string? city, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = options.Environment,
            ["Auth:Mode"] = "Demo",
            ["Auth:AllowDemoInProduction"] = "true",
            ["Database:SeedDemoData"] = "false",
            // Every IB'er and teacher signs in on every node within seconds, from one address.
            ["RateLimiting:SignInPermitsPerMinute"] = "1000000",
        };
        var perTeacherPerMinute = options.Rate * 60 / options.Teachers;
        if (perTeacherPerMinute > 10)
        {
            // Fewer teachers than the rate needs: lift the per-person flood guard (10 a minute) rather than be refused.
            settings["RateLimiting:ConcernsPerMinute"] = "1000000";
            Say($"note: {perTeacherPerMinute:F0} concerns a minute per teacher exceeds the flood guard; it is lifted for this run");
        }
        if (city is not null)
        {
            var copy = Path.Combine(folder, "city.db");
            File.Copy(city, copy);
            settings["ConnectionStrings:Portal"] = $"Data Source={copy}";
        }
        else
        {
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Portal"] = options.Postgres!;
        }
        if (options.Redis is { } redis)
            settings["Redis:ConnectionString"] = redis;
        foreach (var pair in options.NodeEnvironment)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                settings[pair[..eq]] = pair[(eq + 1)..];
        }

        CityPlan plan;
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
            await using var services = new ServiceCollection().AddLogging()
                .AddPortalDomain(configuration, Directory.GetCurrentDirectory()).BuildServiceProvider();
            plan = await CityPlan.LoadAsync(services, options.Teachers, ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (plan.CareCoordinatorLogins.Count == 0 || plan.Teachers.Count == 0)
            throw new InvalidOperationException("The city has no IB'ers or no teachers with pupils this school year.");
        Say($"city: {plan.SchoolIds.Count} schools, {plan.CareCoordinatorLogins.Count} IB'ers, {plan.Teachers.Count} flagging teachers at {plan.Teachers.Select(t => t.SchoolId).Distinct().Count()} schools");

        var nodes = new List<ChildProcess>();
        try
        {
            for (var n = 0; n < options.Nodes; n++)
            {
                var port = ChildProcess.FreePort();
                var nodeSettings = new Dictionary<string, string>(settings) { ["Logging:File:Path"] = Path.Combine(folder, $"logs{n}", "ibportal-.log") };
                nodes.Add(await ChildProcess.StartAsync(["--urls", $"http://127.0.0.1:{port}"], nodeSettings, port, "/health", TimeSpan.FromSeconds(120), ct));
                Say($"node {n + 1}: pid {nodes[^1].Pid}, healthy after {nodes[^1].ColdStart.TotalSeconds:F2} s");
            }

            // Sign in every IB'er and teacher on every node (a node checks the cookie with its data-protection keys).
            var cookies = new Dictionary<(int Node, string Login), string>();
            foreach (var (node, index) in nodes.Select((n, i) => (n, i)))
            {
                foreach (var login in plan.CareCoordinatorLogins.Concat(plan.Teachers.Select(t => t.Login)).Distinct())
                    cookies[(index, login)] = await SignInAsync(node.BaseAddress, login, ct);
            }

            // Warm up (JIT, first queries, caches) with one dashboard per node that is not counted, then measure memory.
            var warm = new List<CircuitDashboard>();
            for (var n = 0; n < nodes.Count; n++)
            {
                var login = plan.CareCoordinatorLogins[0];
                warm.Add(await CircuitDashboard.OpenAsync(nodes[n].BaseAddress, cookies[(n, login)], login, int.MaxValue, TimeSpan.FromSeconds(60), ct));
            }
            var rssBefore = nodes.Select(n => n.ResidentBytes()).ToList();

            Say($"opening {options.Dashboards} dashboards ({options.ConnectParallel} at a time)…");
            var connectWatch = Stopwatch.StartNew();
            var dashboards = new ConcurrentBag<CircuitDashboard>();
            var connectErrors = new ConcurrentBag<string>();
            var openTimes = new ConcurrentBag<double>();
            // In two halves, with the memory in between: the second half's growth per circuit is what one more dashboard
            // costs, without what the server grows once (GC budgets, caches) as load arrives.
            var half = options.Dashboards / 2;
            long rssHalf = 0;
            foreach (var (from, count) in new[] { (0, half), (half, options.Dashboards - half) })
            {
                await Parallel.ForEachAsync(Enumerable.Range(from, count),
                    new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallel, CancellationToken = ct }, async (i, token) =>
                    {
                        var node = i % nodes.Count;
                        var login = plan.CareCoordinatorLogins[i % plan.CareCoordinatorLogins.Count];
                        var opening = Stopwatch.GetTimestamp();
                        try
                        {
                            dashboards.Add(await CircuitDashboard.OpenAsync(nodes[node].BaseAddress, cookies[(node, login)], login, plan.MaxConcernId,
                                TimeSpan.FromSeconds(120), token));
                            openTimes.Add(Stopwatch.GetElapsedTime(opening).TotalMilliseconds);
                        }
                        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException or Microsoft.AspNetCore.SignalR.HubException)
                        {
                            connectErrors.Add(ex.Message);
                        }
                        if ((i + 1) % 100 == 0)
                            Say($"  {i + 1} opened ({connectWatch.Elapsed.TotalSeconds:F0} s)");
                    });
                if (from == 0)
                {
                    await SettleAsync(dashboards, ct);
                    rssHalf = nodes.Sum(n => n.ResidentBytes());
                }
            }
            var connectSeconds = connectWatch.Elapsed.TotalSeconds;
            await SettleAsync(dashboards, ct);
            var rssAfter = nodes.Select(n => n.ResidentBytes()).ToList();
            Say($"{dashboards.Count} dashboards open in {connectSeconds:F1} s ({connectErrors.Count} failed); RSS {Mb(rssBefore.Sum())} → {Mb(rssAfter.Sum())} MB");

            var teachers = new List<(TeacherClient Client, int Node)>();
            for (var t = 0; t < plan.Teachers.Count; t++)
            {
                var node = t % nodes.Count;
                teachers.Add((await TeacherClient.ConnectAsync(nodes[node].BaseAddress, cookies[(node, plan.Teachers[t].Login)], plan.Teachers[t], ct), node));
            }

            // Idle: the open dashboards and teachers with nothing happening, to tell the cost of concerns from the cost of being open.
            var idleBefore = nodes.Select(n => n.CpuTime()).ToList();
            var idleWatch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(5), ct); // a measuring window, not a wait for a result
            var idleCpuPercent = nodes.Select((n, i) => (n.CpuTime() - idleBefore[i]).TotalSeconds).Sum() / idleWatch.Elapsed.TotalSeconds * 100;

            var cpuBefore = nodes.Select(n => n.CpuTime()).ToList();
            var harnessCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var window = Stopwatch.StartNew();
            var sent = new ConcurrentBag<DeliveryLedger.Sent>();
            var raises = new ConcurrentBag<double>();
            var raiseErrors = new ConcurrentBag<string>();
            var receivers = dashboards.Select(d => new DeliveryLedger.Receiver(d.Login, d.Seen)).ToList();
            await SendAtRateAsync(options, async k =>
            {
                var (teacher, _) = teachers[k % teachers.Count];
                var audience = plan.AudienceOf(teacher.Teacher.SchoolId).ToHashSet(StringComparer.Ordinal);
                var at = Stopwatch.GetTimestamp();
                try
                {
                    var id = await teacher.RaiseNextAsync(ct);
                    raises.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    sent.Add(new DeliveryLedger.Sent(id, at, audience));
                }
                catch (Exception ex) when (IsFailedSend(ex))
                {
                    // A dropped teacher connection is a failed send in the report, not the end of the run.
                    raiseErrors.Add(ex.Message);
                }
            }, ct);
            var sendSeconds = window.Elapsed.TotalSeconds;
            await WaitForDeliveriesAsync(options, sent, receivers, ct);
            var windowSeconds = window.Elapsed.TotalSeconds;
            var cpu = nodes.Select((n, i) => (n.CpuTime() - cpuBefore[i]).TotalSeconds).Sum();
            var harnessCpu = (Process.GetCurrentProcess().TotalProcessorTime - harnessCpuBefore).TotalSeconds;

            var outcome = DeliveryLedger.Match([.. sent], receivers);
            var result = new PhaseResult
            {
                Kind = options.Nodes == 1 ? "portal" : $"portal×{options.Nodes}",
                ColdStartSeconds = [.. nodes.Select(n => n.ColdStart.TotalSeconds)],
                DashboardsOpen = dashboards.Count,
                DashboardsFailed = connectErrors.Count,
                DashboardsBrokenAfter = dashboards.Count(d => d.Error is not null || !d.IsConnected),
                ConnectSeconds = connectSeconds,
                Sent = sent.Count,
                SendFailed = raiseErrors.Count,
                SendSeconds = sendSeconds,
                SendCall = LatencyStats.Of(raises),
                Expected = outcome.Expected,
                Delivered = outcome.LatenciesMs.Count,
                Lost = outcome.Lost,
                AverageAudience = outcome.AverageAudience,
                Latency = LatencyStats.Of(outcome.LatenciesMs),
                RssBeforeBytes = rssBefore.Sum(),
                RssAfterBytes = rssAfter.Sum(),
                RssPerConnectionKb = dashboards.IsEmpty ? double.NaN : (rssAfter.Sum() - rssBefore.Sum()) / 1024.0 / dashboards.Count,
                RssMarginalPerConnectionKb = dashboards.Count - half <= 0 ? double.NaN : (rssAfter.Sum() - rssHalf) / 1024.0 / (dashboards.Count - half),
                ServerCpuSeconds = cpu,
                WindowSeconds = windowSeconds,
                HarnessCpuSeconds = harnessCpu,
                ServerCpuMsPerDelivery = outcome.LatenciesMs.Count == 0 ? double.NaN : cpu * 1000 / outcome.LatenciesMs.Count,
                IdleCpuPercentOfOneCore = idleCpuPercent,
                Errors = [.. connectErrors.Concat(raiseErrors).Concat(dashboards.Where(d => d.Error is not null).Select(d => d.Error!)).Distinct().Take(5)],
                RenderBatchesPerDashboard = dashboards.IsEmpty ? 0 : dashboards.Average(d => d.RenderBatches),
                JsCallsPerDashboard = dashboards.IsEmpty ? 0 : dashboards.Average(d => d.JsCalls),
                OpenDashboard = LatencyStats.Of(openTimes),
            };

            foreach (var (client, _) in teachers)
                await client.DisposeAsync();
            await Parallel.ForEachAsync(dashboards.Concat(warm), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (d, _) => await d.DisposeAsync());
            return new PortalRun(plan, result);
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    /// <summary>The bare SignalR baseline: the same receivers (grouped by IB'er), fan-out, rate and duration.</summary>
    private static async Task<PhaseResult> RunBaselineAsync(LiveBenchOptions options, CityPlan plan, CancellationToken ct)
    {
        var port = ChildProcess.FreePort();
        await using var server = await ChildProcess.StartAsync([Name, "--baseline-server", "--port", Num(port)],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, port, BaselineServer.HealthPath, TimeSpan.FromSeconds(60), ct);
        Say($"baseline: bare SignalR hub, pid {server.Pid}, healthy after {server.ColdStart.TotalSeconds:F2} s");
        var warm = await BaselineReceiver.ConnectAsync(server.BaseAddress, "warm-up", ct);
        var rssBefore = server.ResidentBytes();
        var receivers = new ConcurrentBag<BaselineReceiver>();
        var errors = new ConcurrentBag<string>();
        var connectWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Dashboards),
            new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallel, CancellationToken = ct }, async (i, token) =>
            {
                try
                {
                    receivers.Add(await BaselineReceiver.ConnectAsync(server.BaseAddress, plan.CareCoordinatorLogins[i % plan.CareCoordinatorLogins.Count], token));
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    errors.Add(ex.Message);
                }
            });
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        var rssAfter = server.ResidentBytes();
        var senders = new List<Microsoft.AspNetCore.SignalR.Client.HubConnection>();
        for (var t = 0; t < plan.Teachers.Count; t++)
            senders.Add(await BaselineReceiver.ConnectSenderAsync(server.BaseAddress, ct));

        var cpuBefore = server.CpuTime();
        var harnessCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var window = Stopwatch.StartNew();
        var sent = new ConcurrentBag<DeliveryLedger.Sent>();
        var sends = new ConcurrentBag<double>();
        var ledger = receivers.Select(r => new DeliveryLedger.Receiver(r.Group, r.Seen)).ToList();
        await SendAtRateAsync(options, async k =>
        {
            var teacher = plan.Teachers[k % plan.Teachers.Count];
            var audience = plan.AudienceOf(teacher.SchoolId).ToHashSet(StringComparer.Ordinal);
            var id = k + 1;
            var at = Stopwatch.GetTimestamp();
            try
            {
                await senders[k % senders.Count].InvokeAsync("Send", audience.ToArray(), id, ct);
                sends.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                sent.Add(new DeliveryLedger.Sent(id, at, audience));
            }
            catch (Exception ex) when (IsFailedSend(ex))
            {
                errors.Add(ex.Message);
            }
        }, ct);
        var sendSeconds = window.Elapsed.TotalSeconds;
        await WaitForDeliveriesAsync(options, sent, ledger, ct);
        var windowSeconds = window.Elapsed.TotalSeconds;
        var cpu = (server.CpuTime() - cpuBefore).TotalSeconds;
        var harnessCpu = (Process.GetCurrentProcess().TotalProcessorTime - harnessCpuBefore).TotalSeconds;
        var outcome = DeliveryLedger.Match([.. sent], ledger);

        foreach (var sender in senders)
            await sender.DisposeAsync();
        await Parallel.ForEachAsync(receivers.Append(warm), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (r, _) => await r.DisposeAsync());
        return new PhaseResult
        {
            Kind = "baseline",
            ColdStartSeconds = [server.ColdStart.TotalSeconds],
            DashboardsOpen = receivers.Count,
            DashboardsFailed = errors.Count,
            ConnectSeconds = connectSeconds,
            Sent = sent.Count,
            SendSeconds = sendSeconds,
            SendCall = LatencyStats.Of(sends),
            Expected = outcome.Expected,
            Delivered = outcome.LatenciesMs.Count,
            Lost = outcome.Lost,
            AverageAudience = outcome.AverageAudience,
            Latency = LatencyStats.Of(outcome.LatenciesMs),
            RssBeforeBytes = rssBefore,
            RssAfterBytes = rssAfter,
            RssPerConnectionKb = receivers.IsEmpty ? double.NaN : (rssAfter - rssBefore) / 1024.0 / receivers.Count,
            ServerCpuSeconds = cpu,
            WindowSeconds = windowSeconds,
            HarnessCpuSeconds = harnessCpu,
            ServerCpuMsPerDelivery = outcome.LatenciesMs.Count == 0 ? double.NaN : cpu * 1000 / outcome.LatenciesMs.Count,
            Errors = [.. errors.Distinct().Take(5)],
        };
    }

    /// <summary>Starts message k at start + k/rate (not waiting for earlier ones), for --seconds; then awaits them all.</summary>
    private static async Task SendAtRateAsync(LiveBenchOptions options, Func<int, Task> send, CancellationToken ct)
    {
        var total = (int)Math.Round(options.Rate * options.Seconds);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var k = 0; k < total; k++)
        {
            var due = TimeSpan.FromSeconds(k / options.Rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
                await Task.Delay(due, ct); // pacing the schedule, not waiting for a result
            inFlight.Add(Task.Run(() => send(k), ct));
        }
        await Task.WhenAll(inFlight);
    }

    /// <summary>Until every expected delivery is seen, or --grace seconds after the last send.</summary>
    private static async Task WaitForDeliveriesAsync(LiveBenchOptions options, ConcurrentBag<DeliveryLedger.Sent> sent,
        IReadOnlyCollection<DeliveryLedger.Receiver> receivers, CancellationToken ct)
    {
        var grace = Stopwatch.StartNew();
        while (grace.Elapsed < TimeSpan.FromSeconds(options.GraceSeconds) && !DeliveryLedger.AllSeen([.. sent], receivers))
            await Task.Delay(100, ct); // polling the ledger
    }

    /// <summary>Waits until no dashboard has had a render batch for two seconds (or 60 s passed).</summary>
    private static async Task SettleAsync(IEnumerable<CircuitDashboard> dashboards, CancellationToken ct)
    {
        var list = dashboards.ToList();
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromSeconds(60))
        {
            var last = list.Count == 0 ? 0 : list.Max(d => d.LastBatchAt);
            if (last == 0 || Stopwatch.GetElapsedTime(last) > TimeSpan.FromSeconds(2))
                return;
            await Task.Delay(200, ct); // polling for quiet
        }
    }

    internal static async Task<string> SignInAsync(Uri node, string login, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node };
        using var response = await http.GetAsync(new Uri($"/demo/sign-in?user={Uri.EscapeDataString(login)}&returnUrl=/ib", UriKind.Relative), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            throw new InvalidOperationException($"Demo sign-in as {login} answered {(int)response.StatusCode} without a cookie.");
        return string.Join("; ", setCookies.Select(c => c.Split(';')[0].Trim()).Where(c => c.Length > 0 && !c.EndsWith('=')));
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
}

/// <summary>The figures of one phase (the portal, or the bare SignalR baseline) of one run.</summary>
public sealed record PhaseResult
{
    public required string Kind { get; init; }
    public IReadOnlyList<double> ColdStartSeconds { get; init; } = [];
    public int DashboardsOpen { get; init; }
    public int DashboardsFailed { get; init; }
    public int DashboardsBrokenAfter { get; init; }
    public double ConnectSeconds { get; init; }
    public int Sent { get; init; }
    public int SendFailed { get; init; }
    public double SendSeconds { get; init; }
    public LatencyStats SendCall { get; init; } = LatencyStats.Empty;
    public int Expected { get; init; }
    public int Delivered { get; init; }
    public int Lost { get; init; }
    public double AverageAudience { get; init; }
    public LatencyStats Latency { get; init; } = LatencyStats.Empty;
    public long RssBeforeBytes { get; init; }
    public long RssAfterBytes { get; init; }
    public double RssPerConnectionKb { get; init; }
    /// <summary>The RSS growth per circuit over the second half of the circuits opened (the portal only).</summary>
    public double RssMarginalPerConnectionKb { get; init; } = double.NaN;
    public double ServerCpuSeconds { get; init; }
    public double WindowSeconds { get; init; }
    public double HarnessCpuSeconds { get; init; }

    /// <summary>Server CPU time in the window per delivery seen: what one (dashboard, concern) update costs, whatever else runs on the machine.</summary>
    public double ServerCpuMsPerDelivery { get; init; }

    /// <summary>Server CPU, % of one core, over 5 s with everything open and nothing happening (portal only).</summary>
    public double IdleCpuPercentOfOneCore { get; init; } = double.NaN;

    /// <summary>Server CPU ms per concern sent, above the idle CPU: raising it and updating its whole audience.</summary>
    public double ServerCpuMsPerConcernAboveIdle => Sent == 0 ? double.NaN
        : (ServerCpuSeconds - (double.IsNaN(IdleCpuPercentOfOneCore) ? 0 : IdleCpuPercentOfOneCore / 100 * WindowSeconds)) * 1000 / Sent;
    public double RenderBatchesPerDashboard { get; init; }
    public double JsCallsPerDashboard { get; init; }
    public LatencyStats OpenDashboard { get; init; } = LatencyStats.Empty;
    public IReadOnlyList<string> Errors { get; init; } = [];

    public double CpuPercentOfOneCore => WindowSeconds <= 0 ? double.NaN : ServerCpuSeconds / WindowSeconds * 100;
    public double CpuPercentOfMachine => CpuPercentOfOneCore / Environment.ProcessorCount;
}

public sealed record RunReport(int Run, PhaseResult Portal, PhaseResult? Baseline);
