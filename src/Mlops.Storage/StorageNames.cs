namespace Mlops.Storage;

/// <summary>The containers and tables of the storage account. The names are part of the public contract.</summary>
public static class StorageNames
{
    /// <summary>Uploaded datasets, "{model}/{file}.csv", and optional specs, "{model}/mlops.json".</summary>
    public const string DatasetsContainer = "datasets";

    /// <summary>Model artifacts: "{model}/{version}/model.zip", "manifest.json" and run candidates.</summary>
    public const string ModelsContainer = "models";

    /// <summary>Rejected datasets and their validation reports.</summary>
    public const string QuarantineContainer = "quarantine";

    /// <summary>
    /// Typed copies of accepted datasets for training, "{model}/{dataset SHA-256}/{shape}.parquet": a cache that a
    /// lifecycle rule expires, rebuilt from the dataset when missing.
    /// </summary>
    public const string ColumnarContainer = "columnar";

    /// <summary>Files to score, "{model}/{file}.csv": each new blob starts a batch scoring job with the champion.</summary>
    public const string ScoringContainer = "scoring";

    /// <summary>Scoring outputs, "{model}/{file}.csv", and the rows a job rejected, "{model}/{file}.rejected.csv".</summary>
    public const string ScoredContainer = "scored";

    /// <summary>Version counters, reservations, committed versions and aliases, one partition per model.</summary>
    public const string ModelRegistryTable = "ModelRegistry";

    /// <summary>
    /// Served predictions, gzipped JSON lines in segments "{model}/{yyyy-MM-dd}/{HHmm}/{first id}-{last id}.jsonl.gz":
    /// the predictions of one model made in one minute that one write of the log carried.
    /// </summary>
    public const string PredictionsContainer = "predictions";

    /// <summary>Each experiment's serving tallies: partition = "{model}~{experiment id}", a row per hour per writing process.</summary>
    public const string ServingTalliesTable = "ServingTallies";

    /// <summary>True labels for served predictions: partition = model, row = prediction id.</summary>
    public const string FeedbackTable = "Feedback";

    /// <summary>Runs and their stages.</summary>
    public const string RunHistoryTable = "RunHistory";

    public static IReadOnlyList<string> Containers { get; } = [DatasetsContainer, ModelsContainer, QuarantineContainer, PredictionsContainer, ColumnarContainer, ScoringContainer, ScoredContainer];

    /// <summary>A/B experiments: partition = model, a row per experiment and one marking the open one.</summary>
    public const string ExperimentsTable = "Experiments";

    /// <summary>Scored outcomes of experiments' predictions: partition = experiment id, row = prediction id.</summary>
    public const string ExperimentOutcomesTable = "ExperimentOutcomes";

    /// <summary>A shadow experiment's challenger predictions: partition = model, row = the champion's prediction id.</summary>
    public const string ShadowPredictionsTable = "ShadowPredictions";

    /// <summary>Monitoring windows and each model's monitoring state: partition = model.</summary>
    public const string MonitoringTable = "Monitoring";

    public static IReadOnlyList<string> Tables { get; } = [ModelRegistryTable, ServingTalliesTable, FeedbackTable, RunHistoryTable, ExperimentsTable, ExperimentOutcomesTable, ShadowPredictionsTable, MonitoringTable];

    /// <summary>Rows for a shadow challenger to score, read by the queue-triggered ShadowScoring function.</summary>
    public const string ShadowQueue = "shadow-predictions";

    public static IReadOnlyList<string> Queues { get; } = [ShadowQueue];
}
