using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Training;

/// <summary>
/// The search's folds over a dataset's training part: which rows a fold fits on (a stratified share of them, by the
/// trial's budget) and which it is scored on. Trials and the ensemble's out-of-fold predictions split alike.
/// </summary>
internal sealed class FoldSplit
{
    private readonly IReadOnlyList<FoldAssignment> folds;

    public FoldSplit(ColumnarDataset data, TrialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        TrainingPart = HoldoutSplit.Split(data, settings.HoldoutFraction, settings.Seed).Training;
        Rows = TableFeatureRows.All(data);
        var trainingPart = TrainingPart;
        folds = data.Derived(
            FormattableString.Invariant($"folds:{settings.HoldoutFraction:R}:{settings.Seed}:{settings.Folds}"),
            () => StratifiedFolds.Assign(data, trainingPart, settings.Folds, settings.Seed));
    }

    /// <summary>The dataset's rows that are not the run's holdout, in dataset order.</summary>
    public int[] TrainingPart { get; }

    /// <summary>Every row of the dataset, as the model reads it.</summary>
    public IReadOnlyList<FeatureRow> Rows { get; }

    /// <summary>The fold of the training part's row at <paramref name="position"/>.</summary>
    public int FoldOf(int position) => folds[position].Fold;

    /// <summary>One fold: the rows fitted on (a <paramref name="budget"/> share, stratified) and the positions scored.</summary>
    public (List<FeatureRow> Training, List<int> Validation) Fold(int fold, double budget)
    {
        var training = new List<FeatureRow>(TrainingPart.Length);
        var validation = new List<int>();
        for (var i = 0; i < TrainingPart.Length; i++)
        {
            if (folds[i].Fold == fold)
            {
                validation.Add(i);
            }
            else if (StratifiedFolds.InSubsample(folds[i], budget))
            {
                training.Add(Rows[TrainingPart[i]]);
            }
        }

        return (training, validation);
    }
}
