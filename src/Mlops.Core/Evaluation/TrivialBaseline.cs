using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// The champion a model's first version must beat: the majority class with the training class shares as its
/// probabilities (AUC exactly 0.5), or the training mean for regression. A model no better than this has learned
/// nothing a constant would not know.
/// </summary>
public static class TrivialBaseline
{
    /// <summary>How the baseline is described in a reason or a report.</summary>
    public static string Describe(MlTask task) => task == MlTask.Regression ? "the training mean" : "the majority class";

    /// <param name="holdout">Any model's scores on the holdout: only its labels are read.</param>
    /// <param name="trainingLabels">The training rows' class indices (in <see cref="HoldoutScores.Classes"/> order) or values.</param>
    public static HoldoutScores For(HoldoutScores holdout, IReadOnlyList<double> trainingLabels)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(trainingLabels);
        if (trainingLabels.Count == 0)
        {
            throw new ArgumentException("The baseline needs at least one training label.", nameof(trainingLabels));
        }

        var n = holdout.Count;
        if (holdout.Task == MlTask.Regression)
        {
            var mean = trainingLabels.Where(double.IsFinite).DefaultIfEmpty(0).Average();
            return holdout with { Predicted = Filled(n, mean), Probabilities = null, Ranking = null };
        }

        var shares = new double[holdout.Classes.Count];
        foreach (var label in trainingLabels.Where(l => l >= 0))
        {
            shares[(int)label]++;
        }

        var total = shares.Sum();
        for (var k = 0; k < shares.Length; k++)
        {
            shares[k] /= total;
        }

        // The first of equally common classes, so the baseline is the same whatever order rows arrive in.
        var majority = Array.IndexOf(shares, shares.Max());
        return holdout with
        {
            Predicted = Filled(n, majority),
            Probabilities = [.. Enumerable.Range(0, n).Select(_ => shares)],
            Ranking = holdout.Task == MlTask.BinaryClassification ? Filled(n, shares[1]) : null,
        };
    }

    private static double[] Filled(int count, double value)
    {
        var values = new double[count];
        Array.Fill(values, value);
        return values;
    }
}
