using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Access;

/// <summary>The "RateLimiting" section of appsettings.json, as far as the domain uses it.</summary>
public sealed class SubmissionRateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Concerns one staff member may raise within any minute; more are refused until the minute has passed.</summary>
    public int ConcernsPerMinute { get; set; } = 10;
}

/// <summary>
/// A flood guard for concern submission, per staff member. Submissions come through the Blazor circuit, not as HTTP
/// requests, so ASP.NET Core's rate limiter never sees them; this sliding window (one minute, on
/// <see cref="TimeProvider"/>) does. One instance per process (singleton): with several servers each counts its own.
/// </summary>
public sealed class SubmissionRateLimiter(IOptions<SubmissionRateLimitOptions> options, TimeProvider clock, ILogger<SubmissionRateLimiter> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<int, Queue<long>> _recent = [];
    private readonly Lock _gate = new();
    private long _lastSweep = clock.GetTimestamp();

    public int ConcernsPerMinute { get; } = Math.Max(1, options.Value.ConcernsPerMinute);

    /// <summary>Counts one concern submission by <paramref name="staffMemberId"/>, or refuses it when the limit is reached.</summary>
    /// <exception cref="SubmissionRateLimitException">More than <see cref="ConcernsPerMinute"/> within the last minute.</exception>
    public void AcquireConcernSubmission(int staffMemberId)
    {
        if (TryAcquire(staffMemberId))
            return;
        logger.LogWarning("Concern submission by staff {StaffMemberId} refused: more than {ConcernsPerMinute} within a minute",
            staffMemberId, ConcernsPerMinute);
        throw new SubmissionRateLimitException();
    }

    private bool TryAcquire(int staffMemberId)
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            SweepIdle(now);
            if (!_recent.TryGetValue(staffMemberId, out var times))
                _recent[staffMemberId] = times = new Queue<long>();
            DropExpired(times, now);
            if (times.Count >= ConcernsPerMinute)
                return false;
            times.Enqueue(now);
            return true;
        }
    }

    private void DropExpired(Queue<long> times, long now)
    {
        while (times.Count > 0 && clock.GetElapsedTime(times.Peek(), now) >= Window)
            times.Dequeue();
    }

    /// <summary>At most once a minute, forgets staff members without a submission in the last minute.</summary>
    private void SweepIdle(long now)
    {
        if (clock.GetElapsedTime(_lastSweep, now) < Window)
            return;
        _lastSweep = now;
        foreach (var (staffMemberId, times) in _recent.ToList())
        {
            DropExpired(times, now);
            if (times.Count == 0)
                _recent.Remove(staffMemberId);
        }
    }
}

/// <summary>Refused by <see cref="SubmissionRateLimiter"/>; nothing was saved. The message is Dutch and safe to show.</summary>
public sealed class SubmissionRateLimitException : DomainException
{
    public const string DutchMessage =
        "Je hebt in korte tijd veel signaleringen verstuurd. Wacht even en probeer het opnieuw; wat je typte blijft staan.";

    public SubmissionRateLimitException() : base(DutchMessage) { }
    public SubmissionRateLimitException(string message) : base(message) { }
    public SubmissionRateLimitException(string message, Exception inner) : base(message, inner) { }
}

public static class SubmissionRateLimiterServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="SubmissionRateLimiter"/> (singleton) with its options from "RateLimiting".</summary>
    public static IServiceCollection AddSubmissionRateLimiter(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SubmissionRateLimitOptions>(configuration.GetSection(SubmissionRateLimitOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SubmissionRateLimiter>();
        return services;
    }
}
