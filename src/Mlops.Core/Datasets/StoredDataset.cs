namespace Mlops.Core.Datasets;

/// <summary>A dataset blob as the store describes it.</summary>
public sealed record StoredDataset(string BlobName, string ETag, string Sha256, long Length);
