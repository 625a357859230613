namespace Mlops.Core.Validation;

/// <summary>The stable values of <see cref="Mitigation.Kind"/>.</summary>
public static class MitigationKinds
{
    /// <summary>Train with example weights inversely proportional to class frequency (the label is the column).</summary>
    public const string ClassWeights = "class-weights";

    /// <summary>Split training and holdout rows within each class, so the rare class is on both sides.</summary>
    public const string StratifiedSplit = "stratified-split";

    /// <summary>Missing values of the column are imputed and flagged (what the feature pipeline does).</summary>
    public const string ImputeMissing = "impute-missing";

    /// <summary>The column is not a feature of the model (constant, identifier, date).</summary>
    public const string ExcludeColumn = "exclude-column";

    /// <summary>Rows without a label are left out of training and evaluation.</summary>
    public const string DropUnlabelledRows = "drop-unlabelled-rows";
}
