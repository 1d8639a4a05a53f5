using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// A server the harness starts as its own process: the portal (`dotnet IbPortal.dll --urls …`) or the bare SignalR
/// baseline (`dotnet IbPortal.dll bench-live --baseline-server …`). Knows when it became healthy and reads its memory
/// and CPU from /proc.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _tail = new();
    private readonly long _startedAt;

    private ChildProcess(Process process, Uri baseAddress, long startedAt)
    {
        _process = process;
        BaseAddress = baseAddress;
        _startedAt = startedAt;
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    /// <summary>Process start to the first 200 from the health path.</summary>
    public TimeSpan ColdStart { get; private set; }

    /// <summary>The last lines the process wrote, for error messages.</summary>
    public string Tail { get { lock (_tail) return _tail.ToString(); } }

    /// <summary>The app's own assembly (IbPortal.dll), which both kinds of server run.</summary>
    public static string AppDll => typeof(ChildProcess).Assembly.Location;

    public static async Task<ChildProcess> StartAsync(IEnumerable<string> arguments, IDictionary<string, string> environment,
        int port, string healthPath, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(AppDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var startedAt = Stopwatch.GetTimestamp();
        process.Start();
        var child = new ChildProcess(process, new Uri($"http://127.0.0.1:{port}/"), startedAt);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilHealthyAsync(healthPath, timeout, ct);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
        return child;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_tail)
        {
            _tail.AppendLine(line);
            if (_tail.Length > 20_000)
                _tail.Remove(0, _tail.Length - 10_000);
        }
    }

    private async Task WaitUntilHealthyAsync(string healthPath, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (Stopwatch.GetElapsedTime(_startedAt) < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{Tail}");
            try
            {
                using var response = await http.GetAsync(new Uri(healthPath, UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ColdStart = Stopwatch.GetElapsedTime(_startedAt);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // slow first request
            }
            await Task.Delay(20, ct); // polling for readiness
        }
        throw new TimeoutException($"The server was not healthy within {timeout}:\n{Tail}");
    }

    /// <summary>Resident memory (VmRSS) in bytes.</summary>
    public long ResidentBytes() => ProcStats.ResidentBytes(Pid);

    /// <summary>User plus system CPU time used so far.</summary>
    public TimeSpan CpuTime() => ProcStats.CpuTime(Pid);

    public static int FreePort()
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
    }
}

/// <summary>Memory and CPU of a process from /proc (Linux).</summary>
public static class ProcStats
{
    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    public static long ResidentBytes(int pid) =>
        ParseVmRss(File.ReadAllText($"/proc/{pid}/status"));

    public static TimeSpan CpuTime(int pid) =>
        ParseCpuTime(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>VmRSS from the text of /proc/&lt;pid&gt;/status ("VmRSS:   123456 kB"), in bytes.</summary>
    public static long ParseVmRss(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                continue;
            var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
        }
        throw new FormatException("No VmRSS line in /proc status.");
    }

    /// <summary>utime + stime (fields 14 and 15) from the text of /proc/&lt;pid&gt;/stat. The command name (field 2) may hold spaces and parentheses, so fields count from the last ')'.</summary>
    public static TimeSpan ParseCpuTime(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var end = stat.LastIndexOf(')');
        if (end < 0)
            throw new FormatException("No command name in /proc stat.");
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); utime is field 14 → fields[11], stime field 15 → fields[12].
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
