using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// Compares two models scored on the same holdout rows: each resample draws rows once and scores both models on
/// them, so the interval reflects how much the difference itself varies, which is far tighter than two separate
/// intervals when the models err on the same rows.
/// </summary>
public sealed class PairedBootstrap
{
    private readonly HoldoutScores rows;
    private readonly SampleMetrics a;
    private readonly SampleMetrics b;

    /// <param name="a">The first model's scores (the champion, or the older version).</param>
    /// <param name="b">The second model's scores on the same rows in the same order.</param>
    /// <param name="settings">How many resamples, the seed and the coverage.</param>
    public PairedBootstrap(HoldoutScores a, HoldoutScores b, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(settings);
        if (a.Count != b.Count || a.Task != b.Task || !a.Labels.AsSpan().SequenceEqual(b.Labels))
        {
            throw new ArgumentException("A paired comparison needs both models' scores on the same rows with the same labels.", nameof(b));
        }

        Settings = settings;
        rows = a;
        this.a = new SampleMetrics(a);
        this.b = new SampleMetrics(b);
    }

    public BootstrapSettings Settings { get; }

    public MetricDifference Compare(string metric)
    {
        var (left, right) = (a.Compute(metric), b.Compute(metric));
        // Every metric replays the same seeded resamples, drawn again rather than held: they are resamples times rows.
        var differences = new List<double>(Settings.Resamples);
        foreach (var weights in BootstrapResamples.Each(rows, Settings.Resamples, Settings.Seed))
        {
            var difference = b.Compute(metric, weights) - a.Compute(metric, weights);
            if (!double.IsNaN(difference))
            {
                differences.Add(difference);
            }
        }

        differences.Sort();
        var tail = (1 - Settings.Confidence) / 2;
        return new MetricDifference(
            metric,
            left,
            right,
            right - left,
            Percentile(differences, tail),
            Percentile(differences, 1 - tail),
            Settings.Confidence,
            differences.Count);
    }

    /// <summary>Linear interpolation between closest ranks: numpy's default, so the reference script agrees exactly.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
