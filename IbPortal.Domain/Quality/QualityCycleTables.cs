using IbPortal.Domain.Care;

namespace IbPortal.Domain.Quality;

/// <summary>The yearly overview's sections as tables, as shown and exported (staff and goals only: no pupil data).</summary>
public static class QualityCycleTables
{
    public static QualityTable Summary(QualityYearOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var s = overview.Summary;
        return new QualityTable(
            $"Samenvatting kwaliteitscyclus {overview.School.ShortName} {QualityCycleLabels.SchoolYear(overview.SchoolYearStart)}",
            ["Onderdeel", "Aantal"],
            [
                Row("Kwaliteitsdoelen", s.Goals),
                Row("Actief", s.Active),
                Row("Behaald", s.Achieved),
                Row("Deels behaald", s.PartlyAchieved),
                Row("Niet behaald", s.NotAchieved),
                Row("Losgelaten", s.Dropped),
                Row("Acties gedaan", s.ActionsDone),
                Row("Acties open", s.ActionsOpen),
                Row("Acties te laat", s.ActionsOverdue),
                Row("Acties geschrapt", s.ActionsCancelled),
                Row("Evaluaties", s.Checks),
                Row("Bijstellingen", s.Adjustments),
            ]);

        static IReadOnlyList<TableCell> Row(string label, int count) => [TableCell.Of(label), TableCell.Of(count)];
    }

    public static QualityTable Goals(QualityYearOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new QualityTable(
            $"Kwaliteitsdoelen {overview.School.ShortName} {QualityCycleLabels.SchoolYear(overview.SchoolYearStart)}",
            ["Doel", "Stand", "Fase", "Waaraan zien we het?", "Cijfer", "Beginwaarde", "Streefwaarde", "Laatst gemeten", "Acties gedaan", "Acties open", "Te laat"],
            overview.Goals.Select(g => (IReadOnlyList<TableCell>)
            [
                TableCell.Of(g.Title),
                TableCell.Of(QualityCycleLabels.Status(g.Status)),
                TableCell.Of(QualityCycleLabels.StepName(g.Stage)),
                TableCell.Of(g.IndicatorText),
                TableCell.Of(g.Indicator == QualityIndicator.None ? "–" : QualityCycleLabels.Indicator(g.Indicator)),
                Number(g.Baseline),
                Number(g.Target),
                Number(g.LastMeasuredValue),
                TableCell.Of(g.ActionCounts.Done),
                TableCell.Of(g.ActionCounts.Open),
                TableCell.Of(g.ActionCounts.Overdue),
            ]).ToList());
    }

    public static QualityTable Actions(QualityYearOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new QualityTable(
            $"Acties {overview.School.ShortName} {QualityCycleLabels.SchoolYear(overview.SchoolYearStart)}",
            ["Doel", "Actie", "Trekker", "Klaar op", "Stand", "Gedaan op"],
            overview.Goals.SelectMany(g => g.Actions.Select(a => (IReadOnlyList<TableCell>)
            [
                TableCell.Of(g.Title),
                TableCell.Of(a.Description),
                TableCell.Of(a.OwnerName),
                TableCell.Of(DutchDates.OnScreen(a.DueOn, overview.Today)),
                TableCell.Of(a.IsOverdue ? "Te laat" : QualityCycleLabels.ActionStatus(a.Status)),
                TableCell.Of(a.DoneOn is { } d ? DutchDates.OnScreen(d, overview.Today) : "–"),
            ])).ToList());
    }

    public static QualityTable Checks(QualityYearOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new QualityTable(
            $"Evaluaties {overview.School.ShortName} {QualityCycleLabels.SchoolYear(overview.SchoolYearStart)}",
            ["Doel", "Datum", "Oordeel", "Gemeten", "Bevindingen"],
            overview.Goals.SelectMany(g => g.Checks.OrderBy(c => c.CheckedOn).ThenBy(c => c.Id).Select(c => (IReadOnlyList<TableCell>)
            [
                TableCell.Of(g.Title),
                TableCell.Of(DutchDates.OnScreen(c.CheckedOn, overview.Today)),
                TableCell.Of(QualityCycleLabels.Result(c.Result)),
                Measured(g.Indicator, c.MeasuredValue),
                TableCell.Of(c.Findings),
            ])).ToList());
    }

    public static QualityTable Adjustments(QualityYearOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new QualityTable(
            $"Bijstellingen {overview.School.ShortName} {QualityCycleLabels.SchoolYear(overview.SchoolYearStart)}",
            ["Doel", "Datum", "Besluit", "Na evaluatie van"],
            overview.Goals.SelectMany(g => g.Adjustments.OrderBy(a => a.DecidedOn).ThenBy(a => a.Id).Select(a => (IReadOnlyList<TableCell>)
            [
                TableCell.Of(g.Title),
                TableCell.Of(DutchDates.OnScreen(a.DecidedOn, overview.Today)),
                TableCell.Of(a.Decision),
                TableCell.Of(a.CheckOn is { } on ? DutchDates.OnScreen(on, overview.Today) : "–"),
            ])).ToList());
    }

    /// <summary>A check's value: "–" without a tied figure, "niet te tonen" when none was kept, else the number.</summary>
    private static TableCell Measured(QualityIndicator indicator, double? value) =>
        indicator == QualityIndicator.None ? TableCell.Of("–")
        : value is null ? TableCell.Of(QualityCycleLabels.NotShown)
        : Number(value);

    private static TableCell Number(double? value) => value is { } v ? new TableCell(QualityCycleLabels.Number(v), v) : TableCell.Of("–");
}
