namespace Mlops.Functions.Http.Contracts;

public sealed record VersionSummary(int Version, DateTimeOffset CreatedAt, string RunId, string Trainer, IReadOnlyDictionary<string, double> Metrics);
