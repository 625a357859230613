namespace Mlops.Workflows.Scoring;

/// <param name="JobId">The job for the file's content and the version.</param>
/// <param name="Version">The version that scores it.</param>
/// <param name="Started">False when that job already existed and nothing new was started.</param>
public sealed record ScoringStart(string JobId, int Version, bool Started);
