using IbPortal.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IbPortal.Tests.Web;

/// <summary>One logger per category for the process, not one per connection, circuit and request (issue 7).</summary>
[Collection(WebAppTests.Name)] // the portal's app sets Serilog's static logger: one app at a time
public sealed class CachingLoggerFactoryTests
{
    private sealed class NamedLogger(string category) : ILogger
    {
        public string Category { get; } = category;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => false;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    }

    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created { get; private set; }
        public bool Disposed { get; private set; }
        public List<ILoggerProvider> Providers { get; } = [];
        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return new NamedLogger(categoryName);
        }
        public void AddProvider(ILoggerProvider provider) => Providers.Add(provider);
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void A_category_gets_one_logger_however_often_it_is_asked_for()
    {
        var inner = new CountingFactory();
        using var factory = new CachingLoggerFactory(inner);

        var first = factory.CreateLogger("Microsoft.AspNetCore.SignalR.HubConnectionContext");
        var again = factory.CreateLogger("Microsoft.AspNetCore.SignalR.HubConnectionContext");
        var other = factory.CreateLogger("Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost");

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, inner.Created);
    }

    [Fact]
    public void A_provider_added_later_reaches_the_loggers_made_after_it()
    {
        var inner = new CountingFactory();
        using var factory = new CachingLoggerFactory(inner);
        var before = factory.CreateLogger("X");

        factory.AddProvider(NullLoggerProvider.Instance);

        Assert.Single(inner.Providers);
        Assert.NotSame(before, factory.CreateLogger("X"));
    }

    [Fact]
    public void It_disposes_the_factory_it_owns_and_not_an_instance_registered_as_such()
    {
        var owned = new CountingFactory();
        new CachingLoggerFactory(owned).Dispose();
        Assert.True(owned.Disposed);

        var instance = new CountingFactory();
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(instance);
        CachingLoggerFactory.Decorate(services);
        using (var provider = services.BuildServiceProvider())
            Assert.IsType<CachingLoggerFactory>(provider.GetRequiredService<ILoggerFactory>());
        Assert.False(instance.Disposed);
    }

    [Fact]
    public void The_portal_logs_through_the_caching_factory()
    {
        using var app = new PortalAppFactory();

        var factory = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CachingLoggerFactory>(factory);
        Assert.Same(factory.CreateLogger("IbPortal.Test"), factory.CreateLogger("IbPortal.Test"));
    }
}
