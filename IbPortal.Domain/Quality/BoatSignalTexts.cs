using System.Globalization;

namespace IbPortal.Domain.Quality;

/// <summary>The boat signal in Dutch words: its reasons and its proposal, as the IB'er reads them.</summary>
public static class BoatSignalTexts
{
    /// <summary>
    /// One sentence per reason, from the figures as this viewer may see them ("8 van 24 leerlingen hebben een open
    /// signalering (33%)"). A suppressed figure shows as "&lt;5" and then without its percentage.
    /// </summary>
    public static IReadOnlyList<string> Reasons(BoatSignalReasons reasons, DensityFigures figures, int pupilCount,
        int pupilsWithOpenConcerns, int pupilsAtHighSupportLevel, int highSupportLevel)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var texts = new List<string>();
        if (reasons.HasFlag(BoatSignalReasons.OpenConcernShare))
            texts.Add($"{Share(figures.PupilsWithOpenConcerns, figures.Pupils, pupilCount)} " +
                      $"{(figures.PupilsWithOpenConcerns.Value == 1 ? "heeft" : "hebben")} een open signalering{Percent(figures.PupilsWithOpenConcerns, figures.Pupils, pupilsWithOpenConcerns, pupilCount)}");
        if (reasons.HasFlag(BoatSignalReasons.NewConcerns))
            texts.Add($"{figures.NewConcerns.Display} {(figures.NewConcerns.Value == 1 ? "nieuwe signalering" : "nieuwe signaleringen")} in " +
                      $"{Weeks(figures.NewConcernsWeeks)}");
        if (reasons.HasFlag(BoatSignalReasons.HighSupportShare))
            texts.Add($"{Share(figures.PupilsAtHighSupportLevel, figures.Pupils, pupilCount)} " +
                      $"{(figures.PupilsAtHighSupportLevel.Value == 1 ? "heeft" : "hebben")} ondersteuningsniveau {N(highSupportLevel)} of hoger" +
                      Percent(figures.PupilsAtHighSupportLevel, figures.Pupils, pupilsAtHighSupportLevel, pupilCount));
        return texts;
    }

    /// <summary>"Voorstel: een groepsbespreking", "… een klassenbezoek", "… een groepsbespreking en een klassenbezoek".</summary>
    public static string Proposal(BoatSignalResponses proposed) => $"Voorstel: {Responses(proposed)}";

    /// <summary>"een groepsbespreking", "een klassenbezoek", "een groepsbespreking en een klassenbezoek" (or "niets").</summary>
    public static string Responses(BoatSignalResponses responses) => responses switch
    {
        BoatSignalResponses.GroupDiscussion => "een groepsbespreking",
        BoatSignalResponses.ClassroomVisit => "een klassenbezoek",
        BoatSignalResponses.GroupDiscussion | BoatSignalResponses.ClassroomVisit => "een groepsbespreking en een klassenbezoek",
        _ => "niets",
    };

    public static string Status(BoatSignalStatus status) => status switch
    {
        BoatSignalStatus.Open => "open",
        BoatSignalStatus.Acted => "opgepakt",
        BoatSignalStatus.Dismissed => "afgewezen",
        _ => status.ToString(),
    };

    public static string Weeks(int weeks) => weeks == 1 ? "1 week" : $"{N(weeks)} weken";

    private static string Share(CountFigure count, CountFigure pupils, int rawPupils) =>
        $"{count.Display} van {pupils.Display} {(rawPupils == 1 ? "leerling" : "leerlingen")}";

    private static string Percent(CountFigure count, CountFigure pupils, int rawCount, int rawPupils) =>
        count.Suppressed || pupils.Suppressed || rawPupils == 0
            ? ""
            : $" ({N(BoatSignalDensity.Percent(rawCount, rawPupils))}%)";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
