using IbPortal.Domain.Access;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using S = IbPortal.Tests.VisitTests.SupportRequestScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The live feed of support requests: each event reaches only those who may see the request.</summary>
public class SupportRequestFeedTests
{
    private sealed class Listener
    {
        public List<SupportRequestChanged> Heard { get; } = [];
        public IDisposable Subscription { get; set; } = default!;
    }

    private static async Task<Listener> ListenAsync(TestDatabase database, string login)
    {
        var listener = new Listener();
        listener.Subscription = await database.Service<SupportRequestFeed>(login).SubscribeAsync(change =>
        {
            listener.Heard.Add(change);
            return Task.CompletedTask;
        });
        return listener;
    }

    [Fact]
    public async Task A_new_request_reaches_the_IBer_of_the_school_and_the_asking_teacher_only()
    {
        using var database = new TestDatabase();
        var colleagueGroup = S.OtherGroupAt(database, Logins.SchoolA, Logins.TeacherA);
        S.AddStaff(database, "collega-a", [(PortalRole.Teacher, Logins.SchoolA)], colleagueGroup);
        S.AddStaff(database, "ib-ha", [(PortalRole.CareCoordinator, Logins.SchoolB)]);
        S.AddStaff(database, "ib-vb", [(PortalRole.CareCoordinator, Logins.SchoolA)]);
        var listeners = new Dictionary<string, Listener>();
        foreach (var login in new[] { Logins.CareCoordinator, "ib-vb", Logins.TeacherA, "collega-a", "ib-ha", Logins.TeacherB, Logins.SchoolLeaderA, Logins.Quality })
            listeners[login] = await ListenAsync(database, login);

        var (id, _) = await S.AskAboutPupilAsync(database);

        foreach (var login in new[] { Logins.CareCoordinator, "ib-vb", Logins.TeacherA })
        {
            var heard = Assert.Single(listeners[login].Heard);
            Assert.Equal((id, SupportRequestChange.Asked, database.SchoolId(Logins.SchoolA)), (heard.RequestId, heard.Change, heard.SchoolId));
        }
        foreach (var login in new[] { "collega-a", "ib-ha", Logins.TeacherB, Logins.SchoolLeaderA, Logins.Quality })
            Assert.Empty(listeners[login].Heard);
    }

    [Fact]
    public async Task The_teacher_hears_that_the_IBer_picked_up_and_closed_their_request()
    {
        using var database = new TestDatabase();
        var (id, _) = await S.AskAboutPupilAsync(database);
        var teacher = await ListenAsync(database, Logins.TeacherA);
        var otherTeacher = await ListenAsync(database, Logins.TeacherB);

        var version = await S.Requests(database, Logins.CareCoordinator).PickUpAsync(id, 0);
        await S.Requests(database, Logins.CareCoordinator).CloseAsync(id, version, "Samen de instructie voorbereid.");

        Assert.Equal([SupportRequestChange.PickedUp, SupportRequestChange.Closed], teacher.Heard.Select(h => h.Change));
        Assert.Empty(otherTeacher.Heard);
    }

    [Fact]
    public async Task Disposing_the_subscription_stops_the_events()
    {
        using var database = new TestDatabase();
        var listener = await ListenAsync(database, Logins.CareCoordinator);
        var before = database.Events.SubscriberCount;

        listener.Subscription.Dispose();
        await S.AskAboutGroupAsync(database);

        Assert.Equal(before - 1, database.Events.SubscriberCount);
        Assert.Empty(listener.Heard);
    }

    [Fact]
    public async Task Nobody_signed_in_cannot_subscribe()
    {
        using var database = new TestDatabase();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Service<SupportRequestFeed>(TestDatabase.Anonymous()).SubscribeAsync(_ => Task.CompletedTask));
    }
}
