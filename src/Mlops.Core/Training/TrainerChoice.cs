using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// The one trainer each task uses, with its hyperparameters written down as they are set, so a model version
/// records what actually trained it. Every trainer runs on one thread: parallel tree and SDCA training are
/// not reproducible, and the sample datasets train in seconds anyway.
/// </summary>
internal sealed record TrainerChoice(string Name, IEstimator<ITransformer> Estimator, IReadOnlyDictionary<string, string> Parameters)
{
    public static TrainerChoice For(MLContext ml, MlTask task, int seed) => task switch
    {
        MlTask.BinaryClassification => FastTreeBinary(ml, seed),
        MlTask.MulticlassClassification => SdcaMaximumEntropy(ml),
        MlTask.Regression => FastTreeRegression(ml, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    // Boosted trees need no scaling, handle mixed numeric/one-hot inputs and interactions (a xor of a category and
    // a threshold), and FastTree is managed code: no native library to ship to the Functions host.
    private static TrainerChoice FastTreeBinary(MLContext ml, int seed)
    {
        var options = new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = FeaturePipeline.LabelColumn(MlTask.BinaryClassification),
            FeatureColumnName = FeaturePipeline.Features,
            NumberOfTrees = 100,
            NumberOfLeaves = 20,
            MinimumExampleCountPerLeaf = 10,
            LearningRate = 0.2,
            Seed = seed,
            NumberOfThreads = 1,
        };
        return new TrainerChoice(
            "FastTreeBinary",
            ml.BinaryClassification.Trainers.FastTree(options),
            TreeParameters(options.NumberOfTrees, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.LearningRate, seed));
    }

    // Multinomial logistic regression: few classes and few rows per class (iris, wine) are where trees overfit and a
    // linear model with scaled inputs holds up.
    private static TrainerChoice SdcaMaximumEntropy(MLContext ml)
    {
        var options = new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = FeaturePipeline.LabelColumn(MlTask.MulticlassClassification),
            FeatureColumnName = FeaturePipeline.Features,
            L2Regularization = 1e-4f,
            MaximumNumberOfIterations = 200,
            ConvergenceTolerance = 1e-3f,
            NumberOfThreads = 1,
        };
        var estimator = ml.Transforms.NormalizeMinMax(FeaturePipeline.Features)
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new TrainerChoice("SdcaMaximumEntropy", estimator, new Dictionary<string, string>
        {
            ["normalization"] = "minMax",
            ["l2Regularization"] = Format(options.L2Regularization.Value),
            ["maximumNumberOfIterations"] = Format(options.MaximumNumberOfIterations.Value),
            ["convergenceTolerance"] = Format(options.ConvergenceTolerance),
            ["numberOfThreads"] = Format(options.NumberOfThreads.Value),
        });
    }

    private static TrainerChoice FastTreeRegression(MLContext ml, int seed)
    {
        var options = new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = FeaturePipeline.LabelColumn(MlTask.Regression),
            FeatureColumnName = FeaturePipeline.Features,
            NumberOfTrees = 200,
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            Seed = seed,
            NumberOfThreads = 1,
        };
        return new TrainerChoice(
            "FastTreeRegression",
            ml.Regression.Trainers.FastTree(options),
            TreeParameters(options.NumberOfTrees, options.NumberOfLeaves, options.MinimumExampleCountPerLeaf, options.LearningRate, seed));
    }

    private static Dictionary<string, string> TreeParameters(int trees, int leaves, int minLeaf, double learningRate, int seed) => new()
    {
        ["numberOfTrees"] = Format(trees),
        ["numberOfLeaves"] = Format(leaves),
        ["minimumExampleCountPerLeaf"] = Format(minLeaf),
        ["learningRate"] = Format(learningRate),
        ["seed"] = Format(seed),
        ["numberOfThreads"] = "1",
    };

    private static string Format(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
