using Microsoft.DurableTask.Client;
using Mlops.Core.Datasets;

namespace Mlops.Workflows;

/// <summary>
/// Which run trains content again when a caller asks (after changing the model's spec): the run named by the content
/// and the spec as it is now. Until the content has a run of its own, that run is the one: the blob trigger starts it for
/// the stored file whatever the caller asked, and two runs of one file under one spec would train twice.
/// </summary>
public static class RetrainRuns
{
    /// <returns>The run id, and the content's own run when it exists (its stored file can be trained again).</returns>
    public static async Task<(string RunId, OrchestrationMetadata? ContentRun)> ResolveAsync(
        DurableTaskClient client, IDatasetStore datasets, string model, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(datasets);
        var content = RunIds.For(model, sha256);
        var contentRun = await client.GetInstanceAsync(content, getInputsAndOutputs: true, cancellationToken);
        return contentRun is null
            ? (content, null)
            : (RunIds.UnderSpec(model, sha256, await datasets.ReadSpecAsync(model, cancellationToken)), contentRun);
    }
}
