namespace Mlops.Core.Validation;

/// <summary>
/// The stable rule identifiers of <see cref="ValidationFinding.Rule"/>. Clients and the quarantine report switch on
/// them, so they never change once shipped.
/// </summary>
public static class ValidationRules
{
    // Reading the file.
    public const string EmptyFile = "empty-file";
    public const string NoHeader = "no-header";
    public const string UnnamedColumn = "unnamed-column";
    public const string DuplicateColumn = "duplicate-column";
    public const string RaggedRow = "ragged-row";
    public const string BadEncoding = "bad-encoding";
    public const string MalformedCsv = "malformed-csv";
    public const string DatasetTooLarge = "dataset-too-large";
    public const string TooManyColumns = "too-many-columns";
    public const string HeaderRepeated = "header-repeated";
    public const string PreambleSkipped = "preamble-skipped";

    // The model spec (datasets/{model}/mlops.json).
    public const string InvalidSpec = "invalid-spec";
    public const string SpecUnknownColumn = "spec-unknown-column";

    // The label and the task.
    public const string LabelMissing = "label-missing";
    public const string LabelByPosition = "label-by-position";
    public const string LabelAsClasses = "label-as-classes";
    public const string LabelMissingValues = "label-missing-values";
    public const string LabelAllMissing = "label-all-missing";
    public const string LabelSingleValued = "label-single-valued";
    public const string LabelUnusable = "label-unusable";
    public const string LabelNotNumeric = "label-not-numeric";
    public const string LabelClassCount = "label-class-count";
    public const string LabelSpellings = "label-spellings";
    public const string ClassImbalance = "class-imbalance";
    public const string LabelLeakage = "label-leakage";

    // Feature columns.
    public const string ColumnAllMissing = "column-all-missing";
    public const string ColumnMissingRate = "column-missing-rate";
    public const string ColumnNonNumericValues = "column-non-numeric-values";
    public const string ColumnMostlyNumeric = "column-mostly-numeric";
    public const string CategorySpellings = "category-spellings";
    public const string NumericCode = "numeric-code";
    public const string ColumnConstant = "column-constant";
    public const string IdentifierColumn = "identifier-column";
    public const string OutlierRate = "outlier-rate";
    public const string LabelOutliers = "label-outliers";

    // The dataset as a whole.
    public const string TooFewRows = "too-few-rows";
    public const string NoFeatures = "no-features";
    public const string DuplicateRows = "duplicate-rows";
    public const string TrainingSample = "training-sample";

    // Against the previous accepted contract of the model.
    public const string ContractMissingColumn = "contract-missing-column";
    public const string ContractTypeChanged = "contract-type-changed";
    public const string NewCategory = "new-category";
    public const string OutOfRange = "out-of-range";
}
