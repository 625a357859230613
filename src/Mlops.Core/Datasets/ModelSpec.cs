using Mlops.Core.Monitoring;

namespace Mlops.Core.Datasets;

/// <summary>
/// The optional per-model spec ("datasets/{model}/mlops.json"). Every field may be omitted: whatever it does not
/// say is inferred from the data, and every threshold it does not set keeps its default.
/// </summary>
public sealed record ModelSpec
{
    public string? Label { get; init; }

    public MlTask? Task { get; init; }

    /// <summary>Columns that are not features (free text the model does not featurize, columns known too late).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Columns to treat as categorical even when every value parses as a number.</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Columns of free text, featurized as word and character n-grams, even when they look like identifiers.</summary>
    public IReadOnlyList<string> Text { get; init; } = [];

    /// <summary>Identifier columns: not features, and left out when rows are compared for duplicates.</summary>
    public IReadOnlyList<string> Id { get; init; } = [];

    /// <summary>The metric that decides between models (a <c>MetricNames</c> key); null for the task's default.</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>
    /// For a binary label, the class the model's probability, precision, recall and average precision are about; null:
    /// inferred ("yes" of yes/no, "true" of true/false, the larger of two numbers, else the later name in ordinal order).
    /// </summary>
    public string? PositiveClass { get; init; }

    /// <summary>Overrides of <see cref="Validation.ValidationThresholds"/> by their camelCase names.</summary>
    public IReadOnlyDictionary<string, double> Thresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>What a new version must show before it is promoted.</summary>
    public Evaluation.EvaluationGates Gates { get; init; } = Evaluation.EvaluationGates.Default;

    /// <summary>How a version that passed its gates reaches the champion's place: at once, or through an experiment.</summary>
    public Experiments.PromotionSettings Promotion { get; init; } = Experiments.PromotionSettings.Default;

    /// <summary>How the champion is watched for drift and decay, and how often monitoring may retrain it.</summary>
    public MonitoringSettings Monitoring { get; init; } = MonitoringSettings.Default;

    /// <summary>
    /// When to retrain on a schedule (NCRONTAB, six fields, seconds first), whatever monitoring sees; checked as each
    /// monitoring window closes, so it fires at the first window after each occurrence. Null: no scheduled retraining.
    /// </summary>
    public string? RetrainSchedule { get; init; }

    /// <summary>The CSV delimiter (',', ';', '\t' or '|'); null: detected from the file.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The decimal mark of the CSV's numbers ('.' or ','); null: detected from the file.</summary>
    public char? DecimalMark { get; init; }

    /// <summary>Whether a date written with numbers only puts the day or the month first; null: detected from the file.</summary>
    public DateOrder? DateOrder { get; init; }

    /// <summary>The CSV's character encoding (UTF-8 or Windows-1252; UTF-16 is always told from the file); null: detected from the file.</summary>
    public CsvEncoding? Encoding { get; init; }

    /// <summary>
    /// The file's own words for "no value" ("pending", "unknown", "-999"), read as an empty cell in every column besides
    /// the tokens every file has; recorded in the schema's dialect so serving, scoring and monitoring read them alike.
    /// </summary>
    public IReadOnlyList<string> MissingValues { get; init; } = [];

    /// <summary>Where the model's registry events are POSTed (see <see cref="WebhookSpec"/>).</summary>
    public IReadOnlyList<WebhookSpec> Webhooks { get; init; } = [];

    /// <summary>
    /// False keeps this model's runs from blending trainers whatever Training__Ensemble says: a blend has no ONNX export,
    /// so a model meant to run elsewhere says so here. Null follows the setting.
    /// </summary>
    public bool? Ensemble { get; init; }
}
