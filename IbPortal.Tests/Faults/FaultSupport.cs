using System.Text.RegularExpressions;
using IbPortal.Tests.Browser;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace IbPortal.Tests.Faults;

/// <summary>Drives the flag form of one app process in the shared Chromium, and reads that app's SQLite file directly.</summary>
internal static partial class FaultSupport
{
    /// <summary>Settings for an app that a test floods with concerns and sign-ins from 127.0.0.1.</summary>
    public static Dictionary<string, string> BurstSettings(int? commandTimeoutSeconds = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["RateLimiting:SignInPermitsPerMinute"] = "10000",
            ["RateLimiting:ConcernsPerMinute"] = "10000",
        };
        if (commandTimeoutSeconds is { } seconds)
            settings["Database:CommandTimeoutSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>A new browser context signed in as <paramref name="login"/> on <paramref name="app"/>, showing the flag form.</summary>
    public static async Task<IPage> FlagPageAsync(IBrowser browser, PortalProcess app, string login = "leerkracht-a")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/demo/sign-in?user={login}&returnUrl={Uri.EscapeDataString("/signaleren")}");
        await page.Locator(".mud-appbar").WaitForAsync();
        await page.GetByTestId("flag-form").WaitForAsync();
        return page;
    }

    /// <summary>Chooses the first pupil the teacher may flag; returns what the pupil field shows.</summary>
    public static async Task<string> ChooseFirstPupilAsync(IPage page)
    {
        var pupilInput = page.GetByTestId("pupil").Locator("input");
        await pupilInput.ClickAsync();
        var firstOption = page.Locator(".mud-popover-open .mud-list-item").First;
        await firstOption.ClickAsync();
        await Assertions.Expect(pupilInput).ToHaveValueAsync(new Regex(" · groep "));
        return await pupilInput.InputValueAsync();
    }

    /// <summary>The minimal flag: first pupil, cognitive, the observation.</summary>
    public static async Task FillMinimalAsync(IPage page, string observation)
    {
        await ChooseFirstPupilAsync(page);
        await page.GetByTestId("area-cognitive").ClickAsync();
        await page.GetByTestId("observation").Locator("textarea").FillAsync(observation);
    }

    /// <summary>The concern id in the confirmation's "Bekijk de signalering" link.</summary>
    public static async Task<int> ConfirmedConcernIdAsync(IPage page)
    {
        var href = await page.Locator("a[href^='/signaleringen/']").First.GetAttributeAsync("href");
        return int.Parse(ConcernLink().Match(href ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^/signaleringen/(\d+)$")]
    private static partial Regex ConcernLink();

    /// <summary>A concern as stored, found by a text in its observation.</summary>
    public sealed record StoredConcern(int Id, string Observation, string? Since, string? AlreadyTried, string Area, string Urgency,
        int HistoryEntries, int AuditEntries);

    public static async Task<IReadOnlyList<StoredConcern>> ConcernsContainingAsync(SqliteConnection db, string text)
    {
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT c.Id, c.Observation, c.Since, c.AlreadyTried, c.Area, c.Urgency,
                   (SELECT COUNT(*) FROM ConcernHistory h WHERE h.ConcernId = c.Id),
                   (SELECT COUNT(*) FROM AuditEntries a WHERE a.Action = 'concern.raise' AND a.RecordId = c.Id)
            FROM Concerns c WHERE instr(c.Observation, $text) > 0 ORDER BY c.Id
            """;
        command.Parameters.AddWithValue("$text", text);
        var found = new List<StoredConcern>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(new StoredConcern(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetValue(4).ToString()!, reader.GetValue(5).ToString()!,
                reader.GetInt32(6), reader.GetInt32(7)));
        }
        return found;
    }

    public static async Task<IReadOnlyList<StoredConcern>> ConcernsContainingAsync(PortalProcess app, string text)
    {
        await using var db = new SqliteConnection(app.DatabaseConnectionString);
        await db.OpenAsync();
        return await ConcernsContainingAsync(db, text);
    }

    /// <summary>Every row <c>PRAGMA integrity_check</c> returns ("ok" alone when the file is sound).</summary>
    public static Task<IReadOnlyList<string>> IntegrityCheckAsync(SqliteConnection db) => RowsAsync(db, "PRAGMA integrity_check;");

    /// <summary>Every row <c>PRAGMA foreign_key_check</c> returns (none when every reference holds).</summary>
    public static Task<IReadOnlyList<string>> ForeignKeyViolationsAsync(SqliteConnection db) => RowsAsync(db, "PRAGMA foreign_key_check;");

    private static async Task<IReadOnlyList<string>> RowsAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        return rows;
    }

    public static async Task ExecuteAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static double Median(IReadOnlyList<int> values) => Median(values.Select(v => TimeSpan.FromTicks(v)).ToList()).Ticks;

    public static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
