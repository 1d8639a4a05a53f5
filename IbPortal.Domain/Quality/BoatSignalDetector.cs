using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Quality;

/// <summary>
/// Computes a group's concern density and raises its boat signal (issue 6, item 2) when the group reaches a threshold
/// of <see cref="BoatSignalOptions"/> (at or above; see <see cref="BoatSignalDensity"/>), has no open signal, and its
/// last signal closed more than <see cref="BoatSignalOptions.QuietDays"/> days ago.
/// <para>Raising is a system action: no staff member does it, so it is NOT written to the access audit trail (which
/// records who reached what); it is logged with ids only, and the IB'er's later act or dismiss is audited.</para>
/// <para>Two nodes may evaluate one group at once: the filtered unique index <c>IX_BoatSignals_GroupId_Open</c> lets
/// only one insert win; the loser finds the winner's open signal and reports <see cref="BoatSignalEvaluationOutcome.AlreadyOpen"/>.</para>
/// </summary>
public sealed class BoatSignalDetector(
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock,
    IOptionsMonitor<BoatSignalOptions> options,
    IPortalEvents events,
    ILogger<BoatSignalDetector> logger)
{
    public async Task<BoatSignalEvaluation> EvaluateGroupAsync(int groupId, CancellationToken ct = default)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = SchoolYear.StartYearOf(today);
        var group = await db.Groups.AsNoTracking()
            .Where(g => g.Id == groupId && g.SchoolYear!.StartYear == year)
            .Select(g => new { g.Id, g.SchoolId })
            .SingleOrDefaultAsync(ct);
        if (group is null)
            return new BoatSignalEvaluation(BoatSignalEvaluationOutcome.NotCurrentGroup, null, BoatSignalReasons.None, null);

        var densities = await BoatSignalDensity.ComputeAsync(db, [groupId], today,
            BoatSignalDensity.NewConcernsSince(now, settings.NewConcernsWeeks), settings.HighSupportLevel, ct);
        var density = densities[groupId];
        var reasons = BoatSignalDensity.Reached(density, settings);
        if (reasons == BoatSignalReasons.None)
            return new BoatSignalEvaluation(BoatSignalEvaluationOutcome.BelowThresholds, density, reasons, null);

        var openId = await OpenSignalIdAsync(db, groupId, ct);
        if (openId is not null)
            return new BoatSignalEvaluation(BoatSignalEvaluationOutcome.AlreadyOpen, density, reasons, openId);

        var lastClosed = await db.BoatSignals.AsNoTracking()
            .Where(s => s.GroupId == groupId && s.Status != BoatSignalStatus.Open && s.ClosedAt != null)
            .MaxAsync(s => s.ClosedAt, ct);
        if (lastClosed is { } closed && closed >= now.AddDays(-settings.QuietDays))
        {
            logger.LogDebug("Boat signal for group {GroupId} not raised: its last signal closed at {ClosedAt}, within {QuietDays} quiet days",
                groupId, closed, settings.QuietDays);
            return new BoatSignalEvaluation(BoatSignalEvaluationOutcome.QuietPeriod, density, reasons, null);
        }

        var signal = new BoatSignal
        {
            GroupId = groupId,
            SchoolId = group.SchoolId,
            RaisedAt = now,
            Reasons = reasons,
            PupilCount = density.PupilCount,
            PupilsWithOpenConcerns = density.PupilsWithOpenConcerns,
            NewConcerns = density.NewConcerns,
            NewConcernsWeeks = settings.NewConcernsWeeks,
            PupilsAtHighSupportLevel = density.PupilsAtHighSupportLevel,
            Proposed = BoatSignalDensity.Proposal(reasons),
            Status = BoatSignalStatus.Open,
        };
        db.BoatSignals.Add(signal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsOpenSignalRace(ex))
        {
            // Another evaluation (here or on another server) opened the group's signal first: that one stands. Its id is
            // looked up on a fresh context; when it cannot be seen (closed again already), the outcome is the same.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var winner = await OpenSignalIdAsync(fresh, groupId, ct);
            logger.LogInformation("Boat signal for group {GroupId} was raised at the same moment elsewhere (signal {SignalId})", groupId, winner);
            return new BoatSignalEvaluation(BoatSignalEvaluationOutcome.AlreadyOpen, density, reasons, winner);
        }

        logger.LogInformation("Boat signal {SignalId} raised for group {GroupId} of school {SchoolId} (reasons {Reasons}, proposed {Proposed})",
            signal.Id, groupId, group.SchoolId, reasons, signal.Proposed);
        await events.PublishAsync(new BoatSignalChanged(signal.Id, signal.SchoolId, groupId, BoatSignalChange.Raised, now), ct);
        return new BoatSignalEvaluation(BoatSignalEvaluationOutcome.Raised, density, reasons, signal.Id);
    }

    /// <summary>
    /// Evaluates the groups of the current school year at <paramref name="schoolId"/> in which the pupil is enrolled
    /// today (usually one), e.g. after their support level there changed. No group: an empty list.
    /// </summary>
    public async Task<IReadOnlyList<(int GroupId, BoatSignalEvaluation Evaluation)>> EvaluatePupilGroupsAsync(int pupilId, int schoolId,
        CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        List<int> groupIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            groupIds = await BoatSignalDensity.CurrentGroups(db, [schoolId], today).AsNoTracking()
                .Where(g => g.Enrolments.Any(e => e.PupilId == pupilId && e.EnrolledOn <= today && (e.LeftOn == null || e.LeftOn >= today)))
                .OrderBy(g => g.Id)
                .Select(g => g.Id)
                .ToListAsync(ct);
        }
        var results = new List<(int, BoatSignalEvaluation)>(groupIds.Count);
        foreach (var groupId in groupIds)
            results.Add((groupId, await EvaluateGroupAsync(groupId, ct)));
        return results;
    }

    /// <summary>The insert lost to another open signal of the group on <c>IX_BoatSignals_GroupId_Open</c> (either provider).</summary>
    internal static bool IsOpenSignalRace(DbUpdateException ex) =>
        DatabaseFaults.IsUniqueViolation(ex, "IX_BoatSignals_GroupId_Open", "BoatSignals.GroupId");

    private static Task<int?> OpenSignalIdAsync(PortalDbContext db, int groupId, CancellationToken ct) =>
        db.BoatSignals.AsNoTracking()
            .Where(s => s.GroupId == groupId && s.Status == BoatSignalStatus.Open)
            .Select(s => (int?)s.Id)
            .FirstOrDefaultAsync(ct);
}
