// How to run (Release build; not part of the test run):
//
//   dotnet build IbPortal -c Release
//   dotnet IbPortal/bin/Release/net10.0/IbPortal.dll bench-kill                      # 100 kills, 20 teachers, 50-400 ms into each burst
//   dotnet IbPortal/bin/Release/net10.0/IbPortal.dll bench-kill --kills 10 --json kill.json
//   dotnet IbPortal/bin/Release/net10.0/IbPortal.dll bench-kill --seed 1234          # replays the kill moments of a run
//
// Options: --kills N (100) --teachers M (20) --min-kill-ms (50) --max-kill-ms (400) --seed S (drawn and printed)
//   --schools (50) --pupils (250 per school) --years (1) --city <seeded SQLite file> (else bench-live's seeded city, reused)
//   --environment (Production) --json <file> --keep (keep the database and the portal's logs).
// What it does (issue 7: kill -9 during a burst, more often than the test suite's 20 kills): copies the seeded city once
// into a SQLite file that accumulates over all rounds. Per round: starts the portal as a child process on that file (the
// time to a healthy /health is the restart figure, from round 2 on); signs M teachers in (demo cookie) and connects each
// to the concern hub (TeacherClient); each teacher flags its pupils one call after another through RaiseConcern, whose
// returned id is the confirmation; first one warm-up flag each (a cold app's first calls outlast the burst window), then
// the burst, and a random moment (from the seed) into the burst the process gets SIGKILL. Then the
// harness opens the file itself (SQLite recovers the WAL on opening) and checks: every concern the hub confirmed, in
// this round or any before, is stored by its teacher for its pupil with one history entry and one 'concern.raise' audit
// entry; per (teacher, pupil) no more concerns are stored than were sent (nothing twice, nothing nobody sent);
// PRAGMA integrity_check is ok and PRAGMA foreign_key_check is empty. After the last kill the portal is started once
// more. Prints a table (and --json); the exit code is 1 when any check failed (or nothing was ever confirmed).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IbPortal.Domain;
using IbPortal.Hosting.LiveBench;
using Microsoft.Data.Sqlite;

namespace IbPortal.Hosting.KillBench;

