using System.Diagnostics;
using IbPortal.Concerns;
using IbPortal.Tests.Browser;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IbPortal.Tests.Faults.FaultSupport;

namespace IbPortal.Tests.Faults;

/// <summary>
/// The app's SQLite file locked by another process (this test process, with its own connection): a teacher's submission
/// waits for a short lock and succeeds on the same page, and gets a clear Dutch message, keeps the input and can save
/// once when the lock outlasts the command timeout.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DatabaseLockTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ShortLock = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Submission_waits_for_a_five_second_lock_and_succeeds_and_the_same_page_keeps_working()
    {
        await using var app = await PortalProcess.StartAsync(BurstSettings()); // default command timeout: 30 s
        var page = await FlagPageAsync(fixture.Browser, app);
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        var marker = "Slottest " + Guid.NewGuid().ToString("N")[..10];
        await FillMinimalAsync(page, marker + ": leest trager dan de rest van de groep.");

        TimeSpan submitToConfirmation;
        await using (var holder = await LockAsync(app))
        {
            var locked = Stopwatch.StartNew();
            await page.GetByTestId("submit").ClickAsync();
            var submitted = Stopwatch.StartNew();
            // The save is under way (the button is disabled while it runs) and has to wait for the lock.
            await Assertions.Expect(page.GetByTestId("submit")).ToBeDisabledAsync();
            if (ShortLock - locked.Elapsed is { } rest && rest > TimeSpan.Zero)
                await Task.Delay(rest); // the fault itself: the other process holds the database for 5 s

            Assert.Equal(0, await page.GetByTestId("flag-confirmation").CountAsync());
            Assert.Equal(0, await page.GetByTestId("flag-error").CountAsync());
            Assert.Empty(await ConcernsContainingAsync(holder, marker));
            await Assertions.Expect(page.GetByTestId("submit")).ToBeDisabledAsync();
            await ExecuteAsync(holder, "ROLLBACK;");

            await Assertions.Expect(page.GetByTestId("flag-confirmation")).ToContainTextAsync("De intern begeleider is op de hoogte.",
                new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
            submitToConfirmation = submitted.Elapsed;
        }
        await BrowserFixture.ScreenshotAsync(page, "fault-lock-5s-saved");
        Assert.Equal(0, await page.GetByTestId("flag-error").CountAsync());
        var saved = Assert.Single(await ConcernsContainingAsync(app, marker));
        Assert.Equal(await ConfirmedConcernIdAsync(page), saved.Id);

        // The circuit survived the wait: the same page, without a reload, flags the next concern.
        var next = "Slottest " + Guid.NewGuid().ToString("N")[..10];
        await page.GetByTestId("flag-again").ClickAsync();
        await FillMinimalAsync(page, next + ": werkt niet mee in de kring.");
        await page.GetByTestId("submit").ClickAsync();
        // Not a latency check: the suite runs the kill loop alongside, and under that load Playwright's default 5 s
        // was once too short in CI.
        await Assertions.Expect(page.GetByTestId("flag-confirmation")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });
        Assert.Single(await ConcernsContainingAsync(app, next));
        Assert.Single(await ConcernsContainingAsync(app, marker));
        Assert.Equal(0, navigations);

        output.WriteLine($"Measured: submit-to-confirmation under a {ShortLock.TotalSeconds:F0} s lock: {submitToConfirmation.TotalMilliseconds:F0} ms");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Submission_locked_out_longer_than_the_timeout_says_so_in_Dutch_keeps_the_input_and_saves_once_on_retry()
    {
        const int timeoutSeconds = 2;
        await using var app = await PortalProcess.StartAsync(BurstSettings(commandTimeoutSeconds: timeoutSeconds));
        var page = await FlagPageAsync(fixture.Browser, app);
        var marker = "Time-outtest " + Guid.NewGuid().ToString("N")[..10];
        var observation = marker + ": trekt zich terug in de pauze en praat nauwelijks.";
        const string since = "sinds de herfstvakantie";
        const string tried = "Naast een maatje gezet; dagelijks kort gesprek.";

        var pupil = await ChooseFirstPupilAsync(page);
        await page.GetByTestId("area-social").ClickAsync();
        await page.GetByTestId("observation").Locator("textarea").FillAsync(observation);
        await page.GetByTestId("since").Locator("input").FillAsync(since);
        await page.GetByTestId("tried").Locator("textarea").FillAsync(tried);
        await page.GetByTestId("urgency-worrying").ClickAsync();

        TimeSpan submitToMessage;
        await using (var holder = await LockAsync(app))
        {
            await page.GetByTestId("submit").ClickAsync();
            var submitted = Stopwatch.StartNew();
            await Assertions.Expect(page.GetByTestId("flag-error")).ToHaveTextAsync(FlagConcernForm.BusyMessage,
                new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
            submitToMessage = submitted.Elapsed;
            await BrowserFixture.ScreenshotAsync(page, "fault-lock-timeout-message");

            // Still locked: nothing was saved, and everything typed is still there.
            Assert.Empty(await ConcernsContainingAsync(holder, marker));
            Assert.Equal(0, await page.GetByTestId("flag-confirmation").CountAsync());
            await Assertions.Expect(page.GetByTestId("pupil").Locator("input")).ToHaveValueAsync(pupil);
            await Assertions.Expect(page.GetByTestId("observation").Locator("textarea")).ToHaveValueAsync(observation);
            await Assertions.Expect(page.GetByTestId("since").Locator("input")).ToHaveValueAsync(since);
            await Assertions.Expect(page.GetByTestId("tried").Locator("textarea")).ToHaveValueAsync(tried);
            await Assertions.Expect(page.GetByTestId("submit")).ToBeEnabledAsync();
            await ExecuteAsync(holder, "ROLLBACK;");
        }

        // The lock is gone: one click saves it, exactly once, with everything that was typed.
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flag-confirmation")).ToBeVisibleAsync();
        var saved = Assert.Single(await ConcernsContainingAsync(app, marker));
        Assert.Equal(await ConfirmedConcernIdAsync(page), saved.Id);
        Assert.Equal(observation, saved.Observation);
        Assert.Equal(since, saved.Since);
        Assert.Equal(tried, saved.AlreadyTried);
        Assert.Equal("SocialEmotional", saved.Area);
        Assert.Equal("Worrying", saved.Urgency);
        Assert.Equal(1, saved.HistoryEntries);
        Assert.Equal(1, saved.AuditEntries);

        output.WriteLine($"Measured: submit-to-message with a {timeoutSeconds} s command timeout under a lock: {submitToMessage.TotalMilliseconds:F0} ms");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Takes the write lock on the app's database in a connection of this process (<c>BEGIN EXCLUSIVE</c>; in WAL mode
    /// that blocks writers, not readers) and proves that it holds: a second connection cannot start writing.
    /// </summary>
    private static async Task<SqliteConnection> LockAsync(PortalProcess app)
    {
        var holder = new SqliteConnection(app.DatabaseConnectionString);
        await holder.OpenAsync();
        await ExecuteAsync(holder, "BEGIN EXCLUSIVE;");

        var probeString = new SqliteConnectionStringBuilder(app.DatabaseConnectionString) { DefaultTimeout = 1 }.ToString();
        await using var probe = new SqliteConnection(probeString);
        await probe.OpenAsync();
        Assert.Equal("wal", (await ScalarAsync(probe, "PRAGMA journal_mode;"))?.ToString());
        var busy = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(probe, "BEGIN IMMEDIATE;"));
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY: the app's writes have to wait too
        return holder;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
