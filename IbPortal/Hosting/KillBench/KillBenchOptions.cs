using System.Globalization;
using IbPortal.Hosting.LiveBench;

namespace IbPortal.Hosting.KillBench;

/// <summary>The options of `bench-kill` (see <see cref="KillBenchCommand"/>).</summary>
public sealed record KillBenchOptions
{
    public int Kills { get; init; } = 100;
    public int Teachers { get; init; } = 20;

    /// <summary>The kill comes a random moment in [MinKillMs, MaxKillMs] after the burst started.</summary>
    public int MinKillMs { get; init; } = 50;
    public int MaxKillMs { get; init; } = 400;

    /// <summary>The seed of the kill moments; drawn (and printed) when not given.</summary>
    public int? Seed { get; init; }

    public int Schools { get; init; } = 50;
    public int Pupils { get; init; }
    public int Years { get; init; } = 1;
    public string Environment { get; init; } = "Production";
    public string? City { get; init; }
    public string? Json { get; init; }
    public bool Keep { get; init; }

    /// <summary>The city preparation of `bench-live` with these sizes (the same seeded file is reused by both harnesses).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LiveBenchOptions CityOptions => new() { Schools = Schools, Pupils = Pupils, Years = Years, City = City };

    public static KillBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var defaults = new KillBenchOptions();
        return new KillBenchOptions
        {
            Kills = Int(args, "--kills") ?? defaults.Kills,
            Teachers = Int(args, "--teachers") ?? defaults.Teachers,
            MinKillMs = Int(args, "--min-kill-ms") ?? defaults.MinKillMs,
            MaxKillMs = Int(args, "--max-kill-ms") ?? defaults.MaxKillMs,
            Seed = Int(args, "--seed"),
            Schools = Int(args, "--schools") ?? defaults.Schools,
            Pupils = Int(args, "--pupils") ?? 0,
            Years = Int(args, "--years") ?? defaults.Years,
            Environment = Text(args, "--environment") ?? defaults.Environment,
            City = Text(args, "--city"),
            Json = Text(args, "--json"),
            Keep = args.Contains("--keep"),
        };
    }

    /// <summary>What is wrong with the options, in plain words, or null when they can run.</summary>
    public string? Problem()
    {
        if (Kills < 1 || Teachers < 1 || Schools < 1 || Years < 1)
            return "--kills, --teachers, --schools and --years must be positive.";
        if (MinKillMs < 0 || MaxKillMs < MinKillMs)
            return "--min-kill-ms must be at least 0 and at most --max-kill-ms.";
        return null;
    }

    private static string? Text(IReadOnlyList<string> args, string name) => LiveBench.LiveBenchOptions.Text(args, name);

    /// <summary>The integer after <paramref name="name"/>; null when absent; a value that is not an integer is a mistake, not a default.</summary>
    private static int? Int(IReadOnlyList<string> args, string name) =>
        Text(args, name) is { } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{name} expects a whole number, not '{v}'.")
            : null;
}
