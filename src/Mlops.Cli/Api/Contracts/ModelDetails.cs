namespace Mlops.Cli.Api.Contracts;

/// <summary>GET /api/models/{model}: aliases and every version with its metrics.</summary>
public sealed record ModelDetails(string Name, IReadOnlyDictionary<string, int>? Aliases, IReadOnlyList<VersionSummary>? Versions);
