namespace IbPortal.Domain.Visits;

/// <summary>
/// The observation of one classroom visit as the form shows it: the visit's header, the kijkwijzer version it is (or
/// will be) scored with, per area the criteria with their saved score and note, the general notes and the notes about
/// pupils. For the visited teacher before the observation is finished, <see cref="ContentHidden"/> is set and no score,
/// note or pupil note is included.
/// </summary>
public sealed record ObservationModel(
    int VisitId,
    int Version,
    VisitStatus Status,
    VisitStage Stage,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    int GroupId,
    string GroupName,
    int TeacherId,
    string TeacherName,
    string CoordinatorName,
    DateTime ScheduledAt,
    int DurationMinutes,
    string Focus,
    DateTime? ObservedAt,
    bool HasFeedback,
    ObservationCriteriaInfo Criteria,
    IReadOnlyList<ObservationAreaModel> Areas,
    string? Notes,
    IReadOnlyList<VisitPupilNoteView> PupilNotes,
    IReadOnlyList<ObservationPupilOption> Pupils,
    bool IsTeacher,
    bool ContentHidden,
    bool MayEdit,
    bool MayFinish,
    bool MayReopen,
    bool MayManagePupilNotes,
    bool TimeHasCome,
    DateTime Now)
{
    public bool IsFinished => Status is VisitStatus.Observed or VisitStatus.FeedbackGiven;
    public bool IsCancelled => Status == VisitStatus.Cancelled;
    public int ScoredCount => Areas.Sum(a => a.Criteria.Count(c => c.Score is not null));
    public int CriterionCount => Areas.Sum(a => a.Criteria.Count);
}

/// <summary>Which kijkwijzer version the visit uses: pinned at the first save, else the board's current one.</summary>
public sealed record ObservationCriteriaInfo(int SetId, int Version, string Name, bool IsPinned, bool IsCurrent);

public sealed record ObservationAreaModel(int AreaId, string Name, IReadOnlyList<ObservationCriterionModel> Criteria);

/// <param name="IsScored">Whether anything was saved for this criterion (a score, "niet gezien" or a note).</param>
/// <param name="Score">On <see cref="ObservationScale"/>; null: not seen (or not scored, see <paramref name="IsScored"/>).</param>
public sealed record ObservationCriterionModel(int CriterionId, string Text, bool IsScored, int? Score, string? Note);

/// <summary>A note about one pupil made during the visit.</summary>
public sealed record VisitPupilNoteView(int Id, int PupilId, string PupilName, string Note, DateTime CreatedAt, string? AuthorName);

/// <summary>A pupil of the visit's group, to write a note about.</summary>
public sealed record ObservationPupilOption(int PupilId, string FullName);

/// <summary>What the IB'er filled in: the whole observation (criteria left out have no score or note).</summary>
public sealed class ObservationInput
{
    /// <summary>The kijkwijzer version the form showed; when another version is current by now, saving is a conflict.</summary>
    public int? CriteriaSetId { get; set; }

    /// <summary>The general observation notes.</summary>
    public string? Notes { get; set; }

    public List<ObservationScoreInput> Scores { get; set; } = [];
}

/// <summary>One criterion: a score 1–4, or null for "niet gezien", with an optional note.</summary>
public sealed class ObservationScoreInput
{
    public int CriterionId { get; set; }
    public int? Score { get; set; }
    public string? Note { get; set; }
}
