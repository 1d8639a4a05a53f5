using System.Globalization;
using IbPortal.Domain.Partnership;
using MudBlazor;

namespace IbPortal.Partnership;

/// <summary>Display helpers for referrals: short Dutch dates and status colours (always next to words).</summary>
public static class ReferralDisplay
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static Color StatusColor(ReferralStatus status, ReferralOutcome? outcome) => status switch
    {
        ReferralStatus.Draft => Color.Default,
        ReferralStatus.Submitted => Color.Info,
        ReferralStatus.Decided => outcome switch
        {
            ReferralOutcome.Granted => Color.Success,
            ReferralOutcome.Rejected => Color.Error,
            _ => Color.Primary,
        },
        _ => Color.Dark,
    };

    /// <summary>"Ingediend" or, once decided, "Besluit genomen: toegekend".</summary>
    public static string StatusText(ReferralStatus status, ReferralOutcome? outcome) =>
        status == ReferralStatus.Decided && outcome is { } o ? $"{status.Label()}: {o.Label().ToLower(Dutch)}" : status.Label();

    public static string SummaryHref(int pupilId, int referralId) => $"/leerlingen/{pupilId}/verwijzingen/{referralId}/samenvatting";

    public static string WordHref(int pupilId, int referralId) => $"/leerlingen/{pupilId}/verwijzingen/{referralId}/samenvatting.docx";
}
