using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Pupils;

public sealed record PupilOption(int Id, string FullName, int GroupId, string GroupName, int SchoolId, string SchoolShortName);

public sealed record PupilListItem(int Id, string FullName, string SortName, DateOnly DateOfBirth, int OpenConcerns);

public sealed record TeacherGroup(
    int GroupId,
    string Name,
    int SchoolId,
    string SchoolName,
    string SchoolColor,
    string SchoolYear,
    IReadOnlyList<PupilListItem> Pupils);

/// <summary>Pupils as the current user may see them.</summary>
public sealed class PupilService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The groups the current user teaches this school year, with their pupils.</summary>
    public async Task<IReadOnlyList<TeacherGroup>> GetMyGroupsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("pupil.my-groups");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var today = Today;
        var taught = scope.TaughtGroupIds.ToList();

        var groups = await db.Groups.AsNoTracking()
            .Where(g => taught.Contains(g.Id))
            .OrderBy(g => g.School!.Name).ThenBy(g => g.FirstGrade).ThenBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.SchoolId, SchoolName = g.School!.Name, g.School.Color, g.SchoolYear!.StartYear })
            .ToListAsync(ct);

        var pupils = await db.Enrolments.AsNoTracking()
            .Where(e => taught.Contains(e.GroupId) && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today))
            .Select(e => new
            {
                e.GroupId,
                e.Pupil!.Id,
                e.Pupil.FirstName,
                e.Pupil.Infix,
                e.Pupil.LastName,
                e.Pupil.DateOfBirth,
                Open = db.Concerns.Count(c => c.PupilId == e.PupilId && c.Status != ConcernStatus.Closed),
            })
            .ToListAsync(ct);

        return groups.Select(g => new TeacherGroup(g.Id, g.Name, g.SchoolId, g.SchoolName, g.Color, SchoolYear.NameOf(g.StartYear),
                pupils.Where(p => p.GroupId == g.Id)
                    .Select(p => new PupilListItem(p.Id, Pupil.FullNameOf(p.FirstName, p.Infix, p.LastName),
                        $"{p.LastName}, {p.FirstName}", p.DateOfBirth, p.Open))
                    .OrderBy(p => p.SortName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), true))
                    .ToList()))
            .ToList();
    }

    /// <summary>Pupils the current user may flag whose name contains <paramref name="term"/>.</summary>
    public async Task<IReadOnlyList<PupilOption>> SearchFlaggableAsync(string? term, int take = 20, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("pupil.search");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var enrolments = AccessRules.FlaggableEnrolments(db, scope, Today).AsNoTracking();

        foreach (var word in (term ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4))
        {
            var pattern = $"%{EscapeLike(word.ToLowerInvariant())}%";
            enrolments = enrolments.Where(e =>
                EF.Functions.Like(e.Pupil!.FirstName.ToLower(), pattern, "\\") ||
                EF.Functions.Like(e.Pupil.LastName.ToLower(), pattern, "\\") ||
                (e.Pupil.Infix != null && EF.Functions.Like(e.Pupil.Infix.ToLower(), pattern, "\\")));
        }

        var rows = await enrolments
            .OrderBy(e => e.Pupil!.FirstName).ThenBy(e => e.Pupil!.LastName)
            .Take(take)
            .Select(e => new { e.PupilId, e.Pupil!.FirstName, e.Pupil.Infix, e.Pupil.LastName, e.GroupId, GroupName = e.Group!.Name, e.Group.SchoolId, e.Group.School!.ShortName })
            .ToListAsync(ct);
        return rows.Select(r => new PupilOption(r.PupilId, Pupil.FullNameOf(r.FirstName, r.Infix, r.LastName), r.GroupId, r.GroupName, r.SchoolId, r.ShortName))
            .DistinctBy(r => r.Id)
            .ToList();
    }

    /// <summary>One pupil the current user may flag, or an access refusal.</summary>
    public async Task<PupilOption> GetFlaggableAsync(int pupilId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync("pupil.read");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var row = await AccessRules.FlaggableEnrolments(db, scope, Today).AsNoTracking()
            .Where(e => e.PupilId == pupilId)
            .Select(e => new { e.PupilId, e.Pupil!.FirstName, e.Pupil.Infix, e.Pupil.LastName, e.GroupId, GroupName = e.Group!.Name, e.Group.SchoolId, e.Group.School!.ShortName })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            throw await audit.RefuseAsync(staffId, "pupil.read", AuditRecordKind.PupilFile, pupilId, ct);
        return new PupilOption(row.PupilId, Pupil.FullNameOf(row.FirstName, row.Infix, row.LastName), row.GroupId, row.GroupName, row.SchoolId, row.ShortName);
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
