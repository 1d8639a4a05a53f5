using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Visits;
using IbPortal.Tests.Support;
using static IbPortal.Tests.VisitTests.CoachingScenario;

namespace IbPortal.Tests.VisitTests;

/// <summary>The teacher's own page, the IB'er's teacher list and the IB'er's history of one teacher (<see cref="CoachingOverviewService"/>).</summary>
public sealed class CoachingOverviewTests : IDisposable
{
    private const string Coached = "lk-coaching";
    private readonly TestDatabase _db = new();
    private readonly int _groupA;
    private readonly int _groupB;
    private readonly int _teacher;

    public CoachingOverviewTests()
    {
        // The clock stands on Tuesday 24 November 2026, 09:30 (school year 2026-2027).
        _groupA = CurrentGroupOf(_db, Logins.TeacherA);
        _groupB = CurrentGroupOf(_db, Logins.TeacherB);
        _teacher = AddTeacher(_db, Coached, Logins.SchoolA, _groupA);
    }

    public void Dispose() => _db.Dispose();

    private CoachingOverviewService Overview(string login) => _db.Service<CoachingOverviewService>(login);

    private static DateTime Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    // --- Mijn coaching -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_teacher_sees_reflections_to_write_upcoming_and_past_visits_with_their_stage()
    {
        var upcoming = AddVisit(_db, _teacher, _groupA, At(_db, 7));
        var due = AddVisit(_db, _teacher, _groupA, At(_db, 0, hour: 8));
        var awaitingFeedback = AddVisit(_db, _teacher, _groupA, At(_db, -3), VisitStatus.Observed);
        var awaitingReflection = AddVisit(_db, _teacher, _groupA, At(_db, -20), VisitStatus.FeedbackGiven);
        var completed = AddVisit(_db, _teacher, _groupA, At(_db, -40), VisitStatus.FeedbackGiven, reflected: true);
        var cancelledLater = AddVisit(_db, _teacher, _groupA, At(_db, 14), VisitStatus.Cancelled);

        var mine = await Overview(Coached).GetMyCoachingAsync();

        Assert.Equal([awaitingReflection, awaitingFeedback], mine.ReflectionsToWrite.Select(v => v.Id));
        Assert.Equal([upcoming, cancelledLater], mine.Upcoming.Select(v => v.Id));
        Assert.Equal([VisitStage.Planned, VisitStage.Cancelled], mine.Upcoming.Select(v => v.Stage));
        Assert.Equal([due, awaitingFeedback, awaitingReflection, completed], mine.Past.Select(v => v.Id));
        Assert.Equal([VisitStage.ObservationDue, VisitStage.AwaitingFeedback, VisitStage.AwaitingReflection, VisitStage.Completed],
            mine.Past.Select(v => v.Stage));
        var done = mine.Past.Single(v => v.Id == completed);
        Assert.True(done.ObservationFinished && done.HasFeedback && done.HasReflection);
        var observed = mine.Past.Single(v => v.Id == awaitingFeedback);
        Assert.True(observed.ObservationFinished);
        Assert.False(observed.HasFeedback || observed.HasReflection);
        Assert.Equal(Logins.SchoolA, done.SchoolShortName);
    }

