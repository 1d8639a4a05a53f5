using IbPortal.Domain.Quality;
using IbPortal.Quality.Cycle;

namespace IbPortal.Tests.QualityTests;

/// <summary>Which school the quality cycle opens on when the URL names none.</summary>
public class CycleDefaultSchoolTests
{
    private static QualityCycleScope Scope(params QualityCycleSchool[] schools) =>
        new(schools, [2025, 2026, 2027], 2026, new DateOnly(2026, 11, 24));

    [Fact]
    public void Without_a_school_in_the_url_it_opens_the_first_school_with_goals_this_year()
    {
        var scope = Scope(new(1, "CBS Het Anker", "HA", "#b00", 0), new(2, "OBS De Vlinderboom", "VB", "#00b", 2));

        Assert.Equal((2, 2026), QualityCycleLinks.Choose(scope, null, null));
    }

    [Fact]
    public void Without_goals_anywhere_it_opens_the_first_school_by_name_and_a_school_in_the_url_wins()
    {
        var scope = Scope(new(1, "CBS Het Anker", "HA", "#b00", 0), new(2, "OBS De Vlinderboom", "VB", "#00b", 0));

        Assert.Equal((1, 2026), QualityCycleLinks.Choose(scope, null, null));
        Assert.Equal((2, 2025), QualityCycleLinks.Choose(Scope(new(1, "A", "A", "#b00", 3), new(2, "B", "B", "#00b", 0)), 2, 2025));
    }
}
