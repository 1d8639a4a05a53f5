using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IbPortal.Hosting.LiveBench;

/// <summary>
/// What blazor.web.js reads from a page before it starts a circuit: the interactive-server component markers
/// (`&lt;!--Blazor:{"type":"server",…}--&gt;`) and the persisted application state
/// (`&lt;!--Blazor-Server-Component-State:…--&gt;`), and the root-component operations it then sends with
/// `UpdateRootComponents`: one batch `{"batchId":1,"operations":[{"type":"add","ssrComponentId":n,"marker":{…}}]}`.
/// </summary>
public static partial class BlazorPage
{
    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();

    /// <summary>The server component markers (start markers only; an end marker carries just a prerenderId).</summary>
    public static IReadOnlyList<JsonObject> ServerMarkers(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerPattern().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker &&
                marker["type"]?.GetValue<string>() == "server" && marker["descriptor"] is not null)
                markers.Add(marker);
        }
        return markers;
    }

    /// <summary>The persisted component state of the page, or "" when it has none.</summary>
    public static string ApplicationState(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = StatePattern().Match(html);
        return match.Success ? match.Groups[1].Value : "";
    }

    /// <summary>The first `UpdateRootComponents` batch: add every marker, numbered from 1 in page order.</summary>
    public static string AddOperations(IReadOnlyList<JsonObject> markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = markers[i].DeepClone(),
            });
        }
        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
