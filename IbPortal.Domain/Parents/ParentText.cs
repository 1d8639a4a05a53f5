using System.Globalization;
using System.Text.RegularExpressions;

namespace IbPortal.Domain.Parents;

/// <summary>Small input checks shared by the parents' services; every message is Dutch and says what to do.</summary>
internal static partial class ParentText
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Trims; adds a message to <paramref name="errors"/> when longer than <paramref name="max"/>.</summary>
    public static string? Optional(string? value, string field, int max, string what, IDictionary<string, string> errors)
    {
        var text = Normalize(value);
        if (text?.Length > max)
            errors[field] = TooLong(what, max, text.Length);
        return text;
    }

    public static string? Required(string? value, string field, int max, string what, string emptyMessage, IDictionary<string, string> errors)
    {
        var text = Normalize(value);
        if (text is null)
            errors[field] = emptyMessage;
        else if (text.Length > max)
            errors[field] = TooLong(what, max, text.Length);
        return text;
    }

    public static string TooLong(string what, int max, int actual) =>
        $"{what} mag hoogstens {max} tekens lang zijn (nu {actual}). Maak de tekst korter; wat je typte blijft staan.";

    /// <summary>"24 november 2026", for messages.</summary>
    public static string Day(DateOnly date) => Care.DutchDates.InDocument(date);

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    /// <summary>Digits with spaces, dashes or brackets, optionally a leading +; 8 to 15 digits.</summary>
    public static bool IsPhone(string value)
    {
        if (!PhonePattern().IsMatch(value))
            return false;
        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9(][0-9 ()\-]*[0-9]$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PhonePattern();
}
