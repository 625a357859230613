using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// What a model was trained on and what its data must keep looking like: the input schema, the profile of each of its
/// columns (types, ranges, quantiles, histogram bins, categories) and the thresholds it was validated with. Built
/// from the accepted data, stored with the model version; the next upload is checked against it, serving can check
/// requests against it and monitoring compares live data with its histograms and categories.
/// </summary>
/// <param name="Version">1 for a model's first contract, then one more than the contract it was checked against.</param>
/// <param name="CreatedAt">When the data was accepted.</param>
/// <param name="Schema">The model's input: features, label, task, classes.</param>
/// <param name="Columns">The profiles of the label and the features, in header order.</param>
/// <param name="Thresholds">The thresholds the data was validated with (defaults, settings and the spec's overrides).</param>
/// <param name="Rows">Rows the model learns from (those with a label).</param>
public sealed record DataContract(
    int Version,
    DateTimeOffset CreatedAt,
    DatasetSchema Schema,
    IReadOnlyList<ColumnProfile> Columns,
    ValidationThresholds Thresholds,
    long Rows)
{
    /// <summary>The metric that decides between models, from the spec; null for the task's default.</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>Columns the spec named as identifiers (not features; serving may echo them).</summary>
    public IReadOnlyList<string> IdColumns { get; init; } = [];

    /// <summary>The share of duplicate rows in the accepted data.</summary>
    public double DuplicateRowRate { get; init; }

    public ColumnProfile? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
