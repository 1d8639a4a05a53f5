using IbPortal.Domain.Staff;

namespace IbPortal.Auth;

public enum AuthMode
{
    /// <summary>A sign-in page with the seeded demo users; the default of a fresh checkout.</summary>
    Demo,

    /// <summary>Microsoft Entra ID (OpenID Connect) through Microsoft.Identity.Web.</summary>
    EntraId,
}

/// <summary>The "Auth" section of appsettings.json.</summary>
public sealed class PortalAuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Demo;

    /// <summary>Demo mode refuses to start in the Production environment unless this is true.</summary>
    public bool AllowDemoInProduction { get; set; }

    /// <summary>Minutes without activity after which the user signs in again.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    public EntraIdOptions EntraId { get; set; } = new();
}

public sealed class EntraIdOptions
{
    /// <summary>How Entra app roles or security groups become portal roles at schools.</summary>
    public List<EntraRoleMapping> RoleMappings { get; set; } = [];
}

/// <summary>
/// One mapping: a user who has app role <see cref="AppRole"/> (the "roles" claim) or is a member of group
/// <see cref="GroupId"/> (the "groups" claim) holds <see cref="Role"/> at each school in <see cref="Schools"/>
/// (school short names, e.g. "VB").
/// </summary>
public sealed class EntraRoleMapping
{
    public string? AppRole { get; set; }
    public string? GroupId { get; set; }
    public PortalRole Role { get; set; }
    public List<string> Schools { get; set; } = [];
}
