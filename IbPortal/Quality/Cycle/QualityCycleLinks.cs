using System.Globalization;
using IbPortal.Domain.Quality;

namespace IbPortal.Quality.Cycle;

/// <summary>The routes of the quality cycle and how the school and year in the URL are chosen.</summary>
public static class QualityCycleLinks
{
    public const string NotYoursText =
        "De kwaliteitscyclus is voor de kwaliteitscoördinator, de schoolleider en de intern begeleider van een school. " +
        "Hoort dit bij jouw werk? Vraag de beheerder om de juiste rol.";

    public static string List(int schoolId, int schoolYearStart) =>
        string.Create(CultureInfo.InvariantCulture, $"/kwaliteit/cyclus?school={schoolId}&jaar={schoolYearStart}");

    public static string Goal(int goalId) => string.Create(CultureInfo.InvariantCulture, $"/kwaliteit/cyclus/doelen/{goalId}");

    public static string Overview(int schoolId, int schoolYearStart) =>
        string.Create(CultureInfo.InvariantCulture, $"/kwaliteit/cyclus/jaaroverzicht?school={schoolId}&jaar={schoolYearStart}");

    /// <summary>
    /// The school and year to show: those in the URL, else the first school in reach (by name) with goals this school
    /// year, or else the first school, and the current school year. A school outside the scope is passed on as asked,
    /// so that the service refuses (and audits) it.
    /// </summary>
    public static (int? SchoolId, int SchoolYearStart) Choose(QualityCycleScope scope, int? school, int? year)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var schoolId = school
            ?? scope.Schools.FirstOrDefault(s => s.GoalsThisYear > 0)?.Id
            ?? (scope.Schools.Count > 0 ? scope.Schools[0].Id : null);
        var chosenYear = year is >= 2000 and <= 2100 ? year.Value : scope.CurrentSchoolYear;
        return (schoolId, chosenYear);
    }
}
