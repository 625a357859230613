using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Http;

/// <summary>GET /api/models/{model}/runs[?top=n]: the model's runs, newest first (at most <see cref="MaxTop"/>).</summary>
public sealed class ListModelRunsFunction
{
    public const int DefaultTop = 50;
    public const int MaxTop = 500;

    [Function("ListModelRuns")]
    public static Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/runs")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var top = (int)QueryParameters.Whole(request, "top", 1, MaxTop, DefaultTop);

        // Run ids are "{model}-{16 hex}", so the prefix also matches a model named "{model}-..."; the parse drops those.
        var query = new OrchestrationQuery { InstanceIdPrefix = model + "-", FetchInputsAndOutputs = true, PageSize = 100 };
        var runs = new List<RunSummaryView>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name == nameof(TrainingPipeline) && RunIds.TryParse(instance.InstanceId, out var owner) && owner == model)
            {
                runs.Add(Summary(model, instance));
            }
        }

        return new OkObjectResult(runs.OrderByDescending(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).Take(top).ToArray());
    });

    private static RunSummaryView Summary(string model, OrchestrationMetadata instance)
    {
        var view = RunViews.From(model, instance);
        return new RunSummaryView(view.RunId, view.Status, view.Dataset, view.Trigger, instance.CreatedAt, view.Version);
    }
}
