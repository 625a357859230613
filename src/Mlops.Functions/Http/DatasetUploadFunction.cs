using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Ingestion;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/datasets/{model}: stores a CSV where the blob trigger would see it and starts (or finds) its run; with
/// ?retrain=true, content that already has a run is trained again under the model's spec as it is now.
/// </summary>
public sealed class DatasetUploadFunction(IDatasetStore datasets, RunLauncher launcher, IOptions<IngestionOptions> options, TimeProvider clock)
{
    [Function("UploadDataset")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "datasets/{model}")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var retrain = QueryParameters.Flag(request, "retrain");
        await using var body = await UploadSpool.ReadAsync(request, BodyLimit.Upload(options.Value), cancellationToken);
        var (runId, contentRun) = retrain
            ? await RetrainRuns.ResolveAsync(client, datasets, model, body.Sha256, cancellationToken)
            : (RunIds.For(model, body.Sha256), null);

        // Content with no run yet is trained under its own id, which the resolver has just looked up and not found.
        var existing = retrain && contentRun is null
            ? null
            : await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (existing is not null)
        {
            var dataset = existing.ReadInputAs<RunRequest>()?.Dataset.BlobName ?? string.Empty;
            return new OkObjectResult(new DatasetAccepted(model, dataset, body.Sha256, runId, Started: false));
        }

        // Content trained again reads the file its first run stored, while it is kept; identical uploads racing past the
        // check above converge below: the store answers an identical blob of the same name, and the launcher starts the
        // run once whichever blob each of them stored.
        var stored = contentRun?.ReadInputAs<RunRequest>()?.Dataset.BlobName is { } first
            ? await datasets.DescribeAsync(first, cancellationToken)
            : null;
        var fileName = string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMddHHmmss}-{body.Sha256[..12]}.csv");
        stored ??= await datasets.UploadAsync(model, fileName, body.Content, body.Sha256, cancellationToken);
        var trigger = contentRun is null ? RunTrigger.Upload(stored.BlobName) : RunTrigger.UploadRetrained(stored.BlobName);
        var start = await launcher.StartAsync(client, model, stored, trigger, runId, cancellationToken);
        var answer = new DatasetAccepted(model, stored.BlobName, body.Sha256, start.RunId, start.Started);
        return start.Started ? new AcceptedResult($"/api/runs/{start.RunId}", answer) : new OkObjectResult(answer);
    });
}
