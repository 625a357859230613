namespace Mlops.Cli.Api.Contracts;

/// <summary>POST /api/datasets/{model}: where the CSV was stored and the run it started (or the run identical content already had).</summary>
public sealed record DatasetAccepted(string Model, string Dataset, string Sha256, string RunId, bool Started);
