namespace Mlops.Core.Registry;

public sealed record RegisteredModel(string Name, IReadOnlyDictionary<string, int> Aliases, int? LatestVersion);
