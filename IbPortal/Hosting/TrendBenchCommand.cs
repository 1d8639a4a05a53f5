using System.Diagnostics;
using System.Globalization;
using IbPortal.Domain;
using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Hosting;

/// <summary>
/// `dotnet run --project IbPortal -c Release -- bench-trends [--database data/city.db] [--runs 20]`: measures the queries
/// behind the quality trend views on an existing (generated, see <see cref="SeedCommand"/>) database, as the quality
/// coordinator of the first board, for the current school year. Prints the dataset size and medians and percentiles.
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
            int staffId, schools, pupils, concerns;
            string login;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var coordinator = await db.RoleAssignments.AsNoTracking()
                    .Where(a => a.Role == PortalRole.QualityCoordinator)
                    .GroupBy(a => new { a.StaffMemberId, a.StaffMember!.Login })
                    .Select(g => new { g.Key.StaffMemberId, g.Key.Login, Schools = g.Count() })
                    .OrderBy(g => g.StaffMemberId)
                    .FirstAsync();
                (staffId, login, schools) = (coordinator.StaffMemberId, coordinator.Login, coordinator.Schools);
                pupils = await db.Pupils.CountAsync();
                concerns = await db.Concerns.CountAsync();
            }

            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(PortalClaims.CreatePrincipal(staffId, login, login, [], "Bench"));
            var trends = scope.ServiceProvider.GetRequiredService<QualityTrendService>();
            var query = new TrendQuery();
            var concernTrend = new List<double>();
            var careSpeed = new List<double>();
            var view = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await trends.GetConcernTrendAsync(query);
                var middle = Stopwatch.GetTimestamp();
                await trends.GetCareSpeedAsync(query);
                var end = Stopwatch.GetTimestamp();
                concernTrend.Add(Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds);
                careSpeed.Add(Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds);
                view.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IbPortal trend bench: {Path.GetFileName(path)} ({new FileInfo(path).Length / (1024 * 1024)} MiB; {pupils} pupils, {concerns} concerns), quality coordinator of {schools} schools, current school year, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine("| query | p50 ms | p95 ms | max ms | n |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Row("concern trend (per month and year; by area, school, group, grade)", concernTrend);
            Row("care speed (flag → acknowledgement, first discussion, first plan step)", careSpeed);
            Row("both together (the trend view's domain queries so far)", view);
            return 0;
        }
    }

    private static void Row(string name, List<double> values)
    {
        var sorted = values.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {P(0.50):F1} | {P(0.95):F1} | {sorted[^1]:F1} | {sorted.Length} |"));
    }
}
