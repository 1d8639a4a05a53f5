namespace IbPortal.Domain.Concerns;

public enum DevelopmentArea
{
    Cognitive = 1,
    SocialEmotional = 2,
    Both = 3,
}

/// <summary>Sub-areas of a concern; a concern may name several.</summary>
[Flags]
#pragma warning disable CA1711 // "Flags" is the domain word here
public enum SubAreas
#pragma warning restore CA1711
{
    None = 0,

    // Cognitive
    Reading = 1 << 0,
    Spelling = 1 << 1,
    Maths = 1 << 2,
    Language = 1 << 3,
    WorkAttitude = 1 << 4,
    Concentration = 1 << 5,

    // Social-emotional
    Wellbeing = 1 << 8,
    Safety = 1 << 9,
    Behaviour = 1 << 10,
    SocialContact = 1 << 11,
    SelfImage = 1 << 12,
}

public enum Urgency
{
    Normal = 1,
    Worrying = 2,
    Urgent = 3,
}

public enum ConcernStatus
{
    New = 1,
    Acknowledged = 2,
    InProgress = 3,
    Closed = 4,
}

public enum ConcernOutcome
{
    /// <summary>Solved with support in class.</summary>
    ResolvedInClass = 1,

    /// <summary>A support plan was started for the pupil.</summary>
    SupportPlanStarted = 2,

    /// <summary>Referred to an external expert or the samenwerkingsverband.</summary>
    Referred = 3,

    /// <summary>On reflection no further action was needed.</summary>
    NoActionNeeded = 4,

    /// <summary>Taken up in a group-level approach.</summary>
    GroupApproach = 5,
}

public enum ConcernChange
{
    Raised = 1,
    Acknowledged = 2,
    NoteAdded = 3,
    NextStepSet = 4,
    Closed = 5,
    Reopened = 6,
}

public static class SubAreaCatalog
{
    public static readonly IReadOnlyList<SubAreas> Cognitive =
        [SubAreas.Reading, SubAreas.Spelling, SubAreas.Maths, SubAreas.Language, SubAreas.WorkAttitude, SubAreas.Concentration];

    public static readonly IReadOnlyList<SubAreas> SocialEmotional =
        [SubAreas.Wellbeing, SubAreas.Safety, SubAreas.Behaviour, SubAreas.SocialContact, SubAreas.SelfImage];

    private const SubAreas CognitiveMask =
        SubAreas.Reading | SubAreas.Spelling | SubAreas.Maths | SubAreas.Language | SubAreas.WorkAttitude | SubAreas.Concentration;

    private const SubAreas SocialEmotionalMask =
        SubAreas.Wellbeing | SubAreas.Safety | SubAreas.Behaviour | SubAreas.SocialContact | SubAreas.SelfImage;

    /// <summary>The sub-areas that belong to <paramref name="area"/>.</summary>
    public static SubAreas AllowedFor(DevelopmentArea area) => area switch
    {
        DevelopmentArea.Cognitive => CognitiveMask,
        DevelopmentArea.SocialEmotional => SocialEmotionalMask,
        DevelopmentArea.Both => CognitiveMask | SocialEmotionalMask,
        _ => SubAreas.None,
    };

    public static IEnumerable<SubAreas> Split(SubAreas value) =>
        Cognitive.Concat(SocialEmotional).Where(s => value.HasFlag(s));
}
