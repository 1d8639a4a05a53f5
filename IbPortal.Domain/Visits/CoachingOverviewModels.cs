namespace IbPortal.Domain.Visits;

/// <summary>A school as the coaching pages show it: name, short code and the colour that marks its rows.</summary>
public sealed record CoachingSchool(int SchoolId, string Name, string ShortName, string Color);

/// <summary>
/// One classroom visit in the teacher's own list or in the IB'er's history of a teacher (both may read its content).
/// <see cref="ScheduledLocal"/> is in the schools' time zone.
/// </summary>
public sealed record CoachingVisitRow(
    int Id,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    string GroupName,
    DateTime ScheduledAt,
    DateTime ScheduledLocal,
    int DurationMinutes,
    string Focus,
    VisitStage Stage,
    string CoordinatorName,
    bool ObservationFinished,
    bool HasFeedback,
    bool HasReflection,
    bool IsFollowUp)
{
    public DateOnly Date => DateOnly.FromDateTime(ScheduledLocal);
}

/// <summary>A coaching goal with its history (agreed when and by whom, closed when and by whom), for the teacher and the IB'er.</summary>
public sealed record CoachingGoalRow(
    int Id,
    int TeacherId,
    int SchoolId,
    string SchoolShortName,
    string SchoolColor,
    string Description,
    DateOnly? ReviewOn,
    CoachingGoalStatus Status,
    DateTime CreatedAt,
    string? CreatedByName,
    DateTime? ClosedAt,
    string? ClosedByName,
    int? VisitId,
    DateOnly? VisitDate,
    int? SupportRequestId,
    int Version,
    bool ReviewDue)
{
    public bool IsActive => Status == CoachingGoalStatus.Active;
}

/// <summary>How many of a teacher's support requests are in each state (the requests themselves live on /hulpvragen).</summary>
public sealed record SupportRequestCounts(int Open, int InProgress, int Closed)
{
    public int Running => Open + InProgress;
    public int Total => Open + InProgress + Closed;
}

/// <summary>
/// The teacher's own page ("Mijn coaching"): reflections still to write on top, then upcoming and past visits, the
/// coaching goals (active first) and the support requests' counts. Only visits and goals at schools where the user holds
/// the teacher role.
/// </summary>
public sealed record MyCoachingOverview(
    IReadOnlyList<CoachingVisitRow> ReflectionsToWrite,
    IReadOnlyList<CoachingVisitRow> Upcoming,
    IReadOnlyList<CoachingVisitRow> Past,
    IReadOnlyList<CoachingGoalRow> ActiveGoals,
    IReadOnlyList<CoachingGoalRow> ClosedGoals,
    SupportRequestCounts Requests,
    DateOnly Today);

/// <summary>
/// One teacher at one of the IB'er's care schools, as the IB'er's teacher list shows them. A teacher at both schools
/// has a row per school. "Visits" are visits whose observation was finished (held); the next visit is the earliest
/// planned one from today on.
/// </summary>
public sealed record CoachingTeacherRow(
    int StaffMemberId,
    string Name,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    IReadOnlyList<string> Groups,
    int VisitsThisYear,
    DateOnly? LastVisitOn,
    DateTime? NextVisitLocal,
    int? NextVisitId,
    int ActiveGoals,
    int OpenRequests)
{
    /// <summary>"Nog niet bezocht dit schooljaar": no held visit this school year.</summary>
    public bool NotVisitedThisYear => VisitsThisYear == 0;
}

/// <summary>The IB'er's teachers, ordered "langst niet bezocht" first (never visited this year, then the oldest last visit).</summary>
public sealed record CoachingTeacherList(
    IReadOnlyList<CoachingTeacherRow> Teachers,
    IReadOnlyList<CoachingSchool> Schools,
    int SchoolYearStart,
    DateOnly Today)
{
    public string SchoolYearName => Organisation.SchoolYear.NameOf(SchoolYearStart);
}

/// <summary>A teacher's support request in the IB'er's history of that teacher: when, about what, how far (no question text).</summary>
public sealed record TeacherHistoryRequest(
    int Id,
    int SchoolId,
    string SchoolShortName,
    string SchoolColor,
    DateTime CreatedAt,
    SupportTopic Topic,
    string? GroupName,
    SupportRequestStatus Status,
    DateTime? ClosedAt);

/// <summary>Where the IB'er can agree a goal with this teacher: a school where both meet, with its number of active goals.</summary>
public sealed record TeacherHistorySchool(CoachingSchool School, IReadOnlyList<string> Groups, int ActiveGoals)
{
    public bool MayAddGoal => ActiveGoals < CoachingGoal.MaxActivePerTeacher;
}

/// <summary>
/// The IB'er's history of one teacher at the IB'er's care schools: every visit (newest first), every coaching goal
/// (active first) and the support requests.
/// </summary>
public sealed record TeacherCoachingHistory(
    int StaffMemberId,
    string Name,
    bool IsActive,
    IReadOnlyList<TeacherHistorySchool> Schools,
    IReadOnlyList<CoachingVisitRow> Visits,
    IReadOnlyList<CoachingGoalRow> Goals,
    IReadOnlyList<TeacherHistoryRequest> Requests,
    DateOnly Today);

/// <summary>The Dutch words of the coaching pages.</summary>
public static class CoachingLabels
{
    public static string GoalStatusText(CoachingGoalStatus status) => status switch
    {
        CoachingGoalStatus.Active => "Loopt",
        CoachingGoalStatus.Achieved => "Bereikt",
        CoachingGoalStatus.Dropped => "Losgelaten",
        _ => status.ToString(),
    };

    /// <summary>The topic in the words of every support-request page (<see cref="SupportRequestLabels"/>).</summary>
    public static string TopicText(SupportTopic topic) => topic.Label();

    /// <summary>The status in the IB'er's words of every support-request page (<see cref="SupportRequestLabels"/>).</summary>
    public static string RequestStatusText(SupportRequestStatus status) => status.Label();
}
