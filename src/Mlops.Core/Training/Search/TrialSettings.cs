namespace Mlops.Core.Training.Search;

/// <summary>
/// How every trial of a run and the winner's refit are measured and built, fixed when the search is planned so that a
/// configuration change mid-run cannot make two trials incomparable.
/// </summary>
/// <param name="Seed">Seeds folds, subsamples and trainers.</param>
/// <param name="HoldoutFraction">The run's holdout, never seen by the search (the champion is compared on it).</param>
/// <param name="Folds">Folds the training rows are split into.</param>
/// <param name="ValidationFolds">Folds scored: all of them (k-fold cross-validation) or 1 (a stratified holdout of 1/<paramref name="Folds"/>).</param>
/// <param name="Metric">The primary metric trials are ranked by.</param>
/// <param name="ClassWeights">Weigh rows inversely to their class's frequency (a data-report mitigation for imbalance).</param>
/// <param name="OneHotMaxCardinality">Categorical columns with more distinct values are hashed rather than one-hot encoded.</param>
public sealed record TrialSettings(
    int Seed,
    double HoldoutFraction,
    int Folds,
    int ValidationFolds,
    string Metric,
    bool ClassWeights,
    int OneHotMaxCardinality);
