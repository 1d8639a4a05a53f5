using Serilog;
using Serilog.Events;

namespace IbPortal.Hosting;

/// <summary>Serilog: console and a rolling file, structured properties, ids only (never names or care notes).</summary>
public static class PortalLogging
{
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();

    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        var filePath = builder.Configuration["Logging:File:Path"] ?? "logs/ibportal-.log";
        if (!Path.IsPathRooted(filePath))
            filePath = Path.Combine(builder.Environment.ContentRootPath, filePath);
        var retained = builder.Configuration.GetValue("Logging:File:RetainedFileCountLimit", 14);

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "IbPortal")
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new Serilog.Formatting.Compact.CompactJsonFormatter(),
                filePath,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: retained,
                shared: true));
        CachingLoggerFactory.Decorate(builder.Services);
    }
}
