namespace IbPortal.Domain.Partnership;

/// <summary>What the IB'er fills in for a referral (new or a draft being edited). Only kind and support question are required.</summary>
public sealed record ReferralInput
{
    public ReferralKind? Kind { get; init; }
    public string? SupportQuestion { get; init; }
    public string? TriedAndEffect { get; init; }
    public string? EducationalNeeds { get; init; }
    public string? ParentsView { get; init; }
    public string? ConsultantName { get; init; }
}

/// <summary>The samenwerkingsverband's decision on a submitted referral.</summary>
public sealed record ReferralDecisionInput
{
    public ReferralOutcome? Outcome { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// The summary parts proposed for a new referral, gathered from the pupil's care at the current school: what was
/// tried and its effect, the educational needs and the parents' view. Every part is a suggestion the IB'er edits.
/// </summary>
public sealed record ReferralProposal(int PupilId, int SchoolId, string? TriedAndEffect, string? EducationalNeeds, string? ParentsView);

/// <summary>One referral as the screens show it.</summary>
public sealed record ReferralView(
    int Id,
    int PupilId,
    int SchoolId,
    string SchoolName,
    string SchoolShortName,
    string SchoolColor,
    ReferralKind Kind,
    ReferralStatus Status,
    string SupportQuestion,
    string? TriedAndEffect,
    string? EducationalNeeds,
    string? ParentsView,
    string? ConsultantName,
    DateOnly? SubmittedOn,
    int? ConsentId,
    DateOnly? DecidedOn,
    ReferralOutcome? Outcome,
    string? OutcomeNote,
    DateTime CreatedAt,
    string CreatedByName,
    DateTime UpdatedAt,
    int Version,
    bool CanManage)
{
    public bool IsDraft => Status == ReferralStatus.Draft;
    public bool CanEdit => CanManage && Status == ReferralStatus.Draft;
    public bool CanSubmit => CanManage && Status == ReferralStatus.Draft;
    public bool CanDecide => CanManage && Status == ReferralStatus.Submitted;
    public bool CanWithdraw => CanManage && Status is ReferralStatus.Draft or ReferralStatus.Submitted;
}

/// <summary>A pupil's referrals the user may see, newest first, and whether the user may start a new one.</summary>
public sealed record PupilReferrals(int PupilId, IReadOnlyList<ReferralView> Referrals, bool CanCreate);

/// <summary>
/// The one-page referral summary: the pupil block, the request and its four parts, the consultant, the date and who
/// drafted it. Not the whole file. <see cref="IsConcept"/> while no valid consent to share it exists.
/// </summary>
public sealed record ReferralSummary(
    int ReferralId,
    int PupilId,
    string PupilName,
    DateOnly DateOfBirth,
    string SchoolName,
    string? GroupName,
    int SupportLevel,
    ReferralKind Kind,
    ReferralStatus Status,
    string SupportQuestion,
    string? TriedAndEffect,
    string? EducationalNeeds,
    string? ParentsView,
    string? ConsultantName,
    DateOnly Date,
    bool IsSubmitted,
    string DraftedBy,
    bool IsConcept,
    DateTime GeneratedAt)
{
    public const string ConceptText = "Concept — nog geen toestemming van de ouders om dit te delen met het samenwerkingsverband";
    public const string Title = "Verwijzing naar het samenwerkingsverband";

    /// <summary>"Ingediend op" for a submitted referral, else "Opgesteld op".</summary>
    public string DateLabel => IsSubmitted ? "Ingediend op" : "Opgesteld op";
}

/// <summary>A file to download: its bytes, a name without the pupil's name, and its content type.</summary>
public sealed record ReferralDocument(byte[] Content, string FileName, string ContentType)
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}
