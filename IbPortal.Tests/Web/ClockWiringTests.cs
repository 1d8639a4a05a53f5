using IbPortal.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.Web;

[Collection(WebAppTests.Name)]
public sealed class ClockWiringTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public void The_running_app_keeps_time_in_the_schools_zone()
    {
        var clock = app.Services.GetRequiredService<TimeProvider>();

        Assert.IsType<PortalTimeProvider>(clock);
        Assert.Equal("Europe/Amsterdam", clock.LocalTimeZone.Id);
    }
}
