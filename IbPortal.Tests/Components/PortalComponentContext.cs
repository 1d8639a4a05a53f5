using Bunit;
using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Pupils;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IbPortal.Tests.Components;

/// <summary>A bUnit context with MudBlazor and the real domain services on a seeded test database.</summary>
public abstract class PortalComponentContext : BunitContext, IAsyncLifetime
{
    protected PortalComponentContext(string login)
    {
        Database = new TestDatabase();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(Database.Factory);
        Services.AddSingleton<IPortalEvents>(Database.Events);
        Services.AddSingleton<TimeProvider>(Database.Clock);
        Services.AddScoped<CurrentUser>(_ => Database.UserFor(login));
        Services.AddSingleton(Database.Audit);
        Services.AddSingleton(Database.Submissions);
        Services.AddScoped<ConcernService>();
        Services.AddScoped<ConcernFeed>();
        Services.AddScoped<PupilService>();
        Services.AddScoped<CareDashboardService>();
    }

    protected TestDatabase Database { get; }

    /// <summary>From now on, components rendered by this context act as <paramref name="login"/>.</summary>
    protected void ActAs(string login) => Services.AddScoped<CurrentUser>(_ => Database.UserFor(login));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only, so xunit must dispose this context asynchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
