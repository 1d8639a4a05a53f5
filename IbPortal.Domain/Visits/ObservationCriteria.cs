using IbPortal.Domain.Organisation;

namespace IbPortal.Domain.Visits;

/// <summary>
/// One version of a board's kijkwijzer: areas with their criteria. A version is never changed once published; the
/// administrator publishes a new version instead, and a visit keeps the version it was scored with. The board's current
/// kijkwijzer is its highest version.
/// </summary>
public class ObservationCriteriaSet
{
    public const int NameMaxLength = 100;
    public const int ChangeNoteMaxLength = 500;

    public int Id { get; set; }
    public int BoardId { get; set; }
    public Board? Board { get; set; }

    /// <summary>1, 2, 3 … per board.</summary>
    public int Version { get; set; }
    public required string Name { get; set; }

    /// <summary>What changed compared with the previous version (optional).</summary>
    public string? ChangeNote { get; set; }

    public DateTime PublishedAt { get; set; }

    /// <summary>The administrator who published it; null for the built-in first version.</summary>
    public int? PublishedById { get; set; }

    public List<ObservationArea> Areas { get; set; } = [];
}

/// <summary>An area of the kijkwijzer, e.g. "Pedagogisch klimaat".</summary>
public class ObservationArea
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public int CriteriaSetId { get; set; }
    public ObservationCriteriaSet? CriteriaSet { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public List<ObservationCriterion> Criteria { get; set; } = [];
}

/// <summary>One observable criterion, e.g. "De leerkracht geeft leerlingen positieve feedback".</summary>
public class ObservationCriterion
{
    public const int TextMaxLength = 300;

    public int Id { get; set; }
    public int AreaId { get; set; }
    public ObservationArea? Area { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

/// <summary>The simple four-point scale every criterion is scored on; no score means "niet gezien".</summary>
public static class ObservationScale
{
    public const int Min = 1;
    public const int Max = 4;

    public static bool IsValid(int? score) => score is null or (>= Min and <= Max);

    public static string Dutch(int? score) => score switch
    {
        1 => "Nog niet zichtbaar",
        2 => "Deels zichtbaar",
        3 => "Zichtbaar",
        4 => "Sterk zichtbaar",
        null => "Niet gezien",
        _ => score.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<int> Values { get; } = [1, 2, 3, 4];
}

/// <summary>
/// The kijkwijzer a board starts with (version 1), in the five areas the IB'ers of the board use. The administrator
/// changes it from there.
/// </summary>
public static class ObservationCriteriaDefaults
{
    public const string Name = "Kijkwijzer klassenbezoek";

    public static IReadOnlyList<(string Area, IReadOnlyList<string> Criteria)> Areas { get; } =
    [
        ("Pedagogisch klimaat",
        [
            "De leerkracht zorgt voor een veilige en ontspannen sfeer.",
            "De leerkracht geeft leerlingen positieve, specifieke feedback.",
            "De leerkracht gaat respectvol met leerlingen om en leerlingen met elkaar.",
        ]),
        ("Instructie",
        [
            "De leerkracht benoemt het lesdoel en kijkt er aan het eind op terug.",
            "De leerkracht legt duidelijk uit en doet hardop denkend voor.",
            "De leerkracht controleert of de leerlingen de uitleg begrepen hebben.",
        ]),
        ("Klassenmanagement",
        [
            "De les verloopt ordelijk, met duidelijke regels en routines.",
            "De leertijd wordt efficiënt benut.",
            "Leerlingen weten wat ze moeten doen als ze klaar zijn of vastlopen.",
        ]),
        ("Afstemming op verschillen",
        [
            "De leerkracht geeft verlengde instructie aan leerlingen die dat nodig hebben.",
            "De verwerking sluit aan bij de verschillende niveaus in de groep.",
            "De leerkracht houdt rekening met de onderwijsbehoeften uit de groepsoverzichten.",
        ]),
        ("Betrokkenheid van leerlingen",
        [
            "Leerlingen zijn actief betrokken bij de les.",
            "De leerkracht zet coöperatieve werkvormen in.",
            "Leerlingen krijgen ruimte om eigen keuzes te maken en zelf te reflecteren.",
        ]),
    ];

    /// <summary>A new first version of the default kijkwijzer for <paramref name="boardId"/> (not yet saved).</summary>
    public static ObservationCriteriaSet CreateFor(int boardId, DateTime publishedAt) => new()
    {
        BoardId = boardId,
        Version = 1,
        Name = Name,
        PublishedAt = publishedAt,
        Areas = Areas.Select((a, i) => new ObservationArea
        {
            Position = i + 1,
            Name = a.Area,
            Criteria = a.Criteria.Select((c, j) => new ObservationCriterion { Position = j + 1, Text = c }).ToList(),
        }).ToList(),
    };
}
