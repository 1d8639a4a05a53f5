using Microsoft.Extensions.Configuration.Json;

namespace IbPortal.Hosting;

public static class PortalConfiguration
{
    /// <summary>
    /// The operator edits one appsettings.json, at the repository root (or next to the published binaries).
    /// Started from the repo root, the content root already holds it; started elsewhere (another working directory,
    /// tests), the copy next to the binaries is used. It keeps its usual precedence: below appsettings.{Environment}.json,
    /// user secrets, environment variables and the command line.
    /// </summary>
    public static void AddRootAppSettings(this WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
            return;
        var copy = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(copy))
            return;

        IList<IConfigurationSource> sources = builder.Configuration.Sources;
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var existing = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == "appsettings.json");
        if (existing is not null)
            sources[sources.IndexOf(existing)] = source;
        else
            sources.Insert(0, source);
    }
}
