using System.Diagnostics;
using System.Globalization;
using IbPortal.Domain;
using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Hosting;

/// <summary>
/// `dotnet run --project IbPortal -c Release -- seed --schools 120 --pupils 35000 --years 5 [--database data/city.db] [--random-seed N]`:
/// creates (or fills an empty) SQLite database with a generated city (<see cref="CitySeeder"/>) for benchmarks and trend
/// views. With `--provider PostgreSql --connection "Host=…;Database=…"` it fills a PostgreSQL database instead (created
/// and migrated when missing). Refuses a database that already holds data (exit code 2). Not part of the web app's start-up.
/// </summary>
public static class SeedCommand
{
    public const int RefusedExitCode = 2;
    public const string DefaultDatabase = "data/city.db";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "seed";

    /// <summary>The database file named by `--database`, else <see cref="DefaultDatabase"/>, as a full path.</summary>
    internal static string DatabasePath(string[] args)
    {
        var index = Array.IndexOf(args, "--database");
        return Path.GetFullPath(index >= 0 && index + 1 < args.Length ? args[index + 1] : DefaultDatabase, Directory.GetCurrentDirectory());
    }

    /// <summary>The domain's services on the SQLite file at <paramref name="path"/>, without the demo seed.</summary>
    internal static ServiceProvider ServicesFor(string path) => ServicesFor(PortalDatabaseOptions.Sqlite, $"Data Source={path}");

    /// <summary>The domain's services on the database <paramref name="connectionString"/> of <paramref name="provider"/> names, without the demo seed.</summary>
    internal static ServiceProvider ServicesFor(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Portal"] = connectionString,
            ["Database:SeedDemoData"] = "false",
        }).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddPortalDomain(configuration, Directory.GetCurrentDirectory())
            .BuildServiceProvider();
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = output ?? Console.Out;
        var defaults = new CitySeedOptions();
        var options = new CitySeedOptions
        {
            Schools = Option(args, "--schools", defaults.Schools),
            Pupils = Option(args, "--pupils", defaults.Pupils),
            Years = Option(args, "--years", defaults.Years),
            RandomSeed = Option(args, "--random-seed", defaults.RandomSeed),
        };
        if (options.Pupils < options.Schools * CitySeeder.GroupsPerSchool)
        {
            await console.WriteLineAsync("Te weinig leerlingen: minstens acht per school. / Too few pupils: at least eight per school.");
            return RefusedExitCode;
        }
        var provider = StringOption(args, "--provider") ?? PortalDatabaseOptions.Sqlite;
        if (string.Equals(provider, PortalDatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
            return await RunOnPostgreSqlAsync(args, options, console);
        if (!string.Equals(provider, PortalDatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            await console.WriteLineAsync($"Onbekende --provider '{provider}'. / Unknown --provider '{provider}': use Sqlite or PostgreSql.");
            return RefusedExitCode;
        }

        var path = DatabasePath(args);
        if (await CitySeeder.HasDataAsync(path))
        {
            await console.WriteLineAsync($"De database {path} bevat al gegevens; kies een nieuw bestand met --database. / " +
                                         $"The database {path} already holds data; choose a new file with --database.");
            return RefusedExitCode;
        }

        var watch = Stopwatch.StartNew();
        var services = ServicesFor(path);
        await using (services)
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            var utcNow = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Stad genereren / generating city: {options.Schools} scholen, {options.Pupils} leerlingen, {options.Years} schooljaren, seed {options.RandomSeed} → {path}"));
            await CitySeeder.SeedAsync(factory, options, utcNow, line => console.WriteLine(line));

            await using var db = await factory.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            await WriteCountsAsync(db, console);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Klaar / done in {watch.Elapsed.TotalSeconds:F1} s; file {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB"));
        return 0;
    }

    /// <summary>`seed --provider PostgreSql --connection "Host=…;Database=…"`: the same city in a PostgreSQL database.</summary>
    private static async Task<int> RunOnPostgreSqlAsync(string[] args, CitySeedOptions options, TextWriter console)
    {
        var connection = StringOption(args, "--connection");
        string database;
        try
        {
            connection = PortalDomainServiceCollectionExtensions.PostgreSqlConnectionString(connection);
            database = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database ?? "(default)";
        }
        catch (InvalidOperationException ex)
        {
            await console.WriteLineAsync("Geef een PostgreSQL-verbinding met --connection. / " +
                                         ex.Message.Replace("ConnectionStrings:Portal", "--connection", StringComparison.Ordinal));
            return RefusedExitCode;
        }

        var watch = Stopwatch.StartNew();
        await using var services = ServicesFor(PortalDatabaseOptions.PostgreSql, connection);
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var probe = await factory.CreateDbContextAsync())
        {
            if (await probe.Database.CanConnectAsync() && (await CitySeeder.CountRowsAsync(probe)).Any(c => c.Rows > 0))
            {
                await console.WriteLineAsync($"De database {database} bevat al gegevens; kies een nieuwe database. / " +
                                             $"The database {database} already holds data; choose a new database.");
                return RefusedExitCode;
            }
        }

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var utcNow = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Stad genereren / generating city: {options.Schools} scholen, {options.Pupils} leerlingen, {options.Years} schooljaren, seed {options.RandomSeed} → PostgreSQL {database}"));
        await CitySeeder.SeedAsync(factory, options, utcNow, line => console.WriteLine(line));

        await using var db = await factory.CreateDbContextAsync();
        await WriteCountsAsync(db, console);
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Klaar / done in {watch.Elapsed.TotalSeconds:F1} s; PostgreSQL database {database}"));
        return 0;
    }

    private static async Task WriteCountsAsync(PortalDbContext db, TextWriter console)
    {
        var counts = await CitySeeder.CountRowsAsync(db);
        await console.WriteLineAsync("| table | rows |");
        await console.WriteLineAsync("| --- | ---: |");
        foreach (var (table, rows) in counts.Where(c => c.Rows > 0))
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {table} | {rows} |"));
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| total | {counts.Sum(c => c.Rows)} |"));
    }

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }
}
