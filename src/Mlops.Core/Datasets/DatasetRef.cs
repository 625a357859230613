namespace Mlops.Core.Datasets;

/// <summary>
/// A dataset blob pinned to the content it had when a run started: the run's lineage and, through the
/// SHA-256, its identity.
/// </summary>
/// <param name="Model">The model the dataset trains.</param>
/// <param name="BlobName">Path inside the datasets container, "{model}/{file}.csv".</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="ETag">The blob's ETag when it was read.</param>
public sealed record DatasetRef(string Model, string BlobName, string Sha256, string ETag);
