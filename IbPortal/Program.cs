using IbPortal.Hosting;
using Serilog;

if (BenchCommand.IsRequested(args))
    return await BenchCommand.RunAsync(args);
if (TrendBenchCommand.IsRequested(args))
    return await TrendBenchCommand.RunAsync(args);
if (SeedCommand.IsRequested(args))
    return await SeedCommand.RunAsync(args);
if (IbPortal.Hosting.LiveBench.LiveBenchCommand.IsRequested(args))
    return await IbPortal.Hosting.LiveBench.LiveBenchCommand.RunAsync(args);
if (IbPortal.Hosting.KillBench.KillBenchCommand.IsRequested(args))
    return await IbPortal.Hosting.KillBench.KillBenchCommand.RunAsync(args);

Log.Logger = PortalLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortal();

    var app = builder.Build();
    app.UsePortal();
    await app.InitializePortalDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "IbPortal stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
