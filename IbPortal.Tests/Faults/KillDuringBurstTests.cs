using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using IbPortal.Tests.Browser;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IbPortal.Tests.Faults.FaultSupport;

namespace IbPortal.Tests.Faults;

/// <summary>
/// kill -9 of the real app while teachers submit concerns back to back in the browser, twenty times on one SQLite
/// database that accumulates: every concern the page confirmed is in the database exactly once (with its history and
/// audit row), nothing is saved twice, the file passes its integrity and foreign-key checks, and the app starts again.
/// Each kill comes once the burst has confirmed a few concerns, a moment later (so that submissions are in flight);
/// both come from a seeded <see cref="Random"/>: the seed is logged, and IBPORTAL_FAULT_SEED replays it.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class KillDuringBurstTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int TeachersPerBurst = 2;
    private const int MaxConfirmationsBeforeKill = 2;
    private const int MaxKillDelayMilliseconds = 1_000;

    [Fact]
    public async Task Every_confirmed_concern_survives_kill_9_during_a_burst_and_the_database_stays_sound()
    {
        var seed = Environment.GetEnvironmentVariable("IBPORTAL_FAULT_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"Seed: {seed} (set IBPORTAL_FAULT_SEED={seed} to replay these kill moments)");
        var random = new Random(seed);
        var run = "K" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();

        var app = await PortalProcess.StartAsync(BurstSettings());
        var firstStart = app.StartupTime;
        var restarts = new List<TimeSpan>();
        var confirmedPerKill = new List<int>();
        var confirmed = new Dictionary<string, int?>();   // marker → concern id shown by the page (when it could be read)
        var attempted = new HashSet<string>();
        var unconfirmedButSaved = 0;
        var unconfirmedAndNotSaved = 0;
        try
        {
            for (var kill = 1; kill <= Kills; kill++)
            {
                // The kill's moment, drawn from the seed: once the burst has confirmed 0–2 concerns, 0–1000 ms later.
                var confirmationsBefore = random.Next(0, MaxConfirmationsBeforeKill + 1);
                var killDelay = TimeSpan.FromMilliseconds(random.Next(0, MaxKillDelayMilliseconds));
                var iteration = Stopwatch.StartNew();
                var pages = await Task.WhenAll(Enumerable.Range(0, TeachersPerBurst).Select(_ => FlagPageAsync(fixture.Browser, app)));
                var signedIn = iteration.Elapsed;
                var burst = new Burst(confirmationsBefore);
                var teachers = pages.Select((page, teacher) => SubmitUntilKilledAsync(page, $"{run}-{kill}-{teacher}", burst)).ToList();

                var reached = await Task.WhenAny(burst.Reached.Task, Task.WhenAll(teachers), Task.Delay(TimeSpan.FromSeconds(60)));
                if (reached != burst.Reached.Task)
                {
                    await Task.WhenAll(teachers.Where(t => t.IsCompleted)); // a teacher that failed says why
                    Assert.Fail($"kill {kill}: the burst did not confirm {confirmationsBefore} concerns within a minute");
                }
                await Task.Delay(killDelay); // the fault's moment, drawn from the seed
                burst.Killed = true;
                await app.KillAsync();
                foreach (var page in pages)
                    await page.Context.CloseAsync(); // ends the teachers' pending waits on the dead app at once
                await Task.WhenAll(teachers);        // rethrows anything that went wrong before the kill

                var thisKill = burst.Confirmed.ToList();
                foreach (var (marker, id) in thisKill)
                    confirmed[marker] = id;
                attempted.UnionWith(burst.Attempted);
                confirmedPerKill.Add(thisKill.Count);

                // The database as the kill left it, opened by another process before the app touches it again.
                await using (var db = new SqliteConnection(app.DatabaseConnectionString))
                {
                    await db.OpenAsync();
                    Assert.Equal(["ok"], await IntegrityCheckAsync(db));
                    Assert.Empty(await ForeignKeyViolationsAsync(db));
                    var stored = (await ConcernsContainingAsync(db, run + "-"))
                        .Select(c => (Marker: MarkerIn(c.Observation, run), Concern: c)).ToList();
                    foreach (var group in stored.GroupBy(s => s.Marker))
                        Assert.True(group.Count() == 1, $"kill {kill}: {group.Key} was saved {group.Count()} times");
                    var byMarker = stored.ToDictionary(s => s.Marker, s => s.Concern);
                    Assert.All(byMarker.Keys, marker => Assert.Contains(marker, attempted));
                    foreach (var (marker, id) in confirmed)
                    {
                        Assert.True(byMarker.TryGetValue(marker, out var concern), $"kill {kill}: confirmed {marker} is missing (seed {seed})");
                        if (id is { } shownId)
                            Assert.Equal(shownId, concern.Id);
                        Assert.Equal(1, concern.HistoryEntries);
                        Assert.Equal(1, concern.AuditEntries);
                    }
                    var inFlight = burst.Attempted.Except(thisKill.Select(c => c.Marker)).ToList();
                    unconfirmedButSaved += inFlight.Count(byMarker.ContainsKey);
                    unconfirmedAndNotSaved += inFlight.Count(m => !byMarker.ContainsKey(m));
                }

                var killed = app;
                app = await killed.RestartAsync(); // the app starts again on the database the kill left behind
                await killed.DisposeAsync();
                restarts.Add(app.StartupTime);
                output.WriteLine($"kill {kill}: after {confirmationsBefore} + {killDelay.TotalMilliseconds:F0} ms; sent {burst.Attempted.Count}, confirmed {thisKill.Count}; "
                    + $"sign-in {signedIn.TotalMilliseconds:F0} ms, iteration {iteration.Elapsed.TotalMilliseconds:F0} ms, restart to healthy {app.StartupTime.TotalMilliseconds:F0} ms");
            }

            // After the last restart the app serves the data: a confirmed concern opens in the browser.
            if (confirmed.LastOrDefault(c => c.Value is not null) is { Key: { } lastMarker, Value: { } lastId })
            {
                var page = await FlagPageAsync(fixture.Browser, app, "ib");
                await page.GotoAsync($"/signaleringen/{lastId}");
                await Assertions.Expect(page.GetByText(lastMarker, new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.True(confirmed.Count > 0, "no submission was ever confirmed: the burst did not reach the database");
        output.WriteLine($"Measured: {Kills} kill -9 during bursts of {TeachersPerBurst} teachers, each after 0–{MaxConfirmationsBeforeKill} confirmations + 0–{MaxKillDelayMilliseconds} ms");
        output.WriteLine($"Measured: confirmed concerns per kill: total {confirmed.Count}, median {Median(confirmedPerKill)}, min {confirmedPerKill.Min()}, max {confirmedPerKill.Max()}; all present exactly once");
        output.WriteLine($"Measured: in flight at the kill (sent, not confirmed): {unconfirmedButSaved} saved, {unconfirmedAndNotSaved} not saved");
        output.WriteLine($"Measured: first start to healthy {firstStart.TotalMilliseconds:F0} ms; restart after kill to healthy median {Median(restarts).TotalMilliseconds:F0} ms, max {restarts.Max().TotalMilliseconds:F0} ms");
        output.WriteLine($"Measured: whole kill loop {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>One teacher: flag, wait for the confirmation, "Nog een leerling signaleren", flag again … until the kill.</summary>
    private static async Task SubmitUntilKilledAsync(IPage page, string prefix, Burst burst)
    {
        try
        {
            for (var n = 1; !burst.Killed; n++)
            {
                var marker = $"{prefix}-{n}";
                await FillMinimalAsync(page, $"Fouttest {marker}: leest trager dan de rest van de groep.");
                lock (burst)
                    burst.Attempted.Add(marker);
                await page.GetByTestId("submit").ClickAsync();
                await page.GetByTestId("flag-confirmation").WaitForAsync();
                int? id = null;
                try
                {
                    id = await ConfirmedConcernIdAsync(page);
                }
                catch (PlaywrightException) when (burst.Killed)
                {
                    // confirmed, but the page went away before its link was read: checked by marker only
                }
                lock (burst)
                {
                    burst.Confirmed.Add((marker, id));
                    if (burst.Confirmed.Count >= burst.ConfirmationsBeforeKill)
                        burst.Reached.TrySetResult();
                }
                await page.GetByTestId("flag-again").ClickAsync();
            }
        }
        catch (Exception) when (burst.Killed)
        {
            // the app (and then the page) went away mid-submission: exactly what this test is about
        }
    }

    private static string MarkerIn(string observation, string run) => MarkerPattern().Match(observation) is { Success: true } match
        && match.Value.StartsWith(run, StringComparison.Ordinal)
            ? match.Value
            : throw new InvalidOperationException("A concern of this run without a marker");

    [GeneratedRegex(@"K[0-9a-f]{8}-\d+-\d+-\d+")]
    private static partial Regex MarkerPattern();

    private sealed class Burst
    {
        private volatile bool _killed;

        public Burst(int confirmationsBeforeKill)
        {
            ConfirmationsBeforeKill = confirmationsBeforeKill;
            if (confirmationsBeforeKill == 0)
                Reached.TrySetResult();
        }

        public int ConfirmationsBeforeKill { get; }
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Killed { get => _killed; set => _killed = value; }
        public List<string> Attempted { get; } = [];
        public List<(string Marker, int? Id)> Confirmed { get; } = [];
    }
}
