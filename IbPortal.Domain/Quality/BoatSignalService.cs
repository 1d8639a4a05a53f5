using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Quality;

/// <summary>
/// Reading, acting on and dismissing groups' boat signals (issue 6, item 2), and the groups' concern densities.
/// <para>Who: the IB'er of the school reads, acts and dismisses, and sees every figure as it is; the quality
/// coordinator and the school leader of the school read only, with figures that count 1–4 pupils shown as "&lt;5"
/// (<see cref="SmallCounts"/>) and without the IB'er's note. Everyone else is refused, and the refusal is audited
/// (<see cref="AuditRecordKind.BoatSignal"/>). Allowed reads hold no pupil data (groups and counts) and are not audited;
/// acting and dismissing are audited in the same SaveChanges as the change, and publish <see cref="BoatSignalChanged"/>
/// after the commit.</para>
/// </summary>
public sealed class BoatSignalService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    IPortalEvents events,
    IOptionsMonitor<BoatSignalOptions> options,
    ILogger<BoatSignalService> logger)
{
    /// <summary>Closed signals stay in the list (with <c>includeClosed</c>) for this many days.</summary>
    public const int RecentClosedDays = 30;

    private static readonly PortalRole[] ReadOnlyRoles = [PortalRole.QualityCoordinator, PortalRole.SchoolLeader];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The open signals at the viewer's schools (or <paramref name="schoolIds"/>, which must be in reach), newest first;
    /// with <paramref name="includeClosed"/> also those closed in the last <see cref="RecentClosedDays"/> days.
    /// </summary>
    public async Task<IReadOnlyList<BoatSignalSummary>> ListAsync(IReadOnlyCollection<int>? schoolIds = null, bool includeClosed = false,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var viewer = await ViewerAsync(db, BoatSignalAuditActions.List, schoolIds, ct);
        var since = Now.AddDays(-RecentClosedDays);
        var ids = viewer.SchoolIds.ToList();
        var signals = db.BoatSignals.Where(s => ids.Contains(s.SchoolId))
            .Where(s => s.Status == BoatSignalStatus.Open || (includeClosed && s.ClosedAt >= since));
        return await SummariesAsync(db, viewer, signals, ct);
    }

    /// <summary>One signal as this viewer may see it, or null when they may not (for refreshing a row after a live event).</summary>
    public async Task<BoatSignalSummary?> FindAsync(int signalId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var viewer = await ViewerAsync(db, BoatSignalAuditActions.List, null, ct);
        var ids = viewer.SchoolIds.ToList();
        var list = await SummariesAsync(db, viewer, db.BoatSignals.Where(s => s.Id == signalId && ids.Contains(s.SchoolId)), ct);
        return list.SingleOrDefault();
    }

    /// <summary>Every current group's density at the viewer's schools, with which threshold it reaches, for the quality view.</summary>
    public async Task<BoatSignalDensities> GetDensitiesAsync(IReadOnlyCollection<int>? schoolIds = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var viewer = await ViewerAsync(db, BoatSignalAuditActions.Densities, schoolIds, ct);
        var settings = options.CurrentValue;
        var groups = await BoatSignalDensity.CurrentGroups(db, viewer.SchoolIds, Today).AsNoTracking()
            .OrderBy(g => g.School!.Name).ThenBy(g => g.FirstGrade).ThenBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.FirstGrade, g.SchoolId, SchoolName = g.School!.Name, g.School.ShortName, g.School.Color })
            .ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var densities = await BoatSignalDensity.ComputeAsync(db, groupIds, Today,
            BoatSignalDensity.NewConcernsSince(Now, settings.NewConcernsWeeks), settings.HighSupportLevel, ct);
        var open = await db.BoatSignals.AsNoTracking()
            .Where(s => groupIds.Contains(s.GroupId) && s.Status == BoatSignalStatus.Open)
            .Select(s => new { s.GroupId, s.Id })
            .ToDictionaryAsync(s => s.GroupId, s => s.Id, ct);

        var rows = groups.Select(g =>
        {
            var d = densities[g.Id];
            var rights = viewer.Rights.Contains(g.SchoolId);
            var figures = Figures(d, settings.NewConcernsWeeks, rights);
            // Each threshold needs 5 pupils behind it, so a reached one never has a "<5" figure: naming it gives nothing away.
            var reached = BoatSignalDensity.Reached(d, settings);
            return new GroupDensityRow(g.Id, g.Name, g.FirstGrade, g.SchoolId, g.SchoolName, g.ShortName, g.Color,
                figures.Pupils,
                figures.PupilsWithOpenConcerns,
                PercentFor(figures.PupilsWithOpenConcerns, d.PupilsWithOpenConcerns, d.PupilCount),
                figures.NewConcerns,
                figures.PupilsAtHighSupportLevel,
                PercentFor(figures.PupilsAtHighSupportLevel, d.PupilsAtHighSupportLevel, d.PupilCount),
                d.PupilCount < settings.MinimumPupils,
                reached.HasFlag(BoatSignalReasons.OpenConcernShare),
                reached.HasFlag(BoatSignalReasons.NewConcerns),
                reached.HasFlag(BoatSignalReasons.HighSupportShare),
                open.TryGetValue(g.Id, out var signalId) ? signalId : null);
        }).ToList();
        return new BoatSignalDensities(BoatSignalThresholds.From(settings), rows);
    }

    /// <summary>
    /// The IB'er acts on the signal: <paramref name="response"/> (a group discussion, a classroom visit or both) is
    /// recorded, with an optional note; the signal is closed. The planning itself happens on the planning pages.
    /// </summary>
    public Task ActAsync(int signalId, BoatSignalResponses response, string? note, int expectedVersion, CancellationToken ct = default)
    {
        if (response == BoatSignalResponses.None || (response & ~(BoatSignalResponses.GroupDiscussion | BoatSignalResponses.ClassroomVisit)) != 0)
            throw new DomainValidationException("Response", "Kies wat je met het bootsignaal doet: een groepsbespreking, een klassenbezoek of allebei.");
        var text = Optional(note, "Note", "De notitie");
        return ChangeAsync(signalId, expectedVersion, BoatSignalAuditActions.Act, BoatSignalChange.Acted, signal =>
        {
            signal.Status = BoatSignalStatus.Acted;
            signal.Response = response;
            signal.Note = text;
        }, ct);
    }

    /// <summary>The IB'er dismisses the signal; the reason is required and kept with it.</summary>
    public Task DismissAsync(int signalId, string? reason, int expectedVersion, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainValidationException("Reason", "Schrijf kort waarom je dit bootsignaal afwijst.");
        var text = Optional(reason, "Reason", "De reden")!;
        return ChangeAsync(signalId, expectedVersion, BoatSignalAuditActions.Dismiss, BoatSignalChange.Dismissed, signal =>
        {
            signal.Status = BoatSignalStatus.Dismissed;
            signal.Response = BoatSignalResponses.None;
            signal.Note = text;
        }, ct);
    }

    /// <summary>
    /// Hears the boat-signal events of the schools in the viewer's reach (loaded once for the subscription). Events
    /// carry ids only; load the signal with <see cref="FindAsync"/>.
    /// </summary>
    public async Task<IDisposable> SubscribeAsync(Func<BoatSignalChanged, Task> onChange, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var viewer = await ViewerAsync(db, BoatSignalAuditActions.Subscribe, null, ct);
        var schools = viewer.SchoolIds;
        return events.Subscribe(e => e is BoatSignalChanged c && schools.Contains(c.SchoolId), e => onChange((BoatSignalChanged)e));
    }

    private async Task ChangeAsync(int signalId, int expectedVersion, string action, BoatSignalChange change, Action<BoatSignal> apply,
        CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var signal = await db.BoatSignals.SingleOrDefaultAsync(s => s.Id == signalId, ct);
        if (signal is null || !scope.IsActive || !scope.IsCareCoordinatorOf(signal.SchoolId))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.BoatSignal, signalId, ct);
        if (signal.Version != expectedVersion)
            throw new ConcurrencyConflictException(ConflictMessage);
        if (signal.Status != BoatSignalStatus.Open)
            throw new DomainException("Dit bootsignaal is al afgehandeld.");

        var now = Now;
        apply(signal);
        signal.ClosedAt = now;
        signal.ClosedById = staffId;
        signal.Version++;
        audit.Add(db, new AuditRecord(staffId, action, AuditRecordKind.BoatSignal, signal.Id, null, signal.SchoolId,
            nameof(PortalRole.CareCoordinator)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        logger.LogInformation("Boat signal {SignalId} of group {GroupId} {Change} by staff {StaffMemberId}",
            signal.Id, signal.GroupId, change, staffId);
        await events.PublishAsync(new BoatSignalChanged(signal.Id, signal.SchoolId, signal.GroupId, change, now), ct);
    }

    private const string ConflictMessage =
        "Iemand anders heeft dit bootsignaal net afgehandeld. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.";

    private async Task<IReadOnlyList<BoatSignalSummary>> SummariesAsync(PortalDbContext db, Viewer viewer, IQueryable<BoatSignal> signals,
        CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var rows = await signals.AsNoTracking()
            .OrderByDescending(s => s.RaisedAt).ThenByDescending(s => s.Id)
            .Select(s => new
            {
                Signal = s,
                GroupName = s.Group!.Name,
                SchoolName = s.School!.Name,
                s.School.ShortName,
                s.School.Color,
                TeacherId = s.Group.Teachers.OrderBy(t => t.StaffMemberId).Select(t => (int?)t.StaffMemberId).FirstOrDefault(),
                ClosedByName = s.ClosedBy != null ? s.ClosedBy.DisplayName : null,
            })
            .ToListAsync(ct);
        var densities = await BoatSignalDensity.ComputeAsync(db, rows.Select(r => r.Signal.GroupId).ToList(), Today,
            BoatSignalDensity.NewConcernsSince(Now, settings.NewConcernsWeeks), settings.HighSupportLevel, ct);
        var newConcernPupils = await NewConcernPupilsAtRaiseAsync(db,
            rows.Select(r => r.Signal).Where(s => !viewer.Rights.Contains(s.SchoolId)).ToList(), ct);

        return rows.Select(r =>
        {
            var s = r.Signal;
            var rights = viewer.Rights.Contains(s.SchoolId);
            var atRaise = Figures(new GroupDensity(s.GroupId, s.SchoolId, s.PupilCount, s.PupilsWithOpenConcerns, s.NewConcerns,
                s.PupilsAtHighSupportLevel, newConcernPupils.GetValueOrDefault(s.Id)), s.NewConcernsWeeks, rights);
            var now = densities.TryGetValue(s.GroupId, out var d)
                ? Figures(d, settings.NewConcernsWeeks, rights)
                : Figures(new GroupDensity(s.GroupId, s.SchoolId, 0, 0, 0, 0, 0), settings.NewConcernsWeeks, rights);
            // Each reason had 5 pupils or more behind it when raised (BoatSignalDensity.Reached): its figure is never "<5".
            var texts = BoatSignalTexts.Reasons(s.Reasons, atRaise, s.PupilCount, s.PupilsWithOpenConcerns, s.PupilsAtHighSupportLevel,
                settings.HighSupportLevel);
            return new BoatSignalSummary(s.Id, s.GroupId, r.GroupName, s.SchoolId, r.SchoolName, r.ShortName, r.Color, r.TeacherId,
                s.RaisedAt, s.Reasons, texts,
                atRaise, now, s.Proposed, s.Status, s.Response,
                // The IB'er's note is free text: only for viewers with pupil-level rights at the school.
                rights ? s.Note : null,
                s.ClosedAt, r.ClosedByName, s.Version,
                CanManage: rights);
        }).ToList();
    }

    /// <summary>
    /// For each signal (of a school where the viewer has no pupil-level rights) the distinct pupils its new concerns
    /// were about when it was raised: the signal stores only the count of concerns, so they are counted again from the
    /// concerns of its window. A signal raised for its new concerns had at least <see cref="SmallCounts.Threshold"/>
    /// pupils behind them (<see cref="BoatSignalDensity.Reached"/>): that bound is taken as it is, not counted again.
    /// When they can no longer be found (removed since), 1 stands for "unknown" so that the figure stays hidden.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, int>> NewConcernPupilsAtRaiseAsync(PortalDbContext db, IReadOnlyList<BoatSignal> signals,
        CancellationToken ct)
    {
        var known = signals.Where(s => s.Reasons.HasFlag(BoatSignalReasons.NewConcerns)).ToDictionary(s => s.Id, _ => SmallCounts.Threshold);
        var counted = signals.Where(s => s.NewConcerns > 0 && !s.Reasons.HasFlag(BoatSignalReasons.NewConcerns)).ToList();
        if (counted.Count == 0)
            return known;
        var groupIds = counted.Select(s => s.GroupId).Distinct().ToList();
        var from = counted.Min(s => BoatSignalDensity.NewConcernsSince(s.RaisedAt, s.NewConcernsWeeks));
        var to = counted.Max(s => s.RaisedAt);
        var concerns = await db.Concerns.AsNoTracking()
            .Where(c => groupIds.Contains(c.GroupId) && c.RaisedAt >= from && c.RaisedAt <= to)
            .Select(c => new { c.GroupId, c.PupilId, c.RaisedAt })
            .ToListAsync(ct);
        foreach (var s in counted)
        {
            var since = BoatSignalDensity.NewConcernsSince(s.RaisedAt, s.NewConcernsWeeks);
            var pupils = concerns.Where(c => c.GroupId == s.GroupId && c.RaisedAt >= since && c.RaisedAt <= s.RaisedAt)
                .Select(c => c.PupilId).Distinct().Count();
            known[s.Id] = Math.Max(pupils, 1);
        }
        return known;
    }

    private static DensityFigures Figures(GroupDensity d, int weeks, bool rights) => new(
        SmallCounts.Count(d.PupilCount, rights),
        SmallCounts.Count(d.PupilsWithOpenConcerns, rights),
        // Suppressed by pupils too: six concerns about two pupils count two pupils.
        SmallCounts.Count(d.NewConcerns, d.NewConcernPupils, rights),
        weeks,
        SmallCounts.Count(d.PupilsAtHighSupportLevel, rights));

    private static int? PercentFor(CountFigure shown, int count, int pupils) =>
        shown.Suppressed || pupils == 0 ? null : BoatSignalDensity.Percent(count, pupils);

    /// <summary>
    /// The schools this viewer reaches in this call (those asked for, or all), and those where they hold pupil-level
    /// rights (IB'er). Refuses (and audits) a viewer without any of the roles, or asking for a school out of reach.
    /// </summary>
    private async Task<Viewer> ViewerAsync(PortalDbContext db, string action, IReadOnlyCollection<int>? schoolIds, CancellationToken ct)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(action);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var rights = scope.IsActive ? scope.CareSchoolIds : new HashSet<int>();
        var reach = scope.IsActive ? rights.Concat(ReadOnlyRoles.SelectMany(scope.SchoolsWithRole)).ToHashSet() : [];
        if (reach.Count == 0 || (schoolIds is { } asked && !asked.All(reach.Contains)))
            throw await audit.RefuseAsync(staffId, action, AuditRecordKind.BoatSignal, null, ct);
        var ids = schoolIds is { } wanted ? reach.Where(wanted.Contains).ToHashSet() : reach;
        return new Viewer(staffId, ids, rights);
    }

    private static string? Optional(string? value, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Trim();
        if (text.Length > BoatSignal.NoteMaxLength)
            throw new DomainValidationException(field,
                $"{what} mag hoogstens {BoatSignal.NoteMaxLength} tekens lang zijn (nu {text.Length}). Maak de tekst korter; wat je typte blijft staan.");
        return text;
    }

    private sealed record Viewer(int StaffId, IReadOnlySet<int> SchoolIds, IReadOnlySet<int> Rights);
}
