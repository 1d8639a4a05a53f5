using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Staff;

/// <summary>Who someone is at sign-in: their staff id, name and the portal roles they hold (at any school).</summary>
public sealed record SignInIdentity(int StaffMemberId, string Login, string DisplayName, IReadOnlyList<PortalRole> Roles);

/// <summary>A demo user as the demo sign-in page lists them.</summary>
public sealed record DemoUser(string Login, string DisplayName, IReadOnlyList<string> RoleDescriptions);

/// <summary>The identity Entra ID vouches for.</summary>
public sealed record ExternalIdentity(string ObjectId, string? Email, string DisplayName);

/// <summary>A role at a school granted by an Entra app role or group mapping.</summary>
public sealed record RoleGrant(PortalRole Role, string SchoolShortName);

/// <summary>Resolves people at sign-in. It decides nothing about pupil data; the domain services do.</summary>
public sealed class StaffDirectory(IDbContextFactory<PortalDbContext> dbFactory, ILogger<StaffDirectory> logger)
{
    public async Task<SignInIdentity?> FindByLoginAsync(string login, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Login == login && s.IsActive)
            .Select(s => new { s.Id, s.Login, s.DisplayName, Roles = s.Roles.Select(r => r.Role).ToList() })
            .SingleOrDefaultAsync(ct);
        return staff is null ? null : new SignInIdentity(staff.Id, staff.Login, staff.DisplayName, staff.Roles.Distinct().Order().ToList());
    }

    /// <summary>Every active staff member with their roles and schools, for the demo sign-in page.</summary>
    public async Task<IReadOnlyList<DemoUser>> ListDemoUsersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive)
            .Select(s => new
            {
                s.Login,
                s.DisplayName,
                Roles = s.Roles.Select(r => new { r.Role, r.School!.Name }).ToList(),
            })
            .ToListAsync(ct);

        return rows
            .Select(r => new DemoUser(r.Login, r.DisplayName,
                r.Roles.GroupBy(x => x.Role).OrderBy(g => g.Key)
                    .Select(g => $"{g.Key.Dutch()} · {string.Join(", ", g.Select(x => x.Name).Order())}")
                    .ToList()))
            .OrderBy(u => u.Login, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Links an Entra ID sign-in to a staff member (by object id, else by e-mail, else a new record) and replaces
    /// the roles that came from Entra ID with <paramref name="grants"/>. Roles an administrator gave locally stay.
    /// </summary>
    public async Task<SignInIdentity> SyncExternalAsync(ExternalIdentity identity, IReadOnlyCollection<RoleGrant> grants, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.Include(s => s.Roles).SingleOrDefaultAsync(s => s.ExternalId == identity.ObjectId, ct);
        if (staff is null && !string.IsNullOrWhiteSpace(identity.Email))
        {
            var email = identity.Email.Trim().ToLowerInvariant();
            staff = await db.StaffMembers.Include(s => s.Roles)
                .SingleOrDefaultAsync(s => s.ExternalId == null && s.Email != null && s.Email.ToLower() == email, ct);
        }
        if (staff is null)
        {
            staff = new StaffMember
            {
                Login = identity.Email?.Trim().ToLowerInvariant() ?? identity.ObjectId,
                DisplayName = identity.DisplayName,
                Email = identity.Email,
            };
            db.StaffMembers.Add(staff);
        }
        staff.ExternalId = identity.ObjectId;
        staff.DisplayName = identity.DisplayName;

        var codes = grants.Select(g => g.SchoolShortName).Distinct().ToList();
        var schools = await db.Schools.Where(s => codes.Contains(s.ShortName)).ToDictionaryAsync(s => s.ShortName, s => s.Id, ct);
        var wanted = grants.Where(g => schools.ContainsKey(g.SchoolShortName))
            .Select(g => (g.Role, SchoolId: schools[g.SchoolShortName])).ToHashSet();

        staff.Roles.RemoveAll(r => r.Source == RoleAssignmentSources.Entra && !wanted.Contains((r.Role, r.SchoolId)));
        foreach (var (role, schoolId) in wanted.Where(w => !staff.Roles.Any(r => r.Role == w.Role && r.SchoolId == w.SchoolId)))
            staff.Roles.Add(new RoleAssignment { Role = role, SchoolId = schoolId, Source = RoleAssignmentSources.Entra });

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Entra sign-in linked to staff {StaffMemberId} with {RoleCount} roles", staff.Id, staff.Roles.Count);
        return new SignInIdentity(staff.Id, staff.Login, staff.DisplayName, staff.Roles.Select(r => r.Role).Distinct().Order().ToList());
    }
}
