using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DomainTests;

/// <summary>The IB'er's overview and the school figures for quality coordinator and administrator.</summary>
public class DashboardTests
{
    private static CareCounters ExpectedCounters(TestDatabase database, params int[] schoolIds)
    {
        using var db = database.CreateContext();
        var since = database.UtcNow().AddDays(-30);
        var concerns = db.Concerns.Where(c => schoolIds.Contains(c.SchoolId)).ToList();
        return new CareCounters(
            concerns.Count(c => c.Status == ConcernStatus.New),
            concerns.Count(c => c.Status == ConcernStatus.New && c.Urgency == Urgency.Urgent),
            concerns.Count(c => c.Status == ConcernStatus.Acknowledged),
            concerns.Count(c => c.Status == ConcernStatus.InProgress),
            concerns.Count(c => c.Status == ConcernStatus.Closed && c.ClosedAt >= since));
    }

    [Fact]
    public async Task Counters_match_the_database_per_status_for_both_schools()
    {
        using var database = new TestDatabase();
        var schoolA = database.SchoolId(Logins.SchoolA);
        var schoolB = database.SchoolId(Logins.SchoolB);

        var overview = await database.Dashboard(Logins.CareCoordinator).GetOverviewAsync(null);

        Assert.Equal(ExpectedCounters(database, schoolA, schoolB), overview.Counters);
        Assert.Equal([schoolA, schoolB], overview.Schools.Select(s => s.School.Id).Order());
        Assert.Equal(ExpectedCounters(database, schoolA), overview.Schools.Single(s => s.School.Id == schoolA).Counters);
        Assert.Equal(ExpectedCounters(database, schoolB), overview.Schools.Single(s => s.School.Id == schoolB).Counters);
        Assert.True(overview.Counters.New > 0);
        Assert.True(overview.Counters.Acknowledged > 0);
        Assert.True(overview.Counters.InProgress > 0);
    }

    private static object Shape(CareOverview overview) => new
    {
        overview.Counters,
        Schools = overview.Schools.Select(s => new { s.School, s.Counters, Groups = string.Join(";", s.Groups) }).ToList(),
    };

    [Theory]
    [InlineData(Urgency.Urgent)]
    [InlineData(Urgency.Worrying)]
    public async Task An_overview_with_a_raised_concern_added_equals_a_fresh_overview(Urgency urgency)
    {
        using var database = new TestDatabase();
        var dashboard = database.Dashboard(Logins.CareCoordinator);
        var before = await dashboard.GetOverviewAsync(null);

        var id = await database.Concerns(Logins.TeacherB).RaiseAsync(
            DomainScenario.ValidConcern(database.PupilOf(Logins.TeacherB), urgency));
        var raised = await database.Concerns(Logins.CareCoordinator).FindSummaryAsync(id);
        var after = await dashboard.GetOverviewAsync(null);

        Assert.NotNull(raised);
        Assert.NotEqual(Shape(before).ToString(), Shape(after).ToString()); // the raise did change the counts
        var added = before.WithAdded(raised.SchoolId, raised.GroupId, raised.Status, raised.Urgency);
        Assert.Equal(after.Counters, added.Counters);
        Assert.Equal(after.Schools.Select(s => (s.School, s.Counters, string.Join(";", s.Groups))),
            added.Schools.Select(s => (s.School, s.Counters, string.Join(";", s.Groups))));
    }

    [Fact]
    public async Task Adding_a_concern_at_a_school_outside_the_overview_changes_nothing()
    {
        using var database = new TestDatabase();
        var schoolA = database.SchoolId(Logins.SchoolA);
        var schoolB = database.SchoolId(Logins.SchoolB);
        var onlyA = await database.Dashboard(Logins.CareCoordinator).GetOverviewAsync([schoolA]);
        var groupAtB = (await database.Dashboard(Logins.CareCoordinator).GetOverviewAsync([schoolB])).Schools.Single().Groups[0].GroupId;

        var added = onlyA.WithAdded(schoolB, groupAtB, ConcernStatus.New, Urgency.Urgent);

        Assert.Same(onlyA, added);
    }

    [Fact]
    public async Task Group_rows_count_current_pupils_and_open_concerns_per_group()
    {
        using var database = new TestDatabase();

        var overview = await database.Dashboard(Logins.CareCoordinator).GetOverviewAsync(null);

        using var db = database.CreateContext();
        foreach (var school in overview.Schools)
        {
            Assert.Equal(8, school.Groups.Count);
            Assert.Equal(school.Groups.OrderBy(g => g.FirstGrade).ThenBy(g => g.Name, StringComparer.Ordinal).Select(g => g.GroupId),
                school.Groups.Select(g => g.GroupId));
            foreach (var group in school.Groups)
            {
                Assert.Equal(DemoDataSeeder.PupilsPerGroup, group.PupilCount);
                Assert.Equal(db.Concerns.Count(c => c.GroupId == group.GroupId && c.Status != ConcernStatus.Closed), group.OpenConcerns);
                Assert.Equal(db.Concerns.Count(c => c.GroupId == group.GroupId && c.Status == ConcernStatus.New && c.Urgency == Urgency.Urgent),
                    group.UrgentOpen);
            }
            Assert.Equal(school.Counters.Open, school.Groups.Sum(g => g.OpenConcerns));
        }
    }

