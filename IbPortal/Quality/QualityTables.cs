using IbPortal.Domain.Concerns;
using IbPortal.Domain.Quality;

namespace IbPortal.Quality;

/// <summary>
/// The tables of the trends dashboard, built from the figures exactly as shown (suppressed figures as "&lt;5"), so the
/// screen and the exports (<see cref="ExportButtons"/>) hold the same cells.
/// </summary>
public static class QualityTables
{
    private static readonly string[] StepLabels = ["Tot gezien", "Tot eerste bespreking", "Tot eerste planstap"];

    // ---- Signaleringen ----

    public static QualityTable ConcernsPerMonth(ConcernTrend current, ConcernTrend previous, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(period);
        var rows = period.Months.Select(m => Row(
            TableCell.Of(TrendFormat.Month(m.Month)),
            TableCell.Of(MonthTotal(current, m.Year, m.Month)),
            TableCell.Of(MonthTotal(previous, m.Year - 1, m.Month)))).ToList();
        return new QualityTable("Signaleringen per maand", ["Maand", period.Name, period.PreviousName], rows);
    }

    public static QualityTable ConcernsPerSchoolYear(ConcernTrend allYears)
    {
        ArgumentNullException.ThrowIfNull(allYears);
        var rows = allYears.SchoolYears.Select(y => Row(TableCell.Of(y.Name), TableCell.Of(y.Counts.Total))).ToList();
        return new QualityTable("Signaleringen per schooljaar", ["Schooljaar", "Signaleringen"], rows);
    }

    public static QualityTable ConcernsByArea(ConcernTrend current, ConcernTrend previous, TrendPeriod period)
    {
        var (now, before) = Totals(current, previous);
        var rows = Enum.GetValues<DevelopmentArea>().Select(a => Row(
            TableCell.Of(a.Label()),
            TableCell.Of(TrendFormat.Get(now.ByArea, a)),
            TableCell.Of(TrendFormat.Get(before.ByArea, a)))).ToList();
        return new QualityTable("Signaleringen per ontwikkelingsgebied", ["Ontwikkelingsgebied", period.Name, period.PreviousName], rows);
    }

    public static QualityTable ConcernsBySubArea(ConcernTrend current, ConcernTrend previous, TrendPeriod period)
    {
        var (now, before) = Totals(current, previous);
        var rows = SubAreasIn(now, before).Select(s => Row(
            TableCell.Of(s.Label()),
            TableCell.Of(TrendFormat.Get(now.BySubArea, s)),
            TableCell.Of(TrendFormat.Get(before.BySubArea, s)))).ToList();
        return new QualityTable("Signaleringen per deelgebied", ["Deelgebied", period.Name, period.PreviousName], rows);
    }

    public static QualityTable ConcernsBySchool(ConcernTrend current, ConcernTrend previous, TrendPeriod period)
    {
        var (now, before) = Totals(current, previous);
        var rows = current.Schools.Select(s => Row(
            TableCell.Of(s.Name),
            TableCell.Of(TrendFormat.Get(now.BySchool, s.Id)),
            TableCell.Of(TrendFormat.Get(before.BySchool, s.Id)))).ToList();
        return new QualityTable("Signaleringen per school", ["School", period.Name, period.PreviousName], rows);
    }

    public static QualityTable ConcernsByGroup(ConcernTrend current, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(period);
        var now = Total(current);
        var rows = current.Groups.Select(g => Row(
            TableCell.Of(SchoolName(current.Schools, g.SchoolId)),
            TableCell.Of(GroupName(g)),
            TableCell.Of(TrendFormat.Get(now.ByGroup, g.Id)))).ToList();
        return new QualityTable("Signaleringen per groep", ["School", "Groep", period.Name], rows);
    }

    public static QualityTable ConcernsByGrade(ConcernTrend current, ConcernTrend previous, TrendPeriod period)
    {
        var (now, before) = Totals(current, previous);
        var rows = GradesIn(now, before).Select(g => Row(
            TableCell.Of(TrendFormat.Grade(g)),
            TableCell.Of(TrendFormat.Get(now.ByGrade, g)),
            TableCell.Of(TrendFormat.Get(before.ByGrade, g)))).ToList();
        return new QualityTable("Signaleringen per jaargroep", ["Jaargroep", period.Name, period.PreviousName], rows);
    }

