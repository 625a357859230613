using Mlops.Core.Datasets;
using Mlops.Core.Errors;

namespace Mlops.Core.Training.Trainers;

/// <summary>The trainers each task searches over, in the order a search tries their defaults.</summary>
internal static class TrainerCatalog
{
    private static readonly Dictionary<MlTask, TrainerDefinition[]> ByTask = new()
    {
        // Boosting first: the strongest default on tabular data. Then the cheap linear model, which wins ties. The Tweedie
        // trainer last, searched only for skewed labels (TrainerChoice).
        [MlTask.BinaryClassification] = [BinaryTrainers.LightGbm, BinaryTrainers.LogisticRegression, BinaryTrainers.FastTree, BinaryTrainers.FastForest],
        [MlTask.MulticlassClassification] = [MulticlassTrainers.LightGbm, MulticlassTrainers.MaximumEntropy, MulticlassTrainers.OneVersusAllFastTree],
        [MlTask.Regression] = [RegressionTrainers.LightGbm, RegressionTrainers.Sdca, RegressionTrainers.FastTree, RegressionTrainers.FastForest, RegressionTrainers.FastTreeTweedie],
    };

    public static IReadOnlyList<TrainerDefinition> For(MlTask task) =>
        ByTask.TryGetValue(task, out var trainers) ? trainers : throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task.");

    /// <summary>What a model trains with when nobody searched: the skeleton's choice per task.</summary>
    public static TrainerDefinition Default(MlTask task) => task switch
    {
        MlTask.BinaryClassification => BinaryTrainers.FastTree,
        MlTask.MulticlassClassification => MulticlassTrainers.MaximumEntropy,
        MlTask.Regression => RegressionTrainers.FastTree,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>Throws <see cref="MlopsException"/> naming the task's trainers when <paramref name="name"/> is not one of them.</summary>
    public static TrainerDefinition Find(MlTask task, string name) =>
        For(task).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw MlopsException.Invalid($"'{name}' is not a {task} trainer; the trainers are {string.Join(", ", For(task).Select(t => t.Name))}.");
}
