using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Monitoring;
using Mlops.Core.Registry;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows;
using Mlops.Workflows.Monitoring;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/models/{model}/monitoring/run closes the model's window now, as the timer does, and answers it;
/// GET /api/models/{model}/monitoring answers its windows, newest first, and what they led to (both admin).
/// </summary>
public sealed class MonitoringRouteFunctions(MonitoringPass monitoring, IMonitoringStore store, IModelRegistry registry, IDatasetStore datasets, RunLauncher launcher)
{
    [Function("RunMonitoring")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/monitoring/run")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
        new OkObjectResult(await monitoring.CloseWindowAsync(model, new DurableRetrainer(client, datasets, launcher), cancellationToken)));

    [Function("GetMonitoring")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/monitoring")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        ArgumentNullException.ThrowIfNull(request);
        var top = (int)QueryParameters.Whole(request, "top", 1, 1000, 50);
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken)
            ?? throw MlopsException.NotFound($"Model '{model}' has no champion, so nothing is monitored.");
        var windows = await store.ListAsync(model, top, cancellationToken);
        return new OkObjectResult(new MonitoringView(model, champion.Version, windows, [.. windows.SelectMany(w => w.Actions).OrderByDescending(a => a.At)]));
    });
}
