using Bunit;
using IbPortal.Domain.Access;
using IbPortal.Domain.Data;
using IbPortal.Domain.Retention;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace IbPortal.Tests.RetentionTests;

/// <summary>A bUnit context with MudBlazor and the real retention service on a seeded test database.</summary>
public abstract class RetentionPageContext : BunitContext, IAsyncLifetime
{
    protected RetentionPageContext(string login)
    {
        Database = new TestDatabase();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(Database.Factory);
        Services.AddSingleton<TimeProvider>(Database.Clock);
        Services.AddScoped<CurrentUser>(_ => Database.UserFor(login));
        Services.AddSingleton(Database.Audit);
        Services.AddSingleton<IOptionsMonitor<RetentionOptions>>(new FixedOptions<RetentionOptions>(new RetentionOptions()));
        Services.AddScoped<RetentionService>();
    }

    protected TestDatabase Database { get; }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only, so xunit must dispose this context asynchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
