using Mlops.Core.Training.Search;

namespace Mlops.Core.Training.Trainers;

/// <summary>
/// The hyperparameters each family of trainers is searched over, with ranges wide enough to hold the good settings
/// of small and mid-sized tabular data, and no wider: a search of a dozen trials cannot afford hopeless corners.
/// </summary>
internal static class SearchSpaces
{
    public const string Iterations = "numberOfIterations";
    public const string Trees = "numberOfTrees";
    public const string Leaves = "numberOfLeaves";
    public const string MinLeaf = "minimumExampleCountPerLeaf";
    public const string LearningRate = "learningRate";
    public const string FeatureFraction = "featureFraction";
    public const string L1 = "l1Regularization";
    public const string L2 = "l2Regularization";
    public const string MaxIterations = "maximumNumberOfIterations";
    public const string TweediePower = "tweediePower";

    /// <summary>LightGbm: boosting rounds, tree shape, shrinkage, L2 on leaf values and column subsampling.</summary>
    public static IReadOnlyList<HyperParameter> LightGbm { get; } =
    [
        new(Iterations, 20, 400, LogScale: true, IsInteger: true),
        new(LearningRate, 0.01, 0.3, LogScale: true),
        new(Leaves, 4, 64, LogScale: true, IsInteger: true),
        new(MinLeaf, 2, 50, LogScale: true, IsInteger: true),
        new(L2, 1e-4, 10, LogScale: true),
        new(FeatureFraction, 0.5, 1),
    ];

    /// <summary>LightGbm's own defaults (and scikit-learn's HistGradientBoosting's: 100 rounds, 31 leaves, 20 per leaf).</summary>
    public static IReadOnlyDictionary<string, double> LightGbmDefaults { get; } = new Dictionary<string, double>
    {
        [Iterations] = 100,
        [LearningRate] = 0.1,
        [Leaves] = 31,
        [MinLeaf] = 20,
        [L2] = 0.01,
        [FeatureFraction] = 1,
    };

    /// <summary>FastTree (MART): trees, tree shape, shrinkage and column subsampling per tree.</summary>
    public static IReadOnlyList<HyperParameter> FastTree { get; } =
    [
        new(Trees, 20, 400, LogScale: true, IsInteger: true),
        new(LearningRate, 0.01, 0.4, LogScale: true),
        new(Leaves, 4, 64, LogScale: true, IsInteger: true),
        new(MinLeaf, 2, 50, LogScale: true, IsInteger: true),
        new(FeatureFraction, 0.5, 1),
    ];

    /// <summary>
    /// FastTree under a Tweedie loss: FastTree's space and the variance power, between Poisson (1) and gamma (2), ends
    /// left out: at 1 a label of zeros has no spread to fit, at 2 none may be zero.
    /// </summary>
    public static IReadOnlyList<HyperParameter> FastTreeTweedie { get; } = [.. FastTree, new(TweediePower, 1.1, 1.9)];

    /// <summary>FastForest (random forest): trees, tree shape and the share of columns each tree sees.</summary>
    public static IReadOnlyList<HyperParameter> FastForest { get; } =
    [
        new(Trees, 20, 300, LogScale: true, IsInteger: true),
        new(Leaves, 4, 128, LogScale: true, IsInteger: true),
        new(MinLeaf, 1, 30, LogScale: true, IsInteger: true),
        new(FeatureFraction, 0.3, 1),
    ];

    /// <summary>ML.NET's FastForest defaults.</summary>
    public static IReadOnlyDictionary<string, double> FastForestDefaults { get; } = new Dictionary<string, double>
    {
        [Trees] = 100,
        [Leaves] = 20,
        [MinLeaf] = 10,
        [FeatureFraction] = 0.7,
    };

    /// <summary>L-BFGS logistic regression: the elastic-net penalties on the weights (of min-max scaled inputs).</summary>
    public static IReadOnlyList<HyperParameter> Lbfgs { get; } =
    [
        new(L2, 1e-4, 10, LogScale: true),
        new(L1, 1e-4, 10, LogScale: true),
    ];

    /// <summary>ML.NET's L-BFGS defaults.</summary>
    public static IReadOnlyDictionary<string, double> LbfgsDefaults { get; } = new Dictionary<string, double>
    {
        [L2] = 1,
        [L1] = 1,
    };

    /// <summary>
    /// Multinomial L-BFGS: the same penalties, L1 kept small. With several classes any L1 of 0.01 or more cost accuracy
    /// wherever it was measured, so the range ends at 0.1.
    /// </summary>
    public static IReadOnlyList<HyperParameter> MaximumEntropy { get; } =
    [
        new(L2, 1e-4, 10, LogScale: true),
        new(L1, 1e-6, 0.1, LogScale: true),
    ];

    /// <summary>
    /// Light penalties, not ML.NET's L1 = L2 = 1, which held a seven-class problem at 0.42 macro-F1 where 0.59 was
    /// reachable: on min-max scaled inputs a penalty of 1 flattens the weights that tell the classes apart. The default
    /// trial gained on wine and digits too (docs/benchmarks/training.md).
    /// </summary>
    public static IReadOnlyDictionary<string, double> MaximumEntropyDefaults { get; } = new Dictionary<string, double>
    {
        [L2] = 0.01,
        [L1] = 1e-6,
    };

    /// <summary>
    /// SDCA: the penalties and the most passes over the data. Lightly regularized least squares converges slowly in
    /// SDCA (its rate follows the L2 penalty times the row count): on diabetes, 100 passes left the defaults 4% of RMSE
    /// short of the exact solution, 500 reach it. The convergence check ends a pass count early on data that converges
    /// sooner, so the bound costs only where it is needed.
    /// </summary>
    public static IReadOnlyList<HyperParameter> Sdca { get; } =
    [
        new(L2, 1e-6, 1, LogScale: true),
        new(L1, 1e-6, 1, LogScale: true),
        new(MaxIterations, 50, 1000, LogScale: true, IsInteger: true),
    ];

    /// <summary>
    /// An L2 of 5e-4: lighter penalties stop SDCA short on a few hundred rows (600 generated rows, two linear features,
    /// five folds: RMSE 29-40 at 1e-4, 20.4 at 5e-4, 20.3-20.5 at 1e-3, exact least squares 20.9; below 1e-5 it diverged,
    /// 250-465), and on diabetes at 24 trials 5e-4 keeps the search ahead of tuned scikit-learn where 1e-3 fell behind
    /// (54.35 and 54.41 against Ridge's 54.40).
    /// </summary>
    public static IReadOnlyDictionary<string, double> SdcaDefaults { get; } = new Dictionary<string, double>
    {
        [L2] = 5e-4,
        [L1] = 1e-6,
        [MaxIterations] = 500,
    };

    public static IReadOnlyDictionary<string, double> FastTreeDefaults(int trees, int leaves, int minLeaf, double learningRate) => new Dictionary<string, double>
    {
        [Trees] = trees,
        [LearningRate] = learningRate,
        [Leaves] = leaves,
        [MinLeaf] = minLeaf,
        [FeatureFraction] = 1,
    };

    /// <summary>Leaves over all trees of a boosted model.</summary>
    public static double BoostedSize(ParameterValues p, string rounds, int trees) => p.Double(rounds) * p.Double(Leaves) * trees;
}
