using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Privacy;

/// <summary>
/// The inzage export (right of access, AVG art. 15): everything stored about one pupil, for answering a parent's
/// request. Only the IB'er and the privacy officer of a school where the pupil is or was enrolled may produce it; the
/// privacy officer otherwise reaches no care content, the export is the one exception. The export covers the schools
/// of that school's board (the controller): a pupil's records at another board are that board's to disclose.
/// Producing it is audited (it then appears in its own access log); a refusal is audited too.
/// </summary>
public sealed class InzageService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    Parents.ConsentPurposes purposes,
    ILogger<InzageService> logger)
{
    public const string ExportAction = "inzage.export";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Keeps letters such as ë and é readable; still escapes what is special in HTML (<, >, &, quotes).
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Whether the holder of <paramref name="scope"/> may export the file of a pupil enrolled (now or before) at this school.</summary>
    public static bool MayExport(UserScope scope, int schoolId) =>
        scope.IsCareCoordinatorOf(schoolId) || scope.Roles.Contains((PortalRole.PrivacyOfficer, schoolId));

    public async Task<InzageExport> ExportAsync(int pupilId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ExportAction);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, today, ct);

        var enrolments = await PupilRecords.EnrolmentRowsAsync(db, pupilId, ct);
        var granting = enrolments.Where(e => MayExport(scope, e.SchoolId)).ToList();
        if (granting.Count == 0)
            throw await audit.RefuseAsync(staffId, ExportAction, AuditRecordKind.Inzage, pupilId, ct);

        var care = granting.Where(e => scope.IsCareCoordinatorOf(e.SchoolId)).ToList();
        var via = PupilRecords.PreferCurrent(care.Count > 0 ? care : granting, today);
        var role = care.Count > 0 ? nameof(PortalRole.CareCoordinator) : nameof(PortalRole.PrivacyOfficer);
        var generatedAt = clock.GetUtcNow().UtcDateTime;

        // Audited before anything is read, so that no export exists without its entry; the entry is part of the export.
        audit.Add(db, new AuditRecord(staffId, ExportAction, AuditRecordKind.Inzage, pupilId, pupilId, via.SchoolId, role));
        await db.SaveChangesAsync(ct);

        // Only the schools where the requester holds the granting role: a role at one school opens nothing of another.
        var schools = granting.Select(e => e.SchoolId).Distinct().ToList();
        var identity = await PupilRecords.IdentityAsync(db, pupilId, ct);
        var enrolmentList = await PupilRecords.EnrolmentsAsync(db, pupilId, schools, today, ct);
        var concerns = await PupilRecords.ConcernsAsync(db,
            db.Concerns.Where(c => c.PupilId == pupilId && schools.Contains(c.SchoolId)), ct);
        var accessLog = await AccessLogAsync(db, pupilId, concerns.Select(c => c.Id).ToList(), schools, ct);
        var careRecords = await Care.PupilTimeline.BuildAsync(db, pupilId, schools, today, purposes, ct);
        var guardians = await db.Guardians.AsNoTracking()
            .Where(g => g.PupilId == pupilId && schools.Contains(g.SchoolId))
            .OrderBy(g => g.ArchivedAt != null).ThenBy(g => g.Id)
            .Select(g => new InzageGuardian(g.Id, g.SchoolId, g.Name, g.Relationship, g.Phone, g.Email, g.HasParentalAuthority, g.ArchivedAt))
            .ToListAsync(ct);

        var requester = await db.StaffMembers.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName).SingleAsync(ct);
        var schoolName = await db.Schools.AsNoTracking().Where(s => s.Id == via.SchoolId).Select(s => s.Name).SingleAsync(ct);

        logger.LogInformation("Inzage export of pupil {PupilId} produced by staff {StaffMemberId} as {Role} at school {SchoolId}: {ConcernCount} concerns, {CareCount} care entries, {AccessCount} access entries",
            pupilId, staffId, role, via.SchoolId, concerns.Count, careRecords.Count, accessLog.Count);
        return new InzageExport(generatedAt, new InzageRequester(staffId, requester, role, via.SchoolId, schoolName),
            identity, enrolmentList, concerns, accessLog, careRecords, guardians);
    }

    /// <summary>The export as UTF-8 JSON: indented, camelCase, enums as their names.</summary>
    public static byte[] ToJson(InzageExport export) => JsonSerializer.SerializeToUtf8Bytes(export, JsonOptions);

    /// <summary>Reads an export written by <see cref="ToJson"/>.</summary>
    public static InzageExport FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<InzageExport>(json, JsonOptions) ?? throw new JsonException("Empty inzage export.");

    /// <summary>
    /// Every audit entry about the pupil: entries that name the pupil, entries about one of the pupil's concerns, and
    /// entries about the pupil's file or export (refusals name the record only). Newest first.
    /// </summary>
    private static async Task<IReadOnlyList<InzageAccessEntry>> AccessLogAsync(PortalDbContext db, int pupilId,
        List<int> concernIds, List<int> schools, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PupilId == pupilId
                        || (a.RecordKind == AuditRecordKind.Concern && a.RecordId != null && concernIds.Contains(a.RecordId.Value))
                        || ((a.RecordKind == AuditRecordKind.PupilFile || a.RecordKind == AuditRecordKind.Inzage) && a.RecordId == pupilId))
            .Where(a => a.SchoolId == null || schools.Contains(a.SchoolId.Value))
            .ToListAsync(ct);

        var staffIds = entries.Where(a => a.StaffMemberId != null).Select(a => a.StaffMemberId!.Value).Distinct().ToList();
        var staffNames = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var schoolIds = entries.Where(a => a.SchoolId != null).Select(a => a.SchoolId!.Value).Distinct().ToList();
        var schoolNames = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        return entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new InzageAccessEntry(a.Id, a.At, a.StaffMemberId,
                a.StaffMemberId is { } s ? staffNames.GetValueOrDefault(s) : null,
                a.Action, AuditActionLabels.Describe(a.Action), a.RecordKind, a.RecordId, a.Role,
                a.SchoolId, a.SchoolId is { } school ? schoolNames.GetValueOrDefault(school) : null, a.Outcome))
            .ToList();
    }
}
