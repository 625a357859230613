using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Mlops.Core.Datasets;
using static Mlops.Core.Training.Trainers.SearchSpaces;

namespace Mlops.Core.Training.Trainers;

/// <summary>Multiclass classification: maximum entropy (L-BFGS), LightGbm and one-versus-all FastTree.</summary>
internal static class MulticlassTrainers
{
    private static readonly string Label = FeaturePipeline.LabelColumn(MlTask.MulticlassClassification);

    public static TrainerDefinition LightGbm { get; } = new()
    {
        Name = "LightGbmMulticlass",
        Task = MlTask.MulticlassClassification,
        Space = SearchSpaces.LightGbm,
        Defaults = LightGbmDefaults,
        Size = (p, classes) => BoostedSize(p, Iterations, classes),
        Create = (ml, inputs) => ml.MulticlassClassification.Trainers.LightGbm(TrainerOptions.LightGbm(new LightGbmMulticlassTrainer.Options(), inputs, Label)),
    };

    /// <summary>
    /// Multinomial logistic regression: few classes and few rows per class (iris, wine) are where trees overfit and
    /// a linear model with scaled inputs holds up.
    /// </summary>
    public static TrainerDefinition MaximumEntropy { get; } = new()
    {
        Name = "LbfgsMaximumEntropy",
        Task = MlTask.MulticlassClassification,
        Space = SearchSpaces.MaximumEntropy,
        Defaults = MaximumEntropyDefaults,
        NeedsNormalization = true,
        Size = (_, classes) => classes,
        Create = (ml, inputs) =>
        {
            var options = TrainerOptions.Columns(new LbfgsMaximumEntropyMulticlassTrainer.Options(), inputs, Label);
            options.L2Regularization = inputs.Parameters.Single(L2);
            options.L1Regularization = inputs.Parameters.Single(L1);
            options.NumberOfThreads = 1;
            return ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(options);
        },
    };

    public static TrainerDefinition OneVersusAllFastTree { get; } = new()
    {
        Name = "OneVersusAllFastTree",
        Task = MlTask.MulticlassClassification,
        SlotBound = true,
        Space = SearchSpaces.FastTree,
        Defaults = FastTreeDefaults(trees: 100, leaves: 20, minLeaf: 10, learningRate: 0.2),
        Size = (p, classes) => BoostedSize(p, Trees, classes),
        Create = (ml, inputs) => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastTree(BinaryTrainers.FastTreeOptions(inputs, Label)),
            labelColumnName: Label,
            useProbabilities: true),
    };
}
