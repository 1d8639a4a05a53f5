using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Concerns;

/// <summary>
/// A teacher's recorded concern (signalering) about a pupil. What the teacher submitted is never overwritten:
/// every later change is an entry in <see cref="History"/>.
/// </summary>
public class Concern
{
    public const int ObservationMaxLength = 4000;
    public const int SinceMaxLength = 200;
    public const int AlreadyTriedMaxLength = 2000;
    public const int NoteMaxLength = 2000;
    public const int NextStepMaxLength = 1000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }

    /// <summary>The pupil's group when the concern was raised.</summary>
    public int GroupId { get; set; }
    public Group? Group { get; set; }

    /// <summary>The group's school, kept on the concern for scoping and counting.</summary>
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public int AuthorId { get; set; }
    public StaffMember? Author { get; set; }

    public DevelopmentArea Area { get; set; }
    public SubAreas SubAreas { get; set; }

    /// <summary>"Wat zie je?"</summary>
    public required string Observation { get; set; }

    /// <summary>"Sinds wanneer?", in the teacher's words ("sinds de herfstvakantie").</summary>
    public string? Since { get; set; }

    /// <summary>"Wat heb je al geprobeerd?"</summary>
    public string? AlreadyTried { get; set; }

    public Urgency Urgency { get; set; }
    public ConcernStatus Status { get; set; }

    /// <summary>The latest agreed next step, if any (its history is in <see cref="History"/>).</summary>
    public string? NextStep { get; set; }
    public ConcernOutcome? Outcome { get; set; }

    public DateTime RaisedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public int? AcknowledgedById { get; set; }
    public StaffMember? AcknowledgedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two IB'ers acting at once never overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The form's own key for this submission (<see cref="NewConcern.SubmissionId"/>): sent again after a save whose
    /// outcome the form never heard, it finds this concern instead of storing a second one. Unique per author.
    /// </summary>
    public Guid? SubmissionId { get; set; }

    public List<ConcernHistoryEntry> History { get; set; } = [];
}

/// <summary>One change to a concern: who, when, what.</summary>
public class ConcernHistoryEntry
{
    public int Id { get; set; }
    public int ConcernId { get; set; }
    public Concern? Concern { get; set; }
    public DateTime At { get; set; }
    public int ActorId { get; set; }
    public StaffMember? Actor { get; set; }
    public ConcernChange Change { get; set; }
    public ConcernStatus? FromStatus { get; set; }
    public ConcernStatus? ToStatus { get; set; }

    /// <summary>The note, next step or closing remark written with this change.</summary>
    public string? Text { get; set; }
    public ConcernOutcome? Outcome { get; set; }
}
