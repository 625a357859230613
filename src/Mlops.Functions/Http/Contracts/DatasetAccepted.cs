namespace Mlops.Functions.Http.Contracts;

/// <param name="Started">False when identical content already had a run: that run is answered and nothing starts.</param>
public sealed record DatasetAccepted(string Model, string Dataset, string Sha256, string RunId, bool Started);
