using System.Globalization;
using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// Judges a challenger against the spec's gates: absolute bounds on its holdout metrics, and an improvement over the
/// champion (or the trivial baseline) whose paired bootstrap interval must clear the required margin. The point
/// estimate alone never promotes: a difference the holdout cannot tell from noise keeps the champion.
/// </summary>
public static class GateJudge
{
    /// <param name="metric">The selection metric.</param>
    /// <param name="gates">The spec's gates (or the defaults).</param>
    /// <param name="challenger">The challenger's holdout scores.</param>
    /// <param name="reference">The champion or the baseline, scored on the same rows.</param>
    /// <param name="seed">The bootstrap's seed (the run's training seed, so a rerun judges the same).</param>
    public static GateVerdict Judge(string metric, EvaluationGates gates, HoldoutScores challenger, GateReference reference, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(reference);
        var results = new List<GateResult>();
        var own = new SampleMetrics(challenger);
        var reported = PrimaryMetric.Reported(challenger.Task);
        foreach (var (name, bounds) in gates.Thresholds.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!reported.Contains(name))
            {
                results.Add(new GateResult(GateKinds.Min, name, false, double.NaN, bounds.Min ?? bounds.Max ?? double.NaN, null, null, null,
                    $"The gate on {PrimaryMetric.DisplayName(name)} cannot be judged: {Describe(challenger.Task)} models report {string.Join(", ", reported)}."));
                continue;
            }

            var value = own.Compute(name);
            if (bounds.Min is { } min)
            {
                results.Add(Bound(GateKinds.Min, name, value, min, value >= min));
            }

            if (bounds.Max is { } max)
            {
                results.Add(Bound(GateKinds.Max, name, value, max, value <= max));
            }
        }

        var settings = new BootstrapSettings(gates.Resamples, gates.Confidence, seed);
        var comparison = new PairedBootstrap(reference.Scores, challenger, settings).Compare(metric);
        var improvement = Improvement(metric, gates, reference, comparison);
        results.Add(improvement);

        var failed = results.Where(r => !r.Passed).ToList();
        var reason = failed.Count == 0
            ? $"Promoted: {improvement.Message}{Tail(reference.Note)}{Passes(results)}"
            : $"Registered but not promoted: {string.Join(" ", failed.Select(f => f.Message))}{Tail(reference.Note)}";
        return new GateVerdict(failed.Count == 0, reason, results, comparison);
    }

    private static GateResult Improvement(string metric, EvaluationGates gates, GateReference reference, MetricDifference comparison)
    {
        // In the metric's better direction, so "improvement" is positive when the challenger is better, RMSE included.
        var sign = PrimaryMetric.IsHigherBetter(metric) ? 1.0 : -1.0;
        var (estimate, lower, upper) = (sign * comparison.Estimate, Math.Min(sign * comparison.Lower, sign * comparison.Upper), Math.Max(sign * comparison.Lower, sign * comparison.Upper));
        var relative = gates.Relative && reference.IsChampion && Math.Abs(comparison.A) > 0;
        if (relative)
        {
            var scale = Math.Abs(comparison.A);
            (estimate, lower, upper) = (estimate / scale, lower / scale, upper / scale);
        }

        var required = reference.IsChampion ? gates.MinImprovement : 0;
        var passed = lower > required && !double.IsNaN(lower);
        var name = PrimaryMetric.DisplayName(metric);
        var units = relative ? " of its value" : string.Empty;
        var interval = string.Create(
            CultureInfo.InvariantCulture,
            $"{gates.Confidence:P0} interval of the improvement {Show(lower, relative)} to {Show(upper, relative)}{units}");
        var values = string.Create(CultureInfo.InvariantCulture, $"{name} {Format(comparison.B)} against {reference.Name}'s {Format(comparison.A)}");
        var need = required > 0 ? $"at least {Show(required, relative)}{units}" : "above zero";
        var message = passed
            ? $"{values} is better by {Show(estimate, relative)} ({interval}, {need})."
            : $"{values} is not better by {need} on this holdout ({interval}).";
        return new GateResult(GateKinds.Improvement, metric, passed, estimate, required, lower, upper, reference.Name, message);
    }

    private static GateResult Bound(string kind, string metric, double value, double threshold, bool passed)
    {
        var name = PrimaryMetric.DisplayName(metric);
        var relation = kind == GateKinds.Min ? "at least" : "at most";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{name} {Format(value)} {(passed ? "meets" : "misses")} the gate of {relation} {Format(threshold)}.");
        return new GateResult(kind, metric, passed && !double.IsNaN(value), value, threshold, null, null, null, message);
    }

    private static string Passes(List<GateResult> results)
    {
        var bounds = results.Where(r => r.Gate != GateKinds.Improvement).Select(r => r.Message).ToList();
        return bounds.Count == 0 ? string.Empty : " " + string.Join(" ", bounds);
    }

    private static string Tail(string? note) => note is null ? string.Empty : " " + note;

    private static string Describe(MlTask task) => task switch
    {
        MlTask.BinaryClassification => "binary classification",
        MlTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Show(double value, bool relative) =>
        relative ? value.ToString("0.##%", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}