    // ---- Zorgsnelheid ----

    public static QualityTable CareSpeedSteps(CareSpeed current, CareSpeed previous, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(period);
        var now = Steps(current.All);
        var before = Steps(previous.All);
        var rows = StepLabels.Select((label, i) => Row(
            TableCell.Of(label),
            Median(now[i]), P90(now[i]), TableCell.Of(now[i].Count),
            Median(before[i]), P90(before[i]), TableCell.Of(before[i].Count))).ToList();
        return new QualityTable("Zorgsnelheid in dagen",
            ["Stap", $"Mediaan {period.Name}", $"P90 {period.Name}", $"Aantal {period.Name}",
             $"Mediaan {period.PreviousName}", $"P90 {period.PreviousName}", $"Aantal {period.PreviousName}"], rows);
    }

    public static QualityTable CareSpeedBySchool(CareSpeed current, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(period);
        var rows = current.Schools.Select(s =>
        {
            var steps = current.BySchool.TryGetValue(s.Id, out var f) ? Steps(f) : null;
            var cells = new List<TableCell> { TableCell.Of(s.Name) };
            for (var i = 0; i < StepLabels.Length; i++)
            {
                cells.Add(steps is null ? TableCell.Of("–") : Median(steps[i]));
                cells.Add(steps is null ? TableCell.Of("–") : P90(steps[i]));
            }

            return (IReadOnlyList<TableCell>)cells;
        }).ToList();
        var columns = new List<string> { "School" };
        foreach (var label in StepLabels)
        {
            columns.Add($"{label}: mediaan");
            columns.Add($"{label}: P90");
        }

        return new QualityTable($"Zorgsnelheid per school in dagen {period.Name}", columns, rows);
    }

    internal static DurationFigure[] Steps(CareSpeedFigures figures) =>
        [figures.ToAcknowledgement, figures.ToFirstDiscussion, figures.ToFirstPlanStep];

    internal static IReadOnlyList<string> StepNames => StepLabels;

    // ---- Ondersteuningsniveaus ----

    public static QualityTable LevelDistribution(SupportLevelTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var rows = Levels.Select(level => (IReadOnlyList<TableCell>)
            new[] { TableCell.Of($"Niveau {level}") }
                .Concat(trend.SchoolYears.Select(y => TableCell.Of(TrendFormat.Get(y.All.ByLevel, level))))
                .ToList())
            .Append(new[] { TableCell.Of("Totaal leerlingen") }.Concat(trend.SchoolYears.Select(y => TableCell.Of(y.All.Pupils))).ToList())
            .ToList();
        return new QualityTable("Leerlingen per ondersteuningsniveau",
            trend.SchoolYears.Select(y => y.Name).Prepend("Niveau").ToList(), rows);
    }

    public static QualityTable LevelsBySchool(SupportLevelTrend trend, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(period);
        var year = trend.SchoolYears.FirstOrDefault(y => y.StartYear == period.SchoolYear);
        var rows = trend.Schools.Select(s =>
        {
            var d = year is not null && year.BySchool.TryGetValue(s.Id, out var x) ? x : null;
            return (IReadOnlyList<TableCell>)new[] { TableCell.Of(s.Name) }
                .Concat(Levels.Select(l => d is null ? TableCell.Of(0) : TableCell.Of(TrendFormat.Get(d.ByLevel, l))))
                .Append(d is null ? TableCell.Of(0) : TableCell.Of(d.Pupils))
                .ToList();
        }).ToList();
        return new QualityTable($"Ondersteuningsniveaus per school {period.Name}",
            Levels.Select(l => $"Niveau {l}").Prepend("School").Append("Totaal").ToList(), rows);
    }

