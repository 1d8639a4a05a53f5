using IbPortal.Domain.Organisation;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Quality;

/// <summary>Why a group's boat signal was raised: each threshold the group reached (<see cref="BoatSignalOptions"/>).</summary>
[Flags]
#pragma warning disable CA1711 // "Reasons" is a set of flags by design
public enum BoatSignalReasons
#pragma warning restore CA1711
{
    None = 0,

    /// <summary>The share of the group's pupils with an open concern reached its threshold.</summary>
    OpenConcernShare = 1 << 0,

    /// <summary>The number of new concerns in the group in the last weeks reached its threshold.</summary>
    NewConcerns = 1 << 1,

    /// <summary>The share of the group's pupils at a high support level reached its threshold.</summary>
    HighSupportShare = 1 << 2,
}

public enum BoatSignalStatus
{
    Open = 1,

    /// <summary>The IB'er acted on it: a group discussion and/or a classroom visit.</summary>
    Acted = 2,

    /// <summary>The IB'er dismissed it, with a reason.</summary>
    Dismissed = 3,
}

/// <summary>What the signal proposes and what the IB'er chose: a look at the group, at the teaching, or both.</summary>
[Flags]
#pragma warning disable CA1711
public enum BoatSignalResponses
#pragma warning restore CA1711
{
    None = 0,
    GroupDiscussion = 1 << 0,
    ClassroomVisit = 1 << 1,
}

/// <summary>
/// The boat signal (issue 6, item 2): "when a pupil falls out of the boat, how good is the boat?" Raised for a group
/// when its concern density reached a configured threshold; the question is then about the group and the teaching, not
/// only about single pupils. It holds counts of the moment it was raised (never names or notes), what it proposes, and
/// what the IB'er did with it. At most one signal per group is open.
/// </summary>
public class BoatSignal
{
    public const int NoteMaxLength = 1000;

    public int Id { get; set; }
    public int GroupId { get; set; }
    public Group? Group { get; set; }

    /// <summary>The group's school, kept for scoping.</summary>
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public DateTime RaisedAt { get; set; }
    public BoatSignalReasons Reasons { get; set; }

    // The density when the signal was raised.
    public int PupilCount { get; set; }
    public int PupilsWithOpenConcerns { get; set; }
    public int NewConcerns { get; set; }
    public int NewConcernsWeeks { get; set; }
    public int PupilsAtHighSupportLevel { get; set; }

    /// <summary>What the signal proposes (from its reasons).</summary>
    public BoatSignalResponses Proposed { get; set; }

    public BoatSignalStatus Status { get; set; } = BoatSignalStatus.Open;

    /// <summary>What the IB'er chose when acting on it.</summary>
    public BoatSignalResponses Response { get; set; }

    /// <summary>The IB'er's note when acting, or the reason for dismissing (required then).</summary>
    public string? Note { get; set; }

    public DateTime? ClosedAt { get; set; }
    public int? ClosedById { get; set; }
    public StaffMember? ClosedBy { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// When a group raises a boat signal (configuration section "Quality:BoatSignal"). A threshold is reached when the
/// group's figure is at or above it; any reached threshold raises the signal, and each one is a reason.
/// </summary>
public sealed class BoatSignalOptions
{
    public const string Section = "Quality:BoatSignal";

    /// <summary>Groups with fewer pupils never raise a signal (percentages of a handful of pupils say little).</summary>
    public int MinimumPupils { get; set; } = 8;

    /// <summary>Percentage of the group's pupils with at least one open concern.</summary>
    public int OpenConcernSharePercent { get; set; } = 25;

    /// <summary>Number of concerns raised in the group within <see cref="NewConcernsWeeks"/>.</summary>
    public int NewConcerns { get; set; } = 5;

    /// <summary>The window, in weeks up to now, for <see cref="NewConcerns"/>.</summary>
    public int NewConcernsWeeks { get; set; } = 4;

    /// <summary>The support level from which a pupil counts as "high" (3: special support with the IB'er).</summary>
    public int HighSupportLevel { get; set; } = 3;

    /// <summary>Percentage of the group's pupils at <see cref="HighSupportLevel"/> or higher.</summary>
    public int HighSupportSharePercent { get; set; } = 20;

    /// <summary>After a signal was acted on or dismissed, the group raises no new one for this many days.</summary>
    public int QuietDays { get; set; } = 14;

    /// <summary>The problems with these values, in words for the operator; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MinimumPupils is < 1 or > 100)
            problems.Add($"Quality:BoatSignal:MinimumPupils must be between 1 and 100 (is {MinimumPupils}).");
        if (OpenConcernSharePercent is < 1 or > 100)
            problems.Add($"Quality:BoatSignal:OpenConcernSharePercent must be between 1 and 100 (is {OpenConcernSharePercent}).");
        if (NewConcerns is < 1 or > 1000)
            problems.Add($"Quality:BoatSignal:NewConcerns must be between 1 and 1000 (is {NewConcerns}).");
        if (NewConcernsWeeks is < 1 or > 52)
            problems.Add($"Quality:BoatSignal:NewConcernsWeeks must be between 1 and 52 (is {NewConcernsWeeks}).");
        if (HighSupportLevel is < 2 or > 5)
            problems.Add($"Quality:BoatSignal:HighSupportLevel must be between 2 and 5 (is {HighSupportLevel}).");
        if (HighSupportSharePercent is < 1 or > 100)
            problems.Add($"Quality:BoatSignal:HighSupportSharePercent must be between 1 and 100 (is {HighSupportSharePercent}).");
        if (QuietDays is < 0 or > 365)
            problems.Add($"Quality:BoatSignal:QuietDays must be between 0 and 365 (is {QuietDays}).");
        return problems;
    }
}
