using Bunit;
using IbPortal.Domain.Access;
using IbPortal.Domain.Audit;
using IbPortal.Domain.Privacy;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Concerns;
using IbPortal.Domain.Dashboard;
using IbPortal.Domain.Data;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Support;
using IbPortal.Domain.Visits;
using IbPortal.Domain.Quality;
using IbPortal.Domain.Events;
using IbPortal.Domain.Pupils;
using IbPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IbPortal.Tests.Components;

/// <summary>
/// The one bUnit base: MudBlazor and the real domain services on a seeded test database. The signed-in user is
/// <c>login</c>, or whoever <see cref="SignInAs"/> names before the first render.
/// </summary>
public abstract class PortalComponentContext : BunitContext, IAsyncLifetime
{
    private string _login;

    protected PortalComponentContext(string login)
    {
        _login = login;
        Database = new TestDatabase();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<IbPortal.Components.Shared.StaticMarkup>();
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(Database.Factory);
        Services.AddSingleton<IPortalEvents>(Database.Events);
        Services.AddSingleton<TimeProvider>(Database.Clock);
        Services.AddScoped<CurrentUser>(_ => Database.UserFor(_login));
        Services.AddSingleton(Database.Audit);
        Services.AddSingleton(Database.Submissions);
        Services.AddScoped<ConcernService>();
        Services.AddScoped<ConcernFeed>();
        Services.AddSingleton(Database.LiveScopes);
        Services.AddSingleton(Database.SharedSummaries);
        Services.AddScoped<PupilService>();
        Services.AddScoped<CareDashboardService>();
        Services.AddScoped<CareAgendaService>();
        Services.AddScoped<PupilFileService>();
        Services.AddScoped<InzageService>();
        Services.AddScoped<StaffAdminService>();
        Services.AddScoped<AuditSearchService>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Database.CareOptions));
        Services.AddSingleton<Domain.Parents.ConsentPurposes>();
        Services.AddPortalDiscussions();
        Services.AddPortalSupport();
        Services.AddPortalParents();
        Services.AddPortalPartnership();
        Services.AddPortalVisits();
        Services.AddPortalQuality();
    }

    protected TestDatabase Database { get; }

    /// <summary>Components rendered from now on act as <paramref name="login"/> (call before the first render).</summary>
    protected void SignInAs(string login) => _login = login;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only, so xunit must dispose this context asynchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
