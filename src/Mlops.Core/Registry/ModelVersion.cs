using Mlops.Core.Datasets;

namespace Mlops.Core.Registry;

/// <summary>An immutable registered model version: the registry row and the body of manifest.json.</summary>
public sealed record ModelVersion(
    string Model,
    int Version,
    DateTimeOffset CreatedAt,
    string RunId,
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    DatasetSchema Schema,
    Lineage Lineage,
    string ModelSha256);
