using IbPortal.Domain.Organisation;

namespace IbPortal.Domain.Pupils;

/// <summary>A pupil's place in a group for (part of) a school year.</summary>
public class Enrolment
{
    public int Id { get; set; }
    public int PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public int GroupId { get; set; }
    public Group? Group { get; set; }
    public DateOnly EnrolledOn { get; set; }

    /// <summary>The day the pupil left the group (or the school); null while enrolled.</summary>
    public DateOnly? LeftOn { get; set; }

    public bool IsActiveOn(DateOnly date) => EnrolledOn <= date && (LeftOn is null || LeftOn >= date);
}
