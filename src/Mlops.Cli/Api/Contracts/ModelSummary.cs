namespace Mlops.Cli.Api.Contracts;

/// <summary>One model of GET /api/models.</summary>
public sealed record ModelSummary(string Name, IReadOnlyDictionary<string, int>? Aliases, int? LatestVersion);
