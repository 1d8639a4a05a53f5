using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Pupils;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Tests.DomainTests;

/// <summary>Pupils as teachers and IB'ers may see and flag them.</summary>
public class PupilServiceTests
{
    [Fact]
    public async Task Teacher_sees_only_own_group_with_its_current_pupils_and_their_open_concerns()
    {
        using var database = new TestDatabase();
        var group5 = database.GroupIdOf(Logins.SchoolA, "5");

        var groups = await database.Pupils(Logins.TeacherA).GetMyGroupsAsync();

        var group = Assert.Single(groups);
        Assert.Equal(group5, group.GroupId);
        Assert.Equal("5", group.Name);
        Assert.Equal(database.SchoolId(Logins.SchoolA), group.SchoolId);
        Assert.Equal("2026-2027", group.SchoolYear);
        Assert.Equal(DemoDataSeeder.PupilsPerGroup, group.Pupils.Count);
        await using var db = database.CreateContext();
        var expectedPupils = await db.Enrolments.Where(e => e.GroupId == group5).Select(e => e.PupilId).OrderBy(id => id).ToListAsync();
        Assert.Equal(expectedPupils, group.Pupils.Select(p => p.Id).Order());
        foreach (var pupil in group.Pupils)
            Assert.Equal(db.Concerns.Count(c => c.PupilId == pupil.Id && c.Status != ConcernStatus.Closed), pupil.OpenConcerns);
        Assert.Contains(group.Pupils, p => p.OpenConcerns > 0);
    }

