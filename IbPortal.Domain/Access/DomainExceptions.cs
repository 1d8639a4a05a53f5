namespace IbPortal.Domain.Access;

/// <summary>A rule of the domain was not met. The message is Dutch and safe to show to the user.</summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }
    public DomainException(string message, Exception inner) : base(message, inner) { }
    public DomainException() { }
}

/// <summary>
/// The user may not do this. Carries ids only, so it can be logged; its message is what the user sees
/// and never reveals whether the record exists.
/// </summary>
public sealed class AccessDeniedException : DomainException
{
    public AccessDeniedException(int? staffMemberId, string action, int? targetId)
        : base("Je hebt geen toegang tot deze gegevens. Denk je dat dit niet klopt? Neem contact op met de beheerder van je school.")
    {
        StaffMemberId = staffMemberId;
        Action = action;
        TargetId = targetId;
    }

    public AccessDeniedException() : this(null, "unknown", null) { }
    public AccessDeniedException(string message) : this(null, message, null) { }
    public AccessDeniedException(string message, Exception inner) : base(message, inner) { Action = "unknown"; }

    public int? StaffMemberId { get; }
    public string Action { get; } = "unknown";
    public int? TargetId { get; }
}

/// <summary>Input that does not pass validation; one Dutch message per field. Nothing was saved.</summary>
public sealed class DomainValidationException : DomainException
{
    public DomainValidationException(IReadOnlyDictionary<string, string> errors)
        : base(string.Join(" ", errors.Values))
    {
        Errors = errors;
    }

    public DomainValidationException(string field, string message)
        : this(new Dictionary<string, string> { [field] = message }) { }

    public DomainValidationException() : this(new Dictionary<string, string>()) { }
    public DomainValidationException(string message) : this("", message) { }
    public DomainValidationException(string message, Exception inner) : base(message, inner) { Errors = new Dictionary<string, string>(); }

    public IReadOnlyDictionary<string, string> Errors { get; }
}

/// <summary>Someone else changed the record in the meantime; nothing was overwritten.</summary>
public sealed class ConcurrencyConflictException : DomainException
{
    public ConcurrencyConflictException()
        : base("Iemand anders heeft deze signalering net gewijzigd. Bekijk de nieuwste stand en probeer het opnieuw; wat je typte staat er nog.") { }
    public ConcurrencyConflictException(string message) : base(message) { }
    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }
}
