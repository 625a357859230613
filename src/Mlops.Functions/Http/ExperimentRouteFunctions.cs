using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;
using Mlops.Workflows.Experiments;

namespace Mlops.Functions.Http;

/// <summary>
/// The experiments routes: start one by hand for any registered version, list and read them, approve a challenger
/// awaiting approval, stop a running one (its challenger alias removed, its traffic 0).
/// </summary>
public sealed class ExperimentRouteFunctions(IExperimentStore experiments, IDatasetStore datasets, ExperimentStarter starter, ExperimentChanges changes, IOptions<ServingOptions> options)
{
    [Function("StartExperiment")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/experiments")] HttpRequest request,
        string model,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        using var body = await JsonBody.ReadAsync(request, BodyLimit.Request(options.Value), cancellationToken);
        var root = JsonBody.RootObject(body);
        if (!root.TryGetProperty("challenger", out var challenger) || challenger.ValueKind != JsonValueKind.Number || !challenger.TryGetInt32(out var version) || version < 1)
        {
            throw MlopsException.Invalid("Field 'challenger' is required: the registered version to try against the champion, e.g. {\"challenger\": 3}.");
        }

        var settings = await SettingsAsync(model, cancellationToken);
        var traffic = settings.ChallengerTraffic;
        if (root.TryGetProperty("traffic", out var trafficElement) && (trafficElement.ValueKind != JsonValueKind.Number || !trafficElement.TryGetDouble(out traffic)))
        {
            throw MlopsException.Invalid("Field 'traffic' must be a number between 0 and 1, both excluded.");
        }

        var strategy = PromotionStrategies.Ab;
        if (root.TryGetProperty("strategy", out var strategyElement))
        {
            strategy = strategyElement.ValueKind == JsonValueKind.String ? strategyElement.GetString()!.Trim().ToLowerInvariant() : string.Empty;
        }

        var experiment = await starter.StartAsync(client, new ExperimentRequest(model, version, strategy, traffic, settings, "manual"), cancellationToken);
        return new CreatedResult($"/api/models/{model}/experiments/{experiment.Id}", ExperimentViews.From(experiment));
    });

    [Function("ListExperiments")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/experiments")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var all = await experiments.ListAsync(model, cancellationToken);
        return new OkObjectResult(all.Select(ExperimentViews.From).ToArray());
    });

    [Function("GetExperiment")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/experiments/{id}")] HttpRequest request,
        string model,
        string id,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        Validate(model, id);
        return new OkObjectResult(ExperimentViews.From((await changes.FindAsync(model, id, cancellationToken)).Experiment));
    });

    [Function("ApproveExperiment")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/experiments/{id}/approve")] HttpRequest request,
        string model,
        string id,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        Validate(model, id);
        return new OkObjectResult(ExperimentViews.From(await changes.EndByHandAsync(model, id, experiment => experiment.Status == ExperimentStatuses.AwaitingApproval
            ? (ExperimentStatuses.Promoted, $"Approved by hand. {experiment.Decision?.Reason}".Trim())
            : throw new MlopsException(MlopsErrorCode.Conflict, $"Experiment {id} is {experiment.Status}, not AwaitingApproval; only a challenger awaiting approval can be approved."), cancellationToken)));
    });

    [Function("StopExperiment")]
    public Task<IActionResult> Stop(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/{model}/experiments/{id}/stop")] HttpRequest request,
        string model,
        string id,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        Validate(model, id);
        return new OkObjectResult(ExperimentViews.From(await changes.EndByHandAsync(model, id, experiment => ExperimentStatuses.IsOpen(experiment.Status)
            ? (ExperimentStatuses.Stopped, "Stopped by hand; the champion stays.")
            : throw new MlopsException(MlopsErrorCode.Conflict, $"Experiment {id} has already ended ({experiment.Status})."), cancellationToken)));
    });

    private static void Validate(string model, string id)
    {
        ModelName.Validate(model);
        if (id.Length is 0 or > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw MlopsException.Invalid($"Experiment id '{id}' is invalid: ids are letters and digits.");
        }
    }

    /// <summary>The model's promotion settings from its spec; the defaults without one.</summary>
    private async Task<PromotionSettings> SettingsAsync(string model, CancellationToken cancellationToken)
    {
        var json = await datasets.ReadSpecAsync(model, cancellationToken);
        return json is null ? PromotionSettings.Default : ModelSpecParser.Parse(json, out _)?.Promotion ?? PromotionSettings.Default;
    }
}
