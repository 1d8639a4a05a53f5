using System.Text.Json;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Retention;

/// <summary>
/// Removes pupil-care data whose retention period has passed, and anonymizes pupils of whom nothing is left.
/// <list type="bullet">
/// <item>A pupil has left a school when none of their enrolments at that school is active (LeftOn empty or in the
/// future) and at least one has a LeftOn; the leaving date is the latest LeftOn.</item>
/// <item>Each kind of data at that school expires at leaving date + its period (<see cref="RetentionOptions"/>).</item>
/// <item>A pupil is anonymized when they are enrolled nowhere any more, the care period after their last leaving date
/// has passed, and no record of any kind is left about them.</item>
/// </list>
/// The dry run and the real run use one selection (<see cref="SelectAsync"/>), so the dry run shows exactly what the
/// run would remove. Both record a <see cref="RetentionRun"/> with ids and counts only; the audit trail is never touched
/// except to add an entry for the run.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    IOptionsMonitor<RetentionOptions> options,
    ILogger<RetentionService> logger)
{
    public const string PreviewAction = "retention.preview";
    public const string RunAction = "retention.run";
    public const string ListAction = "retention.list";
    public const string AnonymizedFirstName = "Leerling";
    public const string PupilRecordType = "pupil";

    /// <summary>Every kind of data with a retention period, in the order they are reported.</summary>
    internal static readonly IReadOnlyList<RetentionDataKind> Kinds = [new CareDataKind(), new ReferralDataKind()];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The configured periods and schedule; no pupil data, so open to every signed-in user.</summary>
    public RetentionPolicy GetPolicy()
    {
        var o = options.CurrentValue;
        return new RetentionPolicy(Kinds.Select(k => new RetentionPeriod(k.Code, k.YearsAfterLeaving(o))).ToList(), o.RunDaily, o.RunAtHour);
    }

    /// <summary>Dry run: what the next run would remove today. Removes nothing; records the dry run. Privacy officers only.</summary>
    public async Task<RetentionReport> PreviewAsync(CancellationToken ct = default)
    {
        var staffId = await RequirePrivacyOfficerAsync(PreviewAction, ct);
        return await ExecuteAsync(staffId, dryRun: true, ct);
    }

    /// <summary>How long a privacy officer's run waits for a run in progress (on this or another server) to finish.</summary>
    internal static readonly TimeSpan ManualRunLockWait = TimeSpan.FromSeconds(5);

    /// <summary>How long the scheduled run waits for a run in progress; the servers' scheduled runs all fall at the same hour.</summary>
    internal static readonly TimeSpan ScheduledRunLockWait = TimeSpan.FromSeconds(2);

    /// <summary>A scheduled run is skipped when another server's scheduled run started within this window (the same night).</summary>
    internal static readonly TimeSpan ScheduledRunWindow = TimeSpan.FromHours(12);

    public const string RunInProgressMessage =
        "Er loopt al een opschoonronde (de automatische, of die van een andere privacyfunctionaris). Er is nu niets verwijderd. " +
        "Bekijk over een paar minuten de lijst met rondes hieronder en probeer het dan zo nodig opnieuw.";

    /// <summary>
    /// Removes what has expired, now, in one transaction; records the run and audits it. Privacy officers only. One run at
    /// a time over all servers (<see cref="PortalDatabaseLock.Retention"/>): while another runs, this one waits
    /// <see cref="ManualRunLockWait"/> and then refuses with <see cref="RunInProgressMessage"/>, having removed nothing.
    /// </summary>
    public async Task<RetentionReport> RunAsync(CancellationToken ct = default)
    {
        var staffId = await RequirePrivacyOfficerAsync(RunAction, ct);
        await using var runLock = await PortalDatabaseLock.TryAcquireAsync(dbFactory, PortalDatabaseLock.Retention, ManualRunLockWait, logger, ct);
        if (runLock is null)
        {
            logger.LogInformation("Retention run by staff {StaffMemberId} refused: another run is in progress", staffId);
            throw new DomainException(RunInProgressMessage);
        }
        return await ExecuteAsync(staffId, dryRun: false, ct);
    }

    /// <summary>
    /// The scheduled run of the background job: as the system, without a signed-in user. Every server schedules it at the
    /// same hour; the first to take <see cref="PortalDatabaseLock.Retention"/> runs it. Null (logged) when this server
    /// skips it: another run held the lock for <see cref="ScheduledRunLockWait"/>, or another server's scheduled run
    /// started within <see cref="ScheduledRunWindow"/>.
    /// </summary>
    internal async Task<RetentionReport?> RunAsSystemAsync(CancellationToken ct = default)
    {
        await using var runLock = await PortalDatabaseLock.TryAcquireAsync(dbFactory, PortalDatabaseLock.Retention, ScheduledRunLockWait, logger, ct);
        if (runLock is null)
        {
            logger.LogInformation("Retention: another run is in progress (on this or another server); this scheduled run is skipped");
            return null;
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var since = Now - ScheduledRunWindow;
            var earlier = await db.RetentionRuns.AsNoTracking()
                .Where(r => r.StaffMemberId == null && !r.DryRun && r.StartedAt > since)
                .OrderByDescending(r => r.StartedAt)
                .Select(r => (int?)r.Id)
                .FirstOrDefaultAsync(ct);
            if (earlier is { } runId)
            {
                logger.LogInformation("Retention: scheduled run {RetentionRunId} already ran (on another server); this scheduled run is skipped", runId);
                return null;
            }
        }
        return await ExecuteAsync(null, dryRun: false, ct);
    }

    /// <summary>The latest runs and dry runs, newest first. Privacy officers only.</summary>
    public async Task<IReadOnlyList<RetentionRunInfo>> GetRecentRunsAsync(int take = 20, CancellationToken ct = default)
    {
        await RequirePrivacyOfficerAsync(ListAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.RetentionRuns.AsNoTracking()
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(take, 1, 200))
            .Select(r => new
            {
                r.Id,
                r.StartedAt,
                r.FinishedAt,
                r.DryRun,
                r.StaffMemberId,
                StartedBy = db.StaffMembers.Where(s => s.Id == r.StaffMemberId).Select(s => s.DisplayName).FirstOrDefault(),
                r.Summary,
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var summary = ReadSummary(r.Id, r.Summary);
            return new RetentionRunInfo(r.Id, r.StartedAt, r.FinishedAt, r.DryRun, r.StaffMemberId, r.StartedBy,
                summary?.Kinds.Select(k => new RetentionKindCount(k.Kind, k.Count)).ToList() ?? [],
                summary?.AnonymizedPupils.Count ?? 0);
        }).ToList();
    }

    private async Task<RetentionReport> ExecuteAsync(int? staffId, bool dryRun, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var problems = settings.Problems();
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join(" ", problems));

        var startedAt = Now;
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var selection = await SelectAsync(db, today, settings, ct);
        if (!dryRun)
            await RemoveAsync(db, selection, startedAt, ct);

        var report = selection.ToReport(0, dryRun, startedAt);
        var run = new RetentionRun
        {
            StartedAt = startedAt,
            FinishedAt = Now,
            DryRun = dryRun,
            StaffMemberId = staffId,
            Summary = JsonSerializer.Serialize(RunSummary.Of(report), Json),
        };
        db.RetentionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        audit.Add(db, new AuditRecord(staffId, dryRun ? PreviewAction : RunAction, AuditRecordKind.Retention, run.Id, null, null,
            staffId is null ? null : nameof(PortalRole.PrivacyOfficer)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        report = report with { RunId = run.Id };
        Log(report, staffId);
        return report;
    }

    /// <summary>
    /// What has expired as of <paramref name="today"/>: the one selection behind both the dry run and the real run.
    /// </summary>
    internal static async Task<RetentionSelection> SelectAsync(PortalDbContext db, DateOnly today, RetentionOptions settings, CancellationToken ct)
    {
        // Schools a pupil has left: no active enrolment there, and the latest LeftOn as the leaving date. Only leaving
        // dates old enough for the shortest period matter (one day of slack for 29 February; the exact test is below).
        var shortest = Kinds.Min(k => k.YearsAfterLeaving(settings));
        var latestUseful = today.AddYears(-shortest).AddDays(1);
        var leftSchools = await db.Enrolments.AsNoTracking()
            .GroupBy(e => new { e.PupilId, e.Group!.SchoolId })
            .Select(g => new
            {
                g.Key.PupilId,
                g.Key.SchoolId,
                Active = g.Count(e => e.LeftOn == null || e.LeftOn > today),
                LeftOn = g.Max(e => e.LeftOn),
            })
            .Where(x => x.Active == 0 && x.LeftOn != null && x.LeftOn <= latestUseful)
            .ToListAsync(ct);

        var kinds = new List<(RetentionDataKind Kind, int Years, IReadOnlyList<HeldRecord> Expired)>();
        foreach (var kind in Kinds)
        {
            var years = kind.YearsAfterLeaving(settings);
            var expiredSchools = leftSchools
                .Where(l => l.LeftOn!.Value.AddYears(years) <= today)
                .Select(l => (l.PupilId, l.SchoolId))
                .ToHashSet();
            var held = await kind.RecordsOfAsync(db, expiredSchools.Select(p => p.PupilId).Distinct().ToList(), ct);
            kinds.Add((kind, years, held.Where(r => expiredSchools.Contains((r.PupilId, r.SchoolId))).ToList()));
        }

        // Pupils enrolled nowhere any more whose care period after their last leaving date has passed, and of whom
        // nothing is left once the expired records are gone.
        var leftEverywhere = await db.Pupils.AsNoTracking()
            .Where(p => p.AnonymizedAt == null && p.Enrolments.Any() && !p.Enrolments.Any(e => e.LeftOn == null || e.LeftOn > today))
            .Select(p => new { p.Id, LeftOn = p.Enrolments.Max(e => e.LeftOn) })
            .Where(p => p.LeftOn <= latestUseful)
            .ToListAsync(ct);
        var candidates = leftEverywhere
            .Where(p => p.LeftOn!.Value.AddYears(settings.CareDataYearsAfterLeaving) <= today)
            .Select(p => p.Id)
            .ToHashSet();
        foreach (var (kind, _, expired) in kinds)
        {
            if (candidates.Count == 0)
                break;
            var going = expired.Select(r => (r.RecordType, r.Id)).ToHashSet();
            var held = await kind.RecordsOfAsync(db, candidates.ToList(), ct);
            candidates.ExceptWith(held.Where(r => !going.Contains((r.RecordType, r.Id))).Select(r => r.PupilId));
        }

        return new RetentionSelection(today,
            kinds.Select(k => new RetentionSelection.KindSelection(k.Kind, k.Years,
                k.Kind.RecordTypes.Select(t => new RetentionRecordIds(t,
                    k.Expired.Where(r => r.RecordType == t).Select(r => r.Id).Order().ToList())).ToList())).ToList(),
            candidates.Order().ToList());
    }

    private static async Task RemoveAsync(PortalDbContext db, RetentionSelection selection, DateTime now, CancellationToken ct)
    {
        foreach (var kind in selection.Kinds)
        {
            foreach (var records in kind.Records.Where(r => r.Count > 0))
            {
                var deleted = await kind.Kind.DeleteAsync(db, records.RecordType, records.Ids, ct);
                // Someone changed the data since the selection: undo all, so the report stays true; the next run retries.
                if (deleted != records.Count)
                    throw new InvalidOperationException(
                        $"Retention expected to delete {records.Count} {records.RecordType} records but deleted {deleted}; nothing was removed.");
            }
        }

        if (selection.PupilsToAnonymize.Count == 0)
            return;
        foreach (var chunk in selection.PupilsToAnonymize.Chunk(RetentionDataKind.ChunkSize))
        {
            var ids = chunk.ToList();
            var pupils = await db.Pupils.Where(p => ids.Contains(p.Id) && p.AnonymizedAt == null).ToListAsync(ct);
            if (pupils.Count != ids.Count)
                throw new InvalidOperationException(
                    $"Retention expected to anonymize {ids.Count} pupils but found {pupils.Count}; nothing was removed.");
            foreach (var pupil in pupils)
                Anonymize(pupil, now);
        }
    }

    /// <summary>Replaces what identifies the pupil; the id stays, so that ids in the audit trail still line up.</summary>
    internal static void Anonymize(Pupils.Pupil pupil, DateTime now)
    {
        pupil.FirstName = AnonymizedFirstName;
        pupil.Infix = null;
        pupil.LastName = $"#{pupil.Id}";
        pupil.DateOfBirth = new DateOnly(pupil.DateOfBirth.Year, 1, 1);
        pupil.AnonymizedAt = now;
    }

    private async Task<int> RequirePrivacyOfficerAsync(string action, CancellationToken ct)
    {
        var staffId = await currentUser.GetStaffMemberIdAsync();
        if (staffId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var scope = await UserScope.LoadAsync(db, id, Today, ct);
            if (scope.Has(PortalRole.PrivacyOfficer))
                return id;
        }

        throw await audit.RefuseAsync(staffId, action, AuditRecordKind.Retention, null, ct);
    }

    private void Log(RetentionReport report, int? staffId)
    {
        var mode = report.DryRun ? "Dry run" : "Run";
        logger.LogInformation("Retention {Mode} {RetentionRunId} by staff {StaffMemberId} as of {ReferenceDate}: {RecordCount} records, {PupilCount} pupils to anonymize",
            mode, report.RunId, staffId, report.ReferenceDate, report.TotalRecords, report.PupilsToAnonymize.Count);
        foreach (var kind in report.Kinds)
        {
            foreach (var records in kind.Records.Where(r => r.Count > 0))
            {
                logger.LogInformation("Retention {Mode} {RetentionRunId}: {Kind} {RecordType} {Count} ids {Ids}",
                    mode, report.RunId, kind.Kind, records.RecordType, records.Count, records.Ids);
            }
        }
        if (report.PupilsToAnonymize.Count > 0)
        {
            logger.LogInformation("Retention {Mode} {RetentionRunId}: {RecordType} {Count} anonymized ids {Ids}",
                mode, report.RunId, PupilRecordType, report.PupilsToAnonymize.Count, report.PupilsToAnonymize);
        }
    }

    private RunSummary? ReadSummary(int runId, string summary)
    {
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(summary, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Retention run {RetentionRunId} has an unreadable summary", runId);
            return null;
        }
    }

    /// <summary>The stored summary of a run (<see cref="RetentionRun.Summary"/>): counts and ids, never content.</summary>
    internal sealed record RunSummary(DateOnly ReferenceDate, bool DryRun, IReadOnlyList<RunSummary.KindSummary> Kinds, RunSummary.IdList AnonymizedPupils)
    {
        public static RunSummary Of(RetentionReport report) => new(report.ReferenceDate, report.DryRun,
            report.Kinds.Select(k => new KindSummary(k.Kind, k.YearsAfterLeaving, k.Count,
                k.Records.Select(r => new RecordSummary(r.RecordType, r.Count, r.Ids)).ToList())).ToList(),
            new IdList(report.PupilsToAnonymize.Count, report.PupilsToAnonymize));

        internal sealed record KindSummary(string Kind, int YearsAfterLeaving, int Count, IReadOnlyList<RecordSummary> Records);

        internal sealed record RecordSummary(string RecordType, int Count, IReadOnlyList<int> Ids);

        internal sealed record IdList(int Count, IReadOnlyList<int> Ids);
    }
}

/// <summary>The expired records per kind and the pupils to anonymize, as of one day.</summary>
internal sealed record RetentionSelection(
    DateOnly ReferenceDate,
    IReadOnlyList<RetentionSelection.KindSelection> Kinds,
    IReadOnlyList<int> PupilsToAnonymize)
{
    internal sealed record KindSelection(RetentionDataKind Kind, int Years, IReadOnlyList<RetentionRecordIds> Records);

    public RetentionReport ToReport(int runId, bool dryRun, DateTime at) => new(runId, dryRun, at, ReferenceDate,
        Kinds.Select(k => new RetentionKindReport(k.Kind.Code, k.Years, k.Records)).ToList(), PupilsToAnonymize);
}
