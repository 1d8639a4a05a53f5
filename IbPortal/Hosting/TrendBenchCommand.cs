using System.Diagnostics;
using System.Globalization;
using IbPortal.Domain;
using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Hosting;

/// <summary>
/// `dotnet run --project IbPortal -c Release -- bench-trends [--database data/city.db] [--runs 20]`: measures the queries
/// behind the quality trend views on an existing (generated, see <see cref="SeedCommand"/>) database, as the quality
/// coordinator of the first board, for the current school year (and the previous one), per trend view: the total time of
/// exactly the domain calls that view makes. Prints p50/p95 per view and the dataset size (file, rows per table).
/// </summary>
public static class TrendBenchCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "bench-trends";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var path = SeedCommand.DatabasePath(args);
        var runsIndex = Array.IndexOf(args, "--runs");
        var runs = runsIndex >= 0 && runsIndex + 1 < args.Length && int.TryParse(args[runsIndex + 1], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 20;
        if (!File.Exists(path))
        {
            Console.WriteLine($"De database {path} bestaat niet; maak haar eerst met `seed`. / The database {path} does not exist; create it with `seed` first.");
            return SeedCommand.RefusedExitCode;
        }

        var services = SeedCommand.ServicesFor(path);
        await using (services)
        {
            var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            int staffId, schools;
            string login;
            IReadOnlyList<(string Table, long Rows)> counts;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var coordinator = await db.RoleAssignments.AsNoTracking()
                    .Where(a => a.Role == PortalRole.QualityCoordinator)
                    .GroupBy(a => new { a.StaffMemberId, a.StaffMember!.Login })
                    .Select(g => new { g.Key.StaffMemberId, g.Key.Login, Schools = g.Count() })
                    .OrderBy(g => g.StaffMemberId)
                    .FirstAsync();
                (staffId, login, schools) = (coordinator.StaffMemberId, coordinator.Login, coordinator.Schools);
                counts = await CitySeeder.CountRowsAsync(db);
            }

            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(PortalClaims.CreatePrincipal(staffId, login, login, [], "Bench"));
            var trends = scope.ServiceProvider.GetRequiredService<QualityTrendService>();
            var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);
            var signals = scope.ServiceProvider.GetRequiredService<BoatSignalService>();
            var views = Views(trends, signals, SchoolYear.StartYearOf(today), today);

            // One warm-up pass (JIT, query compilation, page cache), then the measured runs.
            foreach (var view in views)
                foreach (var call in view.Calls)
                    await call();
            var timings = views.ToDictionary(v => v.Name, _ => new List<double>());
            var callTimings = views.ToDictionary(v => v.Name, v => v.Calls.Select(_ => new List<double>()).ToList());
            for (var i = 0; i < runs; i++)
            {
                foreach (var view in views)
                {
                    var start = Stopwatch.GetTimestamp();
                    for (var c = 0; c < view.Calls.Count; c++)
                    {
                        var callStart = Stopwatch.GetTimestamp();
                        await view.Calls[c]();
                        callTimings[view.Name][c].Add(Stopwatch.GetElapsedTime(callStart).TotalMilliseconds);
                    }

                    timings[view.Name].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IbPortal trend bench: {Path.GetFileName(path)} ({new FileInfo(path).Length / (1024.0 * 1024.0):F1} MiB, {counts.Sum(c => c.Rows)} rows), quality coordinator of {schools} schools, selected school year {SchoolYear.NameOf(SchoolYear.StartYearOf(today))}, {runs} runs after one warm-up, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine("| view | calls | p50 ms | p95 ms | max ms | n |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
            foreach (var view in views)
                Row(view, timings[view.Name]);
            Console.WriteLine();
            Console.WriteLine("Per call (the view's calls in order):");
            Console.WriteLine("| view | call | p50 ms | p95 ms |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var view in views)
            {
                for (var c = 0; c < view.Calls.Count; c++)
                {
                    var sorted = callTimings[view.Name][c].Order().ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {view.Name} | {c + 1} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} |"));
                }
            }

            Console.WriteLine();
            Console.WriteLine("| table | rows |");
            Console.WriteLine("| --- | ---: |");
            foreach (var (table, rows) in counts.Where(c => c.Rows > 0 && DatasetTables.Contains(c.Table)))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {rows} |"));
            return 0;
        }
    }

    /// <summary>The tables the trend views read, listed with their row counts.</summary>
    private static readonly HashSet<string> DatasetTables = new(StringComparer.Ordinal)
    {
        "Schools", "Groups", "GroupTeachers", "Pupils", "Enrolments", "Concerns", "ConcernHistory", "Discussions",
        "DiscussionPupils", "SupportLevelChanges", "SupportPlans", "PlanGoals", "GoalEvaluations", "ClassroomVisits",
        "Consents", "BoatSignals",
    };

    /// <summary>One trend view (the `weergave` of /kwaliteit) and exactly the domain calls it makes (see the briefing).</summary>
    private sealed record BenchView(string Name, string Description, IReadOnlyList<Func<Task>> Calls);

    /// <summary>
    /// The views and their calls, for the selected (current) school year and the previous one up to the same day a year
    /// earlier, without a period filter.
    /// </summary>
    private static List<BenchView> Views(QualityTrendService trends, BoatSignalService signals, int year, DateOnly today)
    {
        var selected = new TrendQuery(SchoolYearStart: year);
        var previous = new TrendQuery(SchoolYearStart: year - 1, To: today.AddYears(-1));
        return
        [
            new("signaleringen", "GetConcernTrendAsync ×3 (selected, previous, all years)",
            [
                () => trends.GetConcernTrendAsync(selected),
                () => trends.GetConcernTrendAsync(previous),
                () => trends.GetConcernTrendAsync(new TrendQuery()),
            ]),
            new("niveaus", "GetSupportLevelsAsync ×2 (selected, previous up to the same day)",
            [
                () => trends.GetSupportLevelsAsync(selected),
                () => trends.GetSupportLevelsAsync(previous),
            ]),
            new("snelheid", "GetCareSpeedAsync ×2 (selected, previous)",
            [
                () => trends.GetCareSpeedAsync(selected),
                () => trends.GetCareSpeedAsync(previous),
            ]),
            new("evaluaties", "GetEvaluationsAsync ×2 (selected, previous up to the same day)",
            [
                () => trends.GetEvaluationsAsync(selected),
                () => trends.GetEvaluationsAsync(previous),
            ]),
            new("bezoeken", "GetVisitCoverageAsync ×2 (selected, previous up to the same day)",
            [
                () => trends.GetVisitCoverageAsync(selected),
                () => trends.GetVisitCoverageAsync(previous),
            ]),
            new("toestemming", "GetConsentsAsync ×2 (selected, previous)",
            [
                () => trends.GetConsentsAsync(selected),
                () => trends.GetConsentsAsync(previous),
            ]),
            new("bootsignaal", "GetDensitiesAsync + ListAsync (with recently closed), as BoatSignalsPanel",
            [
                () => signals.GetDensitiesAsync(),
                () => signals.ListAsync(includeClosed: true),
            ]),
        ];
    }

    private static void Row(BenchView view, List<double> values)
    {
        var sorted = values.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {view.Name} | {view.Description} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} | {sorted[^1]:F1} | {sorted.Length} |"));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double q) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
