using IbPortal.Domain.Organisation;

namespace IbPortal.Domain.Staff;

/// <summary>A role a staff member holds at one school. A person may hold several roles at several schools.</summary>
public class RoleAssignment
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public PortalRole Role { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }

    /// <summary>Where the assignment came from: "local" (administrator, seed) or "entra" (synchronised at sign-in).</summary>
    public string Source { get; set; } = RoleAssignmentSources.Local;
}

public static class RoleAssignmentSources
{
    public const string Local = "local";
    public const string Entra = "entra";
}
