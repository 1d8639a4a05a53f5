using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Care;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static IbPortal.Domain.Visits.ObservationAuditActions;

namespace IbPortal.Domain.Visits;

/// <summary>
/// The board's kijkwijzer: its current version, its history, and publishing a new version. The administrator of the
/// board's schools edits it; the IB'ers of the board's schools read it. A published version never changes: publishing
/// copies the draft into a new, higher version, and every visit keeps the version it was scored with.
/// The kijkwijzer holds no pupil data: publishing is audited (in the same save), as are refusals; reading is not.
/// </summary>
public sealed class CriteriaSetService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<CriteriaSetService> logger)
{
    public const int MaxAreas = 12;
    public const int MaxCriteriaPerArea = 15;

    public const string ConflictMessage =
        "Er is intussen een nieuwere versie vastgesteld. Bekijk die eerst en breng je wijzigingen daarin opnieuw aan; wat je typte staat er nog.";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The board's current kijkwijzer (its highest version); the first version is created from the defaults when there is none.</summary>
    public async Task<CriteriaSetView> GetCurrentAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(CriteriaRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (boardId, mayPublish) = await ReaderBoardAsync(db, staffId, null, ct);
        var id = await KijkwijzerStore.EnsureCurrentIdAsync(dbFactory, boardId, Now, logger, ct);
        return await KijkwijzerStore.LoadAsync(db, id, mayPublish, ct)
               ?? throw new InvalidOperationException($"Kijkwijzer {id} vanished.");
    }

