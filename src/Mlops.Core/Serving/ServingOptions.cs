using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Serving;

public sealed class ServingOptions
{
    public const string Section = "Serving";

    /// <summary>How long a served model trusts its cached alias before reading it again.</summary>
    [Range(0, 3600)]
    public int AliasRefreshSeconds { get; set; } = 5;

    /// <summary>The most instances one batch request may carry.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>The largest predict or feedback request body (bytes).</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Predict requests waiting for the shadow queue in one instance: beyond it, shadow rows are dropped (and counted),
    /// never waited for, so a slow queue cannot slow the champion.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ShadowBacklog { get; set; } = 10_000;

    /// <summary>Predictions held in memory on their way to the log; when it is full, <see cref="LogWhenFull"/> decides.</summary>
    [Range(100, 10_000_000)]
    public int LogBufferRows { get; set; } = 100_000;

    /// <summary>
    /// "wait": a request waits for room in the buffer (back-pressure, nothing lost); "drop": the predictions that do
    /// not fit are answered but not logged, and counted in mlops.predictions.log.dropped.
    /// </summary>
    [Required]
    [RegularExpression("^(wait|drop)$", ErrorMessage = "Serving:LogWhenFull is \"wait\" or \"drop\".")]
    public string LogWhenFull { get; set; } = "wait";

    /// <summary>
    /// How long buffered predictions wait to be written together. A crash loses at most what was buffered: the
    /// predictions of the last interval and the batch being written. Each write is a blob per model and minute, so a
    /// longer interval means fewer, larger segments (storage operations are billed per call).
    /// </summary>
    [Range(10, 60_000)]
    public int LogFlushMilliseconds { get; set; } = 1_000;

    /// <summary>How long a label for a prediction id not in the log yet is kept waiting for it (the log may lag).</summary>
    [Range(1, 86_400)]
    public int PendingLabelSeconds { get; set; } = 600;
}
