using System.Globalization;
using IbPortal.Domain.Audit;

namespace IbPortal.Privacy;

/// <summary>
/// The audit trail filters as they appear in a URL (<c>?leerling=12&amp;medewerker=3&amp;van=2026-11-01&amp;tot=2026-11-30&amp;uitkomst=geweigerd</c>),
/// shared by the audit page (bookmarkable views) and the CSV endpoint, so both read a link the same way.
/// </summary>
public sealed record AuditFilter(int? PupilId, int? StaffMemberId, DateOnly? From, DateOnly? To, AuditOutcome? Outcome)
{
    public const string PupilKey = "leerling";
    public const string StaffKey = "medewerker";
    public const string FromKey = "van";
    public const string ToKey = "tot";
    public const string OutcomeKey = "uitkomst";
    public const string CsvPath = "/privacy/audit.csv";
    public const string PagePath = "/privacy/audit";
    private const string DateFormat = "yyyy-MM-dd";

    public static readonly AuditFilter None = new(null, null, null, null, null);

    public AuditQuery ToQuery(int take = AuditQuery.DefaultTake) => new()
    {
        PupilId = PupilId,
        StaffMemberId = StaffMemberId,
        From = From,
        To = To,
        Outcome = Outcome,
        Take = take,
    };

    /// <summary>Reads the URL values; a value that cannot be read gives a Dutch message for <paramref name="error"/>.</summary>
    public static bool TryParse(string? pupil, string? staff, string? from, string? to, string? outcome,
        out AuditFilter filter, out string? error)
    {
        var errors = new List<string>();
        var pupilId = ParseId(pupil, "Het leerling-id", errors);
        var staffId = ParseId(staff, "Het medewerker-id", errors);
        var fromDate = ParseDate(from, "De begindatum", errors);
        var toDate = ParseDate(to, "De einddatum", errors);
        AuditOutcome? parsedOutcome = null;
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            parsedOutcome = OutcomeFromKey(outcome.Trim());
            if (parsedOutcome is null)
                errors.Add("De uitkomst is 'toegestaan' of 'geweigerd'.");
        }

        filter = new AuditFilter(pupilId, staffId, fromDate, toDate, parsedOutcome);
        error = errors.Count == 0 ? null : string.Join(" ", errors);
        return errors.Count == 0;
    }

    /// <summary>The filters as query-string pairs (empty ones left out), for links and navigation.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [PupilKey] = PupilId?.ToString(CultureInfo.InvariantCulture),
        [StaffKey] = StaffMemberId?.ToString(CultureInfo.InvariantCulture),
        [FromKey] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [ToKey] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [OutcomeKey] = Outcome is { } o ? OutcomeKeyOf(o) : null,
    };

    /// <summary>"?leerling=12&amp;van=2026-11-01" (escaped), or "" without filters.</summary>
    public string ToQueryString()
    {
        var pairs = ToQueryParameters().Where(p => p.Value is string { Length: > 0 })
            .Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}")
            .ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }

    public static string OutcomeKeyOf(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Allowed => "toegestaan",
        AuditOutcome.Refused => "geweigerd",
        _ => outcome.ToString(),
    };

    private static AuditOutcome? OutcomeFromKey(string key) =>
        key.Equals("toegestaan", StringComparison.OrdinalIgnoreCase) ? AuditOutcome.Allowed
        : key.Equals("geweigerd", StringComparison.OrdinalIgnoreCase) ? AuditOutcome.Refused
        : null;

    private static int? ParseId(string? value, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return id;
        errors.Add($"{what} is een positief getal.");
        return null;
    }

    private static DateOnly? ParseDate(string? value, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add($"{what} schrijf je als jjjj-mm-dd.");
        return null;
    }
}
