using Bunit;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Data;
using IbPortal.Domain.Staff;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IbPortal.Tests.AdminTests;

/// <summary>A bUnit context with MudBlazor and the real role administration and audit search on a seeded test database.</summary>
public abstract class AdminComponentContext : BunitContext, IAsyncLifetime
{
    protected AdminComponentContext(string login)
    {
        Database = new TestDatabase();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(Database.Factory);
        Services.AddSingleton<TimeProvider>(Database.Clock);
        Services.AddScoped<CurrentUser>(_ => Database.UserFor(login));
        Services.AddSingleton(Database.Audit);
        Services.AddScoped<StaffAdminService>();
        Services.AddScoped<AuditSearchService>();
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
