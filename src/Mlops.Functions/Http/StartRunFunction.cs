using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Serving;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/models/{model}/runs {"dataset": "...", "retrain": false}: starts a run on a dataset already in the datasets
/// container; with "retrain": true, a dataset that has had its run is trained again under the model's spec as it is now.
/// </summary>
public sealed class StartRunFunction(IDatasetStore datasets, RunLauncher launcher, IOptions<ServingOptions> options)
{
    [Function("StartRun")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/runs")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(options.Value), cancellationToken);
        var root = JsonBody.RootObject(body);
        if (!root.TryGetProperty("dataset", out var datasetElement) || datasetElement.ValueKind != JsonValueKind.String)
        {
            throw MlopsException.Invalid("Field 'dataset' is required: the dataset blob name, e.g. \"{model}/{file}.csv\".");
        }

        var blobName = DatasetNames.InModelFolder(model, datasetElement.GetString()!);
        var stored = await datasets.DescribeAsync(blobName, cancellationToken)
            ?? throw MlopsException.NotFound($"Dataset '{blobName}' does not exist in the datasets container.");
        var retrain = root.TryGetProperty("retrain", out var retrainElement)
            ? retrainElement.ValueKind is JsonValueKind.True or JsonValueKind.False ? retrainElement.GetBoolean() : throw MlopsException.Invalid("Field 'retrain' must be true or false.")
            : false;
        var (runId, contentRun) = retrain
            ? await RetrainRuns.ResolveAsync(client, datasets, model, stored.Sha256, cancellationToken)
            : (RunIds.For(model, stored.Sha256), null);
        var start = await launcher.StartAsync(client, model, stored, RunTrigger.Manual(model, stored.BlobName, retrain: contentRun is not null), runId, cancellationToken);
        var answer = new DatasetAccepted(model, stored.BlobName, stored.Sha256, start.RunId, start.Started);
        return start.Started ? new AcceptedResult($"/api/runs/{start.RunId}", answer) : new OkObjectResult(answer);
    });
}
