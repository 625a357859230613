using System.ComponentModel.DataAnnotations;

namespace Mlops.Core.Validation;

/// <summary>
/// The app-wide validation settings. The other thresholds have defaults in <see cref="ValidationThresholds"/> and are
/// overridden per model in its spec rather than for every model at once.
/// </summary>
public sealed class ValidationOptions
{
    public const string Section = "Validation";

    /// <summary>Fewer data rows than this cannot train and hold out anything meaningful.</summary>
    [Range(2, 1_000_000)]
    public int MinRows { get; set; } = 20;

    /// <summary>A feature column with a larger share of missing values is an error.</summary>
    [Range(0.0, 1.0)]
    public double MaxMissingFraction { get; set; } = 0.5;
}
