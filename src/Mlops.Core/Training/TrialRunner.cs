using Microsoft.ML;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Evaluation;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training;

/// <summary>
/// Runs one trial: fits the configuration on each fold's training rows (a share of them, by the budget) and scores it
/// on the fold, stopping early when the trial cannot matter any more. The run's holdout is never touched.
/// </summary>
public sealed class TrialRunner(TimeProvider clock)
{
    /// <summary>
    /// Deterministic for its inputs (each fold fits in a context of its own, seeded alike). Throws when the trial cannot
    /// run: an unknown trainer or parameter, data the schema cannot read, a fold without both classes.
    /// </summary>
    public TrialResult Run(ColumnarDataset data, TrialSettings settings, TrialRequest trial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(trial);
        var started = clock.GetTimestamp();
        var schema = data.Schema;
        var layout = FeatureLayout.For(schema);
        var trainer = TrainerCatalog.Find(schema.Task, trial.Configuration.Trainer);
        var parameters = trainer.Resolve(trial.Configuration.Parameters);
        var split = new FoldSplit(data, settings);

        var scores = new List<IReadOnlyDictionary<string, double>>();
        var status = TrialStatus.Completed;
        for (var fold = 0; fold < settings.ValidationFolds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (training, validation) = split.Fold(fold, trial.Budget);
            var ml = new MLContext(settings.Seed);
            var model = ModelFit.Fit(ml, layout, trainer, parameters, training, settings);
            scores.Add(HoldoutMetrics.Compute(ml, model, layout, [.. validation.Select(i => split.Rows[split.TrainingPart[i]])]));

            if (fold + 1 < settings.ValidationFolds && IsHopeless(scores, settings, trial.StopWhenWorseThan))
            {
                status = TrialStatus.StoppedEarly;
                break;
            }
        }

        var metrics = Average(scores);
        if (!metrics.ContainsKey(settings.Metric))
        {
            throw new InvalidOperationException($"The trial's {PrimaryMetric.DisplayName(settings.Metric)} is undefined on its validation rows.");
        }

        var size = trainer.Size(parameters, Math.Max(1, schema.ClassLabels.Count));
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        return new TrialResult(trial.Index, trial.Rung, trial.Configuration, trial.Budget, status, metrics, scores.Count, size, seconds, null);
    }

    /// <summary>
    /// True when even the best possible score on every fold left would leave the trial's average worse than the
    /// threshold: the trial can neither be promoted nor win, so its remaining folds are wasted work.
    /// </summary>
    internal static bool IsHopeless(IReadOnlyList<IReadOnlyDictionary<string, double>> scores, TrialSettings settings, double? threshold)
    {
        if (threshold is not { } cut)
        {
            return false;
        }

        var metric = settings.Metric;
        var left = settings.ValidationFolds - scores.Count;
        var optimistic = (scores.Sum(s => s[metric]) + (left * PrimaryMetric.BestPossible(metric))) / settings.ValidationFolds;
        return PrimaryMetric.IsHigherBetter(metric) ? optimistic < cut : optimistic > cut;
    }

    /// <summary>Each metric's mean over the folds; a metric undefined (not finite) on some fold is left out.</summary>
    private static Dictionary<string, double> Average(List<IReadOnlyDictionary<string, double>> scores)
    {
        var averaged = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in scores[0].Keys)
        {
            var mean = scores.Average(s => s[key]);
            if (double.IsFinite(mean))
            {
                averaged[key] = mean;
            }
        }

        return averaged;
    }
}
