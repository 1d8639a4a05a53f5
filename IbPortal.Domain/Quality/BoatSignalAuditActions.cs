namespace IbPortal.Domain.Quality;

/// <summary>
/// The audit action codes of the boat signal, with their Dutch descriptions. Raising a signal is a system action
/// (<see cref="BoatSignalDetector"/>): no staff member does it, so it has no audit entry, only a log line.
/// Allowed reads hold no pupil data (group ids and counts) and are not audited; refused reads are.
/// </summary>
public static class BoatSignalAuditActions
{
    public const string List = "boat.list";
    public const string Densities = "boat.densities";
    public const string Subscribe = "boat.subscribe";
    public const string Act = "boat.act";
    public const string Dismiss = "boat.dismiss";

    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [List] = "Bootsignalen van groepen bekeken",
        [Densities] = "Signaleringsdichtheid per groep bekeken",
        [Subscribe] = "Live meekijken met bootsignalen",
        [Act] = "Bootsignaal opgepakt (groepsbespreking of klassenbezoek)",
        [Dismiss] = "Bootsignaal afgewezen, met reden",
    };
}
