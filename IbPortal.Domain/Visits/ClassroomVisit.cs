using IbPortal.Domain.Care;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Visits;

/// <summary>Where a classroom visit is in its cycle (stored); see <see cref="VisitStage"/> for what it awaits.</summary>
public enum VisitStatus
{
    /// <summary>Planned; the observation may already be in progress (scores saved, not finished).</summary>
    Planned = 1,

    /// <summary>The observation is finished; the feedback conversation is still to be recorded.</summary>
    Observed = 2,

    /// <summary>The feedback conversation is recorded (notes, coaching goals).</summary>
    FeedbackGiven = 3,

    Cancelled = 4,
}

/// <summary>What a visit awaits, derived from its status, its date and the teacher's reflection (for lists and the agenda).</summary>
public enum VisitStage
{
    /// <summary>Still to come.</summary>
    Planned = 1,

    /// <summary>Its time has come or passed and the observation is not finished yet.</summary>
    ObservationDue = 2,

    /// <summary>Observed; the feedback conversation is still to be recorded.</summary>
    AwaitingFeedback = 3,

    /// <summary>Feedback recorded; the teacher has not written a reflection yet.</summary>
    AwaitingReflection = 4,

    /// <summary>Feedback recorded and reflected on.</summary>
    Completed = 5,

    Cancelled = 6,
}

/// <summary>
/// A klassenbezoek: the IB'er observes a teacher's lesson with the board's kijkwijzer, holds a feedback conversation,
/// agrees a few coaching goals, and the teacher reflects. It is about the teacher's practice, not about pupils: only the
/// IB'er of the school and the visited teacher read it (<see cref="VisitAccess"/>); a note about a pupil is a separate
/// <see cref="VisitPupilNote"/>, which is pupil care.
/// </summary>
public class ClassroomVisit
{
    public const int FocusMaxLength = 1000;
    public const int NotesMaxLength = 8000;
    public const int ReflectionMaxLength = 4000;
    public const int DefaultDurationMinutes = 45;
    public const int MinDurationMinutes = 10;
    public const int MaxDurationMinutes = 240;

    public int Id { get; set; }
    public VisitStatus Status { get; set; } = VisitStatus.Planned;

    public int SchoolId { get; set; }
    public School? School { get; set; }
    public int GroupId { get; set; }
    public Group? Group { get; set; }

    /// <summary>The teacher who is visited.</summary>
    public int TeacherId { get; set; }
    public StaffMember? Teacher { get; set; }

    /// <summary>The IB'er who planned (and observes).</summary>
    public int CoordinatorId { get; set; }
    public StaffMember? Coordinator { get; set; }

    /// <summary>When it takes place, UTC.</summary>
    public DateTime ScheduledAt { get; set; }
    public int DurationMinutes { get; set; } = DefaultDurationMinutes;

    /// <summary>What the IB'er looks at, e.g. "instructie in de kleine kring" or the concern it follows.</summary>
    public required string Focus { get; set; }

    /// <summary>The concern the visit focuses on, if planned from one (cleared when retention removes the concern).</summary>
    public int? ConcernId { get; set; }
    public Concern? Concern { get; set; }

    /// <summary>The teacher's support request it answers, if any.</summary>
    public int? SupportRequestId { get; set; }
    public TeacherSupportRequest? SupportRequest { get; set; }

    /// <summary>The earlier visit this one follows up.</summary>
    public int? FollowUpOfId { get; set; }
    public ClassroomVisit? FollowUpOf { get; set; }

    /// <summary>The kijkwijzer version it is (being) scored with: fixed when the first score is saved, kept ever after.</summary>
    public int? CriteriaSetId { get; set; }
    public ObservationCriteriaSet? CriteriaSet { get; set; }

    /// <summary>What the IB'er saw, in general (per-criterion notes are on the scores).</summary>
    public string? ObservationNotes { get; set; }
    public DateTime? ObservedAt { get; set; }

    /// <summary>Notes of the feedback conversation (nagesprek).</summary>
    public string? FeedbackNotes { get; set; }
    public DateTime? FeedbackAt { get; set; }

    /// <summary>The teacher's reflection, written on their own page once the observation is finished.</summary>
    public string? ReflectionWentWell { get; set; }
    public string? ReflectionToImprove { get; set; }
    public string? ReflectionSupportNeeded { get; set; }
    public DateTime? ReflectedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: raised on every change.</summary>
    public int Version { get; set; }

    public List<VisitScore> Scores { get; set; } = [];
    public List<VisitPupilNote> PupilNotes { get; set; } = [];
    public List<CoachingGoal> Goals { get; set; } = [];

    public VisitStage StageAt(DateTime utcNow) => Stage(Status, ScheduledAt, ReflectedAt, utcNow);

    /// <summary>The stage as a rule on plain values, so that queries projecting those values share it.</summary>
    public static VisitStage Stage(VisitStatus status, DateTime scheduledAt, DateTime? reflectedAt, DateTime utcNow) => status switch
    {
        VisitStatus.Cancelled => VisitStage.Cancelled,
        VisitStatus.Planned => scheduledAt <= utcNow ? VisitStage.ObservationDue : VisitStage.Planned,
        VisitStatus.Observed => VisitStage.AwaitingFeedback,
        _ => reflectedAt is null ? VisitStage.AwaitingReflection : VisitStage.Completed,
    };
}

/// <summary>One criterion of the kijkwijzer scored (or left unscored with a note) during one visit.</summary>
public class VisitScore
{
    public const int NoteMaxLength = 1000;

    public int Id { get; set; }
    public int VisitId { get; set; }
    public ClassroomVisit? Visit { get; set; }
    public int CriterionId { get; set; }
    public ObservationCriterion? Criterion { get; set; }

    /// <summary>On <see cref="ObservationScale"/>; null: not seen during this visit.</summary>
    public int? Score { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A note about one pupil made during a classroom visit ("Jesse kwam niet op gang bij de zelfstandige verwerking").
/// It is pupil care: it appears in the pupil's file and inzage, under <see cref="CareAccess"/>, and follows the care data's
/// retention period.
/// </summary>
public class VisitPupilNote : IPupilCareRecord
{
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }
    public int VisitId { get; set; }
    public ClassroomVisit? Visit { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public required string Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
}

public enum CoachingGoalStatus
{
    Active = 1,
    Achieved = 2,
    Dropped = 3,
}

/// <summary>
/// A coaching goal for a teacher's own practice ("ik geef de instructie in hooguit tien minuten"), agreed after a visit
/// or in answer to a support request. The teacher and the IB'er of the school see it.
/// </summary>
public class CoachingGoal
{
    public const int DescriptionMaxLength = 500;

    /// <summary>"A few" goals: at most this many active goals per teacher and school.</summary>
    public const int MaxActivePerTeacher = 5;

    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public int TeacherId { get; set; }
    public StaffMember? Teacher { get; set; }

    public int? VisitId { get; set; }
    public ClassroomVisit? Visit { get; set; }
    public int? SupportRequestId { get; set; }
    public TeacherSupportRequest? SupportRequest { get; set; }

    public required string Description { get; set; }

    /// <summary>When the IB'er and the teacher look at it again (optional).</summary>
    public DateOnly? ReviewOn { get; set; }

    public CoachingGoalStatus Status { get; set; } = CoachingGoalStatus.Active;
    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int? ClosedById { get; set; }
    public int Version { get; set; }
}
