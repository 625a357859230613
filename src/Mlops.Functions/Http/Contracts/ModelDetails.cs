namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/models/{model}.</summary>
public sealed record ModelDetails(string Name, IReadOnlyDictionary<string, int> Aliases, IReadOnlyList<VersionSummary> Versions);
