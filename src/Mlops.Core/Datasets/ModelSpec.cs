namespace Mlops.Core.Datasets;

/// <summary>
/// The optional per-model spec ("datasets/{model}/mlops.json"). Every field may be omitted: whatever it does not
/// say is inferred from the data.
/// </summary>
public sealed record ModelSpec
{
    public string? Label { get; init; }

    public MlTask? Task { get; init; }

    /// <summary>Columns that are not features (identifiers, free text the skeleton does not featurize).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Columns to treat as categorical even when every value parses as a number.</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];
}
