using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Tests.DomainTests;
using IbPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.SecurityTests;

public sealed class SubmissionRateLimiterTests : IDisposable
{
    private const int Limit = 3;
    private readonly TestDatabase _database = new();
    private readonly SubmissionRateLimiter _limiter;

    public SubmissionRateLimiterTests()
    {
        _limiter = new SubmissionRateLimiter(Options.Create(new SubmissionRateLimitOptions { ConcernsPerMinute = Limit }),
            _database.Clock, NullLogger<SubmissionRateLimiter>.Instance);
    }

    private ConcernService ConcernsOf(string login) =>
        new(_database.Factory, _database.UserFor(login), _database.Events, _database.Audit, _database.Clock,
            NullLogger<ConcernService>.Instance, _limiter);

    [Fact]
    public async Task Concern_beyond_the_limit_within_a_minute_is_refused_in_Dutch_and_nothing_is_saved()
    {
        var teacher = ConcernsOf(Logins.TeacherA);
        var pupil = _database.PupilOf(Logins.TeacherA);
        for (var i = 0; i < Limit; i++)
        {
            await teacher.RaiseAsync(DomainScenario.ValidConcern(pupil));
            _database.Clock.Advance(TimeSpan.FromSeconds(10));
        }
        var concerns = _database.ConcernCount();
        var history = _database.HistoryCount();
        var events = _database.Events.Published.Count;

        var refused = await Assert.ThrowsAsync<SubmissionRateLimitException>(() => teacher.RaiseAsync(DomainScenario.ValidConcern(pupil)));

        Assert.IsAssignableFrom<DomainException>(refused);
        Assert.Equal("Je hebt in korte tijd veel signaleringen verstuurd. Wacht even en probeer het opnieuw; wat je typte blijft staan.", refused.Message);
        Assert.Equal(concerns, _database.ConcernCount());
        Assert.Equal(history, _database.HistoryCount());
        Assert.Equal(events, _database.Events.Published.Count);
    }

    [Fact]
    public async Task Once_the_first_submission_is_a_minute_old_the_next_is_allowed()
    {
        var teacher = ConcernsOf(Logins.TeacherA);
        var pupil = _database.PupilOf(Logins.TeacherA);
        await teacher.RaiseAsync(DomainScenario.ValidConcern(pupil));        // t = 0
        _database.Clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 1; i < Limit; i++)
            await teacher.RaiseAsync(DomainScenario.ValidConcern(pupil));    // t = 30 s
        _database.Clock.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<SubmissionRateLimitException>(() => teacher.RaiseAsync(DomainScenario.ValidConcern(pupil)));  // t = 59 s

        _database.Clock.Advance(TimeSpan.FromSeconds(1));                   // t = 60 s: the first one left the window
        var id = await teacher.RaiseAsync(DomainScenario.ValidConcern(pupil));

        Assert.Equal(pupil, _database.Stored(id).PupilId);
        await Assert.ThrowsAsync<SubmissionRateLimitException>(() => teacher.RaiseAsync(DomainScenario.ValidConcern(pupil)));
        _database.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < Limit; i++)
            await teacher.RaiseAsync(DomainScenario.ValidConcern(pupil));
    }

    [Fact]
    public async Task Limit_is_per_staff_member()
    {
        var teacherA = ConcernsOf(Logins.TeacherA);
        var pupilA = _database.PupilOf(Logins.TeacherA);
        for (var i = 0; i < Limit; i++)
            await teacherA.RaiseAsync(DomainScenario.ValidConcern(pupilA));
        await Assert.ThrowsAsync<SubmissionRateLimitException>(() => teacherA.RaiseAsync(DomainScenario.ValidConcern(pupilA)));

        var id = await ConcernsOf(Logins.TeacherB).RaiseAsync(DomainScenario.ValidConcern(_database.PupilOf(Logins.TeacherB)));

        Assert.Equal(_database.StaffId(Logins.TeacherB), _database.Stored(id).AuthorId);
    }

    /// <summary>The limit is checked first: a flood of invalid input is refused before validation and the database.</summary>
    [Fact]
    public async Task Invalid_submissions_count_towards_the_limit()
    {
        var teacher = ConcernsOf(Logins.TeacherA);
        for (var i = 0; i < Limit; i++)
            await Assert.ThrowsAsync<DomainValidationException>(() => teacher.RaiseAsync(new NewConcern()));

        await Assert.ThrowsAsync<SubmissionRateLimitException>(() => teacher.RaiseAsync(new NewConcern()));
    }

    public void Dispose() => _database.Dispose();
}
