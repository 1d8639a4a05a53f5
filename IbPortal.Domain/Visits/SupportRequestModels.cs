namespace IbPortal.Domain.Visits;

/// <summary>
/// What a teacher fills in to ask for support. <see cref="GroupId"/> is required for <see cref="SupportTopic.Pupil"/> and
/// <see cref="SupportTopic.Group"/>; for <see cref="SupportTopic.OwnPractice"/> it is optional, and without it the school
/// is the one where the teacher teaches (<see cref="SchoolId"/> chooses when they teach at two schools).
/// </summary>
public sealed class NewSupportRequest
{
    public SupportTopic? Topic { get; set; }
    public int? SchoolId { get; set; }
    public int? GroupId { get; set; }
    public int? PupilId { get; set; }
    public string? Question { get; set; }
}

/// <summary>Which support requests a list shows. Without schools: all the user may see.</summary>
public sealed record SupportRequestQuery
{
    public IReadOnlyCollection<int>? SchoolIds { get; init; }

    /// <summary>Only requests with this status.</summary>
    public SupportRequestStatus? Status { get; init; }

    /// <summary>Only requests still open or in progress (the dashboard card).</summary>
    public bool OnlyUnfinished { get; init; }

    public int Take { get; init; } = 300;
}

/// <summary>What the "Hulp vragen" form offers a teacher: their schools, and this year's groups with today's pupils.</summary>
public sealed record SupportRequestAskOptions(
    IReadOnlyList<SupportRequestSchoolOption> Schools,
    IReadOnlyList<SupportRequestGroupOption> Groups);

public sealed record SupportRequestSchoolOption(int SchoolId, string Name, string ShortName, string Color);

public sealed record SupportRequestGroupOption(
    int GroupId,
    string Name,
    int SchoolId,
    string SchoolShortName,
    IReadOnlyList<SupportRequestPupilOption> Pupils);

public sealed record SupportRequestPupilOption(int PupilId, string FullName);

/// <summary>A support request as lists and the live card show it.</summary>
public sealed record SupportRequestSummary(
    int Id,
    SupportTopic Topic,
    SupportRequestStatus Status,
    bool IsWithdrawn,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int TeacherId,
    string TeacherName,
    int? GroupId,
    string? GroupName,
    int? PupilId,
    string? PupilName,
    string QuestionExcerpt,
    string? Response,
    DateTime CreatedAt,
    DateTime? PickedUpAt,
    DateTime? ClosedAt,
    IReadOnlyList<int> VisitIds,
    IReadOnlyList<int> GoalIds,
    int Version)
{
    public bool IsUnfinished => Status is SupportRequestStatus.Open or SupportRequestStatus.InProgress;
}

/// <summary>A visit planned in answer to a request.</summary>
public sealed record SupportRequestVisitLink(int VisitId, DateTime ScheduledAt, VisitStage Stage);

/// <summary>A coaching goal agreed in answer to a request.</summary>
public sealed record SupportRequestGoalLink(int GoalId, string Description, CoachingGoalStatus Status, DateOnly? ReviewOn);

/// <summary>One request with everything its two readers (the asking teacher, the IB'er of the school) may see, and what they may do.</summary>
public sealed record SupportRequestDetail(
    SupportRequestSummary Summary,
    string Question,
    string? PickedUpByName,
    string? ClosedByName,
    IReadOnlyList<SupportRequestVisitLink> Visits,
    IReadOnlyList<SupportRequestGoalLink> Goals,
    bool CanManage,
    bool CanWithdraw,
    DateOnly Today)
{
    public int Id => Summary.Id;
    public int Version => Summary.Version;
    public SupportRequestStatus Status => Summary.Status;
    public bool CanPickUp => CanManage && Status == SupportRequestStatus.Open;
    public bool CanClose => CanManage && Status != SupportRequestStatus.Closed;
    public bool CanReopen => CanManage && Status == SupportRequestStatus.Closed && !Summary.IsWithdrawn;
    public bool CanPlanVisit => CanManage && Status != SupportRequestStatus.Closed;
    public bool CanAddGoal => CanManage && Status != SupportRequestStatus.Closed;
}

/// <summary>
/// The Dutch words of support requests, the same on every page: the topics "Met een leerling", "Met de groep", "Eigen
/// aanpak"; the status "Nog niet opgepakt" (the asking teacher reads "Verstuurd"), "Opgepakt", "Afgesloten",
/// "Ingetrokken". "nieuw" is only the live badge of a request that just arrived.
/// </summary>
public static class SupportRequestLabels
{
    public static string Label(this SupportTopic topic) => topic switch
    {
        SupportTopic.Pupil => "Met een leerling",
        SupportTopic.Group => "Met de groep",
        SupportTopic.OwnPractice => "Eigen aanpak",
        _ => topic.ToString(),
    };

    /// <summary>The status of an open request for the asking teacher.</summary>
    public const string Sent = "Verstuurd";

    public static string Label(this SupportRequestStatus status) => status switch
    {
        SupportRequestStatus.Open => "Nog niet opgepakt",
        SupportRequestStatus.InProgress => "Opgepakt",
        SupportRequestStatus.Closed => "Afgesloten",
        _ => status.ToString(),
    };

    /// <summary>The status as its reader sees it: the asking teacher reads an open request as sent ("Verstuurd").</summary>
    public static string StatusLabel(this SupportRequestSummary request, bool forAskingTeacher = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsWithdrawn ? "Ingetrokken"
            : forAskingTeacher && request.Status == SupportRequestStatus.Open ? Sent
            : request.Status.Label();
    }

    /// <summary>The first words of a question, on one line.</summary>
    public static string Excerpt(string text, int max = 140)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max).TrimEnd(), "…");
    }
}
