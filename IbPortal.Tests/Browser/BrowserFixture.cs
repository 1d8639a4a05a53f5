using Microsoft.Playwright;

namespace IbPortal.Tests.Browser;

/// <summary>
/// One app process and one headless Debian Chromium for the browser tests. Chromium is never downloaded: without
/// /usr/bin/chromium the tests fail (also, and especially, under CI=true); test.sh installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public PortalProcess App { get; private set; } = default!;
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Set IBPORTAL_SCREENSHOTS to a folder to keep screenshots of the browser tests.</summary>
    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable("IBPORTAL_SCREENSHOTS");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium package.");

        // Every browser test signs in a few people within a minute, all from 127.0.0.1.
        App = await PortalProcess.StartAsync(new Dictionary<string, string> { ["RateLimiting:SignInPermitsPerMinute"] = "1000" });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // LaunchAsync gives every browser a fresh, empty temporary profile (user-data dir).
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context (its own cookies) signed in as the demo user <paramref name="login"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string login, string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/demo/sign-in?user={login}&returnUrl={Uri.EscapeDataString(path)}");
        // Blazor is interactive once its circuit is up; MudBlazor's layout renders inside the circuit.
        await page.Locator(".mud-appbar").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
