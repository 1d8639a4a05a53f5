namespace IbPortal.Domain.Quality;

/// <summary>
/// A group's concern density today (issue 6, item 2), the raw figures the thresholds of <see cref="BoatSignalOptions"/>
/// are applied to. Counts only: no pupil ids leave the computation.
/// </summary>
/// <param name="PupilCount">Pupils actively enrolled in the group today.</param>
/// <param name="PupilsWithOpenConcerns">Distinct enrolled pupils with a concern raised in this group that is not closed.</param>
/// <param name="NewConcerns">Concerns raised in this group within the last <see cref="BoatSignalOptions.NewConcernsWeeks"/> weeks.</param>
/// <param name="PupilsAtHighSupportLevel">Enrolled pupils whose latest support level at the school is at or above
/// <see cref="BoatSignalOptions.HighSupportLevel"/>.</param>
/// <param name="NewConcernPupils">Distinct pupils the <paramref name="NewConcerns"/> are about (for small-count
/// suppression: six concerns about two pupils still count two pupils).</param>
public sealed record GroupDensity(
    int GroupId,
    int SchoolId,
    int PupilCount,
    int PupilsWithOpenConcerns,
    int NewConcerns,
    int PupilsAtHighSupportLevel,
    int NewConcernPupils);

/// <summary>What one evaluation of a group by <see cref="BoatSignalDetector"/> came to.</summary>
public enum BoatSignalEvaluationOutcome
{
    /// <summary>A threshold was reached and a new signal was raised.</summary>
    Raised = 1,

    /// <summary>Thresholds reached, but the group already has an open signal (also when another node just raised it).</summary>
    AlreadyOpen = 2,

    /// <summary>Thresholds reached, but the group's last signal closed within the quiet period.</summary>
    QuietPeriod = 3,

    /// <summary>No threshold reached, or the group has fewer pupils than the minimum.</summary>
    BelowThresholds = 4,

    /// <summary>The group does not exist or is not a group of the current school year.</summary>
    NotCurrentGroup = 5,
}

public sealed record BoatSignalEvaluation(
    BoatSignalEvaluationOutcome Outcome,
    GroupDensity? Density,
    BoatSignalReasons Reasons,
    int? SignalId);

/// <summary>The thresholds in force, for showing them next to the figures.</summary>
public sealed record BoatSignalThresholds(
    int MinimumPupils,
    int OpenConcernSharePercent,
    int NewConcerns,
    int NewConcernsWeeks,
    int HighSupportLevel,
    int HighSupportSharePercent,
    int QuietDays)
{
    public static BoatSignalThresholds From(BoatSignalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MinimumPupils, options.OpenConcernSharePercent, options.NewConcerns, options.NewConcernsWeeks,
            options.HighSupportLevel, options.HighSupportSharePercent, options.QuietDays);
    }
}

/// <summary>
/// One group's density as a viewer may see it (counts of 1–4 pupils as "&lt;5" for viewers without pupil-level
/// rights), and which thresholds it reaches. A threshold needs at least 5 pupils behind it
/// (<see cref="BoatSignalDensity.Reached"/>), so a reached threshold's figure is never "&lt;5" and marking it gives no
/// hidden count away.
/// </summary>
public sealed record GroupDensityRow(
    int GroupId,
    string GroupName,
    int FirstGrade,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    CountFigure Pupils,
    CountFigure PupilsWithOpenConcerns,
    int? OpenConcernPercent,
    CountFigure NewConcerns,
    CountFigure PupilsAtHighSupportLevel,
    int? HighSupportPercent,
    bool BelowMinimumPupils,
    bool OpenConcernShareReached,
    bool NewConcernsReached,
    bool HighSupportShareReached,
    int? OpenSignalId)
{
    /// <summary>The thresholds the group reaches.</summary>
    public BoatSignalReasons Reached =>
        (OpenConcernShareReached ? BoatSignalReasons.OpenConcernShare : BoatSignalReasons.None)
        | (NewConcernsReached ? BoatSignalReasons.NewConcerns : BoatSignalReasons.None)
        | (HighSupportShareReached ? BoatSignalReasons.HighSupportShare : BoatSignalReasons.None);
}

/// <summary>Every current group's density at the viewer's schools, with the thresholds in force.</summary>
public sealed record BoatSignalDensities(BoatSignalThresholds Thresholds, IReadOnlyList<GroupDensityRow> Groups);

/// <summary>A density's figures as a viewer may see them.</summary>
public sealed record DensityFigures(
    CountFigure Pupils,
    CountFigure PupilsWithOpenConcerns,
    CountFigure NewConcerns,
    int NewConcernsWeeks,
    CountFigure PupilsAtHighSupportLevel);

/// <summary>
/// A boat signal as shown on the IB'er's dashboard and in the quality view: the group, the reasons in words (from the
/// figures of the moment it was raised), those figures, the group's density now, the proposal and what was done.
/// </summary>
public sealed record BoatSignalSummary(
    int Id,
    int GroupId,
    string GroupName,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int? TeacherId,
    DateTime RaisedAt,
    BoatSignalReasons Reasons,
    IReadOnlyList<string> ReasonTexts,
    DensityFigures AtRaise,
    DensityFigures Now,
    BoatSignalResponses Proposed,
    BoatSignalStatus Status,
    BoatSignalResponses Response,
    string? Note,
    DateTime? ClosedAt,
    string? ClosedByName,
    int Version,
    bool CanManage)
{
    public bool IsOpen => Status == BoatSignalStatus.Open;
}
