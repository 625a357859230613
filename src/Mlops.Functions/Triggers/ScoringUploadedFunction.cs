using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;
using Mlops.Workflows.Contracts;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Triggers;

/// <summary>
/// A CSV landing in scoring/{model}/ starts a batch scoring job with the model's champion. The job id is derived from
/// the file's ETag and the version, so a redelivered event starts nothing new. A file over the size limit still starts
/// its job, which fails at once with the size and the limit: nobody is waiting on a trigger for an answer, the job's
/// status is where the reason is read. A file the scoring route uploaded is left alone: the route started its job with
/// the caller's version and logging, and a default job under the same id would take its place.
/// </summary>
public sealed class ScoringUploadedFunction(ScoringLauncher launcher, IScoringStore store, ILogger<ScoringUploadedFunction> logger)
{
    public const string BlobPath = "scoring/{model}/{name}";

    [Function("ScoringUploaded")]
    public async Task Run(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string model,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (!ScoringFiles.IsValid(name) || !ModelName.IsValid(model))
        {
            TriggerLog.NotScorable(logger, model, name, ScoringFiles.Rule);
            return;
        }

        try
        {
            // Looked at before the registry, so that a route's upload costs the trigger one read.
            var file = await store.DescribeAsync(model, name, cancellationToken) ?? throw ScoringLauncher.FileNotFound(model, name);
            if (file.Uploaded)
            {
                TriggerLog.UploadedByRoute(logger, model, name);
                return;
            }

            var version = await launcher.ResolveVersionAsync(model, null, cancellationToken);
            var request = new ScoringRequest(model, name, file.ETag, version) { Trigger = RunTriggerKinds.Blob };
            await launcher.StartAsync(client, file, version, request, cancellationToken);
        }
        catch (MlopsException e) when (e.Code == MlopsErrorCode.ResourceDoesNotExist)
        {
            // No file any more, no model or no champion: there is nothing to score with, and nobody to answer.
            TriggerLog.NotScored(logger, model, name, e.Message);
        }
    }
}
