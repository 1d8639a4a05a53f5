using IbPortal.Domain.Discussions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// What the plan form was opened from (the query string of <c>/bezoeken/nieuw</c>): a teacher and/or group, a concern
/// (signalering), a teacher's support request (hulpvraag) or an earlier visit (vervolgOp). All optional.
/// </summary>
public sealed record VisitPlanPrefill
{
    public int? TeacherId { get; init; }
    public int? GroupId { get; init; }
    public int? ConcernId { get; init; }
    public int? SupportRequestId { get; init; }
    public int? FollowUpOfId { get; init; }

    public bool IsEmpty => TeacherId is null && GroupId is null && ConcernId is null && SupportRequestId is null && FollowUpOfId is null;
}

/// <summary>
/// What the IB'er fills in to plan a classroom visit. Date and time are local (the schools' time zone). Without a
/// duration the default of <see cref="ClassroomVisit.DefaultDurationMinutes"/> minutes is taken.
/// </summary>
public sealed record VisitDraft
{
    public int? GroupId { get; init; }
    public int? TeacherId { get; init; }
    public DateOnly? Date { get; init; }
    public TimeOnly? Time { get; init; }
    public int? DurationMinutes { get; init; }
    public string? Focus { get; init; }

    /// <summary>The concern the visit focuses on (same school).</summary>
    public int? ConcernId { get; init; }

    /// <summary>The teacher's support request it answers (same school and teacher); an open request is picked up.</summary>
    public int? SupportRequestId { get; init; }

    /// <summary>The earlier visit this one follows up (same school and teacher, not cancelled).</summary>
    public int? FollowUpOfId { get; init; }
}

/// <summary>Where a prefilled plan comes from.</summary>
public enum VisitPlanSourceKind
{
    Concern = 1,
    SupportRequest = 2,
    FollowUp = 3,
}

/// <summary>The record the plan form was opened from, in words for the form's header, with a notice when it cannot be linked.</summary>
public sealed record VisitPlanSource(VisitPlanSourceKind Kind, int Id, string Description, string? Notice);

/// <summary>What the plan form offers the IB'er: this school year's groups at their care schools, those schools' teachers, and a draft.</summary>
public sealed record VisitPlanOptions(
    IReadOnlyList<VisitGroupOption> Groups,
    IReadOnlyList<StaffOption> Teachers,
    VisitDraft Draft,
    IReadOnlyList<VisitPlanSource> Sources,
    DateOnly Today);

/// <summary>A group to visit, with the teachers who teach it (active, Teacher role at the school); the first is preselected.</summary>
public sealed record VisitGroupOption(
    int GroupId,
    string Name,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    IReadOnlyList<int> TeacherIds)
{
    public int? DefaultTeacherId => TeacherIds.Count > 0 ? TeacherIds[0] : null;
}
