using System.ComponentModel.DataAnnotations;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Seeds every random choice: the holdout split, folds, the search plan, the trainers and ML.NET's context.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Share of rows held out for evaluation and for the champion comparison; the search never sees them.</summary>
    [Range(0.05, 0.5)]
    public double HoldoutFraction { get; set; } = 0.2;

    /// <summary>Random search, successive halving or model-based search ("random", "halving" or "tpe").</summary>
    [EnumDataType(typeof(SearchStrategy))]
    public SearchStrategy Strategy { get; set; } = SearchStrategy.Random;

    /// <summary>The trial budget: trials a search runs at most, over all rungs.</summary>
    [Range(1, 500)]
    public int MaxTrials { get; set; } = 12;

    /// <summary>The wall-time budget: no trial starts after this many seconds of search.</summary>
    [Range(10, 86_400)]
    public int MaxSearchSeconds { get; set; } = 1_200;

    /// <summary>
    /// The memory training may use for data on one instance (MB): it sets how many rows are trained on and how many
    /// trials run at once on them (<see cref="TrainingMemory"/>). Half of the default Flex Consumption instance's 2,048 MB.
    /// </summary>
    [Range(64, 1_048_576)]
    public int MemoryBudgetMegabytes { get; set; } = 1_024;

    /// <summary>Trials running at once; each is an activity, so in Azure they spread over instances.</summary>
    [Range(1, 64)]
    public int MaxConcurrentTrials { get; set; } = 2;

    /// <summary>k of k-fold cross-validation (fewer when the rarest class has fewer rows).</summary>
    [Range(2, 20)]
    public int Folds { get; set; } = 5;

    /// <summary>Above this many training rows a single stratified holdout (one fold) replaces cross-validation.</summary>
    [Range(100, 100_000_000)]
    public int CrossValidationMaxRows { get; set; } = 20_000;

    /// <summary>
    /// The most rows a search trial fits on. Above this, every trial fits on a stratified sample of this many of its
    /// fold's training rows (halving's rungs grow up to it), and only the selected configuration is refit on all of
    /// them: ranking configurations needs far fewer rows than the final model gains from, and a trial's time grows
    /// with its rows.
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int SearchMaxRows { get; set; } = 100_000;

    /// <summary>
    /// After the search, stack the winner with another trainer's best trial (a combiner fitted on their out-of-fold
    /// predictions) and keep the stack when it beats the winner alone on the same folds.
    /// </summary>
    public bool Ensemble { get; set; } = true;

    /// <summary>Halving: each rung keeps 1/factor of the configurations and gives them factor times the rows.</summary>
    [Range(2, 10)]
    public int HalvingFactor { get; set; } = 3;

    /// <summary>Halving: the fewest training rows a rung may fit on; below that, rankings are noise.</summary>
    [Range(10, 10_000_000)]
    public int HalvingMinRows { get; set; } = 100;

    /// <summary>Categorical columns with more distinct values than this are hashed rather than one-hot encoded.</summary>
    [Range(2, 100_000)]
    public int OneHotMaxCardinality { get; set; } = 100;

    /// <summary>
    /// A new run of a model that has a champion tries the champion's configuration and its search's best others first
    /// (<see cref="Search.WarmStart"/>); off, every search starts cold from the trainers' defaults and random draws.
    /// </summary>
    public bool WarmStart { get; set; } = true;
}
