using MudBlazor;

namespace IbPortal.Components.Layout;

/// <summary>Calm colours with WCAG 2.1 AA contrast against white text and backgrounds.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1E5A7A",
            Secondary = "#8A4B08",
            Info = "#0B5FA5",
            Success = "#2E6B30",
            Warning = "#8A5300",
            Error = "#B3261E",
            AppbarBackground = "#1E5A7A",
            Background = "#F6F8FA",
            TextSecondary = "#4A5560",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Liberation Sans", "Segoe UI", "Roboto", "Arial", "sans-serif"] },
        },
    };
}
