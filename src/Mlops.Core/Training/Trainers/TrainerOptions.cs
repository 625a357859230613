using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using static Mlops.Core.Training.Trainers.SearchSpaces;

namespace Mlops.Core.Training.Trainers;

/// <summary>
/// Fills what every trainer of a family takes from a trial the same way (columns, searched hyperparameters, seeds,
/// threads), so that a trainer's definition states only what is its own. One thread each (two for the tree trainers,
/// below) because trials are the unit of parallelism: the search runs several at once.
/// </summary>
internal static class TrainerOptions
{
    public static T Columns<T>(T options, TrainerInputs inputs, string label)
        where T : TrainerInputBaseWithWeight
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = FeaturePipeline.Features;
        options.ExampleWeightColumnName = inputs.WeightColumn;
        return options;
    }

    /// <summary>FastTree and FastForest; the learning rate only where the trees are boosted.</summary>
    public static T Trees<T>(T options, TrainerInputs inputs, string label)
        where T : TreeOptions
    {
        Columns(options, inputs, label);
        options.NumberOfTrees = inputs.Parameters.Int32(SearchSpaces.Trees);
        options.NumberOfLeaves = inputs.Parameters.Int32(Leaves);
        options.MinimumExampleCountPerLeaf = inputs.Parameters.Int32(MinLeaf);
        options.FeatureFraction = inputs.Parameters.Double(FeatureFraction);
        options.Seed = inputs.Seed;
        options.FeatureSelectionSeed = inputs.Seed;

        // Two, not one: with one thread ML.NET runs each split's work per feature group as Task.Run(...).Wait(), and
        // the trial thread and a pool worker spent more than half a small trial spinning for each other; with two it
        // takes one Parallel.Invoke per split. The count is process-wide in ML.NET (the first trainer sets it), so every
        // tree trainer sets the same one, and the trees come out the same (digits' search: 55.6 s against 69.0 s, the
        // same selection and metrics; a million rows: the same trial times).
        options.NumberOfThreads = 2;
        if (options is BoostedTreeOptions boosted)
        {
            boosted.LearningRate = inputs.Parameters.Double(LearningRate);
        }

        return options;
    }

    /// <summary>LightGbm, deterministic and quiet.</summary>
    public static TOptions LightGbm<TOptions, TOutput, TTransformer, TModel>(LightGbmTrainerBase<TOptions, TOutput, TTransformer, TModel>.OptionsBase options, TrainerInputs inputs, string label)
        where TOptions : LightGbmTrainerBase<TOptions, TOutput, TTransformer, TModel>.OptionsBase, new()
        where TTransformer : Microsoft.ML.ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        options.LabelColumnName = label;
        options.FeatureColumnName = FeaturePipeline.Features;
        options.ExampleWeightColumnName = inputs.WeightColumn;
        options.NumberOfIterations = inputs.Parameters.Int32(Iterations);
        options.LearningRate = inputs.Parameters.Double(LearningRate);
        options.NumberOfLeaves = inputs.Parameters.Int32(Leaves);
        options.MinimumExampleCountPerLeaf = inputs.Parameters.Int32(MinLeaf);
        options.Booster = new GradientBooster.Options
        {
            L2Regularization = inputs.Parameters.Double(L2),
            FeatureFraction = inputs.Parameters.Double(FeatureFraction),
        };
        options.NumberOfThreads = 1;
        options.Seed = inputs.Seed;
        options.Deterministic = true;
        options.Silent = true;
        return (TOptions)options;
    }
}
