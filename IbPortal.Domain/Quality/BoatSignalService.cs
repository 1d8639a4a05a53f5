namespace IbPortal.Domain.Quality;

/// <summary>Placeholder (issue 6, boat signal): reading, acting on and dismissing groups' boat signals.</summary>
public sealed class BoatSignalService;
