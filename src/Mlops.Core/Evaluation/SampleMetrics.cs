using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// The holdout metrics computed from <see cref="HoldoutScores"/> with a weight per row, so a bootstrap resample is a
/// vector of row counts rather than a copied dataset. With every weight 1 they equal ML.NET's own evaluators
/// (binary log-loss in bits, multiclass in nats, as ML.NET reports them).
/// </summary>
public sealed class SampleMetrics
{
    private const double Epsilon = 1e-15;
    private readonly HoldoutScores scores;
    private readonly int[]? byRanking;

    public SampleMetrics(HoldoutScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        this.scores = scores;
        if (scores.Ranking is { } ranking)
        {
            // Sorted once: each resample's AUC is then one pass over row counts in this order.
            byRanking = [.. Enumerable.Range(0, scores.Count).OrderBy(i => ranking[i])];
        }
    }

    /// <summary>Every row once.</summary>
    public double Compute(string metric) => Compute(metric, Ones(scores.Count));

    /// <summary>The metric over rows counted <paramref name="weights"/> times; NaN when the sample leaves it undefined.</summary>
    public double Compute(string metric, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return metric switch
        {
            MetricNames.Accuracy => Accuracy(weights),
            MetricNames.Precision => Binary(weights).Precision,
            MetricNames.Recall => Binary(weights).Recall,
            MetricNames.F1 => Binary(weights).F1,
            MetricNames.Auc => Auc(weights),
            MetricNames.AveragePrecision => AveragePrecision(weights),
            MetricNames.LogLoss => LogLoss(weights),
            MetricNames.MacroAccuracy => MacroAccuracy(weights),
            MetricNames.MacroF1 => HoldoutMetrics.MacroF1(Confusion(weights)),
            MetricNames.Rmse => Math.Sqrt(Mean(weights, (y, p) => (y - p) * (y - p))),
            MetricNames.Mae => Mean(weights, (y, p) => Math.Abs(y - p)),
            MetricNames.R2 => RSquared(weights),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
        };
    }

    /// <summary>Rows: actual class; columns: predicted class. A prediction of a class the data lacks counts in no column.</summary>
    public double[][] Confusion(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var k = scores.Classes.Count;
        var counts = Enumerable.Range(0, k).Select(_ => new double[k]).ToArray();
        for (var i = 0; i < scores.Count; i++)
        {
            var (actual, predicted) = ((int)scores.Labels[i], (int)scores.Predicted[i]);
            if (weights[i] != 0 && actual >= 0 && predicted >= 0)
            {
                counts[actual][predicted] += weights[i];
            }
        }

        return counts;
    }

    internal static double[] Ones(int count)
    {
        var ones = new double[count];
        Array.Fill(ones, 1.0);
        return ones;
    }

    private double Accuracy(IReadOnlyList<double> weights)
    {
        double right = 0, total = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            total += weights[i];
            if (scores.Labels[i] == scores.Predicted[i])
            {
                right += weights[i];
            }
        }

