using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Events;
using Mlops.Core.Experiments;
using Mlops.Core.Feedback;
using Mlops.Core.Monitoring;
using Mlops.Core.Registry;
using Mlops.Core.Retention;
using Mlops.Core.Runs;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Core.Webhooks;
using Mlops.Storage.Datasets;
using Mlops.Storage.Experiments;
using Mlops.Storage.Feedback;
using Mlops.Storage.Monitoring;
using Mlops.Storage.Registry;
using Mlops.Storage.Runs;
using Mlops.Storage.Scoring;
using Mlops.Storage.Serving;

namespace Mlops.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage account (from the AzureWebJobsStorage settings, validated at start-up), the stores over it, and
    /// the hosted <see cref="StorageInitializer"/> that creates the containers and tables.
    /// </summary>
    public static IServiceCollection AddMlopsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.Section);
        services.AddOptions<StorageOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                if (string.IsNullOrWhiteSpace(options.ConnectionString) && !string.IsNullOrWhiteSpace(section.Value))
                {
                    options.ConnectionString = section.Value;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StorageClients>();
        services.AddSingleton<IDatasetStore, BlobDatasetStore>();
        services.AddSingleton<IColumnarCopyStore, BlobColumnarCopyStore>();
        services.AddSingleton<IModelArtifactStore, BlobModelArtifactStore>();
        services.AddSingleton<IModelRegistry, TableModelRegistry>();
        services.AddSingleton<IVersionRetirement, TableVersionRetirement>();
        services.AddSingleton<IPredictionLog, BlobPredictionLog>();
        services.AddSingleton<BufferedPredictionWriter>();
        services.AddSingleton<IPredictionRecorder>(sp => sp.GetRequiredService<BufferedPredictionWriter>());
        services.AddSingleton<IFeedbackStore, TableFeedbackStore>();
        services.AddSingleton<IExperimentStore, TableExperimentStore>();
        services.AddSingleton<IExperimentOutcomes, TableExperimentOutcomes>();
        services.AddSingleton<IShadowPredictionLog, TableShadowPredictionLog>();
        services.AddSingleton<IMonitoringStore, TableMonitoringStore>();
        services.AddSingleton<QueueShadowDispatch>();
        services.AddSingleton<IShadowDispatch>(sp => sp.GetRequiredService<QueueShadowDispatch>());
        services.AddSingleton<IRunJournalStore, TableRunJournalStore>();
        services.AddSingleton<IScoringStore, BlobScoringStore>();
        services.AddSingleton<IRegistryEventLog, TableRegistryEventLog>();
        services.AddSingleton<IWebhookCursorStore, TableWebhookCursorStore>();
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueShadowDispatch>());
        services.AddHostedService(sp => sp.GetRequiredService<BufferedPredictionWriter>());
        return services;
    }
}