/// <summary>`bench-kill`: kill -9 of the portal during bursts of concern submissions (issue 7). See the top of this file.</summary>
public static class KillBenchCommand
{
    public const string Name = "bench-kill";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args)
    {
        KillBenchOptions options;
        try
        {
            options = KillBenchOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        if (options.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount * 8), 32);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var ct = cancel.Token;
        var seed = options.Seed ?? Random.Shared.Next();
        var random = new Random(seed);
        var total = Stopwatch.StartNew();
        Say($"bench-kill: {options.Kills} kills, {options.Teachers} teachers, kill {options.MinKillMs}-{options.MaxKillMs} ms into each burst, seed {seed} (--seed {seed} replays the moments)");

        var folder = Path.Combine(Path.GetTempPath(), "ibportal-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var city = await LiveBenchCommand.PrepareCityAsync(options.CityOptions, ct);
            var database = Path.Combine(folder, "city.db");
            CopyDatabase(city, database);
            var settings = PortalSettings(options, database, folder);
            var plan = await LoadPlanAsync(settings, options.Teachers, ct);
            if (plan.Teachers.Count == 0)
                throw new InvalidOperationException("The city has no teachers with pupils this school year.");
            Say($"database: {database} (a copy of {city}); {plan.Teachers.Count} teachers at {plan.Teachers.Select(t => t.SchoolId).Distinct().Count()} schools; concerns above id {plan.MaxConcernId} are this run's");

            var ledger = new KillLedger();
            var rounds = new List<KillRound>();
            var restarts = new List<double>();
            var firstStart = double.NaN;
            var lastId = plan.MaxConcernId;
            for (var round = 1; round <= options.Kills; round++)
            {
                var killAfter = random.Next(options.MinKillMs, options.MaxKillMs + 1);
                var (result, maxId) = await RunRoundAsync(round, killAfter, settings, plan, ledger, database, lastId, ct);
                lastId = maxId;
                rounds.Add(result);
                if (round == 1)
                    firstStart = result.StartSeconds;
                else
                    restarts.Add(result.StartSeconds);
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: start {result.StartSeconds:F2} s, kill -9 {killAfter} ms into the burst; sent {result.Sent}, confirmed {result.Confirmed} ({result.WarmUpConfirmed} in the warm-up; total {ledger.ConfirmedTotal}), in flight saved {result.InFlightSaved} / not saved {result.InFlightNotSaved}; integrity {result.IntegrityCheck}, {result.ForeignKeyViolations} foreign-key violations, {result.Violations.Count} violations"));
                foreach (var violation in result.Violations.Take(10))
                    Say($"  VIOLATION: {violation}");
            }

            // The app starts once more on the file the last kill left behind.
            await using (var last = await StartPortalAsync(settings, folder, ct))
            {
                restarts.Add(last.ColdStart.TotalSeconds);
                Say(string.Create(CultureInfo.InvariantCulture, $"restart after the last kill: healthy after {last.ColdStart.TotalSeconds:F2} s"));
            }

            var summary = KillBenchSummary.Of(rounds, firstStart, restarts, total.Elapsed.TotalSeconds, Machine.Describe(), seed);
            foreach (var line in summary.Lines())
                Console.WriteLine(line);
            if (options.Json is { } json)
            {
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { options, summary, rounds }, JsonOptions), ct);
                Say($"JSON written to {Path.GetFullPath(json)}");
            }
            if (summary.ConfirmedTotal == 0)
            {
                // Nothing confirmed means nothing was put to the test: a failure of the run, not a pass.
                await Console.Error.WriteLineAsync("No concern was ever confirmed: the bursts did not reach the database.");
                return 1;
            }
            return summary.Violations == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (options.Keep)
                Say($"kept {folder} (database and logs)");
            else
                try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static void Say(string line) => LiveBenchCommand.Say(line);

    private static async Task<(KillRound Round, int MaxId)> RunRoundAsync(int round, int killAfterMs, Dictionary<string, string> settings,
        CityPlan plan, KillLedger ledger, string database, int roundStartId, CancellationToken ct)
    {
        var calls = new ConcurrentBag<KillLedger.Call>();
        var failedBeforeKill = 0;
        var warmUp = 0;
        var killed = false;
        var appGone = false;
        var app = await StartPortalAsync(settings, Path.GetDirectoryName(database)!, ct);
        var start = app.ColdStart.TotalSeconds;
        var clients = new List<TeacherClient>();
        try
        {
            foreach (var teacher in plan.Teachers)
            {
                var cookie = await LiveBenchCommand.SignInAsync(app.BaseAddress, teacher.Login, ct);
                clients.Add(await TeacherClient.ConnectAsync(app.BaseAddress, cookie, teacher, ct));
            }

            // Warm-up: each teacher flags once (their first call on a freshly started app pays for JIT and cold caches,
            // longer than the whole burst window). These are confirmed concerns like any other, checked with the rest.
            await Task.WhenAll(clients.Select(async client =>
            {
                var pupil = KillLedger.PupilOfCall(client.Teacher, 1);
                try
                {
                    calls.Add(new KillLedger.Call(client.Teacher.Login, pupil, await client.RaiseNextAsync(ct)));
                    Interlocked.Increment(ref warmUp);
                }
                catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException)
                {
                    calls.Add(new KillLedger.Call(client.Teacher.Login, pupil, null));
                    Interlocked.Increment(ref failedBeforeKill);
                    Say($"  warm-up: {ex.GetType().Name}: {ex.Message}");
                }
            }));

            // The burst: every teacher flags one pupil after another until the kill.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var burst = clients.Select(client => Task.Run(async () =>
            {
                await go.Task;
                for (var n = 2; !Volatile.Read(ref killed); n++)
                {
                    var pupil = KillLedger.PupilOfCall(client.Teacher, n);
                    try
                    {
                        var id = await client.RaiseNextAsync(CancellationToken.None);
                        calls.Add(new KillLedger.Call(client.Teacher.Login, pupil, id));
                    }
                    catch (Exception) when (Volatile.Read(ref killed))
                    {
                        calls.Add(new KillLedger.Call(client.Teacher.Login, pupil, null)); // in flight at the kill
                        return;
                    }
                    catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException)
                    {
                        // Refused or failed before the kill: sent, not confirmed; counted, and the teacher goes on.
                        calls.Add(new KillLedger.Call(client.Teacher.Login, pupil, null));
                        Interlocked.Increment(ref failedBeforeKill);
                        if (Volatile.Read(ref failedBeforeKill) <= 3)
                            Say($"  before the kill: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }, ct)).ToList();

            go.SetResult();
            await Task.Delay(killAfterMs, ct); // the fault's moment, drawn from the seed
            Volatile.Write(ref killed, true);
            appGone = true;
            await app.DisposeAsync(); // Process.Kill: SIGKILL (kill -9), no shutdown, no flush, no checkpoint; waits for the exit
            await Task.WhenAll(burst).WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        finally
        {
            Volatile.Write(ref killed, true);
            if (!appGone)
                await app.DisposeAsync();
            foreach (var client in clients)
                await client.DisposeAsync();
        }

        // The file as the kill left it, opened before the app touches it again.
        string integrity;
        int foreignKeyViolations;
        IReadOnlyList<KillLedger.StoredConcern> stored;
        await using (var db = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await db.OpenAsync(ct);
            integrity = string.Join("; ", await RowsAsync(db, "PRAGMA integrity_check;", ct));
            foreignKeyViolations = (await RowsAsync(db, "PRAGMA foreign_key_check;", ct)).Count;
            stored = await StoredConcernsAsync(db, plan.MaxConcernId, ct);
        }

        var callList = calls.ToList();
        var check = ledger.AddRoundAndCheck(callList, stored, roundStartId);
        var violations = check.Violations.ToList();
        if (integrity != "ok")
            violations.Add($"integrity_check: {integrity}");
        if (foreignKeyViolations > 0)
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"foreign_key_check: {foreignKeyViolations} rows"));
        return (new KillRound(round, start, killAfterMs, callList.Count, callList.Count(c => c.ConfirmedId is not null), warmUp, failedBeforeKill,
            check.InFlightSaved, check.InFlightNotSaved, integrity, foreignKeyViolations, violations), check.MaxStoredId);
    }

    private static async Task<ChildProcess> StartPortalAsync(Dictionary<string, string> settings, string folder, CancellationToken ct)
    {
        var port = ChildProcess.FreePort();
        var nodeSettings = new Dictionary<string, string>(settings) { ["Logging:File:Path"] = Path.Combine(folder, "logs", "ibportal-.log") };
        return await ChildProcess.StartAsync(["--urls", $"http://127.0.0.1:{port}"], nodeSettings, port, "/health", TimeSpan.FromSeconds(120), ct);
    }

    private static Dictionary<string, string> PortalSettings(KillBenchOptions options, string database, string folder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = options.Environment,
        ["Auth:Mode"] = "Demo",
        ["Auth:AllowDemoInProduction"] = "true",
        ["Database:SeedDemoData"] = "false",
        ["ConnectionStrings:Portal"] = $"Data Source={database}",
        // Every teacher signs in again each round, and flags back to back: lift the per-address and per-person guards.
        ["RateLimiting:SignInPermitsPerMinute"] = "1000000",
        ["RateLimiting:ConcernsPerMinute"] = "1000000",
        ["Logging:File:Path"] = Path.Combine(folder, "logs", "ibportal-.log"),
    };

    /// <summary>Copies the seeded city with SQLite's backup (a plain file copy could miss pages still in its WAL).</summary>
    private static void CopyDatabase(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Mode=ReadOnly;Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    private static async Task<CityPlan> LoadPlanAsync(Dictionary<string, string> settings, int teachers, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        CityPlan plan;
        await using (var services = new ServiceCollection().AddLogging()
            .AddPortalDomain(configuration, Directory.GetCurrentDirectory()).BuildServiceProvider())
        {
            plan = await CityPlan.LoadAsync(services, teachers, ct);
        }
        SqliteConnection.ClearAllPools();
        return plan;
    }

    /// <summary>Every concern above the city's own, with its author's login and its history and 'concern.raise' audit counts.</summary>
    private static async Task<IReadOnlyList<KillLedger.StoredConcern>> StoredConcernsAsync(SqliteConnection db, int cityMaxId, CancellationToken ct)
    {
        var history = await CountsAsync(db, "SELECT ConcernId, COUNT(*) FROM ConcernHistory WHERE ConcernId > $min GROUP BY ConcernId", cityMaxId, ct);
        var audit = await CountsAsync(db, "SELECT RecordId, COUNT(*) FROM AuditEntries WHERE Action = 'concern.raise' AND RecordId > $min GROUP BY RecordId", cityMaxId, ct);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT c.Id, COALESCE(s.Login, '?'), c.PupilId FROM Concerns c LEFT JOIN StaffMembers s ON s.Id = c.AuthorId WHERE c.Id > $min ORDER BY c.Id";
        command.Parameters.AddWithValue("$min", cityMaxId);
        var found = new List<KillLedger.StoredConcern>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt32(0);
            found.Add(new KillLedger.StoredConcern(id, reader.GetString(1), reader.GetInt32(2), history.GetValueOrDefault(id), audit.GetValueOrDefault(id)));
        }
        return found;
    }

    private static async Task<Dictionary<int, int>> CountsAsync(SqliteConnection db, string sql, int min, CancellationToken ct)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$min", min);
        var counts = new Dictionary<int, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
        return counts;
    }

    private static async Task<IReadOnlyList<string>> RowsAsync(SqliteConnection db, string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        return rows;
    }
}
