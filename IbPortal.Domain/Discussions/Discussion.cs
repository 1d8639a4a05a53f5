using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Discussions;

/// <summary>Leerlingbespreking (one or a few pupils) or groepsbespreking (the whole group).</summary>
public enum DiscussionKind
{
    PupilDiscussion = 1,
    GroupDiscussion = 2,
}

public enum DiscussionStatus
{
    Planned = 1,
    Held = 2,
    Cancelled = 3,
}

/// <summary>
/// A pupil or group discussion between the IB'er and a teacher about one group: scheduled with its pupils and an
/// agenda, then recorded with notes, decisions and action items.
/// </summary>
public class Discussion
{
    public const int NotesMaxLength = 8000;
    public const int DecisionsMaxLength = 4000;

    public int Id { get; set; }
    public DiscussionKind Kind { get; set; }
    public DiscussionStatus Status { get; set; } = DiscussionStatus.Planned;

    public int SchoolId { get; set; }
    public School? School { get; set; }
    public int GroupId { get; set; }
    public Group? Group { get; set; }

    /// <summary>When it takes (or took) place, UTC.</summary>
    public DateTime ScheduledAt { get; set; }

    /// <summary>The IB'er who scheduled it.</summary>
    public int CoordinatorId { get; set; }
    public StaffMember? Coordinator { get; set; }

    /// <summary>The teacher it is held with.</summary>
    public int TeacherId { get; set; }
    public StaffMember? Teacher { get; set; }

    public string? Notes { get; set; }
    public string? Decisions { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? HeldAt { get; set; }

    /// <summary>Optimistic concurrency: raised on every change.</summary>
    public int Version { get; set; }

    public List<DiscussionPupil> Pupils { get; set; } = [];
    public List<AgendaItem> Agenda { get; set; } = [];
    public List<ActionItem> ActionItems { get; set; } = [];
}

/// <summary>
/// A pupil on a discussion. In a group discussion it is also that pupil's line in the light group overview:
/// educational needs and what stimulates and hinders the pupil.
/// </summary>
public class DiscussionPupil
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int DiscussionId { get; set; }
    public Discussion? Discussion { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }

    public string? EducationalNeeds { get; set; }
    public string? StimulatingFactors { get; set; }
    public string? HinderingFactors { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Where an agenda item came from: proposed from an open concern or a due evaluation, or added by hand.</summary>
public enum AgendaSource
{
    Manual = 1,
    OpenConcern = 2,
    DueEvaluation = 3,
}

public class AgendaItem
{
    public const int TextMaxLength = 500;

    public int Id { get; set; }
    public int DiscussionId { get; set; }
    public Discussion? Discussion { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public AgendaSource Source { get; set; }
    public int? PupilId { get; set; }
    public int? ConcernId { get; set; }
    public int? GoalId { get; set; }
    public bool IsDone { get; set; }
}

/// <summary>
/// Something someone agreed to do, with an owner and a due date; open items show on their owner's pages and become
/// overdue after <see cref="DueOn"/>.
/// </summary>
public class ActionItem
{
    public const int DescriptionMaxLength = 500;

    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public int? DiscussionId { get; set; }
    public Discussion? Discussion { get; set; }

    /// <summary>The pupil it is about, if any.</summary>
    public int? PupilId { get; set; }
    public Pupil? Pupil { get; set; }

    public required string Description { get; set; }
    public int OwnerId { get; set; }
    public StaffMember? Owner { get; set; }
    public DateOnly DueOn { get; set; }

    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int? CompletedById { get; set; }

    public bool IsOpen => CompletedAt is null;
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn < today;
}
