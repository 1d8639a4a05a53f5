using System.Globalization;
using System.Security.Claims;

namespace IbPortal.Domain.Access;

/// <summary>
/// The signed-in person for the current scope (an HTTP request, a hub call or a Blazor circuit).
/// The web layer sets it from the authentication state; domain services read it and never trust anything else.
/// </summary>
public sealed class CurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private readonly Func<Task<ClaimsPrincipal>>? _source;
    private ClaimsPrincipal? _principal;

    /// <summary>A user that is set explicitly (HTTP requests, hub calls, tests).</summary>
    public CurrentUser() { }

    /// <summary>A user read from <paramref name="source"/> each time (a Blazor circuit's authentication state),
    /// unless one is set explicitly.</summary>
    public CurrentUser(Func<Task<ClaimsPrincipal>> source) => _source = source;

    public void Set(ClaimsPrincipal principal) => _principal = principal;

    public async ValueTask<ClaimsPrincipal> GetPrincipalAsync() =>
        _principal ?? (_source is null ? Anonymous : await _source());

    public async ValueTask<int?> GetStaffMemberIdAsync() => StaffMemberIdOf(await GetPrincipalAsync());

    /// <summary>The staff member id, or an <see cref="AccessDeniedException"/> when nobody is signed in.</summary>
    public async ValueTask<int> RequireStaffMemberIdAsync(string action) =>
        await GetStaffMemberIdAsync() ?? throw new AccessDeniedException(null, action, null);

    public static int? StaffMemberIdOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true &&
        int.TryParse(principal.FindFirst(PortalClaims.StaffMemberId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}

public static class PortalClaims
{
    public const string StaffMemberId = "ibportal:staff_id";
    public const string DisplayName = "ibportal:name";
    public const string Login = "ibportal:login";

    /// <summary>Portal roles are carried as standard role claims, for navigation only; rights come from the database.</summary>
    public const string Role = ClaimTypes.Role;

    public static ClaimsPrincipal CreatePrincipal(int staffMemberId, string displayName, string login,
        IEnumerable<string> roles, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(StaffMemberId, staffMemberId.ToString(CultureInfo.InvariantCulture)),
            new(DisplayName, displayName),
            new(Login, login),
            new(ClaimTypes.Name, displayName),
            new(ClaimTypes.NameIdentifier, login),
        };
        claims.AddRange(roles.Distinct().Select(r => new Claim(Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, Role));
    }
}
