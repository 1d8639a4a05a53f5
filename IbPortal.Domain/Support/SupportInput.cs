using IbPortal.Domain.Access;

namespace IbPortal.Domain.Support;

/// <summary>Validation helpers of this module: trimmed text, Dutch messages per field, dates.</summary>
internal sealed class SupportInput
{
    private readonly Dictionary<string, string> _errors = [];

    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string TooLong(string what, int max, int actual) =>
        $"{what} mag hoogstens {max} tekens lang zijn (nu {actual}). Maak de tekst korter; wat je typte blijft staan.";

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>Required text: trimmed, or an error for <paramref name="field"/>; returns null on an error.</summary>
    public string? Required(string field, string? value, int max, string emptyMessage, string what)
    {
        var text = Normalize(value);
        if (text is null)
        {
            Add(field, emptyMessage);
            return null;
        }
        return Optional(field, text, max, what);
    }

    /// <summary>Optional text: trimmed or null; an error when too long.</summary>
    public string? Optional(string field, string? value, int max, string what)
    {
        var text = Normalize(value);
        if (text?.Length > max)
        {
            Add(field, TooLong(what, max, text.Length));
            return null;
        }
        return text;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new DomainValidationException(new Dictionary<string, string>(_errors));
    }

    public static void Throw(string field, string message) => throw new DomainValidationException(field, message);
}

/// <summary>Dutch date texts for messages, e.g. "di 24 nov 2026".</summary>
internal static class SupportDates
{
    private static readonly System.Globalization.CultureInfo Dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");

    public static string Text(DateOnly date) => date.ToString("ddd d MMM yyyy", Dutch).Replace(".", "", StringComparison.Ordinal);
}
