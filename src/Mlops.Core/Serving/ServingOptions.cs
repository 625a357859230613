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
}
