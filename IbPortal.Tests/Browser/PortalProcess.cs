using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IbPortal.Tests.Browser;

/// <summary>
/// The real app in its own process on a free loopback port, with its own temporary SQLite database and log file,
/// exactly as `dotnet run` would start it (Development environment, demo sign-in, seeded data).
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;
    private readonly Dictionary<string, string> _settings;
    private bool _ownsFolder = true;

    private PortalProcess(Process process, Uri baseAddress, string folder, Dictionary<string, string> settings)
    {
        _process = process;
        BaseAddress = baseAddress;
        _folder = folder;
        _settings = settings;
    }

    public Uri BaseAddress { get; }
    public string LogFolder => Path.Combine(_folder, "logs");

    /// <summary>The app's SQLite database, for tests that pick seeded records to work with.</summary>
    public string DatabasePath => Path.Combine(_folder, "ibportal.db");
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>How long this process took from its start to its first healthy <c>/health</c>.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>True once the process has ended (killed, crashed or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>A connection string for the test process to open the app's database itself (no pooling, so that
    /// closing the connection really releases the file).</summary>
    public string DatabaseConnectionString => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
    {
        DataSource = DatabasePath,
        Pooling = false,
    }.ToString();

    public static Task<PortalProcess> StartAsync(IDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ibportal-app-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return StartInAsync(folder, new Dictionary<string, string>(settings ?? new Dictionary<string, string>()), timeout);
    }

    /// <summary>
    /// Ends the app the hard way: SIGKILL (<see cref="Process.Kill(bool)"/> on Linux), no shutdown, no flush, no
    /// disposal; then waits until the process is gone. The folder with the database stays for <see cref="RestartAsync"/>.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Starts the app again, after <see cref="KillAsync"/>, on the same folder (same database, same logs) and the same
    /// settings, on a new free port. The new process owns the folder from now on; dispose both.
    /// </summary>
    public async Task<PortalProcess> RestartAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
            throw new InvalidOperationException("Kill the app before restarting it on the same database.");
        _ownsFolder = false;
        return await StartInAsync(_folder, _settings, timeout);
    }

    private static async Task<PortalProcess> StartInAsync(string folder, Dictionary<string, string> settings, TimeSpan? timeout)
    {
        var appDll = FindAppDll();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "ibportal.db")}";
        start.Environment["Logging__File__Path"] = Path.Combine(folder, "logs", "ibportal-.log");
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var portal = new PortalProcess(process, baseAddress, folder, settings);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await portal.WaitUntilHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
        portal.StartupTime = clock.Elapsed;
        return portal;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"IbPortal exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first request
            }
            await Task.Delay(100); // polling for readiness, not waiting for a result to settle
        }
        throw new TimeoutException($"IbPortal did not become healthy within {timeout}:\n{Output}");
    }

    /// <summary>The app built next to this test assembly's configuration (IbPortal/bin/{Configuration}/net10.0).</summary>
    private static string FindAppDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;                 // net10.0
        var configuration = testBin.Parent!.Name;     // Debug / Release
        var repo = testBin.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "IbPortal", "bin", configuration, framework, "IbPortal.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"Build IbPortal first: {dll} not found.", dll);
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (!_ownsFolder)
            return;
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a log file still being closed; the temp folder is cleaned by the OS
        }
    }
}
