namespace IbPortal.Domain.Pupils;

public class Pupil
{
    public int Id { get; set; }
    public required string FirstName { get; set; }

    /// <summary>Tussenvoegsel, e.g. "van der".</summary>
    public string? Infix { get; set; }
    public required string LastName { get; set; }
    public DateOnly DateOfBirth { get; set; }

    /// <summary>When retention replaced this pupil's identifying data; null while the pupil is known by name.</summary>
    public DateTime? AnonymizedAt { get; set; }

    public List<Enrolment> Enrolments { get; set; } = [];

    public string FullName => FullNameOf(FirstName, Infix, LastName);

    public static string FullNameOf(string firstName, string? infix, string lastName) =>
        string.IsNullOrWhiteSpace(infix) ? $"{firstName} {lastName}" : $"{firstName} {infix} {lastName}";
}
