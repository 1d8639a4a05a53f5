using IbPortal.Domain;
using IbPortal.Domain.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IbPortal.Tests.RetentionTests;

public class RetentionWiringTests
{
    [Fact]
    public void Without_configuration_the_Dutch_defaults_apply_and_the_service_and_job_are_registered()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        Assert.Equal(2, options.CareDataYearsAfterLeaving);
        Assert.Equal(3, options.ReferralDataYearsAfterLeaving);
        Assert.True(options.RunDaily);
        Assert.Equal(2, options.RunAtHour);
        using var scope = services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<RetentionService>());
        Assert.Contains(services.GetServices<IHostedService>(), s => s is RetentionJob);
    }

    [Fact]
    public void The_Retention_section_sets_the_periods_and_the_schedule()
    {
        using var services = Build(new()
        {
            ["Retention:CareDataYearsAfterLeaving"] = "5",
            ["Retention:ReferralDataYearsAfterLeaving"] = "7",
            ["Retention:RunDaily"] = "false",
            ["Retention:RunAtHour"] = "4",
        });

        var options = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        Assert.Equal(5, options.CareDataYearsAfterLeaving);
        Assert.Equal(7, options.ReferralDataYearsAfterLeaving);
        Assert.False(options.RunDaily);
        Assert.Equal(4, options.RunAtHour);
    }

    [Theory]
    [InlineData("Retention:CareDataYearsAfterLeaving", "0")]
    [InlineData("Retention:ReferralDataYearsAfterLeaving", "-1")]
    [InlineData("Retention:RunAtHour", "24")]
    public void Unusable_settings_stop_the_app_at_start_with_the_key_in_the_message(string key, string value)
    {
        using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Portal"] = "Data Source=:memory:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPortalDomain(configuration, Path.GetTempPath()).BuildServiceProvider();
    }
}
