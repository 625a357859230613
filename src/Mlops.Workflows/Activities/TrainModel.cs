using System.Globalization;
using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Training;
using Mlops.Core.Training.Ensembles;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Refits the search's winner on all training rows, scores it on the holdout and leaves it in blob storage under the
/// run's own path, with its summary as a checkpoint that a restarted run reuses instead of training again.
/// </summary>
public sealed class TrainModel(
    TrainingDatasets datasets,
    IDatasetStore specs,
    ModelTrainer trainer,
    IModelArtifactStore artifacts,
    RunCheckpoints checkpoints,
    RunHeartbeat heartbeat,
    IOptions<TrainingOptions> options,
    ILogger<TrainModel> logger)
    : TaskActivity<TrainModelInput, TrainingSummary>
{
    public override async Task<TrainingSummary> RunAsync(TaskActivityContext context, TrainModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await checkpoints.ReadTrainingAsync(input, CancellationToken.None) is { } kept)
        {
            WorkflowLog.TrainingReused(logger, input.RunId, kept.CandidatePath);
            return kept;
        }

        await using var alive = heartbeat.Start(input.Dataset.Model, input.RunId, nameof(TrainModel));
        var data = await datasets.LoadAsync(input.Dataset, input.Schema);
        var search = input.Search;

        // The winner averaged with another trainer's best, when that beats it on the search's folds; else the winner.
        var ensemble = search is { Partners.Count: > 0 } && await BlendsAsync(input.Dataset.Model)
            ? EnsembleTrainer.Train(data, search.Settings, search.Winner, search.Partners, search.Parallelism)
            : null;
        var trained = ensemble?.Model ?? trainer.Train(data, search?.Winner.Configuration, search?.Settings);
        var path = ArtifactPaths.Candidate(input.Dataset.Model, input.RunId);

        // Training is deterministic for its seed, so a retry writes the same model to the same path (nearly always the
        // same bytes; registration hashes what it registers).
        await artifacts.WriteAsync(path, trained.ModelZip, CancellationToken.None);
        var sha = Convert.ToHexStringLower(SHA256.HashData(trained.ModelZip.ToMemory().Span));
        var summary = new TrainingSummary(trained.Trainer, Parameters(trained, search, ensemble?.Decision), trained.Metrics, trained.TrainingRows, trained.HoldoutRows, path, sha)
        {
            PrimaryMetric = search?.Settings.Metric,
            Ensemble = ensemble?.Decision,
        };
        await checkpoints.WriteTrainingAsync(input, summary, CancellationToken.None);
        return summary;
    }

    /// <summary>The model's hyperparameters and, when a search chose it, how: the manifest's record of the selection.</summary>
    /// <summary>The model's spec may turn blending off for it (a model that must export to ONNX); else the setting decides.</summary>
    private async Task<bool> BlendsAsync(string model)
    {
        var json = await specs.ReadSpecAsync(model, CancellationToken.None);
        var spec = json is null ? null : ModelSpecParser.Parse(json, out _);
        return spec?.Ensemble ?? options.Value.Ensemble;
    }

    private static Dictionary<string, string> Parameters(TrainedModel trained, SearchSelection? search, EnsembleDecision? ensemble)
    {
        var parameters = new Dictionary<string, string>(trained.Parameters, StringComparer.Ordinal);
        if (search is not null)
        {
            var metric = search.Settings.Metric;
            parameters["selectedTrial"] = search.Winner.Index.ToString(CultureInfo.InvariantCulture);
            parameters["searchTrials"] = search.Trials.ToString(CultureInfo.InvariantCulture);
            parameters["selectionMetric"] = metric;
            parameters["validation"] = search.Settings.ValidationFolds > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{search.Settings.Folds}-fold cross-validation")
                : string.Create(CultureInfo.InvariantCulture, $"stratified 1/{search.Settings.Folds} holdout");
            parameters["validation." + metric] = search.Winner.Metrics[metric].ToString("R", CultureInfo.InvariantCulture);
            parameters["searchRecord"] = search.RecordPath;
            if (ensemble is { Kept: true, Blended: { } blended })
            {
                parameters["ensemble.validation." + metric] = blended.ToString("R", CultureInfo.InvariantCulture);
            }
        }

        return parameters;
    }
}
