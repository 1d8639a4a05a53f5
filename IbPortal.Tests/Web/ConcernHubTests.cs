using IbPortal.Concerns;
using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.Web;

/// <summary>The concern hub end to end: cookie authentication, delivery scoped by role, connection cleanup, and GetConcern's refusals.</summary>
[Collection(WebAppTests.Name)]
public sealed class ConcernHubTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    /// <summary>
    /// An API client needs a 401 to know it must sign in; the friendly status pages must not turn the negotiate POST's
    /// 401 into something else.
    /// </summary>
    [Fact]
    public async Task Connection_without_sign_in_is_refused_with_401()
    {
        await using var anonymous = ConcernHubClient.Create(app, cookie: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.Connection.StartAsync().WaitAsync(ConcernHubClient.Timeout));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, anonymous.Connection.State);
    }

    [Fact]
    public async Task A_closed_connection_leaves_nothing_behind_on_the_server()
    {
        var connections = app.Services.GetRequiredService<ConcernHubConnections>();
        var before = connections.Count;
        var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator);
        await WaitUntilAsync(() => connections.Count == before + 1);

        await ib.DisposeAsync();

        await WaitUntilAsync(() => connections.Count == before);
        Assert.Equal(before, connections.Count);
    }

    /// <summary>The server registers and forgets connections just after the client's call returns: wait for it.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ConcernHubClient.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(5); // poll the condition without spinning a core

        }
    }

    [Fact]
    public async Task Connection_with_a_forged_cookie_is_refused()
    {
        await using var forged = ConcernHubClient.Create(app, $"{PortalAppFactory.AuthCookieName}=CfDJ8-not-a-real-ticket");

        await Assert.ThrowsAsync<HttpRequestException>(() => forged.Connection.StartAsync().WaitAsync(ConcernHubClient.Timeout));

        Assert.Equal(HubConnectionState.Disconnected, forged.Connection.State);
    }

    [Fact]
    public async Task Care_coordinator_hears_of_concerns_raised_at_either_school()
    {
        await using var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator);
        var schoolA = await app.SchoolIdAsync(Logins.SchoolA);
        var schoolB = await app.SchoolIdAsync(Logins.SchoolB);

        var atA = await app.RaiseConcernAsync(Logins.TeacherA, await app.PupilOfAsync(Logins.TeacherA), "Hub-test: leest spellend.");
        var atB = await app.RaiseConcernAsync(Logins.TeacherB, await app.PupilOfAsync(Logins.TeacherB), "Hub-test: trekt zich terug.");

        var heardA = await ib.WaitForConcernAsync(atA);
        var heardB = await ib.WaitForConcernAsync(atB);
        Assert.Equal(schoolA, heardA.SchoolId);
        Assert.Equal(schoolB, heardB.SchoolId);
        Assert.Equal(ConcernChange.Raised, heardA.Change);
        Assert.Equal(ConcernStatus.New, heardB.Status);
    }

    [Fact]
    public async Task Teacher_hears_only_of_own_school_groups_not_of_another_schools_concern()
    {
        await using var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator);
        await using var teacherB = await ConcernHubClient.ConnectAsync(app, Logins.TeacherB);
        var schoolB = await app.SchoolIdAsync(Logins.SchoolB);

        var atA = await app.RaiseConcernAsync(Logins.TeacherA, await app.PupilOfAsync(Logins.TeacherA), "Hub-test: alleen voor school A.");
        // The IB'er hears of both schools; once they heard of A, the hub has sent A's event to every group it went to.
        await ib.WaitForConcernAsync(atA);
        var atB = await app.RaiseConcernAsync(Logins.TeacherB, await app.PupilOfAsync(Logins.TeacherB), "Hub-test: eigen groep.");

        var own = await teacherB.WaitForConcernAsync(atB);

        Assert.Equal(schoolB, own.SchoolId);
        // Messages on one connection arrive in order: anything about A would have come before B's event.
        Assert.DoesNotContain(teacherB.Received, e => e.ConcernId == atA);
        Assert.All(teacherB.Received, e => Assert.Equal(schoolB, e.SchoolId));
    }

    [Fact]
    public async Task GetConcern_returns_a_concern_the_caller_may_see()
    {
        var pupil = await app.PupilOfAsync(Logins.TeacherB, skip: 1);
        var concernId = await app.RaiseConcernAsync(Logins.TeacherB, pupil, "Hub-test: samenvatting opvragen.");
        await using var teacherB = await ConcernHubClient.ConnectAsync(app, Logins.TeacherB);
        await using var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator);

        var forTeacher = await teacherB.Connection.InvokeAsync<ConcernSummary>(nameof(ConcernHub.GetConcern), concernId);
        var forIb = await ib.Connection.InvokeAsync<ConcernSummary>(nameof(ConcernHub.GetConcern), concernId);

        Assert.Equal(concernId, forTeacher.Id);
        Assert.Equal(pupil, forTeacher.PupilId);
        Assert.Equal(Logins.SchoolB, forTeacher.SchoolShortName);
        Assert.Equal(concernId, forIb.Id);
    }

    [Fact]
    public async Task GetConcern_refuses_a_concern_of_another_school()
    {
        var atA = await app.RaiseConcernAsync(Logins.TeacherA, await app.PupilOfAsync(Logins.TeacherA), "Hub-test: niet voor school B.");
        await using var teacherB = await ConcernHubClient.ConnectAsync(app, Logins.TeacherB);

        var error = await Assert.ThrowsAsync<HubException>(() => teacherB.Connection.InvokeAsync<ConcernSummary>(nameof(ConcernHub.GetConcern), atA));

        Assert.Contains("geen toegang", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, teacherB.Connection.State);
    }

    [Fact]
    public async Task GetConcern_refuses_an_id_that_does_not_exist()
    {
        await using var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator);

        var error = await Assert.ThrowsAsync<HubException>(() => ib.Connection.InvokeAsync<ConcernSummary>(nameof(ConcernHub.GetConcern), int.MaxValue));

        Assert.Contains("geen toegang", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teacher_raises_a_concern_for_own_pupil_through_the_hub()
    {
        await using var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator);
        await using var teacherA = await ConcernHubClient.ConnectAsync(app, Logins.TeacherA);
        var pupil = await app.PupilOfAsync(Logins.TeacherA, skip: 2);

        var concernId = await teacherA.Connection.InvokeAsync<int>(nameof(ConcernHub.RaiseConcern), new NewConcern
        {
            PupilId = pupil,
            Area = DevelopmentArea.SocialEmotional,
            Observation = "Hub-test: snel gesignaleerd vanuit de melder.",
            Urgency = Urgency.Urgent,
        });

        var heard = await ib.WaitForConcernAsync(concernId);
        Assert.Equal(ConcernChange.Raised, heard.Change);
        await using var db = await app.CreateDbContextAsync();
        var saved = await db.Concerns.AsNoTracking().SingleAsync(c => c.Id == concernId);
        Assert.Equal(pupil, saved.PupilId);
        Assert.Equal(Urgency.Urgent, saved.Urgency);
        Assert.Equal("Hub-test: snel gesignaleerd vanuit de melder.", saved.Observation);
        var teacherId = await db.StaffMembers.Where(s => s.Login == Logins.TeacherA).Select(s => s.Id).SingleAsync();
        Assert.Equal(teacherId, saved.AuthorId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "concern.raise" && a.RecordId == concernId && a.StaffMemberId == teacherId));
    }

    [Fact]
    public async Task RaiseConcern_refuses_a_pupil_of_another_school()
    {
        var pupilOfA = await app.PupilOfAsync(Logins.TeacherA);
        await using var teacherB = await ConcernHubClient.ConnectAsync(app, Logins.TeacherB);
        await using (var db = await app.CreateDbContextAsync())
        {
            var before = await db.Concerns.CountAsync(c => c.PupilId == pupilOfA && c.Observation == "Hub-test: niet mijn leerling.");
            Assert.Equal(0, before);
        }

        var error = await Assert.ThrowsAsync<HubException>(() => teacherB.Connection.InvokeAsync<int>(nameof(ConcernHub.RaiseConcern), new NewConcern
        {
            PupilId = pupilOfA,
            Area = DevelopmentArea.Cognitive,
            Observation = "Hub-test: niet mijn leerling.",
        }));

        Assert.Contains("geen toegang", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, teacherB.Connection.State);
        await using var after = await app.CreateDbContextAsync();
        Assert.False(await after.Concerns.AnyAsync(c => c.Observation == "Hub-test: niet mijn leerling."));
    }

    [Fact]
    public async Task RaiseConcern_returns_the_domains_validation_message()
    {
        await using var teacherA = await ConcernHubClient.ConnectAsync(app, Logins.TeacherA);
        var pupil = await app.PupilOfAsync(Logins.TeacherA);

        var error = await Assert.ThrowsAsync<HubException>(() => teacherA.Connection.InvokeAsync<int>(nameof(ConcernHub.RaiseConcern), new NewConcern
        {
            PupilId = pupil,
            Area = DevelopmentArea.Cognitive,
            Observation = "   ",
        }));

        Assert.Contains("Beschrijf kort wat je ziet.", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, teacherA.Connection.State);
    }

    /// <summary>
    /// A page on another origin could open a WebSocket that carries the sign-in cookie (WebSockets know no CORS): the hub
    /// closes such a connection before it hears an event or runs a method.
    /// </summary>
    [Fact]
    public async Task Connection_from_another_origin_is_refused()
    {
        var connections = app.Services.GetRequiredService<ConcernHubConnections>();
        var before = connections.Count;
        await using var foreign = ConcernHubClient.Create(app, await app.SignInCookieAsync(Logins.CareCoordinator), origin: "https://elders.example");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreign.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };

        try
        {
            await foreign.Connection.StartAsync().WaitAsync(ConcernHubClient.Timeout);
            // The handshake may complete before the hub refuses; then the server closes the connection at once.
            var reason = await closed.Task.WaitAsync(ConcernHubClient.Timeout);
            Assert.NotNull(reason);
            Assert.Contains("geweigerd", reason.Message, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or HubException)
        {
            // refused during start: also a refusal
        }

        Assert.Equal(HubConnectionState.Disconnected, foreign.Connection.State);
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.Connection.InvokeAsync<ConcernSummary>(nameof(ConcernHub.GetConcern), 1));
        Assert.Equal(before, connections.Count);
    }

    [Fact]
    public async Task Connection_from_the_portals_own_origin_is_accepted()
    {
        var ownOrigin = app.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var ib = await ConcernHubClient.ConnectAsync(app, Logins.CareCoordinator, origin: ownOrigin);
        var atA = await app.RaiseConcernAsync(Logins.TeacherA, await app.PupilOfAsync(Logins.TeacherA, skip: 3), "Hub-test: eigen origin.");

        var heard = await ib.WaitForConcernAsync(atA);

        Assert.Equal(atA, heard.ConcernId);
    }
}
