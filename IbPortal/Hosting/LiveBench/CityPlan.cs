using IbPortal.Domain;
using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// Who does what in the seeded city: the IB'ers (logins) of each school, and for the flagging teachers a login and the
/// pupils they may flag today (through the domain's own rule, <see cref="AccessRules.FlaggableEnrolments"/>).
/// </summary>
public sealed record CityPlan(
    IReadOnlyList<int> SchoolIds,
    IReadOnlyList<string> CareCoordinatorLogins,
    IReadOnlyDictionary<string, IReadOnlySet<int>> CareSchoolsByLogin,
    IReadOnlyList<CityPlan.Teacher> Teachers,
    int MaxConcernId)
{
    public sealed record Teacher(string Login, int SchoolId, IReadOnlyList<int> PupilIds);

    /// <summary>The IB'er logins whose dashboards show a concern at <paramref name="schoolId"/>.</summary>
    public IEnumerable<string> AudienceOf(int schoolId) =>
        CareCoordinatorLogins.Where(l => CareSchoolsByLogin[l].Contains(schoolId));

    /// <summary>
    /// Reads the plan with <paramref name="teacherCount"/> teachers spread evenly over the city's schools, each a different
    /// person (a school with more clients than teachers repeats its teachers).
    /// </summary>
    public static async Task<CityPlan> LoadAsync(IServiceProvider services, int teacherCount, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);
        await using var db = await factory.CreateDbContextAsync(ct);

        var schoolIds = await db.Schools.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var care = await db.Set<RoleAssignment>().AsNoTracking()
            .Where(r => r.Role == PortalRole.CareCoordinator && r.StaffMember!.IsActive)
            .Select(r => new { r.StaffMember!.Login, r.SchoolId })
            .ToListAsync(ct);
        var careByLogin = care.GroupBy(c => c.Login, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(c => c.SchoolId).ToHashSet(), StringComparer.Ordinal);
        var careLogins = careByLogin.Keys.Order(StringComparer.Ordinal).ToList();

        var teachers = new List<Teacher>();
        var startYear = Domain.Organisation.SchoolYear.StartYearOf(today);
        var candidates = await db.Set<GroupTeacher>().AsNoTracking()
            .Where(t => t.Group!.SchoolYear!.StartYear == startYear && t.StaffMember!.IsActive)
            .Select(t => new { t.StaffMemberId, t.StaffMember!.Login, t.Group!.SchoolId })
            .Distinct()
            .ToListAsync(ct);
        var picks = new Dictionary<int, int>();
        var bySchool = candidates.GroupBy(c => c.SchoolId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Login, StringComparer.Ordinal).ToList());
        for (var i = 0; i < teacherCount && schoolIds.Count > 0; i++)
        {
            var school = schoolIds[(int)((long)i * schoolIds.Count / Math.Max(teacherCount, 1)) % schoolIds.Count];
            if (!bySchool.TryGetValue(school, out var atSchool) || atSchool.Count == 0)
                continue;
            // The n-th teacher placed at this school is its n-th teacher: several clients never share a login.
            picks[school] = picks.GetValueOrDefault(school) + 1;
            var chosen = atSchool[(picks[school] - 1) % atSchool.Count];
            var scope = await UserScope.LoadAsync(db, chosen.StaffMemberId, today, ct);
            var taught = scope.TaughtGroupIds.ToList();
            var pupils = await AccessRules.FlaggableEnrolments(db, scope, today)
                .Where(e => taught.Contains(e.GroupId))
                .OrderBy(e => e.PupilId)
                .Select(e => new { e.PupilId, e.Group!.SchoolId })
                .ToListAsync(ct);
            var own = pupils.Where(p => p.SchoolId == school).Select(p => p.PupilId).Distinct().ToList();
            if (own.Count > 0)
                teachers.Add(new Teacher(chosen.Login, school, own));
        }

        var maxConcern = await db.Concerns.AsNoTracking().MaxAsync(c => (int?)c.Id, ct) ?? 0;
        return new CityPlan(schoolIds, careLogins, careByLogin, teachers, maxConcern);
    }
}
