namespace IbPortal.Domain.Quality;

/// <summary>Placeholder (issue 6, boat signal): computes a group's concern density and raises its signal.</summary>
public sealed class BoatSignalDetector;
