using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace IbPortal.Components.Shared;

/// <summary>
/// MudBlazor's look without a MudBlazor component: the markup MudIcon and MudChip render (MudBlazor 9), as one markup
/// frame in the calling component's render tree. For read-only bits that repeat on screens that stay open all day (the
/// IB'er dashboard): every component costs a circuit memory and render time, and a parent's render re-renders its Mud
/// children. Anything with behaviour (menus, inputs, dialogs) stays a MudBlazor component.
/// </summary>
/// <remarks>
/// An icon, chip or tag is one frame instead of eight to ten (its elements, attributes and text), and its HTML is built
/// once per process and shared by every circuit (<see cref="Shared{TKey}"/>): the inputs are constants, labels of a
/// few enum values, or one per school. Every text and attribute value is HTML-encoded; an icon is an
/// <c>Icons.Material.*</c> constant, itself SVG markup.
/// </remarks>
public static class MudMarkup
{
    /// <summary>Like <c>&lt;MudIcon Icon="…" Size="…" aria-hidden="true" /&gt;</c>; <paramref name="icon"/> is an <c>Icons.Material.*</c> constant.</summary>
    public static RenderFragment Icon(string icon, string size = "small", string? extraClass = null, string? style = null)
    {
        var markup = IconMarkup(icon, size, extraClass, style).Value;
        return builder => builder.AddMarkupContent(0, markup);
    }

    /// <summary>The icon's <c>&lt;svg&gt;</c>, for markup built around it.</summary>
    public static MarkupString IconMarkup(string icon, string size = "small", string? extraClass = null, string? style = null) =>
        Shared((Kind: "icon", icon, size, extraClass, style), static k => BuildIcon(k.icon, k.size, k.extraClass, k.style));

    /// <summary>
    /// Like <c>&lt;MudChip T="string" Size="Size.Small" Variant="…" Color="…"&gt;</c> (read-only: no click, no close).
    /// <paramref name="variant"/> is outlined, filled or text; <paramref name="color"/> a palette name (default, error, info…).
    /// </summary>
    public static RenderFragment Chip(string text, string variant = "outlined", string color = "default", string? extraClass = null,
        string? testId = null, string? icon = null)
    {
        var markup = Shared((Kind: "chip", text, variant, color, extraClass, testId, icon),
            static k => BuildChip(k.text, k.variant, k.color, k.extraClass, k.testId, k.icon)).Value;
        return builder => builder.AddMarkupContent(0, markup);
    }

    /// <summary>
    /// The HTML <paramref name="build"/> makes of <paramref name="key"/>, built once and shared by every circuit. Past
    /// <see cref="MaxShared"/> entries (more variants than constants and schools make) it is built per call instead.
    /// </summary>
    public static MarkupString Shared<TKey>(TKey key, Func<TKey, string> build) where TKey : notnull
    {
        if (Cache.TryGetValue(key, out var cached))
            return cached;
        var markup = new MarkupString(build(key));
        if (Cache.Count < MaxShared)
            Cache.TryAdd(key, markup);
        return markup;
    }

    internal const int MaxShared = 4096;

    private static readonly ConcurrentDictionary<object, MarkupString> Cache = new();

    /// <summary>Attribute- and text-safe: Razor's own encoder.</summary>
    public static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    // MudIcon's markup (MudBlazor 9): the attributes in its order, the style only when given.
    private static string BuildIcon(string icon, string size, string? extraClass, string? style)
    {
        var html = new StringBuilder(icon.Length + 160);
        html.Append("<svg class=\"").Append(Encode($"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClass is null ? "" : " " + extraClass)}")).Append('"');
        if (style is not null)
            html.Append(" style=\"").Append(Encode(style)).Append('"');
        html.Append(" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">").Append(icon).Append("</svg>");
        return html.ToString();
    }

    // MudChip's markup (MudBlazor 9): container, chip with its classes, the icon, the text.
    private static string BuildChip(string text, string variant, string color, string? extraClass, string? testId, string? icon)
    {
        var html = new StringBuilder(256 + (icon?.Length ?? 0));
        html.Append("<div class=\"mud-chip-container\"><div class=\"")
            .Append(Encode($"mud-chip mud-chip-{variant} mud-chip-size-small mud-chip-color-{color}{(extraClass is null ? "" : " " + extraClass)}")).Append('"');
        if (testId is not null)
            html.Append(" data-testid=\"").Append(Encode(testId)).Append('"');
        html.Append('>');
        if (icon is not null)
            html.Append(BuildIcon(icon, "small", "mud-chip-icon", null));
        html.Append("<span class=\"mud-chip-content\">").Append(Encode(text)).Append("</span></div></div>");
        return html.ToString();
    }
}
