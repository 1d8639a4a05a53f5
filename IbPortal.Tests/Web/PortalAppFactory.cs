using System.Net;
using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IbPortal.Tests.Web;

/// <summary>
/// The whole web app in memory (TestServer), as Program.cs wires it, on its own temporary SQLite file with the demo
/// data seeded and its own Serilog file. Settings passed in win over appsettings.json: they reach the app as
/// command-line arguments (UseSetting), so they are visible while Program.cs registers services, and again as the
/// last configuration source.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    public const string AuthCookieName = "IbPortal.Auth";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private Serilog.ILogger? _appLogger;
    private bool _filesDeleted;

    /// <summary>Demo sign-in, Development environment: the app as a fresh checkout runs it.</summary>
    public PortalAppFactory() : this(null) { }

    /// <summary>An app with other settings or another environment (xunit needs fixtures to have one public constructor).</summary>
    public static PortalAppFactory With(IReadOnlyDictionary<string, string?>? overrides, string environment = "Development") =>
        new(overrides, environment);

    /// <param name="overrides">Configuration keys (e.g. "Auth:Mode") that replace the defaults below and appsettings.json.</param>
    /// <param name="environment">The host environment; Development unless given (as WebApplicationFactory does).</param>
    protected PortalAppFactory(IReadOnlyDictionary<string, string?>? overrides, string environment = "Development")
    {
        Folder = Path.Combine(Path.GetTempPath(), "ibportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "portal.db");
        LogFolder = Path.Combine(Folder, "logs");
        _environment = environment;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
            ["Database:SeedDemoData"] = "true",
            // Rolling by day: Serilog writes ibportal-yyyyMMdd.log into this folder.
            ["Logging:File:Path"] = Path.Combine(LogFolder, "ibportal-.log"),
            // Tests sign in far more often than people do; the rate-limit tests set their own limit.
            ["RateLimiting:SignInPermitsPerMinute"] = "1000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    /// <summary>The temporary folder holding this app's database and log files; deleted on dispose unless
    /// <see cref="KeepFilesOnDispose"/>.</summary>
    public string Folder { get; }
    public string DatabasePath { get; }
    public string LogFolder { get; }

    /// <summary>Keep the folder after dispose (to read the closed log files); call <see cref="DeleteFiles"/> after.</summary>
    public bool KeepFilesOnDispose { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        // Program.cs freezes its bootstrap logger into the static Log.Logger; remember it to see it closed on dispose.
        _appLogger = Serilog.Log.Logger;
        return host;
    }

    /// <summary>Log files the app wrote (one per day).</summary>
    public IReadOnlyList<string> LogFiles() =>
        Directory.Exists(LogFolder) ? Directory.GetFiles(LogFolder, "*.log") : [];

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the demo sign-in as <paramref name="login"/> (cookies kept, no redirects).</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string login)
    {
        var client = CreateBrowserlessClient();
        using var response = await client.GetAsync(DemoSignInUri(login));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.NotNull(AuthCookieFrom(response));
        return client;
    }

    /// <summary>The "IbPortal.Auth=…" cookie pair of a demo sign-in as <paramref name="login"/>, for clients without a cookie jar.</summary>
    public async Task<string> SignInCookieAsync(string login)
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await client.GetAsync(DemoSignInUri(login));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return AuthCookieFrom(response) ?? throw new InvalidOperationException($"Demo sign-in as {login} set no {AuthCookieName} cookie.");
    }

    public static Uri DemoSignInUri(string login, string? returnUrl = null) =>
        new($"/demo/sign-in?user={Uri.EscapeDataString(login)}" +
            (returnUrl is null ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}"), UriKind.Relative);

    /// <summary>"IbPortal.Auth=value" from the Set-Cookie headers, or null when the response sets none (or clears it).</summary>
    public static string? AuthCookieFrom(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
            return null;
        var pair = cookies.Select(c => c.Split(';')[0].Trim())
            .FirstOrDefault(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal));
        return pair is null || pair.Length == AuthCookieName.Length + 1 ? null : pair;
    }

    /// <summary>The seeded staff member with <paramref name="login"/>, as a principal like the demo sign-in creates.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string login)
    {
        await using var db = await CreateDbContextAsync();
        var staff = await db.StaffMembers.AsNoTracking().Include(s => s.Roles).SingleAsync(s => s.Login == login);
        return PortalClaims.CreatePrincipal(staff.Id, staff.DisplayName, staff.Login,
            staff.Roles.Select(r => r.Role.ToString()), "Test");
    }

    public async Task<PortalDbContext> CreateDbContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async Task<int> SchoolIdAsync(string shortName)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Schools.Where(s => s.ShortName == shortName).Select(s => s.Id).SingleAsync();
    }

    /// <summary>A pupil enrolled in a group that <paramref name="teacherLogin"/> teaches.</summary>
    public async Task<int> PupilOfAsync(string teacherLogin, int skip = 0)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Enrolments
            .Where(e => e.Group!.Teachers.Any(t => t.StaffMember!.Login == teacherLogin))
            .OrderBy(e => e.PupilId)
            .Select(e => e.PupilId)
            .Skip(skip)
            .FirstAsync();
    }

    /// <summary>
    /// A DI scope of the running app whose <see cref="CurrentUser"/> is <paramref name="login"/>, as a request or hub
    /// call of that user would have it.
    /// </summary>
    public async Task<AsyncServiceScope> ScopeForAsync(string login)
    {
        var principal = await PrincipalOfAsync(login);
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
        return scope;
    }

    /// <summary>Raises a concern as <paramref name="teacherLogin"/> through the app's own ConcernService (events and all).</summary>
    public async Task<int> RaiseConcernAsync(string teacherLogin, int pupilId, string observation)
    {
        await using var scope = await ScopeForAsync(teacherLogin);
        return await scope.ServiceProvider.GetRequiredService<ConcernService>().RaiseAsync(new NewConcern
        {
            PupilId = pupilId,
            Area = DevelopmentArea.Cognitive,
            Observation = observation,
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        WaitForEntryPointToCloseLogger();
        if (!KeepFilesOnDispose)
            DeleteFiles();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        WaitForEntryPointToCloseLogger();
        if (!KeepFilesOnDispose)
            DeleteFiles();
    }

    /// <summary>
    /// Program.cs closes the static Serilog logger in its finally block, on the entry point's thread, after the host
    /// stopped; that can happen after WebApplicationFactory's dispose returned. Wait (bounded) until it did, so that it
    /// cannot close the static logger of the next app a test starts.
    /// </summary>
    private void WaitForEntryPointToCloseLogger()
    {
        var appLogger = _appLogger;
        if (appLogger is not null)
            SpinWait.SpinUntil(() => !ReferenceEquals(Serilog.Log.Logger, appLogger), TimeSpan.FromSeconds(10));
    }

    /// <summary>Deletes the database (with its -wal and -shm files) and the log files.</summary>
    public void DeleteFiles()
    {
        if (_filesDeleted)
            return;
        _filesDeleted = true;
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
            SqliteConnection.ClearPool(connection);
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            TryDelete(() => File.Delete(file));
        TryDelete(() => Directory.Delete(Folder, recursive: true));
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
            // still held open by a closing handle; it lives in the temp folder
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// Every test that starts the web app runs in this collection, one at a time: Program.cs sets and closes the static
/// Serilog logger (Log.Logger), which two apps in one process would otherwise take from each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebAppTests
{
    public const string Name = "Web app (WebApplicationFactory)";
}
