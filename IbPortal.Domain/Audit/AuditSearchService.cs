using System.Globalization;
using System.Text;
using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IbPortal.Domain.Audit;

/// <summary>What the privacy officer searches for. Dates are whole days in the portal's local time, both inclusive.</summary>
public sealed record AuditQuery
{
    public const int DefaultTake = 200;
    public const int MaxTake = 1_000;
    public const int MaxExportRows = 50_000;

    public int? PupilId { get; init; }
    public int? StaffMemberId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public AuditOutcome? Outcome { get; init; }
    public int Take { get; init; } = DefaultTake;
}

/// <summary>One audit entry as the privacy officer sees it: ids, codes and the names of staff and schools only.</summary>
public sealed record AuditRow(
    long Id,
    DateTime At,
    int? StaffMemberId,
    string? StaffName,
    string? Role,
    int? SchoolId,
    string? SchoolName,
    string Action,
    AuditRecordKind RecordKind,
    int? RecordId,
    int? PupilId,
    AuditOutcome Outcome);

/// <summary>The rows found (newest first) and whether there were more than were asked for.</summary>
public sealed record AuditSearchResult(IReadOnlyList<AuditRow> Rows, bool HasMore);

/// <summary>A staff member the privacy officer can pick as the user filter.</summary>
public sealed record AuditStaffOption(int Id, string DisplayName, string Login);

/// <summary>
/// The privacy officer's view of the access audit: search by pupil, by user, by period and by outcome, and export the
/// result as CSV. Only a privacy officer may do this; each search and export is itself audited, refusals too.
/// <para>
/// Which entries an officer sees: those with a school where they are privacy officer, and those without a school
/// (refusals and sign-in-less attempts carry none) when the actor is unknown, holds no role at all, or holds a role at
/// one of the officer's schools. The officer never sees pupil names or care content: the trail holds none.
/// </para>
/// </summary>
public sealed class AuditSearchService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<AuditSearchService> logger)
{
    public const string SearchAction = "audit.search";
    public const string ExportAction = "audit.export";
    private const string StaffSearchAction = "audit.staff-search";
    private static readonly string PrivacyOfficerRole = nameof(PortalRole.PrivacyOfficer);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task<AuditSearchResult> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(SearchAction);
        Validate(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schools = await OfficerSchoolsAsync(db, staffId, SearchAction, ct);

        var take = Math.Clamp(query.Take, 1, AuditQuery.MaxTake);
        var rows = await RowsAsync(db, schools, query, take + 1, ct);
        await audit.RecordAsync(new AuditRecord(staffId, SearchAction, AuditRecordKind.AuditTrail, null, query.PupilId, null, PrivacyOfficerRole), ct);
        logger.LogInformation("Audit trail searched by staff {StaffMemberId} (pupil {PupilId}, staff {FilterStaffMemberId}, {From} to {To}, {Outcome}): {RowCount} rows",
            staffId, query.PupilId, query.StaffMemberId, query.From, query.To, query.Outcome, Math.Min(rows.Count, take));
        return new AuditSearchResult(rows.Take(take).ToList(), rows.Count > take);
    }

