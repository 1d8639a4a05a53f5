using IbPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Retention;

/// <summary>The kinds of data that have a retention period, as codes (used in run summaries) and in Dutch.</summary>
public static class RetentionKinds
{
    /// <summary>Zorggegevens: concerns (signaleringen) and their history.</summary>
    public const string CareData = "care-data";

    /// <summary>Gegevens over een verwijzing naar het speciaal (basis)onderwijs.</summary>
    public const string ReferralData = "referral-data";

    public const string ConcernRecord = "concern";
    public const string ConcernHistoryRecord = "concern-history";

    public static string Dutch(string kind) => kind switch
    {
        CareData => "Zorggegevens",
        ReferralData => "Verwijzing naar speciaal onderwijs",
        _ => kind,
    };

    /// <summary>A short name, for table headers.</summary>
    public static string DutchShort(string kind) => kind switch
    {
        CareData => "Zorggegevens",
        ReferralData => "Verwijzingen",
        _ => kind,
    };

    /// <summary>What the kind covers, for the explanation on the retention page.</summary>
    public static string DutchScope(string kind) => kind switch
    {
        CareData => "signaleringen met hun notities, volgende stappen en afronding",
        ReferralData => "gegevens over een verwijzing naar het speciaal (basis)onderwijs",
        _ => kind,
    };

    public static string DutchRecordType(string recordType, int count) => recordType switch
    {
        ConcernRecord => count == 1 ? "signalering" : "signaleringen",
        ConcernHistoryRecord => count == 1 ? "stap uit de geschiedenis" : "stappen uit de geschiedenis",
        _ => recordType,
    };
}

/// <summary>A record held about a pupil at a school, by id only.</summary>
internal readonly record struct HeldRecord(string RecordType, int Id, int PupilId, int SchoolId);

/// <summary>
/// One kind of data with its own retention period. <see cref="RetentionService"/> selects, reports and deletes every kind
/// the same way; a new kind of data (referral records, development plans) is one more subclass in its list.
/// </summary>
internal abstract class RetentionDataKind
{
    /// <summary>Ids per query: EF Core sends a list as one SQL parameter per id, and databases cap the parameters.</summary>
    public const int ChunkSize = 500;

    public abstract string Code { get; }

    public abstract int YearsAfterLeaving(RetentionOptions options);

    /// <summary>Record types in the order in which they must be deleted (dependent records first).</summary>
    public abstract IReadOnlyList<string> RecordTypes { get; }

    /// <summary>Every record of this kind held about <paramref name="pupilIds"/>, with the school it belongs to.</summary>
    public abstract Task<IReadOnlyList<HeldRecord>> RecordsOfAsync(PortalDbContext db, IReadOnlyCollection<int> pupilIds, CancellationToken ct);

    /// <summary>Deletes these records of one type; returns how many rows went.</summary>
    public abstract Task<int> DeleteAsync(PortalDbContext db, string recordType, IReadOnlyList<int> ids, CancellationToken ct);
}

/// <summary>Care data: concerns and their history entries, at the school where the concern was raised.</summary>
internal sealed class CareDataKind : RetentionDataKind
{
    public override string Code => RetentionKinds.CareData;

    public override int YearsAfterLeaving(RetentionOptions options) => options.CareDataYearsAfterLeaving;

    public override IReadOnlyList<string> RecordTypes { get; } = [RetentionKinds.ConcernHistoryRecord, RetentionKinds.ConcernRecord];

    public override async Task<IReadOnlyList<HeldRecord>> RecordsOfAsync(PortalDbContext db, IReadOnlyCollection<int> pupilIds, CancellationToken ct)
    {
        var held = new List<HeldRecord>();
        foreach (var chunk in pupilIds.Chunk(RetentionDataKind.ChunkSize))
        {
            var ids = chunk.ToList();
            var concerns = await db.Concerns.AsNoTracking()
                .Where(c => ids.Contains(c.PupilId))
                .Select(c => new { c.Id, c.PupilId, c.SchoolId })
                .ToListAsync(ct);
            var history = await db.ConcernHistory.AsNoTracking()
                .Where(h => ids.Contains(h.Concern!.PupilId))
                .Select(h => new { h.Id, h.Concern!.PupilId, h.Concern.SchoolId })
                .ToListAsync(ct);
            held.AddRange(concerns.Select(c => new HeldRecord(RetentionKinds.ConcernRecord, c.Id, c.PupilId, c.SchoolId)));
            held.AddRange(history.Select(h => new HeldRecord(RetentionKinds.ConcernHistoryRecord, h.Id, h.PupilId, h.SchoolId)));
        }
        return held;
    }

    public override async Task<int> DeleteAsync(PortalDbContext db, string recordType, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var chunk in ids.Chunk(RetentionDataKind.ChunkSize))
        {
            var list = chunk.ToList();
            deleted += recordType switch
            {
                RetentionKinds.ConcernHistoryRecord => await db.ConcernHistory.Where(h => list.Contains(h.Id)).ExecuteDeleteAsync(ct),
                RetentionKinds.ConcernRecord => await db.Concerns.Where(c => list.Contains(c.Id)).ExecuteDeleteAsync(ct),
                _ => throw new ArgumentOutOfRangeException(nameof(recordType), recordType, "Not a care data record type."),
            };
        }
        return deleted;
    }
}

/// <summary>
/// Data on a referral to special education. There are no referral records yet; the kind is here so that its period is
/// configured, shown and reported (count 0) from the start. When referrals arrive, fill in their record types here.
/// </summary>
internal sealed class ReferralDataKind : RetentionDataKind
{
    public override string Code => RetentionKinds.ReferralData;

    public override int YearsAfterLeaving(RetentionOptions options) => options.ReferralDataYearsAfterLeaving;

    public override IReadOnlyList<string> RecordTypes { get; } = [];

    public override Task<IReadOnlyList<HeldRecord>> RecordsOfAsync(PortalDbContext db, IReadOnlyCollection<int> pupilIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HeldRecord>>([]);

    public override Task<int> DeleteAsync(PortalDbContext db, string recordType, IReadOnlyList<int> ids, CancellationToken ct) =>
        throw new ArgumentOutOfRangeException(nameof(recordType), recordType, "Referral data has no record types yet.");
}
