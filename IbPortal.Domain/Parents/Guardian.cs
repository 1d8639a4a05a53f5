using IbPortal.Domain.Care;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Pupils;

namespace IbPortal.Domain.Parents;

/// <summary>A parent or guardian (ouder/verzorger) of a pupil, as known to the school.</summary>
public class Guardian : IPupilCareRecord
{
    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public required string Name { get; set; }

    /// <summary>"moeder", "vader", "voogd", ... in the school's words.</summary>
    public string? Relationship { get; set; }

    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// <summary>Ouderlijk gezag: only a guardian with parental authority can give consent.</summary>
    public bool HasParentalAuthority { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>No longer a contact (kept, because consents and conversations refer to them).</summary>
    public DateTime? ArchivedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A conversation with parents as partners: both sides' expectations asked beforehand, an agenda, what was discussed,
/// the goals agreed (linked to the plan's goals) and the next date. Planned first, recorded after.
/// </summary>
public class ParentConversation : IPupilCareRecord
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    public DateOnly HeldOn { get; set; }
    public string? ParentExpectations { get; set; }
    public string? SchoolExpectations { get; set; }
    public string? Agenda { get; set; }
    public string? Discussed { get; set; }

    /// <summary>Goals agreed in words, beyond the linked plan goals.</summary>
    public string? AgreedGoals { get; set; }

    public DateOnly? NextOn { get; set; }

    public int RecordedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ParentConversationGoal> LinkedGoals { get; set; } = [];
}

/// <summary>A plan goal agreed in a parent conversation.</summary>
public class ParentConversationGoal
{
    public int ConversationId { get; set; }
    public ParentConversation? Conversation { get; set; }
    public int GoalId { get; set; }
    public Support.PlanGoal? Goal { get; set; }
}
