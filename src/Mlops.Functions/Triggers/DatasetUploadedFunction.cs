using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Monitoring;
using Mlops.Workflows;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Triggers;

/// <summary>
/// A CSV landing in datasets/{model}/ starts its run. Event Grid delivers the event (Flex Consumption has no
/// polling blob trigger); the run id is derived from the content, so a redelivered event starts nothing new.
/// </summary>
public sealed class DatasetUploadedFunction(IDatasetStore datasets, RunLauncher launcher, ILogger<DatasetUploadedFunction> logger)
{
    public const string BlobPath = "datasets/{model}/{name}";

    [Function("DatasetUploaded")]
    public async Task Run(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string model,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (DatasetFiles.FormatOf(name) is null || name.Contains('/', StringComparison.Ordinal)
            || name.StartsWith(MonitoringPass.RetrainFilePrefix, StringComparison.Ordinal))
        {
            // Retraining sets are started by monitoring itself, with the drift or decay trigger that asked for them.
            // The spec (mlops.json) and anything else beside the datasets are not training data.
            TriggerLog.Ignored(logger, model, name);
            return;
        }

        if (!ModelName.IsValid(model))
        {
            TriggerLog.InvalidModel(logger, model, name, ModelName.Rule);
            return;
        }

        var stored = await datasets.DescribeAsync($"{model}/{name}", cancellationToken);
        if (stored is null)
        {
            TriggerLog.Vanished(logger, model, name);
            return;
        }

        await launcher.StartAsync(client, model, stored, RunTrigger.Blob(stored.BlobName), cancellationToken);
    }
}
