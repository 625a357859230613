using System.Globalization;
using System.Runtime.InteropServices;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// A feature that alone predicts the label almost perfectly usually encodes the outcome or is recorded after it
/// (leakage): a model learns it instead of the signal and fails in production. Each feature is judged on the
/// profiler's row sample: a one-feature nearest-value predictor (per category, or the nearest number) is fitted on
/// half the rows and scored on the other half, so an identifier that merely tells rows apart scores nothing. The
/// skill is held-out accuracy scaled between always guessing the commonest class (0) and perfect (1) for
/// classification, and held-out R² (the better of nearest value and a straight line) for regression.
/// </summary>
internal static class LeakageCheck
{
    /// <summary>Fewer held-out rows than this cannot tell "almost perfect" from luck.</summary>
    internal const int MinHeldOutRows = 50;

    public static void Check(ValidationContext context, DatasetProfile profile, string label, MlTask task, IReadOnlyList<ColumnSchema> features)
    {
        var sample = profile.Sample;
        var labelAt = sample.IndexOf(label);
        if (labelAt < 0)
        {
            return;
        }

        // A fixed pseudo-random half: the sample keeps file order while it is small, and files are often sorted.
        var training = new List<string[]>();
        var heldOut = new List<string[]>();
        for (var i = 0; i < sample.Rows.Count; i++)
        {
            ((SplitMix64.Mix((ulong)i) & 1) == 0 ? training : heldOut).Add(sample.Rows[i]);
        }

        if (training.Count < MinHeldOutRows || heldOut.Count < MinHeldOutRows)
        {
            return;
        }

        var threshold = context.Thresholds.MaxLeakageScore;
        foreach (var feature in features)
        {
            var at = sample.IndexOf(feature.Name);
            if (at < 0)
            {
                continue;
            }

            var (skill, detail) = task == MlTask.Regression
                ? RegressionSkill(training, heldOut, at, labelAt, feature.Kind)
                : ClassificationSkill(training, heldOut, at, labelAt, feature.Kind);
            if (skill > threshold)
            {
                context.Error(ValidationRules.LabelLeakage, feature.Name,
                    $"Column '{feature.Name}' alone predicts label '{label}' almost perfectly on held-out rows ({detail}; skill {Format(skill)}, above {Format(threshold)}): it probably encodes the outcome or is recorded after it, so a model would learn it and fail on new data. Remove it, or list it under ignore in mlops.json; if it is truly known when predicting, raise thresholds.maxLeakageScore.",
                    skill, threshold);
            }
        }
    }

    private static (double Skill, string Detail) ClassificationSkill(List<string[]> training, List<string[]> heldOut, int feature, int label, ColumnKind kind)
    {
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        int ClassOf(string[] row)
        {
            var value = row[label].Trim();
            if (!classes.TryGetValue(value, out var id))
            {
                classes[value] = id = classes.Count;
            }

            return id;
        }

        var trainingClasses = training.Select(ClassOf).ToArray();
        var counts = new int[classes.Count];
        int Majority(ReadOnlySpan<int> members)
        {
            // The commonest class; ties go to the lower class number, so the answer does not depend on row order.
            Array.Clear(counts);
            var best = members[0];
            foreach (var member in members)
            {
                if (++counts[member] > counts[best] || (counts[member] == counts[best] && member < best))
                {
                    best = member;
                }
            }

            return best;
        }

        var majority = Majority(trainingClasses);
        var predictor = new NearestValue<int>(kind, training.Select(r => r[feature]), trainingClasses, Majority, majority);
        var correct = 0;
        var baseline = 0;
        foreach (var row in heldOut)
        {
            var actual = ClassOf(row);
            correct += predictor.Predict(row[feature]) == actual ? 1 : 0;
            baseline += majority == actual ? 1 : 0;
        }

        var accuracy = (double)correct / heldOut.Count;
        var chance = (double)baseline / heldOut.Count;
        var skill = chance >= 1 ? 0 : (accuracy - chance) / (1 - chance);
        return (skill, $"accuracy {Format(accuracy)}, against {Format(chance)} by always guessing the commonest class");
    }

