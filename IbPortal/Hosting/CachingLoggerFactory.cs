using System.Collections.Concurrent;

namespace IbPortal.Hosting;

/// <summary>
/// One logger per category for the whole process. Serilog's logger factory (registered by <c>AddSerilog</c>) makes a
/// new logger, with its own caches, on every <see cref="CreateLogger"/> call, and ASP.NET Core asks once per connection,
/// circuit and request: about eight loggers per open dashboard, kept as long as it stays open (issue 7). Categories are
/// type and component names, a bounded set.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner, bool ownsInner = true) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    /// <summary>A provider added later reaches loggers made after it, as with Serilog's own factory.</summary>
    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        _loggers.Clear();
    }

    public void Dispose()
    {
        if (ownsInner)
            inner.Dispose();
    }

    /// <summary>Wraps the last registered <see cref="ILoggerFactory"/> (Serilog's) in a <see cref="CachingLoggerFactory"/>.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to wrap.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => registered switch
        {
            // An instance registered as such was never the container's to dispose.
            { ImplementationInstance: ILoggerFactory instance } => new CachingLoggerFactory(instance, ownsInner: false),
            { ImplementationFactory: { } factory } => new CachingLoggerFactory((ILoggerFactory)factory(provider)),
            { ImplementationType: { } type } => new CachingLoggerFactory((ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type)),
            _ => throw new InvalidOperationException("The registered ILoggerFactory cannot be wrapped."),
        });
    }
}
