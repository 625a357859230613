using System.Globalization;
using Mlops.Core.Datasets;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Search;

/// <summary>
/// The trainers a search tries on a dataset: the task's catalog, less FastTree and FastForest
/// (<see cref="TrainerDefinition.SlotBound"/>) where their time would be spent for nothing. Measured on a trial of five
/// folds: 3,000 short reviews, one-versus-all FastTree 150-185 s against LightGbm's 20 s and the linear model's 5 s,
/// with the lowest macro-F1 of the three; 600 rows of 250 numeric columns, FastTree 42 s against LightGbm's 4 s.
/// LightGbm stays in as the boosted-tree learner, and a search's budget goes to the trainers that remain.
/// </summary>
internal static class TrainerChoice
{
    /// <summary>
    /// Numeric slots (a date counts one per part) above which FastTree and FastForest are left out: well above the
    /// 128 of the digits sample, where one-versus-all FastTree is the best model.
    /// </summary>
    public const int MaxNumericSlotsForSlotBoundTrainers = 200;

    /// <summary>The names of the trainers to search, in the catalog's order, and a sentence naming those left out and why (null when none is).</summary>
    public static (IReadOnlyList<string> Trainers, string? LeftOut) For(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var catalog = TrainerCatalog.For(schema.Task);
        var layout = FeatureLayout.For(schema);
        var why = layout.TextCount > 0
            ? "the data has text, whose word and character n-grams are thousands of features"
            : layout.NumericCount > MaxNumericSlotsForSlotBoundTrainers
                ? string.Create(CultureInfo.InvariantCulture, $"the data has {layout.NumericCount} numeric features (more than {MaxNumericSlotsForSlotBoundTrainers})")
                : null;
        if (why is null)
        {
            return ([.. catalog.Select(t => t.Name)], null);
        }

        var left = catalog.Where(t => t.SlotBound).Select(t => t.Name).ToList();
        return (
            [.. catalog.Where(t => !t.SlotBound).Select(t => t.Name)],
            $"{string.Join(" and ", left)} {(left.Count == 1 ? "was" : "were")} left out of the search: {why}, and their time grows with every feature (minutes a trial) where the trainers searched learn from such data in a fraction of it.");
    }

    /// <summary>The definitions of <paramref name="names"/>; the task's whole catalog when null (plans recorded before trainers were chosen).</summary>
    internal static IReadOnlyList<TrainerDefinition> Resolve(MlTask task, IReadOnlyList<string>? names) =>
        names is null ? TrainerCatalog.For(task) : [.. TrainerCatalog.For(task).Where(t => names.Contains(t.Name, StringComparer.Ordinal))];
}
