using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Organisation;

public sealed record SchoolFigures(
    int SchoolId,
    string Name,
    string ShortName,
    string Color,
    int Groups,
    int Pupils,
    int Staff,
    int OpenConcerns,
    int CognitiveThisYear,
    int SocialEmotionalThisYear,
    int BothThisYear);

/// <summary>
/// School-level figures for the quality coordinator, school leader and administrator landing pages:
/// aggregates only, never a pupil or the content of a concern.
/// </summary>
public sealed class OrganisationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    TimeProvider clock)
{
    private static readonly PortalRole[] OverviewRoles =
        [PortalRole.QualityCoordinator, PortalRole.SchoolLeader, PortalRole.Administrator, PortalRole.CareCoordinator];

    public async Task<IReadOnlyList<SchoolFigures>> GetSchoolFiguresAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("organisation.figures");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);
        var ids = scope.Roles.Where(r => OverviewRoles.Contains(r.Role)).Select(r => r.SchoolId).Distinct().ToList();
        if (ids.Count == 0)
            throw new AccessDeniedException(staffId, "organisation.figures", null);

        var year = SchoolYear.StartYearOf(today);
        var yearStart = SchoolYear.StartDateOf(year).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return await db.Schools.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SchoolFigures(
                s.Id,
                s.Name,
                s.ShortName,
                s.Color,
                s.Groups.Count(g => g.SchoolYear!.StartYear == year),
                db.Enrolments.Count(e => e.Group!.SchoolId == s.Id && e.Group.SchoolYear!.StartYear == year
                                         && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)),
                db.RoleAssignments.Where(r => r.SchoolId == s.Id).Select(r => r.StaffMemberId).Distinct().Count(),
                db.Concerns.Count(c => c.SchoolId == s.Id && c.Status != ConcernStatus.Closed),
                db.Concerns.Count(c => c.SchoolId == s.Id && c.RaisedAt >= yearStart && c.Area == DevelopmentArea.Cognitive),
                db.Concerns.Count(c => c.SchoolId == s.Id && c.RaisedAt >= yearStart && c.Area == DevelopmentArea.SocialEmotional),
                db.Concerns.Count(c => c.SchoolId == s.Id && c.RaisedAt >= yearStart && c.Area == DevelopmentArea.Both)))
            .ToListAsync(ct);
    }
}
