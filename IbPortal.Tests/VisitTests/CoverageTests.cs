using System.Reflection;
using System.Text.Json;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using static IbPortal.Tests.VisitTests.CoachingScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>Visit coverage for the school leader and the IB'er: who was visited when, never any content.</summary>
public sealed class CoverageTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly int _groupA;
    private readonly int _groupB;
    private readonly int _visited;
    private readonly int _unvisited;
    private readonly int _schoolA;
    private readonly int _schoolB;

    public CoverageTests()
    {
        _groupA = CurrentGroupOf(_db, Logins.TeacherA);
        _groupB = CurrentGroupOf(_db, Logins.TeacherB);
        _schoolA = _db.SchoolId(Logins.SchoolA);
        _schoolB = _db.SchoolId(Logins.SchoolB);
        _visited = AddTeacher(_db, "lk-bezocht", Logins.SchoolA, _groupA);
        _unvisited = AddTeacher(_db, "lk-niet-bezocht", Logins.SchoolA, _groupA);
    }

    public void Dispose() => _db.Dispose();

    private CoachingOverviewService Overview(string login) => _db.Service<CoachingOverviewService>(login);

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_school_leader_sees_per_teacher_the_years_visits_with_day_group_and_stage_and_the_totals()
    {
        AddVisit(_db, _visited, _groupA, Utc(2026, 9, 15), VisitStatus.FeedbackGiven, reflected: true);
        AddVisit(_db, _visited, _groupA, Utc(2026, 11, 3), VisitStatus.Observed);
        AddVisit(_db, _visited, _groupA, Utc(2026, 12, 8));
        AddVisit(_db, _visited, _groupA, Utc(2026, 10, 6), VisitStatus.Cancelled);
        AddVisit(_db, _unvisited, _groupA, Utc(2027, 1, 19));
        AddVisit(_db, _unvisited, _groupA, Utc(2026, 6, 2), VisitStatus.FeedbackGiven);   // last school year

        var coverage = await Overview(Logins.SchoolLeaderA).GetCoverageAsync(_schoolA);

        Assert.Equal((Logins.SchoolA, 2026, "2026-2027"), (coverage.SchoolShortName, coverage.SchoolYearStart, coverage.SchoolYearName));
        var visited = coverage.Teachers.Single(t => t.StaffMemberId == _visited);
        Assert.Equal([new DateOnly(2026, 9, 15), new DateOnly(2026, 11, 3), new DateOnly(2026, 12, 8)], visited.Visits.Select(v => v.Date));
        Assert.Equal([VisitStage.Completed, VisitStage.AwaitingFeedback, VisitStage.Planned], visited.Visits.Select(v => v.Stage));
        Assert.All(visited.Visits, v => Assert.Equal("5", v.GroupName));
        Assert.Equal((2, 1, (DateOnly?)new DateOnly(2026, 11, 3), false), (visited.VisitsHeld, visited.VisitsPlanned, visited.LastVisitedOn, visited.NotVisited));
        var unvisited = coverage.Teachers.Single(t => t.StaffMemberId == _unvisited);
        Assert.Equal([new DateOnly(2027, 1, 19)], unvisited.Visits.Select(v => v.Date));
        Assert.Equal((0, 1, true), (unvisited.VisitsHeld, unvisited.VisitsPlanned, unvisited.NotVisited));
        Assert.Null(unvisited.LastVisitedOn);
        Assert.Equal(["5"], unvisited.Groups);

        // Totals over every teacher of the school, so they add up from the rows (the demo seed may have visits too).
        Assert.Equal(coverage.Teachers.Count, coverage.Totals.Teachers);
        Assert.Equal(coverage.Teachers.Count(t => !t.NotVisited), coverage.Totals.TeachersVisited);
        Assert.Equal(coverage.Teachers.Sum(t => t.VisitsHeld), coverage.Totals.VisitsHeld);
        Assert.Equal(coverage.Teachers.Sum(t => t.VisitsPlanned), coverage.Totals.VisitsPlanned);
        Assert.True(coverage.Totals.VisitsHeld >= 2 && coverage.Totals.TeachersVisited >= 1);
        Assert.Contains(coverage.Teachers, t => t.StaffMemberId == _db.StaffId(Logins.TeacherA));
        Assert.DoesNotContain(coverage.Teachers, t => t.StaffMemberId == _db.StaffId(Logins.TeacherB));
        Assert.True(coverage.Teachers.TakeWhile(t => t.NotVisited).Count() == coverage.Teachers.Count(t => t.NotVisited),
            "Teachers not visited yet come first.");
    }

    [Fact]
    public async Task Totals_count_exactly_the_inserted_visits_on_a_school_with_only_these_teachers()
    {
        // A fresh school of the board with a group of this year: only what this test inserts is there.
        int groupId;
        using (var db = _db.CreateContext())
        {
            var a = db.Schools.Single(s => s.Id == _schoolA);
            var year = db.SchoolYears.Single(y => y.StartYear == 2026);
            var school = new Domain.Organisation.School { BoardId = a.BoardId, Name = "De Proefschool", ShortName = "PS", Color = "#2E7D32" };
            var group = new Domain.Organisation.Group { School = school, SchoolYearId = year.Id, Name = "7", FirstGrade = 7, LastGrade = 7 };
            db.Groups.Add(group);
            db.SaveChanges();
            groupId = group.Id;
        }
        var one = AddTeacher(_db, "lk-ps-1", "PS", groupId);
        var two = AddTeacher(_db, "lk-ps-2", "PS", groupId);
        AddTeacher(_db, "lk-ps-3", "PS", groupId);
        AddPerson(_db, "dir-ps", [(PortalRole.SchoolLeader, "PS")]);
        AddVisit(_db, one, groupId, Utc(2026, 9, 1), VisitStatus.FeedbackGiven);
        AddVisit(_db, one, groupId, Utc(2026, 11, 2), VisitStatus.Observed);
        AddVisit(_db, two, groupId, Utc(2026, 10, 1), VisitStatus.FeedbackGiven, reflected: true);
        AddVisit(_db, two, groupId, Utc(2026, 12, 1));
        AddVisit(_db, two, groupId, Utc(2026, 11, 23));               // passed, observation not written up yet: held
        AddVisit(_db, two, groupId, Utc(2026, 11, 30), VisitStatus.Cancelled);

        var coverage = await Overview("dir-ps").GetCoverageAsync(_db.SchoolId("PS"));

        Assert.Equal(new CoverageTotals(TeachersVisited: 2, Teachers: 3, VisitsHeld: 4, VisitsPlanned: 1), coverage.Totals);
        Assert.Equal("lk-ps-3", coverage.Teachers[0].Name.Replace("Coach ", "", StringComparison.Ordinal));
        Assert.Equal([one, two], coverage.Teachers.Skip(1).Select(t => t.StaffMemberId));
        Assert.Equal(new DateOnly(2026, 11, 23), coverage.Teachers.Single(t => t.StaffMemberId == two).LastVisitedOn);
        Assert.Equal(VisitStage.ObservationDue, coverage.Teachers.Single(t => t.StaffMemberId == two).Visits.Single(v => v.Date == new DateOnly(2026, 11, 23)).Stage);
    }

    [Fact]
    public async Task Another_school_year_shows_that_years_visits_and_the_years_to_choose_from()
    {
        AddVisit(_db, _visited, _groupA, Utc(2026, 6, 2), VisitStatus.FeedbackGiven);
        AddVisit(_db, _visited, _groupA, Utc(2026, 9, 2), VisitStatus.FeedbackGiven);

        var lastYear = await Overview(Logins.SchoolLeaderA).GetCoverageAsync(_schoolA, 2025);

        var row = Assert.Single(lastYear.Teachers, t => t.StaffMemberId == _visited);
        Assert.Equal([new DateOnly(2026, 6, 2)], row.Visits.Select(v => v.Date));
        Assert.Equal("2025-2026", lastYear.SchoolYearName);
        Assert.Contains(2026, lastYear.SchoolYears);
        Assert.Contains(2025, lastYear.SchoolYears);
        await Assert.ThrowsAsync<DomainValidationException>(() => Overview(Logins.SchoolLeaderA).GetCoverageAsync(_schoolA, 1900));
    }

    [Fact]
    public void The_coverage_model_carries_no_content_by_construction()
    {
        // Only names, days, groups, stages and figures: no property that could hold a focus, notes, scores, goals,
        // reflections or a request's text.
        var allowed = new HashSet<string>
        {
            nameof(VisitCoverage.SchoolId), nameof(VisitCoverage.SchoolName), nameof(VisitCoverage.SchoolShortName), nameof(VisitCoverage.SchoolColor),
            nameof(VisitCoverage.SchoolYearStart), nameof(VisitCoverage.SchoolYearName), nameof(VisitCoverage.SchoolYears), nameof(VisitCoverage.Teachers),
            nameof(VisitCoverage.Totals), nameof(VisitCoverage.Today),
            nameof(CoverageTeacher.StaffMemberId), nameof(CoverageTeacher.Name), nameof(CoverageTeacher.Groups), nameof(CoverageTeacher.Visits),
            nameof(CoverageTeacher.VisitsHeld), nameof(CoverageTeacher.VisitsPlanned), nameof(CoverageTeacher.LastVisitedOn), nameof(CoverageTeacher.NotVisited),
            nameof(CoverageVisit.Date), nameof(CoverageVisit.GroupName), nameof(CoverageVisit.Stage), nameof(CoverageVisit.Held),
            nameof(CoverageTotals.TeachersVisited), nameof(CoverageTotals.VisitsHeld), nameof(CoverageTotals.VisitsPlanned),
            "EqualityContract",
        };
        foreach (var type in new[] { typeof(VisitCoverage), typeof(CoverageTeacher), typeof(CoverageVisit), typeof(CoverageTotals) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
                Assert.True(allowed.Contains(property.Name), $"{type.Name}.{property.Name} is not a coverage field.");
        }
    }

    [Fact]
    public async Task No_focus_notes_feedback_reflection_goal_or_request_text_reaches_the_coverage()
    {
        var visit = AddVisit(_db, _visited, _groupA, Utc(2026, 10, 6), VisitStatus.FeedbackGiven, reflected: true);
        AddGoal(_db, _visited, Logins.SchoolA, visitId: visit);
        AddRequest(_db, _visited, Logins.SchoolA);

        foreach (var login in new[] { Logins.SchoolLeaderA, Logins.CareCoordinator })
        {
            var json = JsonSerializer.Serialize(await Overview(login).GetCoverageAsync(_schoolA));
            Assert.Contains("lk-bezocht", json, StringComparison.Ordinal);
            foreach (var marker in ContentMarkers)
                Assert.DoesNotContain(marker, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_IBer_sees_the_coverage_of_both_care_schools_and_each_read_is_audited_with_the_role()
    {
        AddVisit(_db, _db.StaffId(Logins.TeacherB), _groupB, Utc(2026, 10, 6), VisitStatus.Observed);

        var a = await Overview(Logins.CareCoordinator).GetCoverageAsync(_schoolA);
        var b = await Overview(Logins.CareCoordinator).GetCoverageAsync(_schoolB);
        await Overview(Logins.SchoolLeaderA).GetCoverageAsync(_schoolA);

        Assert.Contains(a.Teachers, t => t.StaffMemberId == _visited);
        Assert.Contains(b.Teachers.Single(t => t.StaffMemberId == _db.StaffId(Logins.TeacherB)).Visits, v => v.Date == new DateOnly(2026, 10, 6));
        var ib = AuditBy(_db, Logins.CareCoordinator).Where(e => e.Action == VisitAuditActions.Coverage).ToList();
        Assert.Equal([(int?)_schoolA, _schoolB], ib.Select(e => e.SchoolId));
        Assert.All(ib, e => Assert.Equal((AuditRecordKind.VisitCoverage, "CareCoordinator", AuditOutcome.Allowed), (e.RecordKind, e.Role, e.Outcome)));
        var leader = Assert.Single(AuditBy(_db, Logins.SchoolLeaderA), e => e.Action == VisitAuditActions.Coverage);
        Assert.Equal((AuditRecordKind.VisitCoverage, (int?)_schoolA, (int?)_schoolA, "SchoolLeader"), (leader.RecordKind, leader.RecordId, leader.SchoolId, leader.Role));
    }

    [Fact]
    public async Task The_school_leader_is_refused_another_schools_coverage_and_the_refusal_is_audited()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(Logins.SchoolLeaderA).GetCoverageAsync(_schoolB));

        var entry = AuditBy(_db, Logins.SchoolLeaderA).Last();
        Assert.Equal((VisitAuditActions.Coverage, AuditRecordKind.VisitCoverage, (int?)_schoolB, AuditOutcome.Refused),
            (entry.Action, entry.RecordKind, entry.RecordId, entry.Outcome));
    }

    [Theory]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    [InlineData(Logins.TeacherA)]
    [InlineData("lk-bezocht")]
    public async Task Anyone_else_is_refused_coverage_and_each_refusal_is_audited(string login)
    {
        var refusals = RefusalsBy(_db, login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(login).GetCoverageAsync(_schoolA));

        Assert.Equal(refusals + 1, RefusalsBy(_db, login));
        Assert.Empty(await Overview(login).GetCoverageSchoolsAsync());
    }

    [Fact]
    public async Task A_quality_coordinator_who_is_also_teacher_at_the_school_is_still_refused()
    {
        AddPerson(_db, "kc-en-lk", [(PortalRole.QualityCoordinator, Logins.SchoolA), (PortalRole.Teacher, Logins.SchoolA)], _groupA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview("kc-en-lk").GetCoverageAsync(_schoolA));
    }

    [Fact]
    public async Task The_coverage_schools_are_those_where_the_user_is_IBer_or_school_leader()
    {
        var leader = await Overview(Logins.SchoolLeaderA).GetCoverageSchoolsAsync();
        var ib = await Overview(Logins.CareCoordinator).GetCoverageSchoolsAsync();

        Assert.Equal([Logins.SchoolA], leader.Select(s => s.ShortName));
        Assert.Equal(new HashSet<string> { Logins.SchoolA, Logins.SchoolB }, ib.Select(s => s.ShortName).ToHashSet());
    }
}