    [Fact]
    public async Task Teacher_group_list_is_sorted_by_last_name_then_first_name()
    {
        using var database = new TestDatabase();

        var group = Assert.Single(await database.Pupils(Logins.TeacherA).GetMyGroupsAsync());

        var sortNames = group.Pupils.Select(p => p.SortName).ToList();
        var comparer = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true);
        Assert.Equal(sortNames.Order(comparer), sortNames);
    }

    [Fact]
    public async Task Teacher_of_combination_group_sees_that_group_at_own_school()
    {
        using var database = new TestDatabase();

        var group = Assert.Single(await database.Pupils(Logins.TeacherB).GetMyGroupsAsync());

        Assert.Equal("4/5", group.Name);
        Assert.Equal(database.SchoolId(Logins.SchoolB), group.SchoolId);
        Assert.Equal(DemoDataSeeder.PupilsPerGroup, group.Pupils.Count);
    }

    [Fact]
    public async Task Care_coordinator_who_teaches_no_group_has_no_groups_of_their_own()
    {
        using var database = new TestDatabase();

        Assert.Empty(await database.Pupils(Logins.CareCoordinator).GetMyGroupsAsync());
    }

    [Fact]
    public async Task Teacher_search_returns_only_pupils_of_own_group()
    {
        using var database = new TestDatabase();
        var group5 = database.GroupIdOf(Logins.SchoolA, "5");

        var all = await database.Pupils(Logins.TeacherA).SearchFlaggableAsync(null, take: 1000);

        Assert.Equal(DemoDataSeeder.PupilsPerGroup, all.Count);
        Assert.All(all, p => Assert.Equal(group5, p.GroupId));
        Assert.All(all, p => Assert.Equal(Logins.SchoolA, p.SchoolShortName));
    }

    [Fact]
    public async Task Teacher_search_does_not_find_a_pupil_of_another_group_or_school_by_name()
    {
        using var database = new TestDatabase();
        var sameSchool = database.PupilAt(Logins.SchoolA, notTaughtBy: Logins.TeacherA);
        var otherSchool = database.PupilOf(Logins.TeacherB);
        var pupils = database.Pupils(Logins.TeacherA);

        foreach (var pupilId in new[] { sameSchool, otherSchool })
        {
            Pupil pupil;
            await using (var db = database.CreateContext())
                pupil = await db.Pupils.SingleAsync(p => p.Id == pupilId);

            var found = await pupils.SearchFlaggableAsync($"{pupil.FirstName} {pupil.LastName}", take: 1000);

            Assert.DoesNotContain(found, p => p.Id == pupilId);
            await Assert.ThrowsAsync<AccessDeniedException>(() => pupils.GetFlaggableAsync(pupilId));
        }
    }

    [Fact]
    public async Task Care_coordinator_search_spans_both_schools_and_finds_a_pupil_by_name()
    {
        using var database = new TestDatabase();
        var pupils = database.Pupils(Logins.CareCoordinator);
        var pupilId = database.PupilOf(Logins.TeacherB);
        Pupil pupil;
        await using (var db = database.CreateContext())
            pupil = await db.Pupils.SingleAsync(p => p.Id == pupilId);

        var all = await pupils.SearchFlaggableAsync(null, take: 1000);
        var byName = await pupils.SearchFlaggableAsync($"{pupil.FirstName.ToUpperInvariant()} {pupil.LastName}", take: 1000);

        Assert.Equal(2 * 8 * DemoDataSeeder.PupilsPerGroup, all.Count);
        Assert.Contains(all, p => p.SchoolShortName == Logins.SchoolA);
        Assert.Contains(all, p => p.SchoolShortName == Logins.SchoolB);
        Assert.Contains(byName, p => p.Id == pupilId && p.FullName == pupil.FullName);
        Assert.All(byName, p =>
        {
            Assert.Contains(pupil.FirstName, p.FullName, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(pupil.LastName, p.FullName, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Search_matches_the_infix_and_shows_the_full_name_with_infix()
    {
        using var database = new TestDatabase();
        var all = await database.Pupils(Logins.CareCoordinator).SearchFlaggableAsync(null, take: 1000);

        var found = await database.Pupils(Logins.CareCoordinator).SearchFlaggableAsync("van der", take: 1000);

        Assert.NotEmpty(found);
        Assert.All(found, p => Assert.Contains("van der", p.FullName, StringComparison.Ordinal));
        Assert.Equal(all.Count(p => p.FullName.Contains(" van der ", StringComparison.Ordinal)), found.Count);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Search_treats_like_wildcards_as_plain_characters(string term)
    {
        using var database = new TestDatabase();

        Assert.Empty(await database.Pupils(Logins.CareCoordinator).SearchFlaggableAsync(term, take: 1000));
    }

    [Fact]
    public async Task Search_returns_at_most_the_requested_number_of_pupils()
    {
        using var database = new TestDatabase();

        Assert.Equal(7, (await database.Pupils(Logins.CareCoordinator).SearchFlaggableAsync(null, take: 7)).Count);
    }

    [Fact]
    public async Task Teacher_can_get_own_pupil_as_flaggable_option()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);

        var option = await database.Pupils(Logins.TeacherA).GetFlaggableAsync(pupilId);

        Assert.Equal(pupilId, option.Id);
        Assert.Equal("5", option.GroupName);
        Assert.Equal(Logins.SchoolA, option.SchoolShortName);
    }

    [Fact]
    public async Task Pupil_who_left_disappears_from_the_teachers_group_search_and_flagging()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);
        database.LeaveOn(pupilId, database.Today().AddDays(-1));
        var pupils = database.Pupils(Logins.TeacherA);

        var group = Assert.Single(await pupils.GetMyGroupsAsync());
        Assert.DoesNotContain(group.Pupils, p => p.Id == pupilId);
        Assert.Equal(DemoDataSeeder.PupilsPerGroup - 1, group.Pupils.Count);
        Assert.DoesNotContain(await pupils.SearchFlaggableAsync(null, take: 1000), p => p.Id == pupilId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => pupils.GetFlaggableAsync(pupilId));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Concerns(Logins.CareCoordinator).RaiseAsync(DomainScenario.ValidConcern(pupilId)));
    }

    [Fact]
    public async Task Pupil_leaving_today_can_still_be_flagged_today()
    {
        using var database = new TestDatabase();
        var pupilId = database.PupilOf(Logins.TeacherA);
        database.LeaveOn(pupilId, database.Today());

        var id = await database.Concerns(Logins.TeacherA).RaiseAsync(DomainScenario.ValidConcern(pupilId));

        Assert.Equal(pupilId, database.Stored(id).PupilId);
    }

    [Fact]
    public async Task Teacher_still_has_the_group_on_31_July_and_none_from_1_August_when_the_new_school_year_starts()
    {
        using var database = new TestDatabase();
        var pupils = database.Pupils(Logins.TeacherA);

        database.Clock.SetUtcNow(new DateTimeOffset(2027, 7, 31, 23, 0, 0, TimeSpan.Zero));
        Assert.Single(await pupils.GetMyGroupsAsync());

        database.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 1, 7, 0, 0, TimeSpan.Zero));
        Assert.Empty(await pupils.GetMyGroupsAsync());
    }
}
