namespace IbPortal.Domain.Visits;

/// <summary>One version of a board's kijkwijzer as shown: areas with their criteria, in order.</summary>
public sealed record CriteriaSetView(
    int Id,
    int BoardId,
    int Version,
    string Name,
    string? ChangeNote,
    DateTime PublishedAt,
    string? PublishedByName,
    bool IsCurrent,
    IReadOnlyList<CriteriaAreaView> Areas,
    bool MayPublish)
{
    public int CriterionCount => Areas.Sum(a => a.Criteria.Count);
}

public sealed record CriteriaAreaView(int Id, int Position, string Name, IReadOnlyList<CriterionView> Criteria);

public sealed record CriterionView(int Id, int Position, string Text);

/// <summary>One row of the kijkwijzer's history.</summary>
/// <param name="VisitCount">How many visits are (being) scored with this version.</param>
public sealed record CriteriaSetVersionRow(
    int Id,
    int Version,
    string Name,
    string? ChangeNote,
    DateTime PublishedAt,
    string? PublishedByName,
    int VisitCount,
    bool IsCurrent);

/// <summary>A new version of the kijkwijzer as the administrator drafted it, based on the version they were editing.</summary>
public sealed class CriteriaSetDraft
{
    /// <summary>The version the draft started from; publishing fails as a conflict when it is no longer the current one.</summary>
    public int BasedOnVersion { get; set; }

    public string? Name { get; set; }

    /// <summary>What changed compared with the current version (optional).</summary>
    public string? ChangeNote { get; set; }

    public List<CriteriaAreaDraft> Areas { get; set; } = [];

    /// <summary>A draft that starts as a copy of <paramref name="set"/>.</summary>
    public static CriteriaSetDraft From(CriteriaSetView set) => new()
    {
        BasedOnVersion = set.Version,
        Name = set.Name,
        Areas = set.Areas.Select(a => new CriteriaAreaDraft { Name = a.Name, Criteria = a.Criteria.Select(c => (string?)c.Text).ToList() }).ToList(),
    };
}

public sealed class CriteriaAreaDraft
{
    public string? Name { get; set; }

    /// <summary>The criteria's texts, in order.</summary>
    public List<string?> Criteria { get; set; } = [];
}
