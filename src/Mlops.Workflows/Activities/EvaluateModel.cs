using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Registry;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>Scores the current champion on the candidate's holdout and decides whether the candidate should replace it.</summary>
public sealed class EvaluateModel(DatasetLoader loader, IModelRegistry registry, IModelArtifactStore artifacts, ModelEvaluator evaluator, RunHeartbeat heartbeat)
    : TaskActivity<EvaluateModelInput, EvaluationSummary>
{
    public override async Task<EvaluationSummary> RunAsync(TaskActivityContext context, EvaluateModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Dataset.Model;
        var challenger = input.Training.Metrics;
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        if (champion is null)
        {
            var first = PromotionPolicy.Decide(input.Schema.Task, challenger, null, null, input.Training.PrimaryMetric);
            return new EvaluationSummary(challenger, null, null, first.Promote, first.Reason);
        }

        await using var alive = heartbeat.Start(model, input.RunId, nameof(EvaluateModel));
        var result = await EvaluateChampionAsync(model, champion.Version, input);
        var decision = PromotionPolicy.Decide(input.Schema.Task, challenger, champion.Version, result, input.Training.PrimaryMetric);
        return new EvaluationSummary(challenger, champion.Version, result.Metrics, decision.Promote, decision.Reason);
    }

    private async Task<EvaluationResult> EvaluateChampionAsync(string model, int version, EvaluateModelInput input)
    {
        var manifest = await registry.GetVersionAsync(model, version, CancellationToken.None);
        var zip = await artifacts.ReadAsync(ArtifactPaths.ModelZip(model, version), CancellationToken.None);
        if (manifest is null || zip is null)
        {
            return new EvaluationResult(null, $"Champion version {version} has no model artifact to evaluate.");
        }

        var data = await DatasetLoading.LoadValidatedAsync(loader, input.Dataset);
        return evaluator.Evaluate(zip, manifest.Schema, data, input.Schema);
    }
}
