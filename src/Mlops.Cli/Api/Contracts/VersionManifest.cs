namespace Mlops.Cli.Api.Contracts;

/// <summary>GET /api/models/{model}/versions/{version}: the manifest's fields the command line shows.</summary>
public sealed record VersionManifest(
    string Model,
    int Version,
    DateTimeOffset CreatedAt,
    string RunId,
    string Trainer,
    IReadOnlyDictionary<string, string>? Parameters,
    IReadOnlyDictionary<string, double>? Metrics);
