using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;

namespace IbPortal.Tests.DomainTests;

/// <summary>Small rules of the model: school years, grade ranges, names, sub-areas.</summary>
public class ModelRuleTests
{
    [Theory]
    [InlineData(2026, 7, 31, 2025)]
    [InlineData(2026, 8, 1, 2026)]
    [InlineData(2026, 12, 31, 2026)]
    [InlineData(2027, 1, 1, 2026)]
    [InlineData(2027, 7, 31, 2026)]
    public void School_year_runs_from_1_August_to_31_July(int year, int month, int day, int expectedStartYear)
    {
        Assert.Equal(expectedStartYear, SchoolYear.StartYearOf(new DateOnly(year, month, day)));
    }

    [Fact]
    public void School_year_has_its_dates_and_name()
    {
        var year = new SchoolYear { StartYear = 2026 };

        Assert.Equal(new DateOnly(2026, 8, 1), year.StartDate);
        Assert.Equal(new DateOnly(2027, 7, 31), year.EndDate);
        Assert.Equal("2026-2027", year.Name);
        Assert.True(year.Contains(new DateOnly(2026, 8, 1)));
        Assert.True(year.Contains(new DateOnly(2027, 7, 31)));
        Assert.False(year.Contains(new DateOnly(2026, 7, 31)));
        Assert.False(year.Contains(new DateOnly(2027, 8, 1)));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(8, 8, true)]
    [InlineData(4, 5, true)]
    [InlineData(1, 8, true)]
    [InlineData(0, 1, false)]
    [InlineData(8, 9, false)]
    [InlineData(5, 4, false)]
    [InlineData(-1, -1, false)]
    public void Group_grades_must_lie_within_1_to_8_and_run_upwards(int first, int last, bool valid)
    {
        Assert.Equal(valid, Group.IsValidGradeRange(first, last));
    }

    [Theory]
    [InlineData("Jesse", "van der", "Veen", "Jesse van der Veen")]
    [InlineData("Noor", "de", "Wit", "Noor de Wit")]
    [InlineData("Sem", null, "Bakker", "Sem Bakker")]
    [InlineData("Sem", "", "Bakker", "Sem Bakker")]
    [InlineData("Sem", "  ", "Bakker", "Sem Bakker")]
    public void Full_name_puts_the_infix_between_first_and_last_name(string first, string? infix, string last, string expected)
    {
        Assert.Equal(expected, Pupil.FullNameOf(first, infix, last));
        Assert.Equal(expected, new Pupil { FirstName = first, Infix = infix, LastName = last }.FullName);
    }

    [Fact]
    public void Enrolment_is_active_from_enrolment_up_to_and_including_the_day_of_leaving()
    {
        var enrolment = new Enrolment { EnrolledOn = new DateOnly(2026, 8, 1), LeftOn = new DateOnly(2026, 12, 19) };

        Assert.False(enrolment.IsActiveOn(new DateOnly(2026, 7, 31)));
        Assert.True(enrolment.IsActiveOn(new DateOnly(2026, 8, 1)));
        Assert.True(enrolment.IsActiveOn(new DateOnly(2026, 12, 19)));
        Assert.False(enrolment.IsActiveOn(new DateOnly(2026, 12, 20)));
        Assert.True(new Enrolment { EnrolledOn = new DateOnly(2026, 8, 1) }.IsActiveOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Sub_areas_belong_to_their_area_and_both_allows_all()
    {
        Assert.All(SubAreaCatalog.Cognitive, s => Assert.Equal(s, SubAreaCatalog.AllowedFor(DevelopmentArea.Cognitive) & s));
        Assert.All(SubAreaCatalog.SocialEmotional, s => Assert.Equal(SubAreas.None, SubAreaCatalog.AllowedFor(DevelopmentArea.Cognitive) & s));
        Assert.All(SubAreaCatalog.SocialEmotional, s => Assert.Equal(s, SubAreaCatalog.AllowedFor(DevelopmentArea.SocialEmotional) & s));
        Assert.Equal(SubAreaCatalog.AllowedFor(DevelopmentArea.Cognitive) | SubAreaCatalog.AllowedFor(DevelopmentArea.SocialEmotional),
            SubAreaCatalog.AllowedFor(DevelopmentArea.Both));
        Assert.Equal([SubAreas.Reading, SubAreas.Wellbeing], SubAreaCatalog.Split(SubAreas.Reading | SubAreas.Wellbeing));
    }
}