        return total > 0 ? right / total : double.NaN;
    }

    private (double Precision, double Recall, double F1) Binary(IReadOnlyList<double> weights)
    {
        double truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var (actual, predicted) = (scores.Labels[i] == 1, scores.Predicted[i] == 1);
            truePositive += actual && predicted ? weights[i] : 0;
            falsePositive += !actual && predicted ? weights[i] : 0;
            falseNegative += actual && !predicted ? weights[i] : 0;
        }

        // ML.NET reports 0 rather than undefined when nothing is predicted (or is) positive.
        var precision = truePositive + falsePositive > 0 ? truePositive / (truePositive + falsePositive) : 0;
        var recall = truePositive + falseNegative > 0 ? truePositive / (truePositive + falseNegative) : 0;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return (precision, recall, f1);
    }

    /// <summary>The Mann-Whitney form: the chance a positive outranks a negative, ties counting half.</summary>
    private double Auc(IReadOnlyList<double> weights)
    {
        var ranking = scores.Ranking ?? throw new InvalidOperationException("AUC needs a binary model's scores.");
        double negativesBelow = 0, pairs = 0, positives = 0;
        var order = byRanking!;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            double groupPositives = 0, groupNegatives = 0;
            while (end < order.Length && ranking[order[end]].Equals(ranking[order[start]]))
            {
                var row = order[end++];
                if (scores.Labels[row] == 1)
                {
                    groupPositives += weights[row];
                }
                else
                {
                    groupNegatives += weights[row];
                }
            }

            pairs += groupPositives * (negativesBelow + (0.5 * groupNegatives));
            negativesBelow += groupNegatives;
            positives += groupPositives;
            start = end;
        }

        return positives > 0 && negativesBelow > 0 ? pairs / (positives * negativesBelow) : double.NaN;
    }

    /// <summary>
    /// Average precision as scikit-learn computes it: the precision at each distinct score from the highest down,
    /// weighted by the share of the positives it adds, Σ (Rₙ - Rₙ₋₁) Pₙ with tied scores taken together. The area under
    /// the precision-recall curve without interpolation: what a rare class's ranking is judged by, since AUC counts the
    /// many easy negatives.
    /// </summary>
    private double AveragePrecision(IReadOnlyList<double> weights)
    {
        var ranking = scores.Ranking ?? throw new InvalidOperationException("Average precision needs a binary model's scores.");
        double positives = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            positives += scores.Labels[i] == 1 ? weights[i] : 0;
        }

        if (positives <= 0)
        {
            return double.NaN;
        }

        var order = byRanking!;
        double truePositives = 0, flagged = 0, sum = 0;
        for (var end = order.Length; end > 0;)
        {
            var start = end;
            double groupPositives = 0, group = 0;
            while (start > 0 && ranking[order[start - 1]].Equals(ranking[order[end - 1]]))
            {
                var row = order[--start];
                group += weights[row];
                groupPositives += scores.Labels[row] == 1 ? weights[row] : 0;
            }

            truePositives += groupPositives;
            flagged += group;
            sum += groupPositives > 0 ? groupPositives / positives * (truePositives / flagged) : 0;
            end = start;
        }

        return sum;
    }

    private double LogLoss(IReadOnlyList<double> weights)
    {
        var probabilities = scores.Probabilities ?? throw new InvalidOperationException("Log-loss needs class probabilities.");
        var binary = scores.Task == MlTask.BinaryClassification;
        double sum = 0, total = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var actual = (int)scores.Labels[i];
            var p = actual >= 0 ? probabilities[i][actual] : 0;
            var loss = -Math.Log(Math.Max(p, Epsilon));
            sum += weights[i] * (binary ? loss / Math.Log(2) : loss);
            total += weights[i];
        }

        return total > 0 ? sum / total : double.NaN;
    }

    /// <summary>The mean of per-class recall over the classes the sample holds.</summary>
    private double MacroAccuracy(IReadOnlyList<double> weights)
    {
        var counts = Confusion(weights);
        var recalls = counts.Select((row, k) => (Support: row.Sum(), Right: row[k])).Where(c => c.Support > 0).Select(c => c.Right / c.Support).ToList();
        return recalls.Count > 0 ? recalls.Average() : double.NaN;
    }

    private double Mean(IReadOnlyList<double> weights, Func<double, double, double> term)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            sum += weights[i] * term(scores.Labels[i], scores.Predicted[i]);
            total += weights[i];
        }

        return total > 0 ? sum / total : double.NaN;
    }

    private double RSquared(IReadOnlyList<double> weights)
    {
        double total = 0, sum = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            total += weights[i];
            sum += weights[i] * scores.Labels[i];
        }

        var mean = sum / total;
        double residual = 0, spread = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            residual += weights[i] * (scores.Labels[i] - scores.Predicted[i]) * (scores.Labels[i] - scores.Predicted[i]);
            spread += weights[i] * (scores.Labels[i] - mean) * (scores.Labels[i] - mean);
        }

        return spread > 0 ? 1 - (residual / spread) : double.NaN;
    }
}
