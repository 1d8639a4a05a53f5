namespace IbPortal.Domain.Retention;

/// <summary>The ids of one type of record (e.g. "concern") that a run removes or would remove.</summary>
public sealed record RetentionRecordIds(string RecordType, IReadOnlyList<int> Ids)
{
    public int Count => Ids.Count;
}

/// <summary>What one kind of data (see <see cref="RetentionKinds"/>) loses in a run: ids per record type, no content.</summary>
public sealed record RetentionKindReport(string Kind, int YearsAfterLeaving, IReadOnlyList<RetentionRecordIds> Records)
{
    /// <summary>All records of this kind, over its record types.</summary>
    public int Count => Records.Sum(r => r.Count);

    public IReadOnlyList<int> IdsOf(string recordType) =>
        Records.FirstOrDefault(r => r.RecordType == recordType)?.Ids ?? [];
}

/// <summary>
/// What a retention run removed (or, for a dry run, would remove) as of <see cref="ReferenceDate"/>: per kind of data the
/// ids of the records, and the pupils whose identifying data is replaced. Ids and counts only.
/// </summary>
public sealed record RetentionReport(
    int RunId,
    bool DryRun,
    DateTime At,
    DateOnly ReferenceDate,
    IReadOnlyList<RetentionKindReport> Kinds,
    IReadOnlyList<int> PupilsToAnonymize)
{
    public RetentionKindReport Kind(string kind) => Kinds.Single(k => k.Kind == kind);

    public int TotalRecords => Kinds.Sum(k => k.Count);

    public bool IsEmpty => TotalRecords == 0 && PupilsToAnonymize.Count == 0;
}

/// <summary>One retention period as configured: the kind of data and the years it is kept after leaving.</summary>
public sealed record RetentionPeriod(string Kind, int YearsAfterLeaving);

/// <summary>The configured retention: the periods per kind of data and the schedule of the background job.</summary>
public sealed record RetentionPolicy(IReadOnlyList<RetentionPeriod> Periods, bool RunDaily, int RunAtHour);

public sealed record RetentionKindCount(string Kind, int Count);

/// <summary>One past run (or dry run) for the overview: when, by whom (null: the scheduled job), and the counts.</summary>
public sealed record RetentionRunInfo(
    int Id,
    DateTime StartedAt,
    DateTime FinishedAt,
    bool DryRun,
    int? StaffMemberId,
    string? StartedBy,
    IReadOnlyList<RetentionKindCount> Kinds,
    int AnonymizedPupils)
{
    public int CountOf(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind)?.Count ?? 0;
}
