using IbPortal.Domain.Concerns;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.DomainTests;

public class SeedTests
{
    [Fact]
    public async Task Seeded_board_has_two_schools_with_eight_groups_of_25_pupils_and_concerns_in_every_status()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        Assert.Equal(2, db.Schools.Count());
        Assert.All(db.Schools.Select(s => s.Groups.Count).ToList(), count => Assert.True(count >= 8));
        Assert.All(db.Groups.Select(g => g.Enrolments.Count).ToList(), count => Assert.Equal(25, count));
        foreach (var status in Enum.GetValues<ConcernStatus>())
            Assert.Contains(db.Concerns, c => c.Status == status);
        var ib = await database.Concerns(Logins.CareCoordinator).ListAsync(new ConcernListQuery());
        Assert.Equal(db.Concerns.Count(), ib.Count);
    }
}
