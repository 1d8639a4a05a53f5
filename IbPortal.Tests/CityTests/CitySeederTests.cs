using IbPortal.Domain;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.CityTests;

/// <summary>A tiny generated city (4 schools, 300 pupils, 2 school years) in a temporary SQLite file.</summary>
public sealed class TinyCity : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc);
    public static readonly CitySeedOptions Options = new() { Schools = 4, Pupils = 300, Years = 2, RandomSeed = 7 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ibportal-city-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public IDbContextFactory<PortalDbContext> Factory => _services!.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public async Task InitializeAsync() => _services = await Create(_folder, "city.db", Options);

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    public static async Task<ServiceProvider> Create(string folder, string file, CitySeedOptions options)
    {
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, file)}",
            ["Database:SeedDemoData"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddPortalDomain(configuration, folder).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await CitySeeder.SeedAsync(services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), options, Now);
        return services;
    }
}

public sealed class CitySeederTests(TinyCity city) : IClassFixture<TinyCity>
{
    private static readonly int CurrentYear = SchoolYear.StartYearOf(DateOnly.FromDateTime(TinyCity.Now));

    [Fact]
    public async Task Creates_the_requested_schools_years_and_eight_groups_per_school_and_year()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        Assert.Equal(4, await db.Schools.CountAsync());
        Assert.Equal(1, await db.Boards.CountAsync());
        Assert.Equal([CurrentYear - 1, CurrentYear], await db.SchoolYears.OrderBy(y => y.StartYear).Select(y => y.StartYear).ToListAsync());
        Assert.Equal(4 * 8 * 2, await db.Groups.CountAsync());
        var perSchoolYear = await db.Groups.GroupBy(g => new { g.SchoolId, g.SchoolYearId }).Select(g => g.Count()).ToListAsync();
        Assert.All(perSchoolYear, n => Assert.Equal(8, n));
        Assert.True(await db.Groups.AnyAsync(g => g.FirstGrade != g.LastGrade), "some combination groups");
        Assert.All(await db.Groups.Select(g => g.Teachers.Count).ToListAsync(), n => Assert.InRange(n, 1, 2));
    }

    [Fact]
    public async Task Staff_has_a_leader_per_school_an_ib_er_per_two_schools_and_a_quality_coordinator_per_board()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        Assert.Equal(4, await db.RoleAssignments.CountAsync(r => r.Role == Domain.Staff.PortalRole.SchoolLeader));
        Assert.Equal(2, await db.StaffMembers.CountAsync(s => s.Roles.Any(r => r.Role == Domain.Staff.PortalRole.CareCoordinator)));
        Assert.Equal(4, await db.RoleAssignments.CountAsync(r => r.Role == Domain.Staff.PortalRole.CareCoordinator));
        Assert.Equal(1, await db.StaffMembers.CountAsync(s => s.Roles.Any(r => r.Role == Domain.Staff.PortalRole.QualityCoordinator)));
    }

    [Fact]
    public async Task Every_pupil_is_enrolled_once_per_school_year_while_at_school_and_moves_up_a_grade()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        var rows = await db.Enrolments.Select(e => new
        {
            e.PupilId, e.Group!.SchoolId, e.Group.SchoolYear!.StartYear, e.Group.FirstGrade, e.Group.LastGrade, e.EnrolledOn, e.LeftOn,
        }).ToListAsync();
        Assert.All(rows.GroupBy(r => (r.PupilId, r.StartYear)), g => Assert.Single(g));
        Assert.Equal(300, rows.Count(r => r.StartYear == CurrentYear));
        Assert.Equal(300, rows.Count(r => r.StartYear == CurrentYear - 1));
        Assert.All(rows, r => Assert.Equal(SchoolYear.StartDateOf(r.StartYear), r.EnrolledOn));
        Assert.All(rows.Where(r => r.StartYear == CurrentYear), r => Assert.Null(r.LeftOn));
        foreach (var pupil in rows.GroupBy(r => r.PupilId).Where(g => g.Count() == 2))
        {
            var (last, now) = (pupil.Single(r => r.StartYear == CurrentYear - 1), pupil.Single(r => r.StartYear == CurrentYear));
            Assert.Equal(last.SchoolId, now.SchoolId);
            Assert.True(now.LastGrade > last.FirstGrade, "moved up a grade");
        }
        // Pupils without a prior year arrive in grade 1; new pupils each year exactly replace the grade 8 leavers.
        var newcomers = rows.Where(r => r.StartYear == CurrentYear).GroupBy(r => r.PupilId).Where(g => rows.Count(x => x.PupilId == g.Key) == 1).ToList();
        Assert.All(newcomers, g => Assert.Equal(1, g.Single().FirstGrade));
        Assert.Equal(rows.Count(r => r.StartYear == CurrentYear - 1 && r.FirstGrade == 8), newcomers.Count);
    }

    [Fact]
    public async Task Grade_8_leavers_have_left_at_the_end_of_the_school_year()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        var leavers = await db.Enrolments.Where(e => e.Group!.SchoolYear!.StartYear == CurrentYear - 1 && e.Group.FirstGrade == 8)
            .Select(e => new { e.PupilId, e.LeftOn }).ToListAsync();
        Assert.NotEmpty(leavers);
        Assert.All(leavers, l => Assert.Equal(SchoolYear.EndDateOf(CurrentYear - 1), l.LeftOn));
        var ids = leavers.Select(l => l.PupilId).ToList();
        Assert.False(await db.Enrolments.AnyAsync(e => ids.Contains(e.PupilId) && e.Group!.SchoolYear!.StartYear == CurrentYear));
    }

    [Fact]
    public async Task Care_records_reference_pupils_enrolled_at_their_school()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        var atSchool = (await db.Enrolments.Select(e => new { e.PupilId, e.Group!.SchoolId }).ToListAsync())
            .Select(e => (e.PupilId, e.SchoolId)).ToHashSet();
        var concerns = await db.Concerns.Select(c => new { c.PupilId, c.SchoolId, c.GroupId, InGroup = c.Group!.Enrolments.Any(e => e.PupilId == c.PupilId), GroupSchool = c.Group.SchoolId }).ToListAsync();
        Assert.NotEmpty(concerns);
        Assert.All(concerns, c => Assert.True(c.InGroup && c.GroupSchool == c.SchoolId));
        void AllAtSchool(List<(int PupilId, int SchoolId)> records, string kind)
        {
            Assert.True(records.Count > 0, kind);
            Assert.All(records, r => Assert.Contains(r, atSchool));
        }
        AllAtSchool((await db.SupportLevelChanges.Select(x => new { x.PupilId, x.SchoolId }).ToListAsync()).Select(x => (x.PupilId, x.SchoolId)).ToList(), "levels");
        AllAtSchool((await db.SupportPlans.Select(x => new { x.PupilId, x.SchoolId }).ToListAsync()).Select(x => (x.PupilId, x.SchoolId)).ToList(), "plans");
        AllAtSchool((await db.DiscussionPupils.Select(x => new { x.PupilId, x.Discussion!.SchoolId }).ToListAsync()).Select(x => (x.PupilId, x.SchoolId)).ToList(), "discussions");
        AllAtSchool((await db.VisitPupilNotes.Select(x => new { x.PupilId, x.SchoolId }).ToListAsync()).Select(x => (x.PupilId, x.SchoolId)).ToList(), "visit notes");
        var consents = (await db.Consents.Select(x => new { x.PupilId, x.SchoolId }).ToListAsync()).Select(x => (x.PupilId, x.SchoolId)).ToList();
        Assert.All(consents, r => Assert.Contains(r, atSchool));
    }

    [Fact]
    public async Task Concern_history_is_in_order_and_never_in_the_future()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        var concerns = await db.Concerns.Include(c => c.History).ToListAsync();
        Assert.Contains(concerns, c => c.Status == Domain.Concerns.ConcernStatus.Closed);
        Assert.Contains(concerns, c => c.Status != Domain.Concerns.ConcernStatus.Closed);
        foreach (var c in concerns)
        {
            Assert.True(c.RaisedAt < TinyCity.Now);
            if (c.AcknowledgedAt is { } ack)
                Assert.InRange(ack, c.RaisedAt.AddMinutes(1), TinyCity.Now);
            if (c.ClosedAt is { } closed)
                Assert.InRange(closed, c.AcknowledgedAt!.Value, TinyCity.Now);
            var times = c.History.OrderBy(h => h.Id).Select(h => h.At).ToList();
            Assert.Equal(times.Order(), times);
            Assert.Equal(c.Status, c.History.OrderBy(h => h.Id).Last().ToStatus);
        }
    }

    [Fact]
    public async Task Concerns_pile_up_in_a_few_groups()
    {
        await using var db = await city.Factory.CreateDbContextAsync();
        var density = await db.Groups.Where(g => g.Enrolments.Count > 0)
            .Select(g => (double)g.Enrolments.Count(e => db.Concerns.Any(c => c.GroupId == g.Id && c.PupilId == e.PupilId)) / g.Enrolments.Count)
            .ToListAsync();
        var sorted = density.Order().ToList();
        Assert.True(sorted[sorted.Count / 2] < 0.16, $"median {sorted[sorted.Count / 2]:F2}");
        Assert.True(sorted[^1] >= 0.25, $"highest {sorted[^1]:F2}");
    }

    [Fact]
    public async Task The_same_random_seed_gives_the_same_city()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ibportal-city-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var again = await TinyCity.Create(folder, "again.db", TinyCity.Options))
            {
                await using var first = await city.Factory.CreateDbContextAsync();
                await using var second = await again.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
                Assert.Equal(await CitySeeder.CountRowsAsync(first), await CitySeeder.CountRowsAsync(second));
                static Task<List<string>> Fingerprint(PortalDbContext db) => db.Concerns.OrderBy(c => c.Id)
                    .Select(c => c.PupilId + "|" + c.GroupId + "|" + c.Status + "|" + c.RaisedAt).ToListAsync();
                Assert.Equal(await Fingerprint(first), await Fingerprint(second));
            }
            await using var other = await TinyCity.Create(folder, "other.db", TinyCity.Options with { RandomSeed = 8 });
            await using var a = await city.Factory.CreateDbContextAsync();
            await using var b = await other.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.NotEqual(await a.Concerns.OrderBy(c => c.Id).Select(c => c.RaisedAt).ToListAsync(),
                await b.Concerns.OrderBy(c => c.Id).Select(c => c.RaisedAt).ToListAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_seed_command_fills_a_new_database_and_refuses_one_with_data()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ibportal-city-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "cmd.db");
        try
        {
            var output = new StringWriter();
            string[] args = ["seed", "--schools", "2", "--pupils", "40", "--years", "1", "--database", path, "--random-seed", "3"];
            Assert.Equal(0, await SeedCommand.RunAsync(args, output));
            Assert.Contains("| Schools | 2 |", output.ToString(), StringComparison.Ordinal);
            var size = new FileInfo(path).Length;

            var refused = new StringWriter();
            Assert.Equal(SeedCommand.RefusedExitCode, await SeedCommand.RunAsync(args, refused));
            Assert.Contains("bevat al gegevens", refused.ToString(), StringComparison.Ordinal);
            Assert.Contains("already holds data", refused.ToString(), StringComparison.Ordinal);
            Assert.Equal(size, new FileInfo(path).Length);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}
