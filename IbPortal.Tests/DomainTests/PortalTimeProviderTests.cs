using IbPortal.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IbPortal.Tests.DomainTests;

public class PortalTimeProviderTests
{
    private static TimeProvider Registered(string? zone)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:TimeZone"] = zone }).Build();
        return new ServiceCollection().AddLogging().AddPortalDomain(configuration, Path.GetTempPath())
            .BuildServiceProvider().GetRequiredService<TimeProvider>();
    }

    [Fact]
    public void The_domain_clock_uses_Dutch_time_by_default_whatever_the_servers_zone()
    {
        var clock = Registered(null);

        Assert.Equal("Europe/Amsterdam", clock.LocalTimeZone.Id);
        // 23:30 UTC on 31 July is already 1 August in the Netherlands: a new school year.
        var lateJuly = new DateTimeOffset(2026, 7, 31, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTime(2026, 8, 1, 1, 30, 0), TimeZoneInfo.ConvertTime(lateJuly, clock.LocalTimeZone).DateTime);
    }

    [Fact]
    public void Another_zone_can_be_configured_and_an_unknown_one_is_refused_with_the_setting_named()
    {
        Assert.Equal("Europe/Brussels", Registered("Europe/Brussels").LocalTimeZone.Id);
        var error = Assert.Throws<InvalidOperationException>(() => Registered("Mars/Olympus"));
        Assert.Contains("Portal:TimeZone", error.Message, StringComparison.Ordinal);
    }
}
