using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Routing;

namespace IbPortal.Tests.VisitTests;

internal static class NavigationWait
{
    /// <summary>
    /// Waits until the latest navigation was decided as <paramref name="expected"/>: the navigation manager records it after
    /// a dialog's answer without necessarily rendering the component again, so a render-driven wait could miss it.
    /// </summary>
    public static void Until(BunitNavigationManager navigation, NavigationState expected)
    {
        SpinWait.SpinUntil(() => navigation.History.Count > 0 && navigation.History.First().State == expected, TimeSpan.FromSeconds(10));
        Assert.NotEmpty(navigation.History);
        Assert.Equal(expected, navigation.History.First().State);
    }
}
