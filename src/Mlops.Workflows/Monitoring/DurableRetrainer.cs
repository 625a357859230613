using Microsoft.DurableTask.Client;
using Mlops.Core.Datasets;
using Mlops.Core.Monitoring;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Monitoring;

/// <summary>Stores a retraining set as the model's dataset and starts its run, with the drift or decay trigger that asked for it.</summary>
public sealed class DurableRetrainer(DurableTaskClient client, IDatasetStore datasets, RunLauncher launcher) : IRetrainer
{
    public async Task<string> StartAsync(string model, string fileName, BinaryData csv, string kind, string detail, CancellationToken cancellationToken)
    {
        var stored = await datasets.UploadAsync(model, fileName, csv, cancellationToken);
        return (await launcher.StartAsync(client, model, stored, new RunTrigger(kind, detail), cancellationToken)).RunId;
    }

    public async Task<string?> ResumeAsync(string model, string fileName, string kind, string detail, CancellationToken cancellationToken)
    {
        var stored = await datasets.DescribeAsync($"{model}/{fileName}", cancellationToken);
        return stored is null ? null : (await launcher.StartAsync(client, model, stored, new RunTrigger(kind, detail), cancellationToken)).RunId;
    }
}
