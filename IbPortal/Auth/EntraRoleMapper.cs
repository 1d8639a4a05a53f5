using System.Security.Claims;
using IbPortal.Domain.Staff;

namespace IbPortal.Auth;

/// <summary>Turns the claims of an Entra ID token into portal role grants, following the configured mappings.</summary>
public static class EntraRoleMapper
{
    private static readonly string[] RoleClaimTypes = ["roles", ClaimTypes.Role];
    private const string GroupsClaimType = "groups";

    public static IReadOnlyList<RoleGrant> Map(ClaimsPrincipal principal, IEnumerable<EntraRoleMapping> mappings)
    {
        var appRoles = principal.Claims.Where(c => RoleClaimTypes.Contains(c.Type)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var groups = principal.Claims.Where(c => c.Type == GroupsClaimType).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

        return mappings
            .Where(m => (!string.IsNullOrEmpty(m.AppRole) && appRoles.Contains(m.AppRole)) ||
                        (!string.IsNullOrEmpty(m.GroupId) && groups.Contains(m.GroupId)))
            .SelectMany(m => m.Schools.Select(s => new RoleGrant(m.Role, s)))
            .Distinct()
            .ToList();
    }

    public static ExternalIdentity? IdentityOf(ClaimsPrincipal principal)
    {
        var oid = principal.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
                  ?? principal.FindFirst("oid")?.Value;
        if (string.IsNullOrEmpty(oid))
            return null;
        var email = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        var name = principal.FindFirst("name")?.Value ?? principal.Identity?.Name ?? email ?? oid;
        return new ExternalIdentity(oid, email, name);
    }
}
