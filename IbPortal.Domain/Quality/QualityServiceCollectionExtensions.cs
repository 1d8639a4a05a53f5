using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IbPortal.Domain.Quality;

public static class QualityServiceCollectionExtensions
{
    /// <summary>
    /// Quality at group, school and board level: trends and their privacy rules, the boat signal (section
    /// "Quality:BoatSignal", checked at start) and the PDCA cycle.
    /// </summary>
    public static IServiceCollection AddPortalQuality(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<BoatSignalOptions>();
        if (configuration is not null)
            options.Bind(configuration.GetSection(BoatSignalOptions.Section));
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<BoatSignalOptions>, BoatSignalOptionsValidator>();

        services.AddScoped<QualityTrendService>();
        services.AddScoped<QualityIndicatorService>();
        services.AddScoped<BoatSignalService>();
        services.AddScoped<QualityCycleService>();
        services.AddSingleton<BoatSignalDetector>();
        services.AddHostedService<BoatSignalMonitor>();
        return services;
    }

    private sealed class BoatSignalOptionsValidator : IValidateOptions<BoatSignalOptions>
    {
        public ValidateOptionsResult Validate(string? name, BoatSignalOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
