using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Events;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DomainTests;

/// <summary>The live feed passes on only events about concerns the subscriber may see.</summary>
public class ConcernFeedTests
{
    private static async Task<(List<ConcernChanged> Received, IDisposable Subscription)> SubscribeAsync(TestDatabase database, string login)
    {
        var received = new List<ConcernChanged>();
        var subscription = await database.Feed(login).SubscribeAsync(e =>
        {
            received.Add(e);
            return Task.CompletedTask;
        });
        return (received, subscription);
    }

    [Fact]
    public async Task Care_coordinator_feed_receives_concerns_raised_at_both_schools()
    {
        using var database = new TestDatabase();
        var (received, subscription) = await SubscribeAsync(database, Logins.CareCoordinator);
        using var _ = subscription;

        var atA = await database.RaiseByTeacherAAsync();
        var atB = await database.RaiseByTeacherBAsync();

        Assert.Equal([atA, atB], received.Select(e => e.ConcernId));
        Assert.Equal([database.SchoolId(Logins.SchoolA), database.SchoolId(Logins.SchoolB)], received.Select(e => e.SchoolId));
        Assert.All(received, e => Assert.Equal(ConcernChange.Raised, e.Change));
    }

    [Fact]
    public async Task Teacher_feed_does_not_receive_a_concern_raised_at_another_school()
    {
        using var database = new TestDatabase();
        var (received, subscription) = await SubscribeAsync(database, Logins.TeacherA);
        using var _ = subscription;

        var atB = await database.RaiseByTeacherBAsync();
        await database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(atB, 0);

        Assert.Empty(received);
        Assert.Equal(2, database.Events.Published.Count); // the events were published, just not passed on
    }

    [Fact]
    public async Task Teacher_feed_does_not_receive_a_concern_about_a_pupil_of_another_group_at_own_school()
    {
        using var database = new TestDatabase();
        var (received, subscription) = await SubscribeAsync(database, Logins.TeacherA);
        using var _ = subscription;

        await database.Concerns(Logins.CareCoordinator).RaiseAsync(
            DomainScenario.ValidConcern(database.PupilAt(Logins.SchoolA, notTaughtBy: Logins.TeacherA)));

        Assert.Empty(received);
    }

    [Fact]
    public async Task Teacher_feed_receives_status_changes_of_own_concern()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var (received, subscription) = await SubscribeAsync(database, Logins.TeacherA);
        using var _ = subscription;
        var ib = database.Concerns(Logins.CareCoordinator);

        await ib.AcknowledgeAsync(id, 0);
        await ib.SetNextStepAsync(id, 1, "Observatie in de klas.");
        await ib.CloseAsync(id, 2, ConcernOutcome.ResolvedInClass, null);