    [Fact]
    public async Task Selecting_one_school_restricts_counters_and_groups_to_that_school()
    {
        using var database = new TestDatabase();
        var schoolB = database.SchoolId(Logins.SchoolB);

        var overview = await database.Dashboard(Logins.CareCoordinator).GetOverviewAsync([schoolB]);

        var school = Assert.Single(overview.Schools);
        Assert.Equal(schoolB, school.School.Id);
        Assert.Equal(Logins.SchoolB, school.School.ShortName);
        Assert.Equal(ExpectedCounters(database, schoolB), overview.Counters);
        Assert.Equal(overview.Counters, school.Counters);
        Assert.Contains(school.Groups, g => g.Name == "4/5");
        Assert.DoesNotContain(school.Groups, g => g.GroupId == database.GroupIdOf(Logins.SchoolA, "5"));
    }

    [Fact]
    public async Task Selecting_a_school_the_care_coordinator_does_not_serve_shows_nothing_of_it()
    {
        using var database = new TestDatabase();
        var schoolB = database.SchoolId(Logins.SchoolB);
        await using (var db = database.CreateContext())
        {
            var ibId = database.StaffId(Logins.CareCoordinator);
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.StaffMemberId == ibId && r.SchoolId == schoolB));
            await db.SaveChangesAsync();
        }

        var overview = await database.Dashboard(Logins.CareCoordinator).GetOverviewAsync([schoolB]);

        Assert.Empty(overview.Schools);
        Assert.Equal(new CareCounters(0, 0, 0, 0, 0), overview.Counters);
        var chips = await database.Dashboard(Logins.CareCoordinator).GetCareSchoolsAsync();
        Assert.Equal([Logins.SchoolA], chips.Select(c => c.ShortName));
    }

    [Fact]
    public async Task New_urgent_concern_raises_the_new_and_urgent_counters_and_acknowledging_lowers_them()
    {
        using var database = new TestDatabase();
        var dashboard = database.Dashboard(Logins.CareCoordinator);
        var before = (await dashboard.GetOverviewAsync(null)).Counters;

        var id = await database.RaiseByTeacherAAsync(Urgency.Urgent);
        var afterRaise = (await dashboard.GetOverviewAsync(null)).Counters;
        await database.Concerns(Logins.CareCoordinator).AcknowledgeAsync(id, 0);
        var afterAck = (await dashboard.GetOverviewAsync(null)).Counters;

        Assert.Equal(before with { New = before.New + 1, UrgentUnacknowledged = before.UrgentUnacknowledged + 1 }, afterRaise);
        Assert.Equal(before with { Acknowledged = before.Acknowledged + 1 }, afterAck);
    }

    [Fact]
    public async Task Closed_counter_counts_only_concerns_closed_in_the_last_30_days()
    {
        using var database = new TestDatabase();
        var id = await database.RaiseByTeacherAAsync();
        await database.Concerns(Logins.CareCoordinator).CloseAsync(id, 0, ConcernOutcome.NoActionNeeded, null);
        var dashboard = database.Dashboard(Logins.CareCoordinator);
        var schoolA = database.SchoolId(Logins.SchoolA);
        var schoolB = database.SchoolId(Logins.SchoolB);

        var now = (await dashboard.GetOverviewAsync(null)).Counters;
        database.Clock.Advance(TimeSpan.FromDays(31));
        var later = (await dashboard.GetOverviewAsync(null)).Counters;

        Assert.Equal(ExpectedCounters(database, schoolA, schoolB), later);
        Assert.True(now.ClosedLast30Days > later.ClosedLast30Days);
        Assert.Equal(0, later.ClosedLast30Days); // every seeded concern was closed well before that, and so was ours
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    public async Task Someone_who_is_not_a_care_coordinator_cannot_get_the_overview(string login)
    {
        using var database = new TestDatabase();

        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Dashboard(login).GetOverviewAsync(null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Dashboard(login).GetOverviewAsync([database.SchoolId(Logins.SchoolA)]));
        Assert.Empty(await database.Dashboard(login).GetCareSchoolsAsync());
    }

    [Fact]
    public async Task Care_coordinator_school_chips_list_both_schools_with_their_colours()
    {
        using var database = new TestDatabase();

        var chips = await database.Dashboard(Logins.CareCoordinator).GetCareSchoolsAsync();

        Assert.Equal([Logins.SchoolB, Logins.SchoolA], chips.Select(c => c.ShortName).Order(StringComparer.Ordinal)); // HA, VB
        Assert.All(chips, c => Assert.StartsWith("#", c.Color, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.CareCoordinator)]
    public async Task School_figures_are_aggregates_that_match_the_database(string login)
    {
        using var database = new TestDatabase();
        var service = new OrganisationService(database.Factory, database.UserFor(login), database.Clock);

        var figures = await service.GetSchoolFiguresAsync();

        Assert.Equal(2, figures.Count);
        using var db = database.CreateContext();
        foreach (var school in figures)
        {
            Assert.Equal(8, school.Groups);
            Assert.Equal(8 * DemoDataSeeder.PupilsPerGroup, school.Pupils);
            Assert.Equal(db.Concerns.Count(c => c.SchoolId == school.SchoolId && c.Status != ConcernStatus.Closed), school.OpenConcerns);
            Assert.Equal(db.Concerns.Count(c => c.SchoolId == school.SchoolId),
                school.CognitiveThisYear + school.SocialEmotionalThisYear + school.BothThisYear);
        }
    }

    [Fact]
    public async Task Teacher_gets_no_school_figures()
    {
        using var database = new TestDatabase();
        var service = new OrganisationService(database.Factory, database.UserFor(Logins.TeacherA), database.Clock);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetSchoolFiguresAsync());
    }
}
