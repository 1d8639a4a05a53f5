using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
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

    private static void AddIcon(RenderTreeBuilder builder, string icon, string size, string? extraClass, string? style) =>
        builder.AddMarkupContent(100, IconMarkup(icon, size, extraClass, style).Value);

    /// <summary>
    /// The icon's <c>&lt;svg&gt;</c> as one string, so that it is one markup frame in a render tree instead of eight (the
    /// element, its six attributes and the path). Call sites pass constants, so the strings are built once per process
    /// and shared by every circuit; past <see cref="MaxCachedIcons"/> variants they are built per call.
    /// </summary>
    public static MarkupString IconMarkup(string icon, string size = "small", string? extraClass = null, string? style = null)
    {
        var key = (icon, size, extraClass, style);
        if (IconCache.TryGetValue(key, out var cached))
            return cached;
        var markup = new MarkupString(BuildIcon(icon, size, extraClass, style));
        if (IconCache.Count < MaxCachedIcons)
            IconCache.TryAdd(key, markup);
        return markup;
    }

    internal const int MaxCachedIcons = 512;

    private static readonly ConcurrentDictionary<(string Icon, string Size, string? ExtraClass, string? Style), MarkupString> IconCache = new();

    // MudIcon's markup (MudBlazor 9): the attributes in its order, the style only when given. The icon is an
    // Icons.Material.* constant, itself SVG markup; class and style are attribute-encoded.
    private static string BuildIcon(string icon, string size, string? extraClass, string? style)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder(icon.Length + 160);
        html.Append("<svg class=\"").Append(encoder.Encode($"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClass is null ? "" : " " + extraClass)}")).Append('"');
        if (style is not null)
            html.Append(" style=\"").Append(encoder.Encode(style)).Append('"');
        html.Append(" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">").Append(icon).Append("</svg>");
        return html.ToString();
    }
}
