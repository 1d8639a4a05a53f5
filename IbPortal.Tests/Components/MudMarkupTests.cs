using AngleSharp.Html.Parser;
using IbPortal.Components.Shared;
using IbPortal.Domain.Concerns;
using MudBlazor;

namespace IbPortal.Tests.Components;

/// <summary>The shared markup of icons, chips, school tags and area icons: MudBlazor's HTML, encoded, built once.</summary>
public sealed class MudMarkupTests
{
    private static AngleSharp.Dom.IElement Parse(string html) =>
        new HtmlParser().ParseDocument($"<body><div id=\"root\">{html}</div></body>").GetElementById("root")!;

    [Fact]
    public void An_icon_is_MudIcons_svg()
    {
        var svg = Parse(MudMarkup.IconMarkup(Icons.Material.Filled.Flag, "medium", "extra", "font-size:1rem").Value).QuerySelector("svg")!;

        Assert.Equal("mud-icon-root mud-svg-icon mud-icon-size-medium extra", svg.GetAttribute("class"));
        Assert.Equal("font-size:1rem", svg.GetAttribute("style"));
        Assert.Equal("false", svg.GetAttribute("focusable"));
        Assert.Equal("0 0 24 24", svg.GetAttribute("viewBox"));
        Assert.Equal("true", svg.GetAttribute("aria-hidden"));
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.NotEmpty(svg.Children); // the icon's path
        Assert.Null(Parse(MudMarkup.IconMarkup(Icons.Material.Filled.Flag).Value).QuerySelector("svg")!.GetAttribute("style"));
    }

    [Fact]
    public void The_same_icon_chip_or_tag_is_one_string_for_every_circuit()
    {
        Assert.Same(MudMarkup.IconMarkup(Icons.Material.Filled.Forum).Value, MudMarkup.IconMarkup(Icons.Material.Filled.Forum).Value);
        Assert.Same(SchoolTag.Markup("#1565C0", "VB", "OBS De Vlinderboom").Value, SchoolTag.Markup("#1565C0", "VB", "OBS De Vlinderboom").Value);
        Assert.NotSame(SchoolTag.Markup("#1565C0", "VB", "OBS De Vlinderboom").Value, SchoolTag.Markup("#1565C0", "AN", "CBS Het Anker").Value);
    }

    [Fact]
    public void Texts_and_names_in_chips_and_tags_stay_text()
    {
        foreach (var payload in XssPayloads.All)
        {
            // As text: inert, and read back as typed.
            var tag = Parse(SchoolTag.Markup("\"><script>x</script>", payload, "School").Value);
            XssPayloads.AssertInert(tag);
            Assert.Equal(payload, tag.QuerySelector(".school-tag")!.TextContent);
            Assert.Equal("--school-color:#455A64", tag.QuerySelector(".school-tag")!.GetAttribute("style")); // not a colour: grey
            var chip = Parse(ChipHtml(payload, "chip"));
            XssPayloads.AssertInert(chip);
            Assert.Equal(payload, chip.QuerySelector(".mud-chip-content")!.TextContent);

            // In an attribute: the whole value stays that one attribute's value.
            var titled = Parse(SchoolTag.Markup("#1565C0", "VB", payload).Value).QuerySelector(".school-tag")!;
            Assert.Equal(payload, titled.GetAttribute("title"));
            Assert.Equal(["class", "style", "title"], titled.Attributes.Select(a => a.Name));
            var tested = Parse(ChipHtml("x", payload)).QuerySelector(".mud-chip")!;
            Assert.Equal(payload, tested.GetAttribute("data-testid"));
            Assert.Equal(["class", "data-testid"], tested.Attributes.Select(a => a.Name));
        }
    }

    [Fact]
    public void A_chip_is_MudChips_markup_with_its_icon()
    {
        var chip = Parse(ChipHtml("Urgent", "urgency", Icons.Material.Filled.PriorityHigh, "error", "urgency urgency-urgent"));

        Assert.Equal("mud-chip-container", chip.FirstElementChild!.GetAttribute("class"));
        var inner = chip.QuerySelector(".mud-chip")!;
        Assert.Equal("mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-error urgency urgency-urgent", inner.GetAttribute("class"));
        Assert.Equal("mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", inner.QuerySelector("svg")!.GetAttribute("class"));
        Assert.Equal("Urgent", inner.QuerySelector(".mud-chip-content")!.TextContent);
    }

    [Fact]
    public void Area_icons_have_a_text_alternative()
    {
        var both = Parse(Render(AreaIcons.For(DevelopmentArea.Both)));
        Assert.Equal(2, both.QuerySelectorAll("svg").Length);
        Assert.Equal(DevelopmentArea.Both.Label(), both.QuerySelector(".visually-hidden-text")!.TextContent);
        Assert.Single(Parse(Render(AreaIcons.For(DevelopmentArea.Cognitive))).QuerySelectorAll("svg"));
    }

    private static string ChipHtml(string text, string? testId, string? icon = null, string color = "default", string? extraClass = null) =>
        Render(MudMarkup.Chip(text, color: color, extraClass: extraClass, testId: testId, icon: icon));

    // A fragment of one markup frame: its markup, as the renderer would write it.
    private static string Render(Microsoft.AspNetCore.Components.RenderFragment fragment)
    {
        var builder = new Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder();
        fragment(builder);
#pragma warning disable BL0006 // reading the one frame these fragments write
        var frames = builder.GetFrames();
        Assert.Equal(1, frames.Count);
        return frames.Array[0].MarkupContent;
#pragma warning restore BL0006
    }
}