        Assert.All(received, e => Assert.Equal(id, e.ConcernId));
        Assert.Equal(
            [ConcernStatus.Acknowledged, ConcernStatus.InProgress, ConcernStatus.Closed],
            received.Select(e => e.Status));
    }

    [Fact]
    public async Task Teacher_feed_receives_a_concern_the_care_coordinator_raised_about_a_pupil_in_their_group()
    {
        using var database = new TestDatabase();
        var (received, subscription) = await SubscribeAsync(database, Logins.TeacherB);
        using var _ = subscription;

        var id = await database.Concerns(Logins.CareCoordinator).RaiseAsync(DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherB)));

        var e = Assert.Single(received);
        Assert.Equal(id, e.ConcernId);
        Assert.Equal(database.StaffId(Logins.CareCoordinator), e.AuthorId);
    }

    [Theory]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    public async Task Feed_of_someone_without_pupil_care_role_receives_nothing(string login)
    {
        using var database = new TestDatabase();
        var (received, subscription) = await SubscribeAsync(database, login);
        using var _ = subscription;

        await database.RaiseByTeacherAAsync();
        await database.RaiseByTeacherBAsync();

        Assert.Empty(received);
    }

    [Fact]
    public async Task Disposing_the_subscription_stops_delivery_and_removes_the_subscriber()
    {
        using var database = new TestDatabase();
        var before = database.Events.SubscriberCount;
        var (received, subscription) = await SubscribeAsync(database, Logins.CareCoordinator);
        Assert.Equal(before + 1, database.Events.SubscriberCount);
        await database.RaiseByTeacherAAsync();
        Assert.Single(received);

        subscription.Dispose();
        await database.RaiseByTeacherBAsync();

        Assert.Single(received);
        Assert.Equal(before, database.Events.SubscriberCount);
    }

    [Fact]
    public async Task Feed_passes_on_only_concern_events()
    {
        using var database = new TestDatabase();
        var (received, subscription) = await SubscribeAsync(database, Logins.CareCoordinator);
        using var _ = subscription;

        await database.Events.PublishAsync(new OtherEvent(database.UtcNow()));

        Assert.Empty(received);
    }

    [Fact]
    public async Task Summary_of_an_event_is_loaded_once_for_every_screen_that_hears_it()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var raised = database.ChangeOf(id);

        var first = await database.Feed(Logins.CareCoordinator).SummaryOfAsync(raised);
        var second = await database.Feed(Logins.CareCoordinator).SummaryOfAsync(raised);
        var author = await database.Feed(Logins.TeacherA).SummaryOfAsync(raised);

        Assert.NotNull(first);
        Assert.Equal(id, first.Id);
        Assert.Same(first, second);
        Assert.Same(first, author);

        // A later event is a new load: it shows the concern as it is then.
        await database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(id, 0);
        var acknowledged = await database.Feed(Logins.CareCoordinator).SummaryOfAsync(database.ChangeOf(id, ConcernChange.Acknowledged));
        Assert.Equal(ConcernStatus.Acknowledged, acknowledged!.Status);
        Assert.Equal(ConcernStatus.New, first.Status);
    }

    [Theory]
    [InlineData(Logins.TeacherB)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    public async Task Summary_is_withheld_from_whoever_may_not_see_the_concern(string login)
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var raised = database.ChangeOf(id);
        Assert.NotNull(await database.Feed(Logins.CareCoordinator).SummaryOfAsync(raised)); // loaded and shared already

        Assert.Null(await database.Feed(login).SummaryOfAsync(raised));
    }

    [Fact]
    public async Task Summary_is_withheld_when_the_event_claims_a_school_the_concern_is_not_at()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherBAsync();
        var forged = database.ChangeOf(id) with { SchoolId = database.SchoolId(Logins.SchoolA) };

        // Teacher A passes the check on the event's ids only if they were trusted; the concern itself is at school B.
        Assert.Null(await database.Feed(Logins.TeacherA).SummaryOfAsync(forged with { AuthorId = database.StaffId(Logins.TeacherA) }));
    }

    [Fact]
    public async Task A_revoked_care_role_stops_live_summaries_within_the_live_scope_age()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherBAsync();
        var ibId = database.StaffId(Logins.CareCoordinator);
        var schoolB = database.SchoolId(Logins.SchoolB);
        Assert.NotNull(await database.Feed(Logins.CareCoordinator).SummaryOfAsync(database.ChangeOf(id)));

        using (var db = database.CreateContext())
        {
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMemberId == ibId && r.SchoolId == schoolB));
            db.SaveChanges();
        }
        database.Clock.Advance(LiveScopeCache.MaxAge);

        Assert.Null(await database.Feed(Logins.CareCoordinator).SummaryOfAsync(database.ChangeOf(id)));
        Assert.Null(await database.Concerns(Logins.CareCoordinator).FindSummaryAsync(id)); // pages: at once
    }

    [Fact]
    public async Task A_deactivated_author_gets_no_live_summary_once_the_live_scope_is_reloaded()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        var teacherA = database.StaffId(Logins.TeacherA);
        Assert.NotNull(await database.Feed(Logins.TeacherA).SummaryOfAsync(database.ChangeOf(id)));

        using (var db = database.CreateContext())
        {
            db.StaffMembers.Single(s => s.Id == teacherA).IsActive = false;
            db.SaveChanges();
        }
        database.Clock.Advance(LiveScopeCache.MaxAge);

        Assert.Null(await database.Feed(Logins.TeacherA).SummaryOfAsync(database.ChangeOf(id)));
    }

    [Fact]
    public async Task Anonymous_user_is_refused_a_live_summary()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.FeedAs(TestDatabase.Anonymous()).SummaryOfAsync(database.ChangeOf(id)));
    }

    private sealed record OtherEvent(DateTime OccurredAt) : PortalEvent(OccurredAt);
}
