namespace IbPortal.Domain.Visits;

// Coverage is what the school leader sees of classroom visits: who was visited, when, in which group and how far the
// cycle got. These records deliberately have no field for a focus, notes, scores, goals, reflections or a request's
// text, so that no change to a query can put such content in front of the school leader.

/// <summary>One visit in the coverage table: its day, group and stage only.</summary>
public sealed record CoverageVisit(DateOnly Date, string GroupName, VisitStage Stage)
{
    /// <summary>Whether the visit took place: its time has come (the observation may still be being written up).</summary>
    public bool Held => Stage is not (VisitStage.Planned or VisitStage.Cancelled);
}

/// <summary>One teacher of the school with the (not cancelled) visits of the school year, oldest first.</summary>
public sealed record CoverageTeacher(
    int StaffMemberId,
    string Name,
    IReadOnlyList<string> Groups,
    IReadOnlyList<CoverageVisit> Visits)
{
    public int VisitsHeld => Visits.Count(v => v.Held);
    public int VisitsPlanned => Visits.Count(v => !v.Held);
    public DateOnly? LastVisitedOn => Visits.Where(v => v.Held).Select(v => (DateOnly?)v.Date).Max();

    /// <summary>No held visit in this school year.</summary>
    public bool NotVisited => VisitsHeld == 0;
}

/// <summary>The school's totals: teachers visited of all teachers, visits held and visits still planned.</summary>
public sealed record CoverageTotals(int TeachersVisited, int Teachers, int VisitsHeld, int VisitsPlanned);

/// <summary>
/// Visit coverage of one school in one school year (1 August – 31 July): per teacher the visits, and the totals. The
/// teachers are those teaching a group of the school in that year (active, with the teacher role) and anyone visited there
/// that year; not yet visited first, then the longest ago.
/// </summary>
public sealed record VisitCoverage(
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int SchoolYearStart,
    IReadOnlyList<int> SchoolYears,
    IReadOnlyList<CoverageTeacher> Teachers,
    CoverageTotals Totals,
    DateOnly Today)
{
    public string SchoolYearName => Organisation.SchoolYear.NameOf(SchoolYearStart);
}