    [Fact]
    public async Task The_teacher_sees_their_goals_active_first_with_review_dates_and_their_requests_counted_by_status()
    {
        var later = AddGoal(_db, _teacher, Logins.SchoolA, reviewOn: Today(_db).AddDays(20));
        var soon = AddGoal(_db, _teacher, Logins.SchoolA, reviewOn: Today(_db).AddDays(-1));
        var achieved = AddGoal(_db, _teacher, Logins.SchoolA, CoachingGoalStatus.Achieved);
        var dropped = AddGoal(_db, _teacher, Logins.SchoolA, CoachingGoalStatus.Dropped);
        AddRequest(_db, _teacher, Logins.SchoolA);
        AddRequest(_db, _teacher, Logins.SchoolA);
        AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.InProgress);
        AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.Closed);

        var mine = await Overview(Coached).GetMyCoachingAsync();

        Assert.Equal([soon, later], mine.ActiveGoals.Select(g => g.Id));
        Assert.True(mine.ActiveGoals[0].ReviewDue);
        Assert.False(mine.ActiveGoals[1].ReviewDue);
        Assert.Equal(new HashSet<int> { achieved, dropped }, mine.ClosedGoals.Select(g => g.Id).ToHashSet());
        Assert.All(mine.ClosedGoals, g => Assert.NotNull(g.ClosedByName));
        Assert.Equal(new SupportRequestCounts(2, 1, 1), mine.Requests);
    }

    [Fact]
    public async Task Another_teacher_at_the_same_school_sees_nothing_of_it()
    {
        var visit = AddVisit(_db, _teacher, _groupA, At(_db, -3), VisitStatus.FeedbackGiven);
        var goal = AddGoal(_db, _teacher, Logins.SchoolA);
        AddTeacher(_db, "lk-collega", Logins.SchoolA, _groupA);
        AddRequest(_db, _teacher, Logins.SchoolA);

        var theirs = await Overview("lk-collega").GetMyCoachingAsync();
        var teacherA = await Overview(Logins.TeacherA).GetMyCoachingAsync();

        foreach (var other in new[] { theirs, teacherA })
        {
            Assert.DoesNotContain(other.Past.Concat(other.Upcoming).Concat(other.ReflectionsToWrite), v => v.Id == visit);
            Assert.DoesNotContain(other.ActiveGoals.Concat(other.ClosedGoals), g => g.Id == goal);
        }
        Assert.Equal(new SupportRequestCounts(0, 0, 0), theirs.Requests);
    }

    [Fact]
    public async Task Visits_at_a_school_where_the_teacher_no_longer_holds_the_teacher_role_are_not_shown()
    {
        var atA = AddVisit(_db, _teacher, _groupA, At(_db, -3), VisitStatus.Observed);
        var atB = AddVisit(_db, _teacher, _groupB, At(_db, -4), VisitStatus.Observed);
        AddGoal(_db, _teacher, Logins.SchoolB);
        AddRequest(_db, _teacher, Logins.SchoolB);

        var mine = await Overview(Coached).GetMyCoachingAsync();

        Assert.Equal([atA], mine.Past.Select(v => v.Id));
        Assert.DoesNotContain(mine.ReflectionsToWrite, v => v.Id == atB);
        Assert.Empty(mine.ActiveGoals);
        Assert.Equal(0, mine.Requests.Total);
    }

    [Fact]
    public async Task An_IBer_who_also_teaches_sees_only_their_own_visits_on_their_coaching_page()
    {
        AddPerson(_db, "ib-en-lk", [(PortalRole.CareCoordinator, Logins.SchoolA), (PortalRole.Teacher, Logins.SchoolA)], _groupA);
        var own = AddVisit(_db, _db.StaffId("ib-en-lk"), _groupA, At(_db, 3));
        var someoneElses = AddVisit(_db, _teacher, _groupA, At(_db, 3));

        var mine = await Overview("ib-en-lk").GetMyCoachingAsync();

        Assert.Equal([own], mine.Upcoming.Select(v => v.Id));
        Assert.DoesNotContain(mine.Past, v => v.Id == someoneElses);
    }

    [Fact]
    public async Task Reading_my_coaching_is_audited_without_a_record_id()
    {
        await Overview(Coached).GetMyCoachingAsync();

        var entry = Assert.Single(AuditBy(_db, Coached));
        Assert.Equal((VisitAuditActions.MyCoaching, AuditRecordKind.ClassroomVisit, (int?)null, (int?)_db.SchoolId(Logins.SchoolA), "Teacher", AuditOutcome.Allowed),
            (entry.Action, entry.RecordKind, entry.RecordId, entry.SchoolId, entry.Role, entry.Outcome));
    }

    [Theory]
    [InlineData(Logins.CareCoordinator)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Without_the_teacher_role_my_coaching_is_refused_and_the_refusal_audited(string login)
    {
        var refusals = RefusalsBy(_db, login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(login).GetMyCoachingAsync());

        var entry = AuditBy(_db, login).Last();
        Assert.Equal((refusals + 1, VisitAuditActions.MyCoaching, AuditOutcome.Refused), (RefusalsBy(_db, login), entry.Action, entry.Outcome));
    }

    [Fact]
    public async Task A_deactivated_teacher_is_refused()
    {
        AddVisit(_db, _teacher, _groupA, At(_db, 3));
        using (var db = _db.CreateContext())
        {
            db.StaffMembers.Single(s => s.Id == _teacher).IsActive = false;
            db.SaveChanges();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(Coached).GetMyCoachingAsync());
    }

    // --- The IB'er's teacher list --------------------------------------------------------------------------------------

    [Fact]
    public async Task The_teacher_list_counts_this_school_years_held_visits_and_shows_last_and_next_visit_goals_and_open_requests()
    {
        AddVisit(_db, _teacher, _groupA, Utc(2026, 9, 15), VisitStatus.Observed);
        AddVisit(_db, _teacher, _groupA, Utc(2026, 10, 20), VisitStatus.FeedbackGiven, reflected: true);
        AddVisit(_db, _teacher, _groupA, Utc(2026, 6, 10), VisitStatus.FeedbackGiven);      // last school year
        AddVisit(_db, _teacher, _groupA, Utc(2026, 11, 10), VisitStatus.Cancelled);
        AddVisit(_db, _teacher, _groupA, Utc(2026, 11, 20));                                // passed, observation not finished
        var next = AddVisit(_db, _teacher, _groupA, Utc(2026, 12, 1, 9));
        AddVisit(_db, _teacher, _groupA, Utc(2027, 1, 12));
        AddGoal(_db, _teacher, Logins.SchoolA);
        AddGoal(_db, _teacher, Logins.SchoolA);
        AddGoal(_db, _teacher, Logins.SchoolA, CoachingGoalStatus.Achieved);
        AddRequest(_db, _teacher, Logins.SchoolA);
        AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.InProgress);
        AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.Closed);

        var list = await Overview(Logins.CareCoordinator).GetTeachersAsync();

        var row = Assert.Single(list.Teachers, t => t.StaffMemberId == _teacher);
        Assert.Equal(2, row.VisitsThisYear);
        Assert.Equal(new DateOnly(2026, 10, 20), row.LastVisitOn);
        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0), row.NextVisitLocal);
        Assert.Equal(next, row.NextVisitId);
        Assert.Equal(2, row.ActiveGoals);
        Assert.Equal(2, row.OpenRequests);
        Assert.False(row.NotVisitedThisYear);
        Assert.Equal(["5"], row.Groups);
        Assert.Equal((Logins.SchoolA, "2026-2027"), (row.SchoolShortName, list.SchoolYearName));
    }

    [Fact]
    public async Task A_teacher_visited_only_last_school_year_is_flagged_not_visited_and_listed_before_visited_teachers()
    {
        var unvisited = AddTeacher(_db, "lk-onbezocht", Logins.SchoolB, _groupB);
        AddVisit(_db, unvisited, _groupB, Utc(2026, 5, 12), VisitStatus.FeedbackGiven);
        AddVisit(_db, unvisited, _groupB, Utc(2026, 12, 3));
        AddVisit(_db, _teacher, _groupA, Utc(2026, 9, 15), VisitStatus.Observed);

        var list = await Overview(Logins.CareCoordinator).GetTeachersAsync();

        var row = list.Teachers.Single(t => t.StaffMemberId == unvisited);
        Assert.True(row.NotVisitedThisYear);
        Assert.Null(row.LastVisitOn);
        Assert.Equal(new DateOnly(2026, 12, 3), DateOnly.FromDateTime(row.NextVisitLocal!.Value));
        var order = list.Teachers.Select(t => t.StaffMemberId).ToList();
        Assert.True(order.IndexOf(unvisited) < order.IndexOf(_teacher));
        Assert.True(list.Teachers.TakeWhile(t => t.NotVisitedThisYear).Count() == list.Teachers.Count(t => t.NotVisitedThisYear),
            "All teachers not visited this year come first.");
    }

    [Fact]
    public async Task The_list_covers_active_teachers_with_a_group_this_year_at_both_schools_and_narrows_to_a_chosen_school()
    {
        var withoutGroup = AddTeacher(_db, "lk-zonder-groep", Logins.SchoolA);
        var inactive = AddTeacher(_db, "lk-gestopt", Logins.SchoolA, _groupA);
        using (var db = _db.CreateContext())
        {
            db.StaffMembers.Single(s => s.Id == inactive).IsActive = false;
            db.SaveChanges();
        }

        var all = await Overview(Logins.CareCoordinator).GetTeachersAsync();
        var onlyB = await Overview(Logins.CareCoordinator).GetTeachersAsync([_db.SchoolId(Logins.SchoolB)]);

        Assert.Contains(all.Teachers, t => t.StaffMemberId == _teacher);
        Assert.Contains(all.Teachers, t => t.StaffMemberId == _db.StaffId(Logins.TeacherB));
        Assert.DoesNotContain(all.Teachers, t => t.StaffMemberId == withoutGroup || t.StaffMemberId == inactive);
        Assert.Equal(2, all.Schools.Count);
        Assert.All(onlyB.Teachers, t => Assert.Equal(Logins.SchoolB, t.SchoolShortName));
        Assert.Contains(onlyB.Teachers, t => t.StaffMemberId == _db.StaffId(Logins.TeacherB));
        Assert.Equal(2, onlyB.Schools.Count);
    }

    [Fact]
    public async Task An_IBer_of_one_school_sees_only_that_schools_teachers_and_figures()
    {
        AddPerson(_db, "ib-alleen-a", [(PortalRole.CareCoordinator, Logins.SchoolA)]);
        var both = AddPerson(_db, "lk-twee-scholen", [(PortalRole.Teacher, Logins.SchoolA), (PortalRole.Teacher, Logins.SchoolB)], _groupA, _groupB);
        AddVisit(_db, both, _groupB, Utc(2026, 10, 1), VisitStatus.Observed);
        AddGoal(_db, both, Logins.SchoolB);

        var list = await Overview("ib-alleen-a").GetTeachersAsync([_db.SchoolId(Logins.SchoolA), _db.SchoolId(Logins.SchoolB)]);

        Assert.All(list.Teachers, t => Assert.Equal(Logins.SchoolA, t.SchoolShortName));
        var row = Assert.Single(list.Teachers, t => t.StaffMemberId == both);
        Assert.Equal((0, 0, true), (row.VisitsThisYear, row.ActiveGoals, row.NotVisitedThisYear));
        Assert.Equal([Logins.SchoolA], list.Schools.Select(s => s.ShortName));
        var ibBoth = await Overview(Logins.CareCoordinator).GetTeachersAsync();
        Assert.Equal(2, ibBoth.Teachers.Count(t => t.StaffMemberId == both));
    }

    [Fact]
    public async Task Reading_the_list_is_audited_per_school()
    {
        await Overview(Logins.CareCoordinator).GetTeachersAsync();

        var entries = AuditBy(_db, Logins.CareCoordinator).Where(a => a.Action == VisitAuditActions.List).ToList();
        Assert.Equal(new HashSet<int?> { _db.SchoolId(Logins.SchoolA), _db.SchoolId(Logins.SchoolB) }, entries.Select(e => e.SchoolId).ToHashSet());
        Assert.All(entries, e => Assert.Equal((AuditRecordKind.ClassroomVisit, "CareCoordinator"), (e.RecordKind, e.Role)));
    }

    [Theory]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_an_IBer_gets_the_teacher_list(string login)
    {
        var refusals = RefusalsBy(_db, login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(login).GetTeachersAsync());

        Assert.Equal(refusals + 1, RefusalsBy(_db, login));
    }

    // --- The IB'er's history of one teacher ----------------------------------------------------------------------------

    [Fact]
    public async Task The_history_shows_every_visit_with_feedback_and_reflection_every_goal_with_its_history_and_the_requests()
    {
        var first = AddVisit(_db, _teacher, _groupA, Utc(2026, 9, 15), VisitStatus.FeedbackGiven, reflected: true);
        var followUp = AddVisit(_db, _teacher, _groupA, Utc(2026, 11, 10), VisitStatus.FeedbackGiven, followUpOf: first);
        var planned = AddVisit(_db, _teacher, _groupA, Utc(2026, 12, 8));
        var active = AddGoal(_db, _teacher, Logins.SchoolA, reviewOn: new DateOnly(2026, 12, 15), visitId: first);
        var achieved = AddGoal(_db, _teacher, Logins.SchoolA, CoachingGoalStatus.Achieved);
        var request = AddRequest(_db, _teacher, Logins.SchoolA, SupportRequestStatus.InProgress, SupportTopic.Group, _groupA);

        var history = await Overview(Logins.CareCoordinator).GetTeacherHistoryAsync(_teacher);

        Assert.Equal($"Coach {Coached}", history.Name);
        Assert.Equal([planned, followUp, first], history.Visits.Select(v => v.Id));
        var firstRow = history.Visits.Single(v => v.Id == first);
        Assert.True(firstRow.HasFeedback && firstRow.HasReflection);
        Assert.Equal(VisitStage.Completed, firstRow.Stage);
        var followRow = history.Visits.Single(v => v.Id == followUp);
        Assert.Equal((true, false, true, VisitStage.AwaitingReflection), (followRow.HasFeedback, followRow.HasReflection, followRow.IsFollowUp, followRow.Stage));
        Assert.Equal([active, achieved], history.Goals.Select(g => g.Id));
        var activeRow = history.Goals[0];
        Assert.Equal((first, (DateOnly?)new DateOnly(2026, 9, 15), (DateOnly?)new DateOnly(2026, 12, 15)), (activeRow.VisitId!.Value, activeRow.VisitDate, activeRow.ReviewOn));
        var achievedRow = history.Goals[1];
        Assert.Equal(CoachingGoalStatus.Achieved, achievedRow.Status);
        Assert.NotNull(achievedRow.ClosedAt);
        Assert.NotNull(achievedRow.ClosedByName);
        Assert.NotNull(achievedRow.CreatedByName);
        var requestRow = Assert.Single(history.Requests);
        Assert.Equal((request, SupportTopic.Group, SupportRequestStatus.InProgress, "5"), (requestRow.Id, requestRow.Topic, requestRow.Status, requestRow.GroupName));
        var school = Assert.Single(history.Schools);
        Assert.Equal((Logins.SchoolA, 1, true), (school.School.ShortName, school.ActiveGoals, school.MayAddGoal));
        Assert.Equal(["5"], school.Groups);
    }

    [Fact]
    public async Task Reading_a_history_is_audited_for_the_teachers_school()
    {
        await Overview(Logins.CareCoordinator).GetTeacherHistoryAsync(_teacher);

        var entry = Assert.Single(AuditBy(_db, Logins.CareCoordinator), a => a.Action == VisitAuditActions.TeacherHistory);
        Assert.Equal((AuditRecordKind.ClassroomVisit, (int?)_db.SchoolId(Logins.SchoolA), "CareCoordinator", AuditOutcome.Allowed),
            (entry.RecordKind, entry.SchoolId, entry.Role, entry.Outcome));
    }

    [Fact]
    public async Task An_IBer_of_one_school_sees_only_that_schools_part_and_is_refused_a_teacher_of_the_other_school()
    {
        AddPerson(_db, "ib-alleen-a", [(PortalRole.CareCoordinator, Logins.SchoolA)]);
        var both = AddPerson(_db, "lk-twee", [(PortalRole.Teacher, Logins.SchoolA), (PortalRole.Teacher, Logins.SchoolB)], _groupA, _groupB);
        var atA = AddVisit(_db, both, _groupA, Utc(2026, 10, 1), VisitStatus.Observed);
        AddVisit(_db, both, _groupB, Utc(2026, 10, 2), VisitStatus.Observed);
        var goalA = AddGoal(_db, both, Logins.SchoolA);
        AddGoal(_db, both, Logins.SchoolB);
        AddRequest(_db, both, Logins.SchoolB);
        var refusals = RefusalsBy(_db, "ib-alleen-a");

        var history = await Overview("ib-alleen-a").GetTeacherHistoryAsync(both);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview("ib-alleen-a").GetTeacherHistoryAsync(_db.StaffId(Logins.TeacherB)));

        Assert.Equal([atA], history.Visits.Select(v => v.Id));
        Assert.Equal([goalA], history.Goals.Select(g => g.Id));
        Assert.Empty(history.Requests);
        Assert.Equal([Logins.SchoolA], history.Schools.Select(s => s.School.ShortName));
        Assert.Equal(refusals + 1, RefusalsBy(_db, "ib-alleen-a"));
    }

    [Fact]
    public async Task Someone_who_is_no_teacher_has_no_history()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Overview(Logins.CareCoordinator).GetTeacherHistoryAsync(_db.StaffId(Logins.SchoolLeaderA)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(Logins.CareCoordinator).GetTeacherHistoryAsync(999_999));
    }

    [Theory]
    [InlineData(Coached)]
    [InlineData(Logins.TeacherA)]
    [InlineData(Logins.SchoolLeaderA)]
    [InlineData(Logins.Quality)]
    [InlineData(Logins.Administrator)]
    [InlineData(Logins.PrivacyOfficer)]
    public async Task Only_the_IBer_reads_a_teachers_history_even_the_teacher_themself_is_refused(string login)
    {
        AddVisit(_db, _teacher, _groupA, Utc(2026, 10, 1), VisitStatus.Observed);
        var refusals = RefusalsBy(_db, login);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Overview(login).GetTeacherHistoryAsync(_teacher));

        var entry = AuditBy(_db, login).Last();
        Assert.Equal((refusals + 1, VisitAuditActions.TeacherHistory), (RefusalsBy(_db, login), entry.Action));
    }
}