    /// <summary>The board's versions, newest first, with how many visits were (are being) scored with each.</summary>
    public async Task<IReadOnlyList<CriteriaSetVersionRow>> GetVersionsAsync(CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(CriteriaRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (boardId, _) = await ReaderBoardAsync(db, staffId, null, ct);
        await KijkwijzerStore.EnsureCurrentIdAsync(dbFactory, boardId, Now, logger, ct);
        var rows = await db.ObservationCriteriaSets.AsNoTracking()
            .Where(s => s.BoardId == boardId)
            .OrderByDescending(s => s.Version)
            .Select(s => new
            {
                s.Id,
                s.Version,
                s.Name,
                s.ChangeNote,
                s.PublishedAt,
                PublishedBy = db.StaffMembers.Where(m => m.Id == s.PublishedById).Select(m => m.DisplayName).FirstOrDefault(),
                Visits = db.ClassroomVisits.Count(v => v.CriteriaSetId == s.Id),
            })
            .ToListAsync(ct);
        var current = rows.Count == 0 ? 0 : rows.Max(r => r.Version);
        return rows.Select(r => new CriteriaSetVersionRow(r.Id, r.Version, r.Name, r.ChangeNote, r.PublishedAt, r.PublishedBy, r.Visits,
            r.Version == current)).ToList();
    }

    /// <summary>One version of the board's kijkwijzer (for example an old one, to see what an earlier visit was scored with).</summary>
    public async Task<CriteriaSetView> GetVersionAsync(int setId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(CriteriaRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setBoard = await db.ObservationCriteriaSets.AsNoTracking().Where(s => s.Id == setId).Select(s => (int?)s.BoardId).SingleOrDefaultAsync(ct);
        var (_, mayPublish) = await ReaderBoardAsync(db, staffId, setBoard ?? -1, ct, setId);
        return await KijkwijzerStore.LoadAsync(db, setId, mayPublish, ct)
               ?? throw await audit.RefuseAsync(staffId, CriteriaRead, AuditRecordKind.ObservationCriteria, setId, ct);
    }

    /// <summary>
    /// Publishes <paramref name="draft"/> as the board's next version (administrator only). The current version stays as
    /// it is. Fails as a conflict when another version was published since the draft started. Returns the new version.
    /// </summary>
    public async Task<CriteriaSetView> PublishAsync(CriteriaSetDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var staffId = await currentUser.RequireStaffMemberIdAsync(CriteriaPublish);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        if (await KijkwijzerStore.BoardOfAsync(db, scope.SchoolsWithRole(PortalRole.Administrator), ct) is not { } boardId)
            throw await audit.RefuseAsync(staffId, CriteriaPublish, AuditRecordKind.ObservationCriteria, null, ct);

        var errors = Validate(draft);
        if (errors.Count > 0)
            throw new DomainValidationException(errors);

        var currentId = await KijkwijzerStore.EnsureCurrentIdAsync(dbFactory, boardId, Now, logger, ct);
        var current = await KijkwijzerStore.LoadAsync(db, currentId, true, ct) ?? throw new InvalidOperationException($"Kijkwijzer {currentId} vanished.");
        if (draft.BasedOnVersion != current.Version || !current.IsCurrent)
            throw new ConcurrencyConflictException(ConflictMessage);
        var areas = Normalized(draft);
        var name = draft.Name!.Trim();
        if (string.Equals(name, current.Name, StringComparison.Ordinal) && SameAreas(areas, current))
            throw new DomainValidationException("", "Deze versie is gelijk aan de huidige. Pas eerst een gebied, een criterium of de naam aan.");

        var set = new ObservationCriteriaSet
        {
            BoardId = boardId,
            Version = current.Version + 1,
            Name = name,
            ChangeNote = string.IsNullOrWhiteSpace(draft.ChangeNote) ? null : draft.ChangeNote.Trim(),
            PublishedAt = Now,
            PublishedById = staffId,
            Areas = areas.Select((a, i) => new ObservationArea
            {
                Position = i + 1,
                Name = a.Name,
                Criteria = a.Criteria.Select((c, j) => new ObservationCriterion { Position = j + 1, Text = c }).ToList(),
            }).ToList(),
        };
        db.ObservationCriteriaSets.Add(set);
        // The new version's id exists only after the first save: both saves share one transaction, so the version and its
        // audit entry land together. Two administrators publishing at once: the unique index lets one win.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await UniqueRace.SaveAsync(
                    () => db.SaveChangesAsync(ct),
                    async () =>
                    {
                        await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                        return await fresh.ObservationCriteriaSets.AnyAsync(s => s.BoardId == boardId && s.Version == set.Version, ct);
                    },
                    ConflictMessage);
            }
            catch (DomainException ex) when (ex.InnerException is DbUpdateException)
            {
                throw new ConcurrencyConflictException(ConflictMessage, ex);
            }
            audit.Add(db, new AuditRecord(staffId, CriteriaPublish, AuditRecordKind.ObservationCriteria, set.Id, null, null,
                nameof(PortalRole.Administrator)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Kijkwijzer version {Version} ({CriteriaSetId}) published for board {BoardId} by staff {StaffMemberId}: {AreaCount} areas, {CriterionCount} criteria",
            set.Version, set.Id, boardId, staffId, set.Areas.Count, set.Areas.Sum(a => a.Criteria.Count));
        return await KijkwijzerStore.LoadAsync(db, set.Id, true, ct) ?? throw new InvalidOperationException($"Kijkwijzer {set.Id} vanished.");
    }

    public static string AreaNameField(int area) => $"Areas[{area}].Name";
    public static string AreaCriteriaField(int area) => $"Areas[{area}].Criteria";
    public static string CriterionField(int area, int criterion) => $"Areas[{area}].Criteria[{criterion}]";

    /// <summary>The rules for a draft, as Dutch messages per field (empty: fine).</summary>
    public static Dictionary<string, string> Validate(CriteriaSetDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string>();
        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors[nameof(CriteriaSetDraft.Name)] = "Geef de kijkwijzer een naam, bijvoorbeeld ‘Kijkwijzer klassenbezoek’.";
        else if (name.Length > ObservationCriteriaSet.NameMaxLength)
            errors[nameof(CriteriaSetDraft.Name)] = $"Houd de naam kort: hooguit {ObservationCriteriaSet.NameMaxLength} tekens (nu {name.Length}).";
        if (draft.ChangeNote?.Trim().Length > ObservationCriteriaSet.ChangeNoteMaxLength)
            errors[nameof(CriteriaSetDraft.ChangeNote)] =
                $"Houd de toelichting kort: hooguit {ObservationCriteriaSet.ChangeNoteMaxLength} tekens (nu {draft.ChangeNote.Trim().Length}).";

        var areas = draft.Areas ?? [];
        if (areas.Count == 0)
            errors[nameof(CriteriaSetDraft.Areas)] = "Voeg minstens één gebied toe, bijvoorbeeld ‘Pedagogisch klimaat’.";
        else if (areas.Count > MaxAreas)
            errors[nameof(CriteriaSetDraft.Areas)] = $"Een kijkwijzer heeft hooguit {MaxAreas} gebieden. Voeg gebieden samen.";

        var areaNames = new HashSet<string>(StringComparer.CurrentCultureIgnoreCase);
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i] ?? new CriteriaAreaDraft();
            var areaName = area.Name?.Trim();
            if (string.IsNullOrEmpty(areaName))
                errors[AreaNameField(i)] = "Geef dit gebied een naam.";
            else if (areaName.Length > ObservationArea.NameMaxLength)
                errors[AreaNameField(i)] = $"Houd de naam van het gebied kort: hooguit {ObservationArea.NameMaxLength} tekens (nu {areaName.Length}).";
            else if (!areaNames.Add(areaName))
                errors[AreaNameField(i)] = "Er is al een gebied met deze naam. Kies een andere naam of voeg de gebieden samen.";

            var criteria = area.Criteria ?? [];
            if (criteria.Count == 0)
                errors[AreaCriteriaField(i)] = "Voeg minstens één criterium toe aan dit gebied, of verwijder het gebied.";
            else if (criteria.Count > MaxCriteriaPerArea)
                errors[AreaCriteriaField(i)] = $"Een gebied heeft hooguit {MaxCriteriaPerArea} criteria. Verdeel ze over meer gebieden.";
            var texts = new HashSet<string>(StringComparer.CurrentCultureIgnoreCase);
            for (var j = 0; j < criteria.Count; j++)
            {
                var text = criteria[j]?.Trim();
                if (string.IsNullOrEmpty(text))
                    errors[CriterionField(i, j)] = "Vul dit criterium in, of verwijder het.";
                else if (text.Length > ObservationCriterion.TextMaxLength)
                    errors[CriterionField(i, j)] = $"Houd het criterium kort: hooguit {ObservationCriterion.TextMaxLength} tekens (nu {text.Length}).";
                else if (!texts.Add(text))
                    errors[CriterionField(i, j)] = "Dit criterium staat al in dit gebied.";
            }
        }
        return errors;
    }

    private static List<(string Name, List<string> Criteria)> Normalized(CriteriaSetDraft draft) =>
        draft.Areas.Select(a => (a.Name!.Trim(), a.Criteria.Select(c => c!.Trim()).ToList())).ToList();

    private static bool SameAreas(List<(string Name, List<string> Criteria)> areas, CriteriaSetView current) =>
        areas.Count == current.Areas.Count &&
        areas.Zip(current.Areas).All(p => string.Equals(p.First.Name, p.Second.Name, StringComparison.Ordinal) &&
                                          p.First.Criteria.SequenceEqual(p.Second.Criteria.Select(c => c.Text), StringComparer.Ordinal));

    /// <summary>
    /// The board whose kijkwijzer this user reads, and whether they may publish it: the board of the schools they
    /// administer, else of the schools where they are IB'er. With <paramref name="requiredBoard"/>, that board must be it.
    /// Anyone else is refused (audited).
    /// </summary>
    private async Task<(int BoardId, bool MayPublish)> ReaderBoardAsync(PortalDbContext db, int staffId, int? requiredBoard,
        CancellationToken ct, int? recordId = null)
    {
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var adminSchools = scope.SchoolsWithRole(PortalRole.Administrator);
        if (requiredBoard is { } required)
        {
            if (await BoardHasAnyAsync(db, adminSchools, required, ct))
                return (required, true);
            if (await BoardHasAnyAsync(db, scope.CareSchoolIds, required, ct))
                return (required, false);
        }
        else if (await KijkwijzerStore.BoardOfAsync(db, adminSchools, ct) is { } adminBoard)
            return (adminBoard, true);
        else if (await KijkwijzerStore.BoardOfAsync(db, scope.CareSchoolIds, ct) is { } careBoard)
            return (careBoard, false);
        throw await audit.RefuseAsync(staffId, CriteriaRead, AuditRecordKind.ObservationCriteria, recordId, ct);
    }

    private static Task<bool> BoardHasAnyAsync(PortalDbContext db, IReadOnlySet<int> schoolIds, int boardId, CancellationToken ct)
    {
        var ids = schoolIds.ToList();
        return db.Schools.AsNoTracking().AnyAsync(s => s.BoardId == boardId && ids.Contains(s.Id), ct);
    }
}
