namespace IbPortal.Domain.Staff;

public class StaffMember
{
    public int Id { get; set; }

    /// <summary>Short login used by demo sign-in (e.g. "ib"); unique.</summary>
    public required string Login { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }

    /// <summary>The Entra ID object id (oid claim), once the person has signed in through Entra ID.</summary>
    public string? ExternalId { get; set; }

    public bool IsActive { get; set; } = true;

    public List<RoleAssignment> Roles { get; set; } = [];
    public List<GroupTeacher> Groups { get; set; } = [];
}
