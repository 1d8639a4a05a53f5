using IbPortal.Domain.Retention;
using IbPortal.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.RetentionTests;

/// <summary>The shared bUnit base plus the retention service with its default periods.</summary>
public abstract class RetentionPageContext : PortalComponentContext
{
    protected RetentionPageContext(string login) : base(login)
    {
        Services.AddSingleton<IOptionsMonitor<RetentionOptions>>(new FixedOptions<RetentionOptions>(new RetentionOptions()));
        Services.AddScoped<RetentionService>();
    }
}
