using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Privacy;

/// <summary>
/// The pupil file (leerlingdossier): who the pupil is, where they are and were enrolled, and the concerns about them.
/// <list type="bullet">
/// <item>The IB'er of a school where the pupil is or was enrolled reaches the file, also after the pupil left
/// (unlike <see cref="AccessRules.VisiblePupils"/>, which covers current enrolments only).</item>
/// <item>A teacher who teaches the pupil now reaches it too.</item>
/// </list>
/// Both see the concerns <see cref="AccessRules.VisibleConcerns"/> allows them, and the care records of the schools
/// that grant them access (<see cref="Care.CareAccess"/>). Everyone else is refused; every read
/// and every refusal is audited.
/// </summary>
public sealed class PupilFileService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    Parents.ConsentPurposes purposes,
    ILogger<PupilFileService> logger)
{
    public const string ReadAction = "pupilfile.read";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task<PupilFile> GetAsync(int pupilId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ReadAction);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var enrolments = await PupilRecords.EnrolmentRowsAsync(db, pupilId, ct);
        var granting = enrolments
            .Where(e => scope.IsCareCoordinatorOf(e.SchoolId) || (scope.Teaches(e.GroupId) && e.IsActiveOn(today)))
            .ToList();
        if (granting.Count == 0)
            throw await audit.RefuseAsync(staffId, ReadAction, AuditRecordKind.PupilFile, pupilId, ct);

        // Name the school and role under which the file is read: as IB'er where possible, else as the pupil's teacher.
        var care = granting.Where(e => scope.IsCareCoordinatorOf(e.SchoolId)).ToList();
        var via = PupilRecords.PreferCurrent(care.Count > 0 ? care : granting, today);
        var role = scope.AccessRoleFor(via.SchoolId, null, pupilId) ?? nameof(PortalRole.Teacher);

        // Enrolments only at the schools that grant access: a role at one school opens nothing of another. One entry
        // per school whose records are read, so that each school's inzage shows the read.
        var schools = granting.Select(e => e.SchoolId).Distinct().ToList();
        await using (var auditDb = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var school in schools.OrderBy(s => s != via.SchoolId).ThenBy(s => s))
                audit.Add(auditDb, new AuditRecord(staffId, ReadAction, AuditRecordKind.PupilFile, pupilId, pupilId, school,
                    scope.AccessRoleFor(school, null, pupilId) ?? nameof(PortalRole.Teacher)));
            await auditDb.SaveChangesAsync(ct);
        }
        var identity = await PupilRecords.IdentityAsync(db, pupilId, ct);
        var enrolmentList = await PupilRecords.EnrolmentsAsync(db, pupilId, schools, today, ct);
        var concerns = await PupilRecords.ConcernsAsync(db,
            AccessRules.VisibleConcerns(db, scope, today).Where(c => c.PupilId == pupilId), ct);
        var canExport = enrolments.Any(e => InzageService.MayExport(scope, e.SchoolId));
        var timeline = await Care.PupilTimeline.BuildAsync(db, pupilId, schools, today, purposes, ct);
        // A teacher's support request is between that teacher and the IB'er: another teacher of the pupil does not read it
        // in the file (the inzage, for the parents, holds it).
        var ownRequests = await db.TeacherSupportRequests.AsNoTracking()
            .Where(r => r.PupilId == pupilId && r.TeacherId == staffId).Select(r => r.Id).ToListAsync(ct);
        timeline = timeline.Where(e => e.Kind != Care.TimelineKind.SupportRequest || scope.IsCareCoordinatorOf(e.SchoolId)
                                       || (scope.IsActive && ownRequests.Contains(e.RecordId))).ToList();
        var current = enrolments.Where(e => e.IsActiveOn(today) && schools.Contains(e.SchoolId)).Select(e => (int?)e.SchoolId).FirstOrDefault();
        int? level = null;
        if (current is { } currentSchool)
        {
            level = await Support.SupportQueries.CurrentLevelAsync(db, pupilId, currentSchool, ct);
        }
        var canManage = current is { } s && scope.IsCareCoordinatorOf(s);

        logger.LogInformation("Pupil file {PupilId} read by staff {StaffMemberId} as {Role} at school {SchoolId}",
            pupilId, staffId, role, via.SchoolId);
        return new PupilFile(identity, enrolmentList, concerns, role, canExport, timeline, level, canManage);
    }
}
