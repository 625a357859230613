using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Mlops.Core.Datasets;
using static Mlops.Core.Training.Trainers.SearchSpaces;

namespace Mlops.Core.Training.Trainers;

/// <summary>Binary classification: logistic regression (L-BFGS), LightGbm, FastTree and FastForest.</summary>
internal static class BinaryTrainers
{
    private static readonly string Label = FeaturePipeline.LabelColumn(MlTask.BinaryClassification);

    /// <summary>ML.NET's Platt slope is negated: p = 1 / (1 + e^(slope·score)); -3 maps a unanimous forest (1) to 0.95.</summary>
    private const double ForestSlope = -3;

    public static TrainerDefinition LightGbm { get; } = new()
    {
        Name = "LightGbmBinary",
        Task = MlTask.BinaryClassification,
        Space = SearchSpaces.LightGbm,
        Defaults = LightGbmDefaults,
        Size = (p, _) => BoostedSize(p, Iterations, 1),
        Create = (ml, inputs) => ml.BinaryClassification.Trainers.LightGbm(TrainerOptions.LightGbm(new LightGbmBinaryTrainer.Options(), inputs, Label)),
    };

    public static TrainerDefinition LogisticRegression { get; } = new()
    {
        Name = "LbfgsLogisticRegression",
        Task = MlTask.BinaryClassification,
        Space = Lbfgs,
        Defaults = LbfgsDefaults,
        NeedsNormalization = true,
        Size = (_, _) => 1,
        Create = (ml, inputs) =>
        {
            var options = TrainerOptions.Columns(new LbfgsLogisticRegressionBinaryTrainer.Options(), inputs, Label);
            options.L2Regularization = inputs.Parameters.Single(L2);
            options.L1Regularization = inputs.Parameters.Single(L1);
            options.NumberOfThreads = 1;
            return ml.BinaryClassification.Trainers.LbfgsLogisticRegression(options);
        },
    };

    /// <summary>The skeleton's tuned setting is its default, so a run without a search trains what it always did.</summary>
    public static TrainerDefinition FastTree { get; } = new()
    {
        Name = "FastTreeBinary",
        Task = MlTask.BinaryClassification,
        SlotBound = true,
        Space = SearchSpaces.FastTree,
        Defaults = FastTreeDefaults(trees: 100, leaves: 20, minLeaf: 10, learningRate: 0.2),
        Size = (p, _) => BoostedSize(p, Trees, 1),
        Create = (ml, inputs) => ml.BinaryClassification.Trainers.FastTree(FastTreeOptions(inputs, Label)),
    };

    /// <summary>
    /// A forest scores in [-1, 1] and has no probability of its own; a fixed sigmoid through 0 gives it one that agrees
    /// with its predicted label (a fitted calibrator's offset would not), which serving relies on.
    /// </summary>
    public static TrainerDefinition FastForest { get; } = new()
    {
        Name = "FastForestBinary",
        Task = MlTask.BinaryClassification,
        SlotBound = true,
        Space = SearchSpaces.FastForest,
        Defaults = FastForestDefaults,
        Size = (p, _) => BoostedSize(p, Trees, 1),
        Create = (ml, inputs) => ml.BinaryClassification.Trainers.FastForest(TrainerOptions.Trees(new FastForestBinaryTrainer.Options(), inputs, Label))
            .Append(ml.BinaryClassification.Calibrators.Platt(slope: ForestSlope, offset: 0)),
    };

    /// <summary>Shared with one-versus-all, whose binary learners are FastTree too.</summary>
    internal static FastTreeBinaryTrainer.Options FastTreeOptions(TrainerInputs inputs, string label) =>
        TrainerOptions.Trees(new FastTreeBinaryTrainer.Options(), inputs, label);
}
