using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Training.Ensembles;

/// <summary>
/// Two members' outputs averaged with weight w on the first: probabilities (the class with the largest averaged
/// probability is the prediction) or predictions. Scored by the same code as the paired bootstrap, so a blend and a
/// member alone (w = 1) are measured alike.
/// </summary>
internal sealed class WeightedBlend(DatasetSchema schema, IReadOnlyList<FeatureRow> truth, float[][] first, float[][] second)
{
    /// <summary>The weights tried, from the winner alone down in steps of 0.05: coarse enough not to fit the folds' noise.</summary>
    public static IReadOnlyList<double> Grid { get; } = [.. Enumerable.Range(0, 21).Select(i => 1 - (i * 0.05))];

    /// <summary>The metric of the blend over the rows at <paramref name="positions"/>.</summary>
    public double Metric(string metric, double weight, IReadOnlyList<int> positions)
    {
        var n = positions.Count;
        var labels = new double[n];
        var predicted = new double[n];
        if (schema.Task == MlTask.Regression)
        {
            for (var i = 0; i < n; i++)
            {
                var p = positions[i];
                labels[i] = truth[p].LabelValue;
                predicted[i] = (weight * first[p][0]) + ((1 - weight) * second[p][0]);
            }

            return new SampleMetrics(new HoldoutScores(schema.Task, [], labels, predicted, null)).Compute(metric);
        }

        var classes = schema.ClassLabels;
        var probabilities = new double[n][];
        var ranking = schema.Task == MlTask.BinaryClassification ? new double[n] : null;
        for (var i = 0; i < n; i++)
        {
            var p = positions[i];
            labels[i] = HoldoutScoring.IndexOf(classes, truth[p].LabelText);
            var blended = new double[classes.Count];
            if (ranking is not null)
            {
                var positive = (weight * first[p][0]) + ((1 - weight) * second[p][0]);
                (blended[0], blended[1], ranking[i]) = (1 - positive, positive, positive);
            }
            else
            {
                for (var k = 0; k < blended.Length; k++)
                {
                    blended[k] = (weight * first[p][k]) + ((1 - weight) * second[p][k]);
                }
            }

            probabilities[i] = blended;
            predicted[i] = ArgMax(blended);
        }

        return new SampleMetrics(new HoldoutScores(schema.Task, classes, labels, predicted, probabilities) { Ranking = ranking }).Compute(metric);
    }

    /// <summary>The grid weight with the best metric over <paramref name="positions"/>; ties go to the larger weight (the winner).</summary>
    public double Best(string metric, IReadOnlyList<int> positions)
    {
        var best = 1.0;
        var bestValue = Metric(metric, 1, positions);
        foreach (var weight in Grid.Skip(1))
        {
            var value = Metric(metric, weight, positions);
            if (double.IsFinite(value) && (!double.IsFinite(bestValue) || Search.TrialRanking.IsWorse(bestValue, value, metric)))
            {
                (best, bestValue) = (weight, value);
            }
        }

        return best;
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
