using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IbPortal.Components.Shared;

/// <summary>
/// Renders a read-only Razor fragment to HTML (Razor's own encoding, through <see cref="HtmlRenderer"/>), for a screen
/// that keeps it for hours: in the circuit it is then one markup frame instead of hundreds of frames kept twice (the
/// current and the previous render tree), and diffing it is one string comparison. Only for parts without event
/// handlers or components with behaviour (plain links are fine: Blazor's navigation handles them). The IB'er dashboard's
/// agenda cards and group tiles use it; they change when their data is loaded, not on every render. Scoped: the renderer
/// resolves its services from the circuit's scope.
/// </summary>
public sealed partial class StaticMarkup(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<MarkupString> RenderAsync(RenderFragment fragment)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<FragmentHost>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(FragmentHost.Content)] = fragment }));
            return output.ToHtmlString();
        });
        // The template's indentation and line breaks, as one space: the browser shows them so anyway (these fragments
        // hold no preformatted text), and every circuit keeps the string.
        return new MarkupString(LineBreakAndIndentation().Replace(html, " "));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[ \t]*\r?\n\s*")]
    private static partial System.Text.RegularExpressions.Regex LineBreakAndIndentation();

    private sealed class FragmentHost : IComponent
    {
        private RenderHandle _handle;

        [Parameter] public RenderFragment? Content { get; set; }

        public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

        public Task SetParametersAsync(ParameterView parameters)
        {
            parameters.SetParameterProperties(this);
            _handle.Render(builder => builder.AddContent(0, Content));
            return Task.CompletedTask;
        }
    }
}