    public static QualityTable LevelChanges(SupportLevelTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var rows = trend.SchoolYears.Select(y => Row(TableCell.Of(y.Name), TableCell.Of(y.MovedUp), TableCell.Of(y.MovedDown))).ToList();
        return new QualityTable("Leerlingen die een niveau omhoog of omlaag gingen, per schooljaar",
            ["Schooljaar", "Leerlingen omhoog", "Leerlingen omlaag"], rows);
    }

    internal static IReadOnlyList<int> Levels { get; } = [1, 2, 3, 4, 5];

    // ---- Evaluaties ----

    public static QualityTable Evaluations(EvaluationTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var rows = trend.SchoolYears.Select(y => Row(
            TableCell.Of(y.Name), TableCell.Of(y.All.Achieved), TableCell.Of(y.All.PartlyAchieved),
            TableCell.Of(y.All.NotAchieved), TableCell.Of(y.All.Total))).ToList();
        return new QualityTable("Evaluaties van doelen per schooljaar",
            ["Schooljaar", "Behaald", "Deels behaald", "Niet behaald", "Totaal"], rows);
    }

    public static QualityTable EvaluationsBySchool(EvaluationTrend trend, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(period);
        var year = trend.SchoolYears.FirstOrDefault(y => y.StartYear == period.SchoolYear);
        var rows = trend.Schools.Select(s =>
        {
            var e = year is not null && year.BySchool.TryGetValue(s.Id, out var x) ? x : null;
            return e is null
                ? Row(TableCell.Of(s.Name), TableCell.Of(0), TableCell.Of(0), TableCell.Of(0), TableCell.Of(0))
                : Row(TableCell.Of(s.Name), TableCell.Of(e.Achieved), TableCell.Of(e.PartlyAchieved), TableCell.Of(e.NotAchieved), TableCell.Of(e.Total));
        }).ToList();
        return new QualityTable($"Evaluaties per school {period.Name}",
            ["School", "Behaald", "Deels behaald", "Niet behaald", "Totaal"], rows);
    }

    // ---- Klassenbezoeken ----

    public static QualityTable VisitCoverage(VisitCoverageTrend trend, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(period);
        var now = trend.SchoolYears.FirstOrDefault(y => y.StartYear == period.SchoolYear);
        var before = trend.SchoolYears.FirstOrDefault(y => y.StartYear == period.PreviousSchoolYear);
        TableCell[] CoverageRow(string name, VisitCoverageFigures? n, VisitCoverageFigures? b) => Row(
            TableCell.Of(name),
            TableCell.Of(n?.Teachers ?? 0),
            TableCell.Of(n?.TeachersVisited ?? 0),
            PercentCell(n?.Percent),
            TableCell.Of(n?.VisitsHeld ?? 0),
            PercentCell(b?.Percent));
        var rows = trend.Schools
            .Select(s => CoverageRow(s.Name, Coverage(now, s.Id), Coverage(before, s.Id)))
            .Append(CoverageRow("Alle scholen", now?.All, before?.All))
            .ToList();
        return new QualityTable("Klassenbezoeken per school",
            ["School", $"Leerkrachten {period.Name}", "Bezocht", $"Bezocht % {period.Name}", "Bezoeken gehouden", $"Bezocht % {period.PreviousName}"], rows);
    }

    internal static VisitCoverageFigures? Coverage(SchoolYearCoverage? year, int schoolId) =>
        year is not null && year.BySchool.TryGetValue(schoolId, out var f) ? f : null;

    // ---- Toestemming ----

    public static QualityTable Consents(ConsentTrend current, ConsentTrend previous, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(period);
        var n = current.All;
        var b = previous.All;
        var rows = new List<IReadOnlyList<TableCell>>
        {
            Row(TableCell.Of("Aangevraagd"), TableCell.Of(n.Requested), TableCell.Of(b.Requested)),
            Row(TableCell.Of("Wacht op antwoord"), TableCell.Of(n.Awaiting), TableCell.Of(b.Awaiting)),
            Row(TableCell.Of("Gegeven"), TableCell.Of(n.Given), TableCell.Of(b.Given)),
            Row(TableCell.Of("Geweigerd"), TableCell.Of(n.Refused), TableCell.Of(b.Refused)),
            Row(TableCell.Of("Doorlooptijd mediaan (dagen)"), Median(n.Turnaround), Median(b.Turnaround)),
            Row(TableCell.Of("Doorlooptijd P90 (dagen)"), P90(n.Turnaround), P90(b.Turnaround)),
        };
        return new QualityTable("Toestemmingen", ["", period.Name, period.PreviousName], rows);
    }

