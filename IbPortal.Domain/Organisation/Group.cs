using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Organisation;

/// <summary>
/// A class (groep) in one school in one school year. A combination group spans consecutive grades,
/// e.g. 4/5 has <see cref="FirstGrade"/> 4 and <see cref="LastGrade"/> 5.
/// </summary>
public class Group
{
    public const int LowestGrade = 1;
    public const int HighestGrade = 8;

    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public int SchoolYearId { get; set; }
    public SchoolYear? SchoolYear { get; set; }

    /// <summary>The name the school uses, e.g. "4/5" or "6b".</summary>
    public required string Name { get; set; }

    public int FirstGrade { get; set; }
    public int LastGrade { get; set; }

    public List<Enrolment> Enrolments { get; set; } = [];
    public List<GroupTeacher> Teachers { get; set; } = [];

    public static bool IsValidGradeRange(int first, int last) =>
        first >= LowestGrade && last <= HighestGrade && first <= last;
}
