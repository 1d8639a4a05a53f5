using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace IbPortal.Components.Shared;

/// <summary>
/// MudBlazor's look without a MudBlazor component: the markup MudIcon and MudChip render (MudBlazor 9), written straight
/// into the calling component's render tree. For read-only bits that repeat on screens that stay open all day (the
/// IB'er dashboard): every component costs a circuit memory and render time, and a parent's render re-renders its Mud
/// children. Anything with behaviour (menus, inputs, dialogs) stays a MudBlazor component.
/// </summary>
public static class MudMarkup
{
    /// <summary>Like <c>&lt;MudIcon Icon="…" Size="…" aria-hidden="true" /&gt;</c>; <paramref name="icon"/> is an <c>Icons.Material.*</c> constant.</summary>
    public static RenderFragment Icon(string icon, string size = "small", string? extraClass = null, string? style = null) => builder =>
        AddIcon(builder, icon, size, extraClass, style);

    /// <summary>
    /// Like <c>&lt;MudChip T="string" Size="Size.Small" Variant="…" Color="…"&gt;</c> (read-only: no click, no close).
    /// <paramref name="variant"/> is outlined, filled or text; <paramref name="color"/> a palette name (default, error, info…).
    /// </summary>
    public static RenderFragment Chip(string text, string variant = "outlined", string color = "default", string? extraClass = null,
        string? testId = null, string? icon = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-{variant} mud-chip-size-small mud-chip-color-{color}{(extraClass is null ? "" : " " + extraClass)}");
        builder.AddAttribute(4, "data-testid", testId);
        if (icon is not null)
            AddIcon(builder, icon, "small", "mud-chip-icon", null);
        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-chip-content");
        builder.AddContent(7, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private static void AddIcon(RenderTreeBuilder builder, string icon, string size, string? extraClass, string? style)
    {
        builder.OpenRegion(100);
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClass is null ? "" : " " + extraClass)}");
        builder.AddAttribute(2, "style", style);
        builder.AddAttribute(3, "focusable", "false");
        builder.AddAttribute(4, "viewBox", "0 0 24 24");
        builder.AddAttribute(5, "aria-hidden", "true");
        builder.AddAttribute(6, "role", "img");
        builder.AddMarkupContent(7, icon);
        builder.CloseElement();
        builder.CloseRegion();
    }
}
