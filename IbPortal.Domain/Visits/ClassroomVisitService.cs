namespace IbPortal.Domain.Visits;

/// <summary>Placeholder, filled in by its owner.</summary>
public sealed class ClassroomVisitService
{
}
