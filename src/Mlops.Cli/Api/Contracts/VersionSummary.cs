namespace Mlops.Cli.Api.Contracts;

/// <summary>One version in GET /api/models/{model}.</summary>
public sealed record VersionSummary(int Version, DateTimeOffset CreatedAt, string RunId, string Trainer, IReadOnlyDictionary<string, double>? Metrics);
