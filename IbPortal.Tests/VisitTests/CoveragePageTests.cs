using Bunit;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Components;
using IbPortal.Tests.Support;
using IbPortal.Visits;
using static IbPortal.Tests.VisitTests.CoachingScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The coverage page: who was visited when, per school, for the school leader and the IB'er; never any content.</summary>
public sealed class CoveragePageTests : PortalComponentContext
{
    private readonly int _groupA;
    private readonly int _visited;
    private readonly int _unvisited;

    public CoveragePageTests() : base(Logins.SchoolLeaderA)
    {
        _groupA = CurrentGroupOf(Database, Logins.TeacherA);
        _visited = AddTeacher(Database, "lk-dekking", Logins.SchoolA, _groupA);
        _unvisited = AddTeacher(Database, "lk-dekking-nog-niet", Logins.SchoolA, _groupA);
    }

    private static DateTime Utc(int month, int day, int year = 2026) => new(year, month, day, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_school_leader_sees_teachers_with_visit_days_and_stages_and_the_totals_but_no_content()
    {
        var visit = AddVisit(Database, _visited, _groupA, Utc(9, 15), VisitStatus.FeedbackGiven, reflected: true);
        AddVisit(Database, _visited, _groupA, Utc(12, 8));
        AddGoal(Database, _visited, Logins.SchoolA, visitId: visit);
        AddRequest(Database, _visited, Logins.SchoolA);

        var cut = Render<CoveragePage>();

        var section = cut.WaitForElement($"[data-testid=coverage-school-{Database.SchoolId(Logins.SchoolA)}]");
        var row = section.QuerySelector($"[data-testid=coverage-teacher][data-staff-id='{_visited}']")!;
        var visits = row.QuerySelectorAll("[data-testid=coverage-visit]");
        Assert.Equal(["Completed", "Planned"], visits.Select(v => v.GetAttribute("data-stage")));
        Assert.Contains("di 15 sep · groep 5", visits[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Afgerond", visits[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("di 8 dec", visits[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("di 15 sep", row.QuerySelector("[data-testid=coverage-last]")!.TextContent.Trim());
        var notYet = section.QuerySelector($"[data-testid=coverage-teacher][data-staff-id='{_unvisited}']")!;
        Assert.Equal("nog niet bezocht", notYet.QuerySelector("[data-testid=coverage-not-visited]")!.TextContent.Trim());
        Assert.Matches(@"\d+ van \d+ leerkrachten bezocht in 2026-2027", section.QuerySelector("[data-testid=coverage-totals]")!.TextContent);
        Assert.Empty(cut.FindAll($"[data-testid=coverage-school-{Database.SchoolId(Logins.SchoolB)}]"));

        foreach (var marker in ContentMarkers)
            Assert.DoesNotContain(marker, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("a[href^='/bezoeken/']"));
    }

    [Fact]
    public void The_IBer_sees_the_coverage_of_both_schools()
    {
        SignInAs(Logins.CareCoordinator);

        var cut = Render<CoveragePage>();

        cut.WaitForElement($"[data-testid=coverage-school-{Database.SchoolId(Logins.SchoolA)}]");
        Assert.NotNull(cut.Find($"[data-testid=coverage-school-{Database.SchoolId(Logins.SchoolB)}] [data-testid=coverage-table]"));
    }

    [Theory]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.Administrator)]
    public void Anyone_else_is_told_who_the_page_is_for_and_sees_no_table(string login)
    {
        AddVisit(Database, _visited, _groupA, Utc(9, 15), VisitStatus.FeedbackGiven);
        SignInAs(login);

        var cut = Render<CoveragePage>();

        cut.WaitForAssertion(() => Assert.Contains("de directeur en de intern begeleider", cut.Find("[data-testid=coverage-none]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=coverage-table]"));
    }
}
