namespace Mlops.Functions.Http.Contracts;

/// <param name="Started">False when the same file, content and version already had a job: that job is answered.</param>
public sealed record ScoringAccepted(string JobId, string Model, string File, int Version, bool Started);
