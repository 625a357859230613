using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// What a model said about each holdout row, next to the truth: enough to compute any metric on any resample of the
/// rows, which is what a paired bootstrap needs. Two models scored on the same rows give aligned arrays.
/// </summary>
/// <param name="Task">The task.</param>
/// <param name="Classes">The class labels in index order; empty for regression.</param>
/// <param name="Labels">The true class index, or the true value for regression.</param>
/// <param name="Predicted">The predicted class index, or the predicted value for regression.</param>
/// <param name="Probabilities">Per row, the probability of each class in <paramref name="Classes"/> order; null for regression.</param>
public sealed record HoldoutScores(MlTask Task, IReadOnlyList<string> Classes, double[] Labels, double[] Predicted, double[][]? Probabilities)
{
    public int Count => Labels.Length;

    /// <summary>
    /// Binary only: what rows are ranked by for AUC, the scorer's raw score. ML.NET ranks by it, and a calibrated
    /// probability can saturate at 1 and tie rows the score still tells apart.
    /// </summary>
    public double[]? Ranking { get; init; }
}
