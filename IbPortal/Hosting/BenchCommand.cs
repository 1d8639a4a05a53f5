using System.Diagnostics;
using System.Globalization;
using IbPortal.Domain;
using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Hosting;

/// <summary>
/// `dotnet run --project IbPortal -c Release -- bench [--dashboards N] [--concerns M]`:
/// measures, on a fresh seeded SQLite database, how long raising a concern takes (validation, access check, commit)
/// and how long until it reaches N subscribed IB'er dashboards (the in-process event path every dashboard uses),
/// and how long the dashboard's queries take. Prints medians and percentiles; not part of the test run.
/// </summary>
public static class BenchCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var dashboards = Option(args, "--dashboards", 50);
        var concerns = Option(args, "--concerns", 200);
        var folder = Path.Combine(Path.GetTempPath(), "ibportal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, "bench.db")}",
                ["Database:SeedDemoData"] = "true",
                // The bench raises concerns back to back; the per-staff flood guard would stop it after ten.
                ["RateLimiting:ConcernsPerMinute"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            }).Build();
            var services = new ServiceCollection()
                .AddLogging()
                .AddPortalDomain(configuration, folder)
                .AddSubmissionRateLimiter(configuration)
                .BuildServiceProvider();
            await using var root = services;
            await root.GetRequiredService<DatabaseInitializer>().InitializeAsync();

            var logins = new[] { "leerkracht-a", "leerkracht-b" };
            var staff = new Dictionary<string, (int Id, List<int> Pupils)>();
            await using (var db = await root.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                foreach (var login in logins.Append("ib"))
                {
                    var id = await db.StaffMembers.Where(s => s.Login == login).Select(s => s.Id).SingleAsync();
                    var pupils = await db.Enrolments.Where(e => e.Group!.Teachers.Any(t => t.StaffMemberId == id)).Select(e => e.PupilId).ToListAsync();
                    staff[login] = (id, pupils);
                }
            }

            // N IB'er dashboards, each in its own scope, as circuits are. One concern is in flight at a time.
            var gate = new object();
            (long Start, int Remaining, TaskCompletionSource Done)? inFlight = null;
            var deliveries = new List<double>();
            var subscriptions = new List<IDisposable>();
            for (var i = 0; i < dashboards; i++)
            {
                var scope = root.CreateScope();
                SignIn(scope, staff["ib"].Id, "ib");
                subscriptions.Add(await scope.ServiceProvider.GetRequiredService<ConcernFeed>().SubscribeAsync(e =>
                {
                    var now = Stopwatch.GetTimestamp();
                    lock (gate)
                    {
                        if (e.Change != ConcernChange.Raised || inFlight is not { } current)
                            return Task.CompletedTask;
                        deliveries.Add(Stopwatch.GetElapsedTime(current.Start, now).TotalMilliseconds);
                        inFlight = current with { Remaining = current.Remaining - 1 };
                        if (current.Remaining == 1)
                            current.Done.TrySetResult();
                    }
                    return Task.CompletedTask;
                }));
            }

            var raises = new List<double>();
            var lastDelivery = new List<double>();
            for (var i = 0; i < concerns; i++)
            {
                var login = logins[i % logins.Length];
                using var scope = root.CreateScope();
                SignIn(scope, staff[login].Id, login);
                var service = scope.ServiceProvider.GetRequiredService<ConcernService>();
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var start = Stopwatch.GetTimestamp();
                lock (gate)
                    inFlight = (start, dashboards, done);
                await service.RaiseAsync(new NewConcern
                {
                    PupilId = staff[login].Pupils[i % staff[login].Pupils.Count],
                    Area = DevelopmentArea.Cognitive,
                    Observation = "Benchmark: stagnatie bij begrijpend lezen.",
                });
                raises.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
                lastDelivery.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                lock (gate)
                    inFlight = null;
            }
            subscriptions.ForEach(s => s.Dispose());

            var overview = new List<double>();
            var list = new List<double>();
            var agenda = new List<double>();
            var pupilFile = new List<double>();
            int fullestPupil;
            await using (var db = await root.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
                fullestPupil = await db.ExternalExpertReports.OrderBy(r => r.Id).Select(r => r.PupilId).FirstAsync();
            using (var scope = root.CreateScope())
            {
                SignIn(scope, staff["ib"].Id, "ib");
                var dashboard = scope.ServiceProvider.GetRequiredService<CareDashboardService>();
                var concernsService = scope.ServiceProvider.GetRequiredService<ConcernService>();
                var agendaService = scope.ServiceProvider.GetRequiredService<IbPortal.Domain.Dashboard.CareAgendaService>();
                var files = scope.ServiceProvider.GetRequiredService<IbPortal.Domain.Privacy.PupilFileService>();
                for (var i = 0; i < 50; i++)
                {
                    var a = Stopwatch.GetTimestamp();
                    await agendaService.GetAsync(null);
                    agenda.Add(Stopwatch.GetElapsedTime(a).TotalMilliseconds);
                    a = Stopwatch.GetTimestamp();
                    await files.GetAsync(fullestPupil);
                    pupilFile.Add(Stopwatch.GetElapsedTime(a).TotalMilliseconds);
                    var t = Stopwatch.GetTimestamp();
                    await dashboard.GetOverviewAsync(null);
                    overview.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    await concernsService.ListAsync(new ConcernListQuery { Take = 500 });
                    list.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            }

            // Classroom visits and coaching: the IB'er's overview and month agenda, the teacher's own page, and a support
            // request from ask to the IB'er's live feed.
            var visitOverview = new List<double>();
            var monthAgenda = new List<double>();
            var myCoaching = new List<double>();
            var asks = new List<double>();
            var askDelivered = new List<double>();
            using (var ibScope = root.CreateScope())
            using (var teacherScope = root.CreateScope())
            {
                SignIn(ibScope, staff["ib"].Id, "ib");
                SignIn(teacherScope, staff["leerkracht-a"].Id, "leerkracht-a");
                var visits = ibScope.ServiceProvider.GetRequiredService<IbPortal.Domain.Visits.ClassroomVisitService>();
                var visitAgenda = ibScope.ServiceProvider.GetRequiredService<IbPortal.Domain.Visits.VisitAgendaService>();
                var coaching = teacherScope.ServiceProvider.GetRequiredService<IbPortal.Domain.Visits.CoachingOverviewService>();
                var requests = teacherScope.ServiceProvider.GetRequiredService<IbPortal.Domain.Visits.TeacherSupportRequestService>();
                var today = DateOnly.FromDateTime(root.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);
                var (monthFrom, monthTo) = IbPortal.Domain.Visits.AgendaRange.Month(today);
                var month = new IbPortal.Domain.Visits.AgendaQuery { From = monthFrom, To = monthTo };
                (long Start, TaskCompletionSource Done)? asked = null;
                using var feed = await ibScope.ServiceProvider.GetRequiredService<IbPortal.Domain.Visits.SupportRequestFeed>().SubscribeAsync(e =>
                {
                    var now = Stopwatch.GetTimestamp();
                    lock (gate)
                    {
                        if (e.Change == IbPortal.Domain.Events.SupportRequestChange.Asked && asked is { } current)
                        {
                            askDelivered.Add(Stopwatch.GetElapsedTime(current.Start, now).TotalMilliseconds);
                            current.Done.TrySetResult();
                        }
                    }
                    return Task.CompletedTask;
                });
                for (var i = 0; i < 50; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    await visits.GetOverviewAsync(null);
                    visitOverview.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    await visitAgenda.GetAsync(month);
                    monthAgenda.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    await coaching.GetMyCoachingAsync();
                    myCoaching.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    t = Stopwatch.GetTimestamp();
                    lock (gate)
                        asked = (t, done);
                    await requests.AskAsync(new IbPortal.Domain.Visits.NewSupportRequest
                    {
                        Topic = IbPortal.Domain.Visits.SupportTopic.OwnPractice,
                        Question = "Benchmark: hoe houd ik de instructie kort?",
                    });
                    asks.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    lock (gate)
                        asked = null;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IbPortal bench: {dashboards} dashboards, {concerns} concerns, SQLite file, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine("| measure | p50 ms | p95 ms | p99 ms | n |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Row("raise concern (validate, authorize, commit)", raises);
            Row("raise → delivered to one dashboard", deliveries);
            Row($"raise → delivered to all {dashboards} dashboards", lastDelivery);
            Row("dashboard counters query (2 schools)", overview);
            Row("dashboard concern list query (≤500)", list);
            Row("care agenda (5 lists, 2 schools)", agenda);
            Row("pupil file with full timeline (read + audit)", pupilFile);
            Row("IB'er's visit overview by stage (2 schools)", visitOverview);
            Row("agenda month view: visits + discussions (2 schools)", monthAgenda);
            Row("teacher's own coaching page", myCoaching);
            Row("ask support request (validate, authorize, commit)", asks);
            Row("ask → delivered to the IB'er's live feed", askDelivered);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static void SignIn(IServiceScope scope, int staffId, string login) =>
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(PortalClaims.CreatePrincipal(staffId, login, login, [], "Bench"));

    private static void Row(string name, List<double> values)
    {
        var sorted = values.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {P(0.50):F2} | {P(0.95):F2} | {P(0.99):F2} | {sorted.Length} |"));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }
}
