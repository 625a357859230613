using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// Plans a run's search from its data, the options and the seed: how trials are measured (k-fold or holdout, which
/// metric, which mitigations), the rungs, and every configuration, so the orchestrator only has to follow the plan.
/// </summary>
public sealed class SearchPlanner(IOptions<TrainingOptions> options)
{
    /// <summary>More rungs than this leave the first one too small to rank anything on the data a CSV holds.</summary>
    public const int MaxRungs = 4;

    /// <param name="data">The validated dataset, typed by its schema.</param>
    /// <param name="metric">The spec's primary metric; null for the task's default.</param>
    /// <param name="mitigations">Kinds of mitigation the data report asks for.</param>
    /// <param name="warmStart">
    /// Configurations to try first (a new run of an existing model: its champion's and its search's best); those the
    /// task's trainers do not accept are dropped. Null for a cold start.
    /// </param>
    /// <exception cref="MlopsException">The metric is not one the task reports, or no row has a label.</exception>
    public SearchPlan Plan(ColumnarDataset data, string? metric, IEnumerable<string> mitigations, WarmStart? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schema = data.Schema;
        var settings = options.Value;
        var primary = ResolveMetric(schema.Task, metric);
        var training = HoldoutSplit.Split(data, settings.HoldoutFraction, settings.Seed).Training;
        if (training.Length == 0)
        {
            throw MlopsException.Invalid($"No row has a value for the label '{schema.Label}', so there is nothing to search on.");
        }

        var folds = Folds(data, training, settings.Folds);
        var validationFolds = training.Length <= settings.CrossValidationMaxRows ? folds : 1;
        var foldTrainingRows = (int)((long)training.Length * (folds - 1) / folds);
        var rungs = Rungs(settings, foldTrainingRows);
        var (chosen, leftOut) = TrainerChoice.For(schema, TrainerChoice.LabelSkewness(data, training));
        var trainers = TrainerChoice.Resolve(schema.Task, chosen);
        var tpe = settings.Strategy == SearchStrategy.Tpe;
        var drawn = tpe ? StartupTrials(settings.MaxTrials, trainers.Count) : rungs[0].Trials;
        var warm = WarmStartSelection.Accept(warmStart, trainers, tpe ? settings.MaxTrials : drawn);

        // Warm configurations go first, in place of the last draws (the first rung's size is the budget); a model-based
        // search adds them to its start-up trials instead, so every trainer's defaults still inform its proposals.
        var seeds = warm?.Configurations() ?? [];
        var size = tpe ? Math.Min(settings.MaxTrials, drawn + seeds.Count) : drawn;
        IReadOnlyList<TrialConfiguration> configurations = [.. seeds.Concat(ConfigurationSampler.Sample(trainers, drawn, settings.Seed).Where(c => !seeds.Contains(c))).Take(size)];
        if (!tpe)
        {
            rungs[0] = rungs[0] with { Trials = configurations.Count };
        }

        var applied = TrainingMitigations.Applicable(mitigations, schema.Task != MlTask.Regression);
        var trialSettings = new TrialSettings(
            settings.Seed,
            settings.HoldoutFraction,
            folds,
            validationFolds,
            primary,
            applied.Contains(TrainingMitigations.ClassWeights),
            settings.OneHotMaxCardinality);
        var concurrency = TrainingMemory.Concurrency(settings, TrainingMemory.Cells(schema), data.RowCount);
        return new SearchPlan(settings.Strategy, trialSettings, rungs, configurations, concurrency, settings.MaxSearchSeconds, training.Length, applied, schema.Task)
        {
            WarmStart = warm,
            Trainers = chosen,
            TrainersLeftOut = leftOut,
        };
    }

    /// <summary>
    /// Model-based search: trials drawn before the model takes over. Every trainer's defaults at least (the proposer's
    /// picture of each trainer starts from its best-known point), and a third of the budget, so that the good quarter of
    /// the start-up trials is more than one trial.
    /// </summary>
    public static int StartupTrials(int maxTrials, int trainers) => Math.Min(maxTrials, Math.Max(trainers, (int)Math.Ceiling(maxTrials / 3.0)));

    /// <summary>The settings of a model trained without a search: the task's default metric, no mitigation.</summary>
    public TrialSettings DefaultSettings(MlTask task)
    {
        var settings = options.Value;
        return new TrialSettings(settings.Seed, settings.HoldoutFraction, settings.Folds, settings.Folds, PrimaryMetric.For(task), false, settings.OneHotMaxCardinality);
    }

    private static string ResolveMetric(MlTask task, string? metric)
    {
        if (metric is null)
        {
            return PrimaryMetric.For(task);
        }

        var reported = PrimaryMetric.Reported(task);
        return reported.FirstOrDefault(m => string.Equals(m, metric, StringComparison.OrdinalIgnoreCase))
            ?? throw MlopsException.Invalid($"The spec selects models by '{metric}', which a {task} model does not report; choose one of {string.Join(", ", reported)}.");
    }

    /// <summary>k, or fewer when the rarest class could not give every fold a row.</summary>
    private static int Folds(ColumnarDataset data, int[] training, int folds)
    {
        if (data.Schema.Task == MlTask.Regression)
        {
            return Math.Min(folds, Math.Max(2, training.Length));
        }

        var rarest = Strata.Of(data, training).Min(s => s.Count);
        return Math.Clamp(rarest, 2, folds);
    }

    /// <summary>
    /// The rungs, their budgets capped at <see cref="TrainingOptions.SearchMaxRows"/>: the top rung fits on that many
    /// rows of a fold's training part at most, and halving's lower rungs are shares of that.
    /// </summary>
    private static List<SearchRung> Rungs(TrainingOptions settings, int foldTrainingRows)
    {
        var searchRows = Math.Min(foldTrainingRows, settings.SearchMaxRows);
        var top = foldTrainingRows <= settings.SearchMaxRows ? 1 : settings.SearchMaxRows / (double)foldTrainingRows;
        if (settings.Strategy != SearchStrategy.Halving)
        {
            return [new SearchRung(settings.MaxTrials, top)];
        }

        var rungs = SuccessiveHalving.Rungs(searchRows, settings.HalvingMinRows, settings.HalvingFactor, MaxRungs);
        var trials = SuccessiveHalving.Schedule(settings.MaxTrials, rungs, settings.HalvingFactor);
        var budgets = SuccessiveHalving.Budgets(trials.Count, settings.HalvingFactor);
        return [.. trials.Select((count, r) => new SearchRung(count, budgets[r] * top))];
    }
}
