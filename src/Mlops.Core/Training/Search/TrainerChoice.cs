using System.Globalization;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// The trainers a search tries on a dataset: the task's catalog, less FastTree and FastForest
/// (<see cref="TrainerDefinition.SlotBound"/>) where their time would be spent for nothing, and less the Tweedie
/// trainer (<see cref="TrainerDefinition.SkewedLabelsOnly"/>) unless the label is never negative and skewed. Measured on
/// a trial of five folds: 3,000 short reviews, one-versus-all FastTree 150-185 s against LightGbm's 20 s and the linear
/// model's 5 s, with the lowest macro-F1 of the three; 600 rows of 250 numeric columns, FastTree 42 s against
/// LightGbm's 4 s. LightGbm stays in as the boosted-tree learner, and a search's budget goes to the trainers that remain.
/// </summary>
internal static class TrainerChoice
{
    /// <summary>
    /// Numeric slots (a date counts one per part) above which FastTree and FastForest are left out: well above the
    /// 128 of the digits sample, where one-versus-all FastTree is the best model.
    /// </summary>
    public const int MaxNumericSlotsForSlotBoundTrainers = 200;

    /// <summary>Skewness from which a label that is never negative gets the Tweedie trainer: a clearly long right tail.</summary>
    public const double MinLabelSkewness = 1;

    /// <summary>The names of the trainers to search, in the catalog's order, and sentences naming those left out and why (null when none is).</summary>
    /// <param name="schema">The dataset's schema: its task and features.</param>
    /// <param name="labelSkewness">
    /// The skewness of a regression label that is never negative (<see cref="LabelSkewness"/>); null for any other label.
    /// </param>
    public static (IReadOnlyList<string> Trainers, string? LeftOut) For(DatasetSchema schema, double? labelSkewness = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var catalog = TrainerCatalog.For(schema.Task);
        var layout = FeatureLayout.For(schema);
        var why = layout.TextCount > 0
            ? "the data has text, whose word and character n-grams are thousands of features"
            : layout.NumericCount > MaxNumericSlotsForSlotBoundTrainers
                ? string.Create(CultureInfo.InvariantCulture, $"the data has {layout.NumericCount} numeric features (more than {MaxNumericSlotsForSlotBoundTrainers})")
                : null;
        var skewed = labelSkewness >= MinLabelSkewness;
        List<TrainerDefinition> slotBound = why is null ? [] : [.. catalog.Where(t => t.SlotBound)];
        var unskewed = catalog.Where(t => t.SkewedLabelsOnly && !skewed && !slotBound.Contains(t)).ToList();
        var sentences = new List<string>();
        if (slotBound.Count > 0)
        {
            sentences.Add($"{Names(slotBound)} left out of the search: {why}, and their time grows with every feature (minutes a trial) where the trainers searched learn from such data in a fraction of it.");
        }

        // Said only of a label that is never negative: for any other, the Tweedie loss was never a candidate.
        if (unskewed.Count > 0 && labelSkewness is { } skewness)
        {
            sentences.Add(string.Create(CultureInfo.InvariantCulture, $"{Names(unskewed)} left out of the search: a Tweedie loss is for labels that are never negative with a long right tail (skewness {MinLabelSkewness} or more), and this one's skewness is {skewness:0.##}."));
        }

        return ([.. catalog.Where(t => !slotBound.Contains(t) && !unskewed.Contains(t)).Select(t => t.Name)], sentences.Count == 0 ? null : string.Join(" ", sentences));
    }

    /// <summary>
    /// The skewness of a regression label over <paramref name="rows"/> when no value of it is negative; null for a
    /// label that can be negative, a classification label, or fewer than three values.
    /// </summary>
    public static double? LabelSkewness(ColumnarDataset data, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        if (data.Schema.Task != MlTask.Regression || data.Label is not NumberColumn label)
        {
            return null;
        }

        var (count, sum) = (0L, 0.0);
        foreach (var row in rows)
        {
            var value = label.Values[row];
            if (value < 0)
            {
                return null;
            }

            if (!float.IsNaN(value))
            {
                (count, sum) = (count + 1, sum + value);
            }
        }

        if (count < 3)
        {
            return null;
        }

        var mean = sum / count;
        var (squares, cubes) = (0.0, 0.0);
        foreach (var row in rows)
        {
            var value = label.Values[row];
            if (!float.IsNaN(value))
            {
                var deviation = value - mean;
                squares += deviation * deviation;
                cubes += deviation * deviation * deviation;
            }
        }

        var variance = squares / count;
        return variance <= 0 ? 0 : cubes / count / Math.Pow(variance, 1.5);
    }

    /// <summary>The definitions of <paramref name="names"/>; when null (plans recorded before trainers were chosen), the catalog those plans searched.</summary>
    internal static IReadOnlyList<TrainerDefinition> Resolve(MlTask task, IReadOnlyList<string>? names) =>
        names is null
            ? [.. TrainerCatalog.For(task).Where(t => !t.SkewedLabelsOnly)]
            : [.. TrainerCatalog.For(task).Where(t => names.Contains(t.Name, StringComparer.Ordinal))];

    private static string Names(List<TrainerDefinition> trainers) => trainers.Count == 1
        ? $"{trainers[0].Name} was"
        : $"{string.Join(", ", trainers.SkipLast(1).Select(t => t.Name))} and {trainers[^1].Name} were";
}
