namespace IbPortal.Tests.Components;

/// <summary>Markup a user might type into a free-text field; every one must reach the page as inert text.</summary>
public static class XssPayloads
{
    public static readonly string[] All =
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "<a href=\"javascript:window.__xss=1\">klik</a>",
        "\"><svg onload=window.__xss=1>",
        "javascript:window.__xss=1",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "<div style=\"background:url(javascript:window.__xss=1)\" onmouseover=\"window.__xss=1\">x</div>",
    ];

    /// <summary>Asserts that rendered markup carries no active content: no script, frame or svg element, no event
    /// handler attribute and no javascript: URL.</summary>
    public static void AssertInert(AngleSharp.Dom.IElement root)
    {
        Assert.Empty(root.QuerySelectorAll("script, iframe, svg[onload], img[onerror]"));
        foreach (var element in root.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"event handler attribute {attribute.Name} on <{element.LocalName}>");
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
