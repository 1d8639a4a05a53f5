namespace IbPortal.Domain.Quality;

/// <summary>Placeholder (issue 6, quality cycle): a school's quality goals, actions, checks and adjustments.</summary>
public sealed class QualityCycleService;
