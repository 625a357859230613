using Microsoft.Extensions.Configuration.Memory;
using Mlops.Core.Monitoring;
using Mlops.Core.Retention;
using Mlops.Core.Webhooks;

namespace Mlops.DevHost;

/// <summary>
/// Defaults for the settings that triggers name in binding expressions ("%Retention:Schedule%"). The Functions host
/// requires them as app settings (Bicep and local.settings.json set them); the DevHost takes the options class's own
/// default, so it runs with no settings file at all, and any configured value still wins.
/// </summary>
public static class TriggerSettingDefaults
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        [$"{RetentionOptions.Section}:{nameof(RetentionOptions.Schedule)}"] = new RetentionOptions().Schedule,
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.Schedule)}"] = new WebhookOptions().Schedule,
        [$"{MonitoringOptions.Section}:{nameof(MonitoringOptions.Schedule)}"] = new MonitoringOptions().Schedule,
    };

    /// <summary>Adds the defaults below every other source, so configuration, environment and command line override them.</summary>
    public static IConfigurationBuilder AddTriggerSettingDefaults(this IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
        return configuration;
    }
}
