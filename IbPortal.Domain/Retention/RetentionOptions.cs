namespace IbPortal.Domain.Retention;

/// <summary>
/// How long pupil-care data is kept after a pupil leaves a school, and when the retention job runs
/// (configuration section "Retention"). The defaults follow Dutch practice for primary schools.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Care data (concerns and their history, and every other pupil-care record) is removed this many years after
    /// the pupil left the school.</summary>
    public int CareDataYearsAfterLeaving { get; set; } = 2;

    /// <summary>Referrals to the samenwerkingsverband (among them requests for special education) are removed this many
    /// years after the pupil left the school.</summary>
    public int ReferralDataYearsAfterLeaving { get; set; } = 3;

    /// <summary>Whether the background job removes expired data every day; when false, only a privacy officer's
    /// "Nu opschonen" does.</summary>
    public bool RunDaily { get; set; } = true;

    /// <summary>The hour (0–23, server local time) at which the daily run starts.</summary>
    public int RunAtHour { get; set; } = 2;

    /// <summary>The problems with these values, in words for the operator; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (CareDataYearsAfterLeaving is < 1 or > 100)
            problems.Add($"Retention:CareDataYearsAfterLeaving must be between 1 and 100 (is {CareDataYearsAfterLeaving}).");
        if (ReferralDataYearsAfterLeaving is < 1 or > 100)
            problems.Add($"Retention:ReferralDataYearsAfterLeaving must be between 1 and 100 (is {ReferralDataYearsAfterLeaving}).");
        if (RunAtHour is < 0 or > 23)
            problems.Add($"Retention:RunAtHour must be an hour from 0 to 23 (is {RunAtHour}).");
        return problems;
    }
}
