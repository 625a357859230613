namespace Mlops.Core.Registry;

/// <summary>Where a model version came from: enough to reproduce it and to audit it.</summary>
/// <param name="DatasetBlob">"datasets/{model}/{file}.csv" path inside the datasets container.</param>
/// <param name="DatasetETag">The dataset blob's ETag when the run read it.</param>
/// <param name="DatasetSha256">SHA-256 of the dataset content.</param>
/// <param name="RunId">The orchestration instance that produced the version.</param>
/// <param name="ChampionAtTraining">The champion version the candidate was compared with, if there was one.</param>
public sealed record Lineage(string DatasetBlob, string DatasetETag, string DatasetSha256, string RunId, int? ChampionAtTraining);
