using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Audit;

/// <summary>What to record about one access; ids and codes only.</summary>
public sealed record AuditRecord(
    int? StaffMemberId,
    string Action,
    AuditRecordKind RecordKind,
    int? RecordId,
    int? PupilId,
    int? SchoolId,
    string? Role,
    AuditOutcome Outcome = AuditOutcome.Allowed);

/// <summary>
/// Writes the access audit. A change is audited in the same SaveChanges as the change itself (<see cref="Add"/>), so
/// one never exists without the other; a read or a refusal is written on its own (<see cref="RecordAsync"/>).
/// </summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ILogger<AuditTrail> logger)
{
    /// <summary>Adds the entry to <paramref name="db"/>; it is saved with the caller's own SaveChanges.</summary>
    public void Add(PortalDbContext db, AuditRecord record) => db.AuditEntries.Add(ToEntry(record));

    /// <summary>Saves one entry on its own (reads, exports, refusals).</summary>
    public async Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(ToEntry(record));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A refusal, handled the same way everywhere: logged with ids, audited, and returned as the exception to throw
    /// (whose message never reveals whether the record exists).
    /// </summary>
    public async Task<Access.AccessDeniedException> RefuseAsync(int? staffMemberId, string action, AuditRecordKind kind, int? recordId,
        CancellationToken ct = default)
    {
        logger.LogWarning("Access denied: staff {StaffMemberId} tried {Action} on {RecordKind} {TargetId}", staffMemberId, action, kind, recordId);
        await RecordRefusalAsync(staffMemberId, action, kind, recordId, ct);
        return new Access.AccessDeniedException(staffMemberId, action, recordId);
    }

    /// <summary>
    /// A refusal of a step about a pupil rather than one record (a list, a new record): audited naming the pupil, so that
    /// a search by pupil and the pupil's inzage find it.
    /// </summary>
    public async Task<Access.AccessDeniedException> RefusePupilAsync(int? staffMemberId, string action, AuditRecordKind kind, int pupilId,
        CancellationToken ct = default)
    {
        logger.LogWarning("Access denied: staff {StaffMemberId} tried {Action} on {RecordKind} of pupil {PupilId}", staffMemberId, action, kind, pupilId);
        try
        {
            await RecordAsync(new AuditRecord(staffMemberId, action, kind, null, pupilId, null, null, AuditOutcome.Refused), ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogError(ex, "Could not audit a refusal of {Action} on {RecordKind} of pupil {PupilId} for staff {StaffMemberId}",
                action, kind, pupilId, staffMemberId);
        }
        return new Access.AccessDeniedException(staffMemberId, action, pupilId);
    }

    /// <summary>Records a refusal; never throws, so that the refusal itself still reaches the user.</summary>
    public async Task RecordRefusalAsync(int? staffMemberId, string action, AuditRecordKind kind, int? recordId, CancellationToken ct = default)
    {
        try
        {
            // A refused attempt on a pupil's file or inzage names the pupil, so that a search by pupil finds it too.
            int? pupilId = kind is AuditRecordKind.PupilFile or AuditRecordKind.Inzage ? recordId : null;
            await RecordAsync(new AuditRecord(staffMemberId, action, kind, recordId, pupilId, null, null, AuditOutcome.Refused), ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogError(ex, "Could not audit a refusal of {Action} on {RecordKind} {RecordId} for staff {StaffMemberId}",
                action, kind, recordId, staffMemberId);
        }
    }

    private AuditEntry ToEntry(AuditRecord r) => new()
    {
        At = clock.GetUtcNow().UtcDateTime,
        StaffMemberId = r.StaffMemberId,
        Action = r.Action,
        RecordKind = r.RecordKind,
        RecordId = r.RecordId,
        PupilId = r.PupilId,
        SchoolId = r.SchoolId,
        Role = r.Role,
        Outcome = r.Outcome,
    };
}
