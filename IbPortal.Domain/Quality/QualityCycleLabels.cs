using System.Globalization;
using IbPortal.Domain.Organisation;

namespace IbPortal.Domain.Quality;

/// <summary>The Dutch words of the quality cycle: indicators, statuses, results and the PDCA stages.</summary>
public static class QualityCycleLabels
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The indicators a goal can be tied to, in the order of the form (None first).</summary>
    public static IReadOnlyList<QualityIndicator> Indicators { get; } = Enum.GetValues<QualityIndicator>();

    public static string Indicator(QualityIndicator indicator) => indicator switch
    {
        QualityIndicator.None => "Geen cijfer: alleen in woorden",
        QualityIndicator.ConcernsPer100Pupils => "Signaleringen per 100 leerlingen",
        QualityIndicator.AcknowledgementMedianDays => "Dagen tot de IB'er een signalering ziet (mediaan)",
        QualityIndicator.FirstPlanStepMedianDays => "Dagen tot de eerste stap in een plan (mediaan)",
        QualityIndicator.EvaluationsAchievedPercent => "Geëvalueerde plandoelen die behaald zijn (%)",
        QualityIndicator.VisitCoveragePercent => "Leerkrachten met een klassenbezoek (%)",
        QualityIndicator.ConsentTurnaroundMedianDays => "Dagen tot ouders toestemming geven (mediaan)",
        QualityIndicator.HighSupportLevelPercent => "Leerlingen op ondersteuningsniveau 3 of hoger (%)",
        _ => indicator.ToString(),
    };

    /// <summary>Whether the indicator is a percentage (0 to 100).</summary>
    public static bool IsPercent(QualityIndicator indicator) =>
        indicator is QualityIndicator.EvaluationsAchievedPercent or QualityIndicator.VisitCoveragePercent or QualityIndicator.HighSupportLevelPercent;

    /// <summary>Whether a lower value is better (days, concerns, high support levels).</summary>
    public static bool LowerIsBetter(QualityIndicator indicator) =>
        indicator is QualityIndicator.ConcernsPer100Pupils or QualityIndicator.AcknowledgementMedianDays
            or QualityIndicator.FirstPlanStepMedianDays or QualityIndicator.ConsentTurnaroundMedianDays
            or QualityIndicator.HighSupportLevelPercent;

    /// <summary>"4,5" or "–".</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.#", Dutch) : "–";

    /// <summary>"4,5 dagen", "80%", "3,2 per 100 leerlingen", or "–".</summary>
    public static string Value(QualityIndicator indicator, double? value)
    {
        if (value is null)
            return "–";
        var number = Number(value);
        return indicator switch
        {
            _ when IsPercent(indicator) => $"{number}%",
            QualityIndicator.ConcernsPer100Pupils => $"{number} per 100 leerlingen",
            QualityIndicator.None => number,
            _ => value == 1 ? $"{number} dag" : $"{number} dagen",
        };
    }

    /// <summary>A check without a kept value: its base was 1–4 pupils (never stored, see the service) or empty.</summary>
    public const string NotShown = "niet te tonen";

    /// <summary>Why a check has no value, next to <see cref="NotShown"/>.</summary>
    public const string NotShownReason = "minder dan 5 leerlingen of nog geen gegevens";

    /// <summary>A check's measured value: "4,5 dagen", "80%", … or "niet te tonen" when none was kept.</summary>
    public static string Measured(QualityIndicator indicator, double? value) => value is null ? NotShown : Value(indicator, value);

    /// <summary>Parses a number as typed by a Dutch user ("4,5" or "4.5"); null when empty or not a number.</summary>
    public static bool TryParseNumber(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var normalized = text.Trim().Replace(',', '.');
        if (double.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    public static string Status(QualityGoalStatus status) => status switch
    {
        QualityGoalStatus.Active => "Actief",
        QualityGoalStatus.Achieved => "Behaald",
        QualityGoalStatus.PartlyAchieved => "Deels behaald",
        QualityGoalStatus.NotAchieved => "Niet behaald",
        QualityGoalStatus.Dropped => "Losgelaten",
        _ => status.ToString(),
    };

    public static string Result(QualityCheckResult result) => result switch
    {
        QualityCheckResult.OnTrack => "Op koers",
        QualityCheckResult.BehindTarget => "Achter op het doel",
        QualityCheckResult.Achieved => "Doel bereikt",
        _ => result.ToString(),
    };

    public static string ActionStatus(QualityActionStatus status) => status switch
    {
        QualityActionStatus.Planned => "Gepland",
        QualityActionStatus.Done => "Gedaan",
        QualityActionStatus.Cancelled => "Geschrapt",
        _ => status.ToString(),
    };

    /// <summary>The four steps' names, as schools say them.</summary>
    public static string StepName(QualityCycleStage stage) => stage switch
    {
        QualityCycleStage.Plan => "Plan",
        QualityCycleStage.Do => "Do",
        QualityCycleStage.Check => "Check",
        QualityCycleStage.Act => "Act",
        _ => "Afgerond",
    };

    /// <summary>The stage in words: what it means and what to do next.</summary>
    public static string StageText(QualityCycleStage stage, QualityGoalStatus status) => stage switch
    {
        QualityCycleStage.Plan => "Plan: het doel staat. Leg nu vast wat jullie gaan doen.",
        QualityCycleStage.Do => "Do: de acties lopen.",
        QualityCycleStage.Check => "Check: de acties zijn klaar. Tijd om te evalueren.",
        QualityCycleStage.Act => "Act: geëvalueerd. Besluit wat jullie bijstellen.",
        _ => $"Afgerond: {Status(status).ToLower(Dutch)}.",
    };

    /// <summary>"2026-2027".</summary>
    public static string SchoolYear(int startYear) => Organisation.SchoolYear.NameOf(startYear);
}