    private static (double Skill, string Detail) RegressionSkill(List<string[]> training, List<string[]> heldOut, int feature, int label, ColumnKind kind)
    {
        static double Target(string[] row, int label) => CsvValues.TryParseNumber(row[label].Trim(), out var y) ? y : double.NaN;

        var trainingRows = training.Where(r => !double.IsNaN(Target(r, label))).ToList();
        var heldOutRows = heldOut.Where(r => !double.IsNaN(Target(r, label))).ToList();
        if (trainingRows.Count < MinHeldOutRows || heldOutRows.Count < MinHeldOutRows)
        {
            return (0, "");
        }

        var targets = trainingRows.Select(r => Target(r, label)).ToArray();
        var mean = targets.Average();
        var nearest = new NearestValue<double>(kind, trainingRows.Select(r => r[feature]), targets, Mean, mean);
        var line = kind == ColumnKind.Numeric ? StraightLine.Fit(trainingRows.Select(r => r[feature]), targets) : null;

        var actual = heldOutRows.Select(r => Target(r, label)).ToArray();
        var nearestR2 = RSquared(actual, heldOutRows.Select(r => nearest.Predict(r[feature])));
        var lineR2 = line is null ? double.NegativeInfinity : RSquared(actual, heldOutRows.Select(r => line.Predict(r[feature]) ?? mean));
        var skill = Math.Max(nearestR2, lineR2);
        return (skill, $"R² {Format(skill)}");
    }

    private static double RSquared(double[] actual, IEnumerable<double> predicted)
    {
        var mean = actual.Average();
        var total = actual.Sum(y => (y - mean) * (y - mean));
        var residual = actual.Zip(predicted, (y, p) => (y - p) * (y - p)).Sum();
        return total <= 0 ? 0 : 1 - (residual / total);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Predicts from one feature by the training rows with the same category, or the nearest number; a missing value
    /// is a category of its own, and a category never seen gets the overall answer.
    /// </summary>
    private sealed class NearestValue<T>
    {
        private const string MissingKey = "\u0000missing";

        private readonly Dictionary<string, T> byCategory = new(StringComparer.Ordinal);
        private readonly double[] numbers;
        private readonly T[] numberAnswers;
        private readonly T overall;

        public NearestValue(ColumnKind kind, IEnumerable<string> cells, IReadOnlyList<T> targets, Summarize summarize, T overall)
        {
            this.overall = overall;
            var parsed = new List<double>();
            var parsedTargets = new List<T>();
            var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
            var i = 0;
            foreach (var cell in cells)
            {
                var key = Key(cell);
                if (kind == ColumnKind.Numeric && key != MissingKey && CsvValues.TryParseNumber(key, out var number))
                {
                    parsed.Add(number);
                    parsedTargets.Add(targets[i++]);
                    continue;
                }

                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [];
                }

                group.Add(targets[i++]);
            }

            foreach (var (key, group) in groups)
            {
                byCategory[key] = summarize(CollectionsMarshal.AsSpan(group));
            }

            // Equal numbers are one point whose answer summarizes their targets.
            var values = parsed.ToArray();
            var answers = parsedTargets.ToArray();
            Array.Sort(values, answers);
            var distinctNumbers = new List<double>();
            var distinctAnswers = new List<T>();
            for (var start = 0; start < values.Length;)
            {
                var end = start + 1;
                while (end < values.Length && values[end] == values[start])
                {
                    end++;
                }

                distinctNumbers.Add(values[start]);
                distinctAnswers.Add(summarize(answers.AsSpan(start, end - start)));
                start = end;
            }

            numbers = [.. distinctNumbers];
            numberAnswers = [.. distinctAnswers];
        }

        public delegate T Summarize(ReadOnlySpan<T> targets);

        public T Predict(string cell)
        {
            var key = Key(cell);
            if (byCategory.TryGetValue(key, out var answer))
            {
                return answer;
            }

            if (numbers.Length == 0 || key == MissingKey || !CsvValues.TryParseNumber(key, out var number))
            {
                return overall;
            }

            var index = Array.BinarySearch(numbers, number);
            if (index >= 0)
            {
                return numberAnswers[index];
            }

            var above = ~index;
            if (above == 0)
            {
                return numberAnswers[0];
            }

            if (above == numbers.Length)
            {
                return numberAnswers[^1];
            }

            return number - numbers[above - 1] <= numbers[above] - number ? numberAnswers[above - 1] : numberAnswers[above];
        }

        private static string Key(string cell) => MissingValues.IsMissing(cell) ? MissingKey : cell.Trim();
    }

    /// <summary>Least squares y = a + b·x over the rows where x is a number.</summary>
    private sealed class StraightLine(double intercept, double slope)
    {
        public static StraightLine? Fit(IEnumerable<string> cells, double[] targets)
        {
            var points = cells.Select((c, i) => (Ok: CsvValues.TryParseNumber(c.Trim(), out var x), X: x, Y: targets[i])).Where(p => p.Ok).ToList();
            if (points.Count < 2)
            {
                return null;
            }

            var meanX = points.Average(p => p.X);
            var meanY = points.Average(p => p.Y);
            var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
            var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
            return sxx <= 0 ? null : new StraightLine(meanY - (sxy / sxx * meanX), sxy / sxx);
        }

        public double? Predict(string cell) => CsvValues.TryParseNumber(cell.Trim(), out var x) ? intercept + (slope * x) : null;
    }
}
