using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Mlops.Core.Datasets;
using static Mlops.Core.Training.Trainers.SearchSpaces;

namespace Mlops.Core.Training.Trainers;

/// <summary>Regression: SDCA (linear), LightGbm, FastTree and FastForest.</summary>
internal static class RegressionTrainers
{
    private static readonly string Label = FeaturePipeline.LabelColumn(MlTask.Regression);

    public static TrainerDefinition LightGbm { get; } = new()
    {
        Name = "LightGbmRegression",
        Task = MlTask.Regression,
        Space = SearchSpaces.LightGbm,
        Defaults = LightGbmDefaults,
        Size = (p, _) => BoostedSize(p, Iterations, 1),
        Create = (ml, inputs) => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = Label,
            FeatureColumnName = FeaturePipeline.Features,
            ExampleWeightColumnName = inputs.WeightColumn,
            NumberOfIterations = inputs.Parameters.Int32(Iterations),
            LearningRate = inputs.Parameters.Double(LearningRate),
            NumberOfLeaves = inputs.Parameters.Int32(Leaves),
            MinimumExampleCountPerLeaf = inputs.Parameters.Int32(MinLeaf),
            Booster = new GradientBooster.Options
            {
                L2Regularization = inputs.Parameters.Double(L2),
                FeatureFraction = inputs.Parameters.Double(FeatureFraction),
            },
            NumberOfThreads = 1,
            Seed = inputs.Seed,
            Deterministic = true,
            Silent = true,
        }),
    };

    public static TrainerDefinition Sdca { get; } = new()
    {
        Name = "SdcaRegression",
        Task = MlTask.Regression,
        Space = SearchSpaces.Sdca,
        Defaults = SdcaDefaults,
        NeedsNormalization = true,
        Size = (_, _) => 1,
        Create = (ml, inputs) => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = Label,
            FeatureColumnName = FeaturePipeline.Features,
            ExampleWeightColumnName = inputs.WeightColumn,
            L2Regularization = inputs.Parameters.Single(L2),
            L1Regularization = inputs.Parameters.Single(L1),
            MaximumNumberOfIterations = inputs.Parameters.Int32(MaxIterations),
            NumberOfThreads = 1,
        }),
    };

    /// <summary>The skeleton's tuned setting is its default, so a run without a search trains what it always did.</summary>
    public static TrainerDefinition FastTree { get; } = new()
    {
        Name = "FastTreeRegression",
        Task = MlTask.Regression,
        Space = SearchSpaces.FastTree,
        Defaults = FastTreeDefaults(trees: 200, leaves: 8, minLeaf: 20, learningRate: 0.05),
        Size = (p, _) => BoostedSize(p, Trees, 1),
        Create = (ml, inputs) => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = Label,
            FeatureColumnName = FeaturePipeline.Features,
            ExampleWeightColumnName = inputs.WeightColumn,
            NumberOfTrees = inputs.Parameters.Int32(Trees),
            NumberOfLeaves = inputs.Parameters.Int32(Leaves),
            MinimumExampleCountPerLeaf = inputs.Parameters.Int32(MinLeaf),
            LearningRate = inputs.Parameters.Double(LearningRate),
            FeatureFraction = inputs.Parameters.Double(FeatureFraction),
            Seed = inputs.Seed,
            FeatureSelectionSeed = inputs.Seed,
            NumberOfThreads = 1,
        }),
    };

    public static TrainerDefinition FastForest { get; } = new()
    {
        Name = "FastForestRegression",
        Task = MlTask.Regression,
        Space = SearchSpaces.FastForest,
        Defaults = FastForestDefaults,
        Size = (p, _) => BoostedSize(p, Trees, 1),
        Create = (ml, inputs) => ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            LabelColumnName = Label,
            FeatureColumnName = FeaturePipeline.Features,
            ExampleWeightColumnName = inputs.WeightColumn,
            NumberOfTrees = inputs.Parameters.Int32(Trees),
            NumberOfLeaves = inputs.Parameters.Int32(Leaves),
            MinimumExampleCountPerLeaf = inputs.Parameters.Int32(MinLeaf),
            FeatureFraction = inputs.Parameters.Double(FeatureFraction),
            Seed = inputs.Seed,
            FeatureSelectionSeed = inputs.Seed,
            NumberOfThreads = 1,
        }),
    };
}
