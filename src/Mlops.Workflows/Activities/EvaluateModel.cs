using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Registry;
using Mlops.Core.Training;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Judges the candidate before it is registered. Under pipeline version 2: scores the candidate, the champion and the
/// trivial baseline on the same holdout rows, applies the spec's gates with a paired bootstrap interval, and keeps the
/// full evaluation (confusion matrix, per-class metrics, feature importance) as evaluation.json beside the run.
/// Version 1 runs keep deciding on the point estimate, as they were started.
/// </summary>
public sealed class EvaluateModel(
    TrainingDatasets trainingData,
    IDatasetStore datasets,
    IModelRegistry registry,
    IModelArtifactStore artifacts,
    ModelEvaluator evaluator,
    IOptions<TrainingOptions> training,
    RunHeartbeat heartbeat)
    : TaskActivity<EvaluateModelInput, EvaluationSummary>
{
    public override async Task<EvaluationSummary> RunAsync(TaskActivityContext context, EvaluateModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Dataset.Model;
        await using var alive = heartbeat.Start(model, input.RunId, nameof(EvaluateModel));
        return input.PipelineVersion >= PipelineVersions.Gated
            ? await GatedAsync(input)
            : await PointEstimateAsync(input);
    }

    private async Task<EvaluationSummary> GatedAsync(EvaluateModelInput input)
    {
        var model = input.Dataset.Model;
        var schema = input.Schema;
        var metric = input.Training.PrimaryMetric ?? PrimaryMetric.For(schema.Task);
        var spec = await SpecAsync(model);
        var gates = spec.Gates;
        var data = await trainingData.LoadAsync(input.Dataset, input.Schema);
        var holdout = evaluator.Holdout(data);
        var candidateZip = await artifacts.ReadAsync(input.Training.CandidatePath, CancellationToken.None)
            ?? throw new InvalidOperationException($"The trained candidate {input.Training.CandidatePath} is missing.");
        var candidate = evaluator.Score(candidateZip, schema, holdout);
        var challenger = candidate.Scores
            ?? throw new InvalidOperationException($"The candidate trained on this data could not score its holdout: {candidate.Problem}");
        var baseline = TrivialBaseline.For(challenger, holdout.TrainingLabels);
        var baselineName = TrivialBaseline.Describe(schema.Task);

        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        var championScoring = champion is null ? null : await ScoreChampionAsync(model, champion.Version, holdout);
        var reference = championScoring?.Scores is { } championScores
            ? new GateReference($"champion v{champion!.Version.ToString(CultureInfo.InvariantCulture)}", championScores, true)
            : new GateReference(baselineName, baseline, false, champion is null ? null
                : $"Champion v{champion.Version.ToString(CultureInfo.InvariantCulture)} could not be scored on this holdout, so the trivial baseline stood in: {championScoring?.Problem}");

        var verdict = GateJudge.Judge(metric, gates, challenger, reference, (ulong)training.Value.Seed);
        var reported = PrimaryMetric.Reported(schema.Task);
        var evaluation = new VersionEvaluation(
            metric,
            challenger.Count,
            Metrics(challenger, reported),
            new BaselineScore(baselineName, Metrics(baseline, reported)),
            verdict.Comparison,
            verdict.Gates,
            verdict.Promote,
            verdict.Reason)
        {
            ChampionVersion = reference.IsChampion ? champion!.Version : null,
            ConfusionMatrix = schema.Task == MlTask.Regression ? null : ConfusionMatrix.From(challenger),
            PerClass = schema.Task == MlTask.Regression ? [] : ConfusionMatrix.From(challenger).PerClass(),
            Importance = evaluator.Importance(candidateZip, schema, holdout, metric),
        };

        var path = ArtifactPaths.RunEvaluation(model, input.RunId);
        await artifacts.WriteAsync(path, BinaryData.FromObjectAsJson(evaluation, MlopsJson.Options), CancellationToken.None);
        var championMetrics = championScoring?.Scores is { } scored ? Metrics(scored, reported) : null;
        return new EvaluationSummary(input.Training.Metrics, champion?.Version, championMetrics, verdict.Promote, verdict.Reason)
        {
            Gates = verdict.Gates,
            EvaluationPath = path,
            Promotion = spec.Promotion,
        };
    }

    /// <summary>The spec when the evaluation runs (its gates and promotion settings); the defaults when the model has none.</summary>
    private async Task<ModelSpec> SpecAsync(string model)
    {
        if (await datasets.ReadSpecAsync(model, CancellationToken.None) is not { } json)
        {
            return new ModelSpec();
        }

        return ModelSpecParser.Parse(json, out var error)
            ?? throw MlopsException.Invalid($"The model's spec changed during the run and no longer reads: {error?.Message}");
    }

    private async Task<ModelScoring> ScoreChampionAsync(string model, int version, HoldoutSet holdout)
    {
        var manifest = await registry.GetVersionAsync(model, version, CancellationToken.None);
        var zip = await artifacts.ReadAsync(ArtifactPaths.ModelZip(model, version), CancellationToken.None);
        return manifest is null || zip is null
            ? new ModelScoring(null, $"Champion version {version} has no model artifact to evaluate.")
            : evaluator.Score(zip, manifest.Schema, holdout);
    }

    private static Dictionary<string, double> Metrics(HoldoutScores scores, IReadOnlyList<string> reported)
    {
        var metrics = new SampleMetrics(scores);
        return reported.ToDictionary(m => m, metrics.Compute, StringComparer.Ordinal);
    }

    private async Task<EvaluationSummary> PointEstimateAsync(EvaluateModelInput input)
    {
        var model = input.Dataset.Model;
        var challenger = input.Training.Metrics;
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        if (champion is null)
        {
            var first = PromotionPolicy.Decide(input.Schema.Task, challenger, null, null, input.Training.PrimaryMetric);
            return new EvaluationSummary(challenger, null, null, first.Promote, first.Reason);
        }

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

        var data = await trainingData.LoadAsync(input.Dataset, input.Schema);
        return evaluator.Evaluate(zip, manifest.Schema, data);
    }
}
