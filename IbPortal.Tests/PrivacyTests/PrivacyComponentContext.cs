using Bunit;
using IbPortal.Domain.Access;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Data;
using IbPortal.Domain.Events;
using IbPortal.Domain.Privacy;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>
/// A bUnit context with MudBlazor and the real pupil-file and inzage services on a seeded test database. The signed-in
/// user is chosen per test with <see cref="SignInAs"/>, before the first render.
/// </summary>
public abstract class PrivacyComponentContext : BunitContext, IAsyncLifetime
{
    private string _login = Logins.CareCoordinator;

    protected PrivacyComponentContext()
    {
        Database = new TestDatabase();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(Database.Factory);
        Services.AddSingleton<IPortalEvents>(Database.Events);
        Services.AddSingleton<TimeProvider>(Database.Clock);
        Services.AddScoped<CurrentUser>(_ => Database.UserFor(_login));
        Services.AddSingleton(Database.Audit);
        Services.AddScoped<ConcernService>();
        Services.AddScoped<PupilFileService>();
        Services.AddScoped<InzageService>();
    }

    protected TestDatabase Database { get; }

    protected void SignInAs(string login) => _login = login;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only, so xunit must dispose this context asynchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