    /// <summary>
    /// The rows of <paramref name="query"/> (up to <see cref="AuditQuery.MaxExportRows"/>, ignoring Take) as CSV for
    /// Dutch Excel: semicolons, a Dutch header row, CRLF line ends, and a leading byte order mark, so that writing the
    /// text as UTF-8 gives UTF-8 with BOM. Cells are quoted where needed and protected against formula injection.
    /// </summary>
    public async Task<string> ExportCsvAsync(AuditQuery query, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(ExportAction);
        Validate(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schools = await OfficerSchoolsAsync(db, staffId, ExportAction, ct);

        var rows = await RowsAsync(db, schools, query, AuditQuery.MaxExportRows, ct);
        var csv = ToCsv(rows, clock.LocalTimeZone);
        await audit.RecordAsync(new AuditRecord(staffId, ExportAction, AuditRecordKind.AuditTrail, null, query.PupilId, null, PrivacyOfficerRole), ct);
        logger.LogInformation("Audit trail exported by staff {StaffMemberId} (pupil {PupilId}, staff {FilterStaffMemberId}, {From} to {To}, {Outcome}): {RowCount} rows",
            staffId, query.PupilId, query.StaffMemberId, query.From, query.To, query.Outcome, rows.Count);
        return csv;
    }

    /// <summary>Staff whose name or login contains <paramref name="text"/>, for the user filter (staff names are not pupil data).</summary>
    public async Task<IReadOnlyList<AuditStaffOption>> SearchStaffAsync(string? text, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(StaffSearchAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await OfficerSchoolsAsync(db, staffId, StaffSearchAction, ct);
        var term = text?.Trim().ToLower(CultureInfo.InvariantCulture) ?? "";
        return await db.StaffMembers.AsNoTracking()
            .Where(s => term == "" || s.DisplayName.ToLower().Contains(term) || s.Login.ToLower().Contains(term))
            .OrderBy(s => s.DisplayName).ThenBy(s => s.Login)
            .Take(20)
            .Select(s => new AuditStaffOption(s.Id, s.DisplayName, s.Login))
            .ToListAsync(ct);
    }

    /// <summary>One staff member by id (to show a bookmarked user filter by name), or null.</summary>
    public async Task<AuditStaffOption?> FindStaffAsync(int staffMemberId, CancellationToken ct = default)
    {
        var staffId = await currentUser.RequireStaffMemberIdAsync(StaffSearchAction);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await OfficerSchoolsAsync(db, staffId, StaffSearchAction, ct);
        return await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == staffMemberId)
            .Select(s => new AuditStaffOption(s.Id, s.DisplayName, s.Login))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The CSV text for <paramref name="rows"/>; times in <paramref name="zone"/>.</summary>
    public static string ToCsv(IEnumerable<AuditRow> rows, TimeZoneInfo zone)
    {
        var csv = new StringBuilder("\uFEFF");
        AppendLine(csv, ["Tijdstip", "Medewerker-id", "Medewerker", "Rol", "School", "Actie", "Soort record", "Record-id", "Leerling-id", "Uitkomst"]);
        foreach (var r in rows)
        {
            AppendLine(csv,
            [
                TimeZoneInfo.ConvertTimeFromUtc(r.At, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Id(r.StaffMemberId),
                r.StaffName,
                AuditLabels.RoleLabel(r.Role),
                r.SchoolName,
                r.Action,
                r.RecordKind.Label(),
                Id(r.RecordId),
                Id(r.PupilId),
                r.Outcome.Label(),
            ]);
        }
        return csv.ToString();
    }

    /// <summary>
    /// One CSV cell: text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
    /// gets a leading apostrophe; text with a separator, quote or line break is quoted, quotes doubled.
    /// </summary>
    public static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void AppendLine(StringBuilder csv, string?[] cells)
    {
        csv.AppendJoin(';', cells.Select(CsvCell));
        csv.Append("\r\n");
    }

    private static string? Id(int? id) => id?.ToString(CultureInfo.InvariantCulture);

    private static void Validate(AuditQuery query)
    {
        var errors = new Dictionary<string, string>();
        if (query.PupilId is <= 0)
            errors[nameof(AuditQuery.PupilId)] = "Een leerling-id is een positief getal. Je vindt het in het leerlingdossier.";
        if (query.From is { } from && query.To is { } to && to < from)
            errors[nameof(AuditQuery.To)] = "De einddatum ligt vóór de begindatum. Pas de periode aan.";
        if (query.Outcome is { } outcome && !Enum.IsDefined(outcome))
            errors[nameof(AuditQuery.Outcome)] = "Kies een uitkomst: toegestaan of geweigerd.";
        if (errors.Count > 0)
            throw new DomainValidationException(errors);
    }

    private async Task<List<AuditRow>> RowsAsync(PortalDbContext db, IReadOnlySet<int> schoolSet, AuditQuery query, int take, CancellationToken ct)
    {
        var schools = schoolSet.ToList();
        var entries = db.AuditEntries.AsNoTracking().Where(a =>
            a.SchoolId != null
                ? schools.Contains(a.SchoolId.Value)
                : a.StaffMemberId == null
                  || !db.RoleAssignments.Any(r => r.StaffMemberId == a.StaffMemberId)
                  || db.RoleAssignments.Any(r => r.StaffMemberId == a.StaffMemberId && schools.Contains(r.SchoolId)));

        if (query.PupilId is { } pupilId)
            entries = entries.Where(a => a.PupilId == pupilId);
        if (query.StaffMemberId is { } filterStaffId)
            entries = entries.Where(a => a.StaffMemberId == filterStaffId);
        if (query.From is { } from)
        {
            var start = StartOfDayUtc(from);
            entries = entries.Where(a => a.At >= start);
        }
        if (query.To is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(a => a.At < end);
        }
        if (query.Outcome is { } outcome)
            entries = entries.Where(a => a.Outcome == outcome);

        return await entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(take)
            .Select(a => new AuditRow(
                a.Id,
                a.At,
                a.StaffMemberId,
                db.StaffMembers.Where(s => s.Id == a.StaffMemberId).Select(s => s.DisplayName).FirstOrDefault(),
                a.Role,
                a.SchoolId,
                db.Schools.Where(s => s.Id == a.SchoolId).Select(s => s.Name).FirstOrDefault(),
                a.Action,
                a.RecordKind,
                a.RecordId,
                a.PupilId,
                a.Outcome))
            .ToListAsync(ct);
    }

    /// <summary>Midnight of <paramref name="day"/> in the portal's local time zone, as UTC.</summary>
    private DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);

    /// <summary>The schools where the current user is an (active) privacy officer; a refusal when there are none.</summary>
    private async Task<IReadOnlySet<int>> OfficerSchoolsAsync(PortalDbContext db, int staffId, string action, CancellationToken ct)
    {
        var scope = await UserScope.LoadAsync(db, staffId, Today, ct);
        var schools = scope.SchoolsWithRole(PortalRole.PrivacyOfficer);
        if (schools.Count > 0)
            return schools;
        throw await audit.RefuseAsync(staffId, action, AuditRecordKind.AuditTrail, null, ct);
    }
}

/// <summary>Dutch words for the audit vocabulary.</summary>
public static class AuditLabels
{
    public static string Label(this AuditRecordKind kind) => kind switch
    {
        AuditRecordKind.Concern => "Signalering",
        AuditRecordKind.PupilFile => "Leerlingdossier",
        AuditRecordKind.AuditTrail => "Audittrail",
        AuditRecordKind.Inzage => "Inzage",
        AuditRecordKind.RoleAssignment => "Rollen",
        AuditRecordKind.Retention => "Bewaartermijn",
        _ => kind.ToString(),
    };

    public static string Label(this AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Allowed => "Toegestaan",
        AuditOutcome.Refused => "Geweigerd",
        _ => outcome.ToString(),
    };

    /// <summary>The Dutch name of a stored role code ("CareCoordinator" → "Intern begeleider"); other codes as they are.</summary>
    public static string? RoleLabel(string? role) =>
        role is not null && Enum.TryParse<PortalRole>(role, ignoreCase: false, out var r) && Enum.IsDefined(r) ? r.Dutch() : role;
}
