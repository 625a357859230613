using Mlops.Azurite;

namespace Mlops.DevHost;

/// <summary>
/// Finds the storage the DevHost runs on: the configured AzureWebJobsStorage, and for the development-storage
/// default an Azurite it starts itself when none is listening.
/// </summary>
public static class LocalStorage
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <returns>The connection string to use, and the Azurite process this call started (to stop on exit), if any.</returns>
    public static async Task<(string ConnectionString, AzuriteProcess? Started)> EnsureAsync(
        IConfiguration configuration, DevHostOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var configured = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(configured) && !string.Equals(configured, DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return (configured, null);
        }

        if (!options.StartAzurite)
        {
            return (DevelopmentStorage, null);
        }

        var started = await AzuriteLauncher.StartUnlessListeningAsync(new AzuriteStartOptions { Location = options.AzuriteLocation }, logger, cancellationToken);
        return (started?.ConnectionString ?? DevelopmentStorage, started);
    }
}
