using System.Globalization;

namespace IbPortal.Hosting.LiveBench;

/// <summary>The options of `bench-live` (see <see cref="LiveBenchCommand"/>).</summary>
public sealed record LiveBenchOptions
{
    public int Dashboards { get; init; } = 1000;
    /// <summary>
    /// Flagging teachers (one connection each, spread evenly over the city's schools). 200 by default, not 10: at
    /// 10 concerns/s, ten teachers would each flag 60 a minute (six times the portal's own flood guard) into one group each,
    /// which sets off boat signals everywhere; 200 teachers flag 3 a minute each, under the guard, spread over the city.
    /// </summary>
    public int Teachers { get; init; } = 200;
    public double Rate { get; init; } = 10;
    public int Seconds { get; init; } = 60;
    public int Nodes { get; init; } = 1;
    public int Runs { get; init; } = 1;
    public int Schools { get; init; } = 50;
    public int Pupils { get; init; }
    public int Years { get; init; } = 1;
    public int GraceSeconds { get; init; } = 10;
    public int ConnectParallel { get; init; } = 8;
    public string Environment { get; init; } = "Production";
    public string? City { get; init; }
    public string? Json { get; init; }
    public string? Postgres { get; init; }
    public string? Redis { get; init; }
    public bool Baseline { get; init; } = true;
    public bool BaselineServer { get; init; }
    public int Port { get; init; }

    /// <summary>Extra environment for the portal nodes (`--node-env DOTNET_gcServer=0`, repeatable), for experiments.</summary>
    public IReadOnlyList<string> NodeEnvironment { get; init; } = [];

    /// <summary>Pupils of the seeded city: given, else 250 per school.</summary>
    public int PupilCount => Pupils > 0 ? Pupils : Schools * 250;

    public static LiveBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var defaults = new LiveBenchOptions();
        return new LiveBenchOptions
        {
            Dashboards = Int(args, "--dashboards", defaults.Dashboards),
            Teachers = Int(args, "--teachers", defaults.Teachers),
            Rate = Double(args, "--rate", defaults.Rate),
            Seconds = Int(args, "--seconds", defaults.Seconds),
            Nodes = Int(args, "--nodes", defaults.Nodes),
            Runs = Int(args, "--runs", defaults.Runs),
            Schools = Int(args, "--schools", defaults.Schools),
            Pupils = Int(args, "--pupils", 0),
            Years = Int(args, "--years", defaults.Years),
            GraceSeconds = Int(args, "--grace", defaults.GraceSeconds),
            ConnectParallel = Int(args, "--connect-parallel", defaults.ConnectParallel),
            Environment = Text(args, "--environment") ?? defaults.Environment,
            City = Text(args, "--city"),
            Json = Text(args, "--json"),
            Postgres = Text(args, "--postgres"),
            Redis = Text(args, "--redis"),
            Baseline = !args.Contains("--no-baseline"),
            BaselineServer = args.Contains("--baseline-server"),
            Port = Int(args, "--port", 0),
            NodeEnvironment = [.. args.Select((a, i) => (a, i)).Where(x => x.a == "--node-env" && x.i + 1 < args.Count).Select(x => args[x.i + 1])],
        };
    }

    /// <summary>What is wrong with the options, in plain words, or null when they can run.</summary>
    public string? Problem()
    {
        if (BaselineServer)
            return Port > 0 ? null : "--baseline-server needs --port.";
        if (Nodes is < 1 or > 2)
            return "--nodes is 1 or 2.";
        if (Nodes == 2 && (Postgres is null || Redis is null))
            return "Two nodes share PostgreSQL and Redis: give --postgres \"<Npgsql connection string>\" and --redis \"host:port\".";
        if (Rate <= 0 || Seconds <= 0 || Dashboards <= 0 || Teachers <= 0)
            return "--rate, --seconds, --dashboards and --teachers must be positive.";
        return null;
    }

    /// <summary>The value after the option <paramref name="name"/>, or null (bench-kill's options use it too).</summary>
    internal static string? Text(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
                return args[i + 1];
        }
        return null;
    }

    private static int Int(IReadOnlyList<string> args, string name, int fallback) =>
        Text(args, name) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static double Double(IReadOnlyList<string> args, string name, double fallback) =>
        Text(args, name) is { } v && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
