using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Retention;

/// <summary>
/// Runs retention once a day at <see cref="RetentionOptions.RunAtHour"/> (local time of <see cref="TimeProvider"/>), as
/// the system. Waits on a timer of the <see cref="TimeProvider"/>, so tests drive it with a fake clock. A failed run
/// (e.g. the database is locked) is logged and tried again at the next scheduled time; it never stops the app. With
/// several servers every one schedules the run at the same hour, and only the first runs it (the others skip it, see
/// <see cref="RetentionService.RunAsSystemAsync"/>).
/// </summary>
internal sealed class RetentionJob(
    IServiceScopeFactory scopes,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionJob> logger) : BackgroundService
{
    /// <summary>After a failure to read the settings, when to look again.</summary>
    private static readonly TimeSpan RetryAfterBadSettings = TimeSpan.FromHours(1);

    /// <summary>Raised when the job starts waiting for <c>due</c> (tests wait for it before moving the clock).</summary>
    internal event Action<DateTimeOffset>? Waiting;

    /// <summary>Raised after each scheduled run: the report, or null when the run failed or was skipped (another server ran it).</summary>
    internal event Action<RetentionReport?>? Completed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? lastDue = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset due;
            try
            {
                var settings = options.CurrentValue;
                if (!settings.RunDaily)
                {
                    logger.LogInformation("Retention: the daily run is off (Retention:RunDaily); only a privacy officer's run removes expired data");
                    return;
                }
                var now = clock.GetUtcNow();
                due = NextRun(lastDue is { } last && last > now ? last : now, settings.RunAtHour, clock.LocalTimeZone);
            }
            catch (Exception ex) when (ex is OptionsValidationException or ArgumentException or TimeZoneNotFoundException)
            {
                logger.LogError(ex, "Retention: the settings cannot be used; looking again in {RetryAfter}", RetryAfterBadSettings);
                await WaitUntilAsync(clock.GetUtcNow() + RetryAfterBadSettings, stoppingToken);
                continue;
            }

            logger.LogInformation("Retention: next run at {NextRun}", due);
            await WaitUntilAsync(due, stoppingToken);
            lastDue = due;
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>
    /// The first moment after <paramref name="after"/> at which the local clock reads <paramref name="hour"/>:00. On the
    /// day the clocks go forward and that hour does not exist, the first valid time after it.
    /// </summary>
    internal static DateTimeOffset NextRun(DateTimeOffset after, int hour, TimeZoneInfo zone)
    {
        var localDay = TimeZoneInfo.ConvertTime(after, zone).Date;
        for (var day = 0; ; day++)
        {
            var local = localDay.AddDays(day).AddHours(hour);
            while (zone.IsInvalidTime(local))
                local = local.AddMinutes(15);
            var candidate = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (candidate > after)
                return candidate;
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken ct)
    {
        // A timer may wake marginally early on a real clock; wait again for what is left.
        for (var left = due - clock.GetUtcNow(); left > TimeSpan.Zero; left = due - clock.GetUtcNow())
        {
            var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var timer = clock.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), fired,
                left, Timeout.InfiniteTimeSpan);
            Waiting?.Invoke(due);
            await fired.Task.WaitAsync(ct);
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        RetentionReport? report = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            report = await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsSystemAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (IsBusy(ex))
        {
            logger.LogWarning(ex, "Retention: the database was busy; nothing was removed, the next scheduled run tries again");
        }
#pragma warning disable CA1031 // The job must survive any failure of one run; it is logged and retried next time.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Retention run failed; nothing was removed, the next scheduled run tries again");
        }
        Completed?.Invoke(report);
    }

    internal static bool IsBusy(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the database.
            if (e is SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
            // PostgreSQL: a lock not granted, a deadlock or serialization failure with another node's transaction, or a
            // statement cancelled by the command timeout while it waited.
            if (e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected
                    or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.QueryCanceled })
                return true;
            if (e is NpgsqlException && e.InnerException is TimeoutException)
                return true;
        }
        return false;
    }
}