    public static QualityTable ConsentsBySchool(ConsentTrend current, TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(period);
        var rows = current.Schools.Select(s => current.BySchool.TryGetValue(s.Id, out var f)
            ? Row(TableCell.Of(s.Name), TableCell.Of(f.Requested), TableCell.Of(f.Awaiting), TableCell.Of(f.Given),
                TableCell.Of(f.Refused), Median(f.Turnaround), P90(f.Turnaround))
            : Row(TableCell.Of(s.Name), TableCell.Of(0), TableCell.Of(0), TableCell.Of(0), TableCell.Of(0), TableCell.Of("–"), TableCell.Of("–")))
            .ToList();
        return new QualityTable($"Toestemmingen per school {period.Name}",
            ["School", "Aangevraagd", "Wacht op antwoord", "Gegeven", "Geweigerd", "Mediaan (dagen)", "P90 (dagen)"], rows);
    }

    // ---- helpers ----

    /// <summary>The concern counts of a trend's whole period (its one school year), or none.</summary>
    internal static ConcernCounts Total(ConcernTrend trend) =>
        trend.SchoolYears.Count == 1 ? trend.SchoolYears[0].Counts : Sum(trend);

    internal static CountFigure MonthTotal(ConcernTrend trend, int year, int month) =>
        trend.Months.FirstOrDefault(m => m.Year == year && m.Month == month)?.Counts.Total ?? TrendFormat.Zero;

    internal static IReadOnlyList<SubAreas> SubAreasIn(ConcernCounts now, ConcernCounts before) =>
        Enum.GetValues<SubAreas>().Where(s => s != SubAreas.None && (now.BySubArea.ContainsKey(s) || before.BySubArea.ContainsKey(s))).ToList();

    internal static IReadOnlyList<int> GradesIn(ConcernCounts now, ConcernCounts before) =>
        now.ByGrade.Keys.Concat(before.ByGrade.Keys).Distinct().Order().ToList();

    internal static string GroupName(TrendGroup group) => $"Groep {group.Name}";

    internal static string SchoolName(IReadOnlyList<TrendSchool> schools, int id) =>
        schools.FirstOrDefault(s => s.Id == id)?.Name ?? "";

    private static (ConcernCounts Now, ConcernCounts Before) Totals(ConcernTrend current, ConcernTrend previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        return (Total(current), Total(previous));
    }

    // A trend over a period inside one school year has one entry (or none: no concerns at all). More than one only
    // happens without a school year; the per-key figures then cannot be summed without revealing suppressed ones.
    private static ConcernCounts Sum(ConcernTrend trend) => trend.SchoolYears.Count == 0
        ? Empty
        : throw new InvalidOperationException("A concern trend over more than one school year has no single total.");

    private static readonly ConcernCounts Empty = new(
        TrendFormat.Zero,
        new Dictionary<DevelopmentArea, CountFigure>(),
        new Dictionary<int, CountFigure>(),
        new Dictionary<int, CountFigure>(),
        new Dictionary<int, CountFigure>(),
        new Dictionary<SubAreas, CountFigure>());

    private static TableCell Median(DurationFigure f) => DaysCell(f, f.Median);

    private static TableCell P90(DurationFigure f) => DaysCell(f, f.Percentile90);

    private static TableCell DaysCell(DurationFigure f, TimeSpan? value) =>
        new(TrendFormat.Days(f, value), TrendFormat.Plot(f, value));

    private static TableCell PercentCell(double? percent) =>
        new(TrendFormat.Percent(percent), percent is { } p ? Math.Round(p, 1) : null);

    private static TableCell[] Row(params TableCell[] cells) => cells;
}
