namespace IbPortal.Domain.Concerns;

/// <summary>What a teacher submits when flagging a pupil. Only pupil, area and observation are required.</summary>
public sealed record NewConcern
{
    public int? PupilId { get; init; }
    public DevelopmentArea? Area { get; init; }
    public SubAreas SubAreas { get; init; }
    public string? Observation { get; init; }
    public string? Since { get; init; }
    public string? AlreadyTried { get; init; }
    public Urgency Urgency { get; init; } = Urgency.Normal;

    /// <summary>
    /// A key the form makes once per concern and sends with every attempt to save it. When an earlier attempt was
    /// stored after all (the answer was lost: a timeout after the commit, a dropped connection), the retry returns that
    /// concern's id and stores nothing. Null: every call stores a new concern.
    /// </summary>
    public Guid? SubmissionId { get; init; }
}

/// <summary>A concern as lists and the live feed show it.</summary>
public sealed record ConcernSummary(
    int Id,
    int PupilId,
    string PupilName,
    int GroupId,
    string GroupName,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    DevelopmentArea Area,
    SubAreas SubAreas,
    Urgency Urgency,
    ConcernStatus Status,
    DateTime RaisedAt,
    int AuthorId,
    string AuthorName,
    DateTime? AcknowledgedAt,
    string? NextStep,
    string? LatestNote,
    DateTime UpdatedAt)
{
    public bool IsOpen => Status != ConcernStatus.Closed;

    /// <summary>Urgent and not yet acknowledged: stays highlighted on the dashboard.</summary>
    public bool NeedsAttention => Urgency == Urgency.Urgent && Status == ConcernStatus.New;
}

public sealed record ConcernHistoryItem(
    DateTime At,
    int ActorId,
    string ActorName,
    ConcernChange Change,
    ConcernStatus? FromStatus,
    ConcernStatus? ToStatus,
    string? Text,
    ConcernOutcome? Outcome);

public sealed record ConcernDetail(
    ConcernSummary Summary,
    string Observation,
    string? Since,
    string? AlreadyTried,
    ConcernOutcome? Outcome,
    IReadOnlyList<ConcernHistoryItem> History,
    int Version,
    bool CanManage,
    bool CanAddNote,
    bool CanOpenPupilFile);

public sealed record ConcernListQuery
{
    /// <summary>Restrict to these schools (within what the user may see); null means all.</summary>
    public IReadOnlyCollection<int>? SchoolIds { get; init; }
    public IReadOnlyCollection<ConcernStatus>? Statuses { get; init; }
    public bool OnlyMine { get; init; }
    public int Take { get; init; } = 200;
}
