using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;

namespace IbPortal.Domain.Visits;

/// <summary>What a teacher asks support with.</summary>
public enum SupportTopic
{
    /// <summary>With one pupil.</summary>
    Pupil = 1,

    /// <summary>With the group as a whole.</summary>
    Group = 2,

    /// <summary>With their own practice (instruction, classroom management …).</summary>
    OwnPractice = 3,
}

public enum SupportRequestStatus
{
    /// <summary>Sent; the IB'er has not picked it up yet.</summary>
    Open = 1,

    /// <summary>The IB'er picked it up (planned a visit, agreed a goal, or is talking with the teacher).</summary>
    InProgress = 2,

    Closed = 3,
}

/// <summary>
/// A teacher's request for support for themselves (hulpvraag van de leerkracht). It reaches the IB'er of the school live,
/// like a concern, and can lead to a classroom visit or a coaching goal. Only the asking teacher and the IB'er of the
/// school see it.
/// </summary>
public class TeacherSupportRequest
{
    public const int QuestionMaxLength = 2000;
    public const int ResponseMaxLength = 2000;

    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public int TeacherId { get; set; }
    public StaffMember? Teacher { get; set; }

    public SupportTopic Topic { get; set; }

    /// <summary>The group it is about (the teacher's group; always set for <see cref="SupportTopic.Pupil"/> and <see cref="SupportTopic.Group"/>).</summary>
    public int? GroupId { get; set; }
    public Group? Group { get; set; }

    /// <summary>The pupil it is about, for <see cref="SupportTopic.Pupil"/>.</summary>
    public int? PupilId { get; set; }
    public Pupil? Pupil { get; set; }

    public required string Question { get; set; }
    public SupportRequestStatus Status { get; set; } = SupportRequestStatus.Open;

    public DateTime CreatedAt { get; set; }
    public DateTime? PickedUpAt { get; set; }
    public int? PickedUpById { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int? ClosedById { get; set; }

    /// <summary>The IB'er's answer or closing note, which the teacher reads.</summary>
    public string? Response { get; set; }

    public int Version { get; set; }

    /// <summary>The IB'er takes an open request up (Open → InProgress). Returns false when it was not open.</summary>
    public bool PickUp(int staffId, DateTime now)
    {
        if (Status != SupportRequestStatus.Open)
            return false;
        Status = SupportRequestStatus.InProgress;
        PickedUpAt = now;
        PickedUpById = staffId;
        return true;
    }

    /// <summary>Withdrawn by the asking teacher: closed by them without an answer (the IB'er always closes with one).</summary>
    public static bool IsWithdrawn(SupportRequestStatus status, int? closedById, int teacherId, string? response) =>
        status == SupportRequestStatus.Closed && closedById == teacherId && response == null;
}
