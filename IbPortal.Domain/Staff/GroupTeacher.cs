using IbPortal.Domain.Organisation;

namespace IbPortal.Domain.Staff;

/// <summary>A teacher teaches a group (several teachers may share one group).</summary>
public class GroupTeacher
{
    public int GroupId { get; set; }
    public Group? Group { get; set; }
    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}
